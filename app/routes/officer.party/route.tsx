import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../../auth/permissions";
import { actionContext, readForm, requirePermission } from "../../auth/require.server";
import { officerReach, streetChoice } from "../../auth/scope.server";
import {
  confirmFromForm,
  isSessionRecentlyVerified,
  reverifyRefusal,
  unlessStale,
  type ReverifyPrompt,
} from "../../auth/verification.server";
import { createJointBranch, setCoverageTarget } from "../../domain/party/commands.server";
import {
  halfYearOf,
  isOverviewIntent,
  overviewFormSchema,
  partyFilterOf,
  periodLabel,
  periodPresets,
} from "../../domain/party/forms";
import { partyOverview } from "../../domain/party/queries.server";
import { percent } from "../../domain/party/rules";
import { placeChoices } from "../../domain/places/queries.server";
import { settingState } from "../../domain/settings/queries.server";
import { badRequest, forbidden, type WriteResult } from "../../domain/shared/errors";
import { parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { formatDate, shanghaiDate } from "../../domain/shared/time";
import { FormError } from "../../ui/form";
import { PageHeader } from "../../ui/layout";
import { PeriodFilter, periodQuery } from "../../ui/period-filter";
import { Headline } from "./headline";
import { JointBranchForm } from "./joint-branch-form";
import { OwnBranchDuePanel, UncoveredPanel } from "./lists";
import { PeriodPanel } from "./period-panel";
import { KindsPanel, StreetsPanel } from "./rate-tables";
import { TargetForm } from "./target-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.period ? `${periodLabel(data.period)} ` : ""}党建覆盖 - 登记管理` },
];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "party:manage");
  const today = shanghaiDate(new Date());
  const filter = partyFilterOf(new URL(request.url).searchParams, today);
  // A street officer sees and founds branches only in the own street or town; the domain limits the rows the same way.
  const choice = streetChoice(officerReach(actor), await placeChoices());
  const units = choice.units.map((u) => ({ code: u.code, name: u.name }));
  const keepsTarget = hasPermission(actor, "setting:manage");
  const base = {
    today,
    // Changing the target needs the password given within 10 minutes.
    needsReverify: keepsTarget ? !(await isSessionRecentlyVerified(actor, new Date())) : false,
    canFilter: choice.canChoose,
    units,
    scopeName: choice.scopeName,
    presets: periodPresets(today),
    typed: filter.typed,
  };
  const selected = filter.street ? units.find((u) => u.code === filter.street) : null;
  if (!filter.period.ok || selected === undefined) {
    const problem = filter.period.ok
      ? "找不到该街道（镇），或它不在您的管辖范围内。"
      : filter.period.problem;
    return data(
      { ...base, problem, period: null, selected: null, overview: null, setting: null },
      { status: filter.period.ok ? 404 : 400 },
    );
  }
  const { period } = filter.period;
  const [overview, setting] = await Promise.all([
    partyOverview(actor, { streetCode: selected?.code ?? null, period }),
    keepsTarget ? settingState("partyCoverageTarget") : Promise.resolve(null),
  ]);
  return { ...base, problem: null, period, selected: selected ?? null, overview, setting };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "party:manage");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: overviewFormSchema });
  const intent = submission.payload.intent;
  if (!isOverviewIntent(intent)) badRequest("无法识别的操作，请刷新页面后重试。");
  // The target is a district setting: without the permission the answer is a 403, whatever was typed.
  if (intent === "coverage-target" && !hasPermission(actor, "setting:manage"))
    forbidden("您没有调整区级设置的权限。");
  const refused = (
    result: SubmissionResult<string[]>,
    status: number,
    reverify: ReverifyPrompt | null = null,
    headers?: Record<string, string>,
  ) => data({ intent, result, notice: null, reverify }, { status, headers });
  if (submission.status !== "success") return refused(replyTo(submission), 400);
  const refusedBy = (outcome: Exclude<WriteResult<unknown>, { ok: true }>) =>
    refused(replyTo(submission, outcome), outcome.formError ? 409 : 400);
  const done = (notice: string) => ({
    intent,
    result: submission.reply({ resetForm: true }),
    notice,
    reverify: null,
  });

  const ctx = actionContext(context, actor);
  const { value } = submission;
  if (value.intent === "coverage-target") {
    const check = await confirmFromForm(ctx, form);
    if (check && !check.ok) {
      const refusal = reverifyRefusal(check);
      return refused(
        replyTo(submission),
        refusal.init.status,
        refusal.reverify,
        refusal.init.headers,
      );
    }
    const attempt = await unlessStale(() => setCoverageTarget(ctx, value));
    if (attempt.stale) return refused(replyTo(submission), 403, reverifyRefusal("stale").reverify);
    const outcome = attempt.value;
    if (!outcome.ok) return refusedBy(outcome);
    return done(
      `党组织覆盖率目标已调整为 ${percent(outcome.value)}，上方的达标情况已按新目标重新计算。`,
    );
  }
  const outcome = await createJointBranch(ctx, value);
  if (!outcome.ok) return refusedBy(outcome);
  return done(
    `已成立“${value.name}”（${formatDate(value.foundedOn)}），可在各组织的党建信息中将其纳入。`,
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type Overview = NonNullable<LoaderData["overview"]>;
export type TargetSetting = NonNullable<LoaderData["setting"]>;

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
        period={period}
        typed={loaderData.typed}
        street={selected?.code}
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
