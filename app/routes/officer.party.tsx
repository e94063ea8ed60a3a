import { getFormProps, parse, useForm, type SubmissionResult } from "@conform-to/react";
import { replyTo } from "../domain/shared/form-submission";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { hasPermission } from "../auth/permissions";
import { officerReach, streetChoice } from "../auth/scope.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { badRequest, forbidden } from "../domain/shared/errors";
import {
  organizationTypeLabels,
  organizationTypes,
  type OrganizationType,
} from "../domain/organizations/rules";
import {
  coverageTargetRange,
  halfYearOf,
  isOverviewIntent,
  parseCoverageTargetForm,
  parseJointBranchForm,
  parsePartyPeriod,
  periodLabel,
  periodPresets,
  targetPercent,
  type CoverageTargetValue,
  type JointBranchValue,
  type PartyPeriod,
} from "../domain/party/forms";
import {
  branchKindLabels,
  coverageLabels,
  ownBranchMinimum,
  percent,
  type RateFigure,
} from "../domain/party/rules";
import { createJointBranch, partyOverview } from "../domain/party/party.server";
import { placeChoices } from "../domain/places/queries.server";
import { settingState, updateSetting } from "../domain/settings/settings.server";
import { formatDate, formatDateTime, shanghaiDate } from "../domain/shared/time";
import { ShareBar } from "../ui/community-progress";
import { Button, Field, FormError, PostForm, SelectField } from "../ui/form";
import { ReverifyField } from "../ui/reverify";
import { Badge, PageHeader, Panel, Stat } from "../ui/layout";
import { PeriodFilter, periodQuery } from "../ui/period-filter";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.period ? `${periodLabel(data.period)} ` : ""}党建覆盖 - 登记管理` },
];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "party:manage");
  const today = shanghaiDate(new Date());
  const params = new URL(request.url).searchParams;
  // A street officer sees and founds branches only in the own street or town; the domain limits the rows the same way.
  const choice = streetChoice(officerReach(actor), await placeChoices());
  const canFilter = choice.canChoose;
  const units = choice.units.map((u) => ({ code: u.code, name: u.name }));
  const base = {
    today,
    // Changing the target needs the password given within 10 minutes.
    needsReverify: hasPermission(actor, "setting:manage") ? !(await isSessionRecentlyVerified(actor, new Date())) : false,
    canFilter,
    units,
    scopeName: choice.scopeName,
    presets: periodPresets(today),
    fromText: (params.get("from") ?? "").slice(0, 20),
    toText: (params.get("to") ?? "").slice(0, 20),
  };

  const streetParam = params.get("street")?.trim() || null;
  const selected = streetParam ? units.find((u) => u.code === streetParam) : null;
  const parsed = parsePartyPeriod(params.get("from"), params.get("to"), today);
  if (!parsed.ok || selected === undefined) {
    return data(
      {
        ...base,
        problem: parsed.ok ? "找不到该街道（镇），或它不在您的管辖范围内。" : parsed.problem,
        period: null,
        selected: null,
        overview: null,
        setting: null,
      },
      { status: parsed.ok ? 404 : 400 },
    );
  }

  const [overview, setting] = await Promise.all([
    partyOverview(actor, { streetCode: selected?.code ?? null, period: parsed.period }),
    hasPermission(actor, "setting:manage")
      ? settingState("partyCoverageTarget")
      : Promise.resolve(null),
  ]);
  const order = new Map(units.map((u, i) => [u.name, i]));
  const codeOf = new Map(units.map((u) => [u.name, u.code]));
  const byKind = new Map(overview.byKind.map((k) => [k.key, k]));
  const empty = { covered: 0, total: 0, rate: 0 };
  return {
    ...base,
    problem: null,
    period: parsed.period,
    selected: selected ?? null,
    setting,
    overview: {
      target: overview.target,
      total: overview.total,
      byStreet: overview.byStreet
        .map((s) => ({ ...s, code: codeOf.get(s.key) ?? null }))
        .sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity)),
      // Every kind, so a kind with nothing to cover still shows as such.
      byKind: organizationTypes
        .filter((t) => t !== "community")
        .map((t) => byKind.get(t) ?? { key: t, organizational: empty, work: empty }),
      // By street, as officers divide the work; the domain gives them by name.
      uncovered: overview.uncovered
        .map((r) => ({ id: r.id, name: r.name, street: r.street, type: r.type }))
        .sort(
          (a, b) =>
            (order.get(a.street ?? "") ?? Infinity) - (order.get(b.street ?? "") ?? Infinity),
        ),
      ownBranchDue: overview.ownBranchDue
        .map((r) => ({
          id: r.id,
          name: r.name,
          street: r.street,
          type: r.type,
          formalMembers: r.formalMembers ?? 0,
          coverage: r.coverage,
          branchName: r.branchName,
        }))
        // Those already in a joint branch first: they only need to move.
        .sort(
          (a, b) => Number(b.coverage === "joint_branch") - Number(a.coverage === "joint_branch"),
        ),
      branchesFounded: overview.branchesFounded,
      admissions: overview.admissions,
      formalMembers: overview.formalMembers,
      probationaryMembers: overview.probationaryMembers,
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "party:manage");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (!isOverviewIntent(intent)) badRequest("无法识别的操作，请刷新页面后重试。");
  const ctx = actionContext(context, actor);
  const refused = (result: SubmissionResult<string[]>, status: number, reverify: ReverifyPrompt | null = null, headers?: Record<string, string>) =>
    data({ intent, result, notice: null, reverify }, { status, headers });

  if (intent === "coverage-target") {
    if (!hasPermission(actor, "setting:manage")) forbidden("您没有调整区级设置的权限。");
    const submission = parse(form, { resolve: parseCoverageTargetForm });
    if (submission.status !== "success") return refused(submission.reply(), 400);
    const { partyCoverageTarget, reason, expected } = submission.value;
    const check = await confirmFromForm(ctx, form);
    if (check && !check.ok) {
      const refusal = reverifyRefusal(check);
      return refused(submission.reply(), refusal.init.status, refusal.reverify, refusal.init.headers);
    }
    const attempt = await unlessStale(() =>
      updateSetting(ctx, "partyCoverageTarget", partyCoverageTarget, {
        reason,
        expected,
      }),
    );
    if (attempt.stale) return refused(submission.reply(), 403, reverifyRefusal("stale").reverify);
    const outcome = attempt.value;
    if (!outcome.ok) {
      return refused(
        replyTo(submission, outcome),
        outcome.formError ? 409 : 400,
      );
    }
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      notice: `党组织覆盖率目标已调整为 ${percent(outcome.value)}，上方的达标情况已按新目标重新计算。`,
      reverify: null,
    };
  }

  const submission = parse(form, { resolve: parseJointBranchForm });
  if (submission.status !== "success") return refused(submission.reply(), 400);
  const outcome = await createJointBranch(ctx, submission.value);
  if (!outcome.ok) {
    return refused(
      replyTo(submission, outcome),
      outcome.formError ? 409 : 400,
    );
  }
  return {
    intent,
    result: submission.reply({ resetForm: true }),
    notice: `已成立“${submission.value.name}”（${formatDate(submission.value.foundedOn)}），可在各组织的党建信息中将其纳入。`,
    reverify: null,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Overview = NonNullable<LoaderData["overview"]>;


/** Organizations still to cover for a rate to reach the target; 0 when it is met. */
function shortfall(figure: RateFigure, target: number): number {
  // The small tolerance keeps 0.55 × 100 at 55, not 55.00000000000001 rounded up to 56.
  return Math.max(0, Math.ceil(target * figure.total - 1e-9) - figure.covered);
}

export default function PartyCoveragePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { today, scopeName, selected, problem, overview, period, setting } = loaderData;
  const resultFor = (intent: string) =>
    actionData?.intent === intent ? actionData.result : undefined;
  // Shown in the form's own panel: the page keeps its scroll after a post, so a notice at the top would go unseen.
  const noticeFor = (intent: string) => (actionData?.intent === intent ? actionData.notice : null);
  return (
    <>
      <PageHeader
        title="党建覆盖"
        description={
          <>
            {scopeName}
            {selected ? ` · ${selected.name}` : ""} ·
            社会组织党组织“两个覆盖”：组织覆盖指已建立党组织（单独组建或纳入联合党支部），工作覆盖另含选派党建指导员的组织。统计截至{" "}
            {formatDate(today)}。
          </>
        }
      />
      <FormError errors={problem ? [problem] : null}>
        <Link to={`/officer/party${periodQuery(null, null)}`}>
          查看本半年（{periodLabel(halfYearOf(today))}）的党建覆盖情况
        </Link>
      </FormError>
      <PeriodFilter
        path="/officer/party"
        presets={loaderData.presets}
        period={loaderData.period}
        typed={{ from: loaderData.fromText, to: loaderData.toText }}
        street={loaderData.selected?.code}
        canFilter={loaderData.canFilter}
        units={loaderData.units}
      />
      {overview && period ? (
        <>
          <Headline overview={overview} />
          <StreetsPanel overview={overview} period={period} canFilter={loaderData.canFilter} />
          <KindsPanel overview={overview} />
          <UncoveredPanel overview={overview} />
          <OwnBranchDuePanel overview={overview} />
          <PeriodPanel overview={overview} period={period} />
          <JointBranchForm
            units={loaderData.units}
            canFilter={loaderData.canFilter}
            selected={selected?.code ?? ""}
            today={today}
            lastResult={resultFor("joint-branch")}
            notice={noticeFor("joint-branch")}
          />
          {setting ? (
            <TargetForm
              setting={setting}
              lastResult={resultFor("coverage-target")}
              notice={noticeFor("coverage-target")}
              needsReverify={loaderData.needsReverify}
              reverify={actionData?.intent === "coverage-target" ? actionData.reverify : null}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}


function TargetMark({ figure, target }: { figure: RateFigure; target: number }) {
  if (!figure.total) return null;
  const short = shortfall(figure, target);
  return short ? (
    <Badge tone="red">未达目标，差 {short} 个</Badge>
  ) : (
    <Badge tone="green">已达目标</Badge>
  );
}

function Headline({ overview }: { overview: Overview }) {
  const { total, target } = overview;
  const { organizational, work } = total;
  const instructors = work.covered - organizational.covered;
  if (!organizational.total) {
    return (
      <Panel>
        <p className="text-slate-700">
          所选范围内没有应覆盖的社会组织（登记在册的社会团体、民办非企业单位和基金会）。
        </p>
      </Panel>
    );
  }
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading" className="sr-only">
        覆盖率
      </h2>
      <dl className="grid gap-4 md:grid-cols-2">
        <div className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">组织覆盖率</dt>
          <dd className="mt-1">
            <span className="text-2xl font-semibold text-slate-900 tabular-nums">
              {percent(organizational.rate)}
            </span>
            <span className="ml-1 text-sm text-slate-700">
              （已建党组织 {organizational.covered} 个 / 应覆盖 {organizational.total} 个）
            </span>
          </dd>
          <dd className="mt-2">
            <ShareBar share={organizational.rate} />
          </dd>
          <dd className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            目标 {percent(target)} <TargetMark figure={organizational} target={target} />
          </dd>
        </div>
        <div className="rounded border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">工作覆盖率（含选派党建指导员）</dt>
          <dd className="mt-1">
            <span className="text-2xl font-semibold text-slate-900 tabular-nums">
              {percent(work.rate)}
            </span>
            <span className="ml-1 text-sm text-slate-700">
              （已覆盖 {work.covered} 个，其中选派党建指导员 {instructors} 个 / 应覆盖 {work.total}{" "}
              个）
            </span>
          </dd>
          <dd className="mt-2">
            <ShareBar share={work.rate} />
          </dd>
          <dd className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            目标 {percent(target)} <TargetMark figure={work} target={target} />
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-600">
        应覆盖：登记在册、状态正常或列入活动异常名录的社会团体、民办非企业单位和基金会；社区社会组织不计入。目标为区级设置的覆盖率目标。
      </p>
    </section>
  );
}

function RateCells({ figure, target }: { figure: RateFigure; target: number }) {
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{figure.covered}</td>
      <td className="px-3 py-2 text-right tabular-nums">
        {figure.total ? (
          <>
            {percent(figure.rate)}
            {shortfall(figure, target) ? (
              <span className="ml-1 text-xs text-red-800">（低于目标）</span>
            ) : null}
          </>
        ) : (
          "—"
        )}
      </td>
    </>
  );
}

const rateHeadings = (
  <>
    <th scope="col" className="px-3 py-2 text-right">
      应覆盖
    </th>
    <th scope="col" className="px-3 py-2 text-right">
      组织覆盖（个）
    </th>
    <th scope="col" className="px-3 py-2 text-right">
      组织覆盖率
    </th>
    <th scope="col" className="px-3 py-2 text-right">
      工作覆盖（个）
    </th>
    <th scope="col" className="px-3 py-2 text-right">
      工作覆盖率
    </th>
  </>
);

function StreetsPanel({
  overview,
  period,
  canFilter,
}: {
  overview: Overview;
  period: PartyPeriod;
  canFilter: boolean;
}) {
  const { byStreet, total, target } = overview;
  if (!byStreet.length) return null;
  return (
    <Panel title="各街道（镇）覆盖情况" className="mt-6">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm whitespace-nowrap">
          <caption className="sr-only">
            各街道（镇）社会组织的组织覆盖和工作覆盖，目标 {percent(target)}
          </caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                街道（镇）
              </th>
              {rateHeadings}
            </tr>
          </thead>
          <tbody>
            {byStreet.map((s) => (
              <tr key={s.key} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-normal">
                  {canFilter && s.code && byStreet.length > 1 ? (
                    <Link to={`/officer/party${periodQuery(period, s.code)}`}>{s.key}</Link>
                  ) : (
                    s.key
                  )}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{s.organizational.total}</td>
                <RateCells figure={s.organizational} target={target} />
                <RateCells figure={s.work} target={target} />
              </tr>
            ))}
          </tbody>
          {byStreet.length > 1 ? (
            <tfoot className="border-t-2 border-slate-300 font-medium">
              <tr>
                <th scope="row" className="px-3 py-2">
                  合计
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{total.organizational.total}</td>
                <RateCells figure={total.organizational} target={target} />
                <RateCells figure={total.work} target={target} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </Panel>
  );
}

function KindsPanel({ overview }: { overview: Overview }) {
  const { byKind, target } = overview;
  return (
    <Panel title="各类型覆盖情况" className="mt-6">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm whitespace-nowrap">
          <caption className="sr-only">
            社会团体、民办非企业单位和基金会的组织覆盖和工作覆盖，目标 {percent(target)}
          </caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                类型
              </th>
              {rateHeadings}
            </tr>
          </thead>
          <tbody>
            {byKind.map((k) => (
              <tr key={k.key} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-normal">
                  {organizationTypeLabels[k.key as OrganizationType]}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{k.organizational.total}</td>
                <RateCells figure={k.organizational} target={target} />
                <RateCells figure={k.work} target={target} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

/** A long list scrolls inside its box, headings in view, so the panels after it stay within reach. */
function ListRegion({
  rows,
  captionId,
  children,
}: {
  rows: number;
  captionId: string;
  children: ReactNode;
}) {
  if (rows <= 15) return <div className="overflow-x-auto">{children}</div>;
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="max-h-[32rem] overflow-auto rounded border border-slate-200 focus:outline-2 focus:outline-brand-700"
    >
      {children}
    </div>
  );
}

function OrganizationCell({ id, name }: { id: number; name: string }) {
  return (
    <th scope="row" className="px-3 py-2 font-normal">
      <Link to={`/officer/orgs/${id}#party`}>{name}</Link>
    </th>
  );
}

function UncoveredPanel({ overview }: { overview: Overview }) {
  const { uncovered } = overview;
  return (
    <Panel title="未覆盖的组织" className="mt-6">
      {uncovered.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            共 {uncovered.length}{" "}
            个：既未建立或纳入党组织，也未选派党建指导员。点击名称可在组织页面录入党建信息。
          </p>
          <ListRegion rows={uncovered.length} captionId="uncovered-caption">
            <table className="w-full text-left text-sm">
              <caption id="uncovered-caption" className="sr-only">
                未覆盖的组织，共 {uncovered.length} 个
              </caption>
              <thead className="sticky top-0 bg-white text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    组织
                  </th>
                  <th scope="col" className="px-3 py-2">
                    所属街道（镇）
                  </th>
                  <th scope="col" className="px-3 py-2">
                    类型
                  </th>
                </tr>
              </thead>
              <tbody>
                {uncovered.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <OrganizationCell id={r.id} name={r.name} />
                    <td className="px-3 py-2 whitespace-nowrap">{r.street ?? "—"}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {organizationTypeLabels[r.type]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ListRegion>
        </>
      ) : (
        <p className="text-slate-700">所选范围内应覆盖的组织均已覆盖。</p>
      )}
    </Panel>
  );
}

function OwnBranchDuePanel({ overview }: { overview: Overview }) {
  const { ownBranchDue } = overview;
  return (
    <Panel title={`正式党员${ownBranchMinimum}名以上仍在联合党支部（应单独组建）`} className="mt-6">
      {ownBranchDue.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            正式党员 {ownBranchMinimum} 名以上的组织应单独组建党支部。共 {ownBranchDue.length}{" "}
            个尚未单独组建，仍在联合党支部的排在前面，也列出仅选派党建指导员或尚未覆盖的。
          </p>
          <ListRegion rows={ownBranchDue.length} captionId="own-branch-due-caption">
            <table className="w-full text-left text-sm">
              <caption id="own-branch-due-caption" className="sr-only">
                正式党员 {ownBranchMinimum} 名以上、尚未单独组建党支部的组织，共{" "}
                {ownBranchDue.length} 个
              </caption>
              <thead className="sticky top-0 bg-white text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    组织
                  </th>
                  <th scope="col" className="px-3 py-2">
                    所属街道（镇）
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    正式党员
                  </th>
                  <th scope="col" className="px-3 py-2">
                    现覆盖方式
                  </th>
                </tr>
              </thead>
              <tbody>
                {ownBranchDue.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <OrganizationCell id={r.id} name={r.name} />
                    <td className="px-3 py-2 whitespace-nowrap">{r.street ?? "—"}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.formalMembers} 名</td>
                    <td className="px-3 py-2">
                      {coverageLabels[r.coverage]}
                      {r.branchName ? `：${r.branchName}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ListRegion>
        </>
      ) : (
        <p className="text-slate-700">
          正式党员 {ownBranchMinimum} 名以上的组织均已单独组建党支部。
        </p>
      )}
    </Panel>
  );
}

function PeriodPanel({ overview, period }: { overview: Overview; period: PartyPeriod }) {
  const { branchesFounded, admissions } = overview;
  const label = periodLabel(period);
  const range = `${formatDate(period.from)}至${formatDate(period.to)}`;
  return (
    <section aria-labelledby="period-heading" className="mt-6">
      <h2 id="period-heading" className="mb-3 text-lg font-semibold text-slate-900">
        {label}
        {label === range ? (
          ""
        ) : (
          <span className="ml-2 text-sm font-normal text-slate-600">（{range}）</span>
        )}
      </h2>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="本期新建党组织" value={`${branchesFounded.length} 个`} />
        <Stat
          label="本期发展预备党员"
          value={`${admissions.total} 名`}
          hint={`涉及 ${new Set(admissions.items.map((a) => a.organizationId)).size} 个组织`}
        />
        <Stat
          label="正式党员（现有）"
          value={`${overview.formalMembers} 名`}
          hint="应覆盖组织中的合计"
        />
        <Stat
          label="预备党员（现有）"
          value={`${overview.probationaryMembers} 名`}
          hint="应覆盖组织中的合计"
        />
      </dl>
      <Panel title="新建党组织" className="mt-4">
        {branchesFounded.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{label}新建的党组织</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    名称
                  </th>
                  <th scope="col" className="px-3 py-2">
                    组建方式
                  </th>
                  <th scope="col" className="px-3 py-2">
                    成立日期
                  </th>
                  <th scope="col" className="px-3 py-2">
                    书记
                  </th>
                </tr>
              </thead>
              <tbody>
                {branchesFounded.map((b) => (
                  <tr key={b.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      {b.name}
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">{branchKindLabels[b.kind]}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(b.foundedOn)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{b.secretary ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-slate-700">本期没有新建党组织。</p>
        )}
      </Panel>
      <Panel title="发展预备党员" className="mt-4">
        {admissions.items.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                {label}各组织发展的预备党员，合计 {admissions.total} 名
              </caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    组织
                  </th>
                  <th scope="col" className="px-3 py-2">
                    接收日期
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    人数
                  </th>
                </tr>
              </thead>
              <tbody>
                {admissions.items.map((a, i) => (
                  <tr
                    key={`${a.organizationId}-${a.admittedOn}-${i}`}
                    className="border-t border-slate-100"
                  >
                    <OrganizationCell id={a.organizationId} name={a.name} />
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(a.admittedOn)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{a.count} 名</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t-2 border-slate-300 font-medium">
                <tr>
                  <th scope="row" colSpan={2} className="px-3 py-2">
                    合计
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{admissions.total} 名</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p className="text-slate-700">本期没有发展预备党员的记录。</p>
        )}
      </Panel>
    </section>
  );
}

function TextNotice({ text }: { text: string | null }) {
  return text ? (
    <Notice>
      {text}
    </Notice>
  ) : null;
}

/** This page as it is filtered, at the form's section: without JavaScript the answer opens where the form is. */
function useSectionAction(section: string): string {
  const { pathname, search } = useLocation();
  return `${pathname}${search}#${section}`;
}

function JointBranchForm({
  units,
  canFilter,
  selected,
  today,
  lastResult,
  notice,
}: {
  units: Array<{ code: string; name: string }>;
  canFilter: boolean;
  selected: string;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
  notice: string | null;
}) {
  const [form, fields] = useForm<JointBranchValue>({
    id: "joint-branch",
    lastResult,
    // What a reset after a founded branch returns the fields to.
    defaultValue: { streetCode: canFilter ? selected : (units[0]?.code ?? "") },
    onValidate: ({ formData }) => parse(formData, { resolve: parseJointBranchForm }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typed = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);
  return (
    <div id="joint-branch">
      <Panel title="成立联合党支部" className="mt-6">
        <p className="mb-4 text-sm text-slate-600">
          正式党员不足 {ownBranchMinimum}{" "}
          名的组织可按区域或行业纳入联合党支部。成立后，在各组织页面的“党建信息”中选择纳入。成立记入审计日志。
        </p>
        <TextNotice text={notice} />
        <FormError errors={form.errors} />
        <PostForm
         
          action={useSectionAction("joint-branch")}
          preventScrollReset
          {...getFormProps(form)}
          className="grid max-w-2xl gap-x-6 sm:grid-cols-2"
        >
          <input type="hidden" name="intent" value="joint-branch" />
          <Field
            label="党支部名称"
            name={fields.name.name}
            defaultValue={typed(fields.name.initialValue)}
            errors={fields.name.errors}
            maxLength={60}
            hint="如“某某街道社会组织联合党支部”"
            required
          />
          <Field
            label="成立日期"
            name={fields.foundedOn.name}
            type="date"
            max={today}
            defaultValue={typed(fields.foundedOn.initialValue)}
            errors={fields.foundedOn.errors}
            required
          />
          <SelectField
            label="所属街道（镇）"
            name={fields.streetCode.name}
            defaultValue={typed(fields.streetCode.initialValue)}
            errors={fields.streetCode.errors}
            hint={
              canFilter ? "行业联合党支部可不属于某个街道（镇），全区的组织均可纳入" : undefined
            }
          >
            {canFilter ? <option value="">全区（行业联合党支部）</option> : null}
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <Field
            label="党支部书记"
            name={fields.secretary.name}
            defaultValue={typed(fields.secretary.initialValue)}
            errors={fields.secretary.errors}
            maxLength={20}
            hint="可暂不填写"
          />
          <div className="sm:col-span-2">
            <Button type="submit">成立联合党支部</Button>
          </div>
        </PostForm>
      </Panel>
    </div>
  );
}

function TargetForm({
  setting,
  lastResult,
  notice,
  needsReverify,
  reverify,
}: {
  needsReverify: boolean;
  reverify: ReverifyPrompt | null;
  setting: NonNullable<LoaderData["setting"]>;
  lastResult: SubmissionResult<string[]> | undefined;
  notice: string | null;
}) {
  const current = setting.value;
  const [form, fields] = useForm<CoverageTargetValue>({
    // A new id once the target changed, so the fields start again from the new value.
    id: `party-coverage-target-${current}`,
    lastResult,
    defaultValue: { partyCoverageTarget: targetPercent(current), reason: "" },
    onValidate: ({ formData }) => parse(formData, { resolve: parseCoverageTargetForm }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typed = (value: unknown, fallback: string) =>
    typeof value === "string" ? value : fallback;
  const { min, max } = coverageTargetRange;
  return (
    <div id="coverage-target">
      <Panel title="调整覆盖率目标" className="mt-6">
        <p className="mb-4 text-sm text-slate-700">
          现行目标：{percent(current)}
          {setting.updatedAt
            ? `（${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整）`
            : "（默认值）"}
          。默认 {percent(setting.defaultValue)}，即年底前社会组织党组织覆盖率达到 90%
          以上。组织覆盖率和工作覆盖率均对照此目标。调整会记入审计日志。
        </p>
        <TextNotice text={notice} />
        <FormError errors={form.errors} />
        <PostForm
         
          action={useSectionAction("coverage-target")}
          preventScrollReset
          {...getFormProps(form)}
          className="max-w-md"
        >
          <input type="hidden" name="intent" value="coverage-target" />
          <input type="hidden" name={fields.expected.name} value={current} />
          <Field
            label="新的覆盖率目标（%）"
            name={fields.partyCoverageTarget.name}
            inputMode="decimal"
            defaultValue={typed(fields.partyCoverageTarget.initialValue, "")}
            errors={fields.partyCoverageTarget.errors}
            hint={`${min} 到 ${max} 之间的百分数，最多一位小数，如 90 或 92.5`}
            required
          />
          <Field
            label="调整原因"
            name={fields.reason.name}
            defaultValue={typed(fields.reason.initialValue, "")}
            errors={fields.reason.errors}
            maxLength={500}
            required
          />
          <ReverifyField needed={needsReverify} prompt={reverify} />
          <Button type="submit">保存目标</Button>
        </PostForm>
      </Panel>
    </div>
  );
}
