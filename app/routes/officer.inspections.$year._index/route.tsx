import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import {
  confirmFromForm,
  isSessionRecentlyVerified,
  reverifyRefusal,
  staleVerificationMessage,
  unlessStale,
  type ReverifyPrompt,
} from "../auth/verification.server";
import { formatShare } from "../domain/committees/coverage";
import { badRequest, notFound } from "../domain/shared/errors";
import {
  abnormalBatchSchema,
  deadlinesSchema,
  defaultListingReason,
  listingDateProblem,
  parseInspectionYear,
  publishAllSchema,
  publishOneSchema,
} from "../domain/inspections/forms";
import { inspectionStateLabels } from "../domain/inspections/rules";
import {
  abnormalListFor,
  changeDeadlines,
  inspectionYear,
  placeOnAbnormalList,
  publishConclusions,
  reportsOfYear,
  yearOverview,
  type FiledInspectionState,
} from "../domain/inspections/inspections.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { placeChoices } from "../domain/places/queries.server";
import { formatDate, formatDateTime, shanghaiDate } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel, Stat } from "../ui/layout";
import { ConclusionBadge, ConfirmBox, InspectionStateBadge, shortKindLabels, TallyTable } from "../ui/officer-inspection";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { ReverifyField, reverifyHref } from "../ui/reverify";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.year ?? ""} 年度年检 - 年度检查` }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

const stateFilters: Array<{ value: FiledInspectionState | "all"; label: string }> = [
  { value: "submitted", label: "待审查（已报送）" },
  { value: "returned", label: inspectionStateLabels.returned },
  { value: "concluded", label: inspectionStateLabels.concluded },
  { value: "all", label: "全部已报送" },
];

function yearOf(param: string | undefined): number {
  return parseInspectionYear(param) ?? notFound("找不到该年度的年检。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const year = yearOf(params.year);
  const now = new Date();
  const requested = new URL(request.url).searchParams.get("state") ?? "submitted";
  const filter = stateFilters.find((f) => f.value === requested)?.value ?? "submitted";
  const canReview = hasPermission(actor, "inspection:review");
  const overview = await yearOverview(actor, year, now);
  const [reports, concluded, listed, units, recent] = await Promise.all([
    reportsOfYear(actor, year, { state: filter === "all" ? undefined : filter }),
    canReview ? reportsOfYear(actor, year, { state: "concluded" }) : Promise.resolve([]),
    abnormalListFor(actor, now),
    placeChoices(),
    canReview ? isSessionRecentlyVerified(actor, now) : Promise.resolve(true),
  ]);
  // Kinds in the register's order, streets in the district's.
  const kindOrder = Object.keys(organizationTypeLabels);
  const streetOrder = units.map((u) => u.name);
  const rank = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const listedIds = new Set(listed.map((l) => l.listing.organizationId));
  const { settings } = overview;
  return {
    year,
    scopeName: actor.role === "street_officer" ? (units.find((u) => u.id === actor.placeId)?.name ?? "本街道") : "全区",
    settings: { supervisingDeadline: settings.supervisingDeadline, registryDeadline: settings.registryDeadline, version: settings.version },
    total: overview.total,
    byKind: overview.byKind.sort((a, b) => rank(kindOrder, a.type) - rank(kindOrder, b.type)),
    byStreet: overview.byStreet.sort((a, b) => rank(streetOrder, a.street) - rank(streetOrder, b.street)),
    conclusions: overview.conclusions,
    pastDeadline: overview.pastDeadline,
    daysToDeadline: overview.daysToDeadline,
    notFiled: overview.notFiled.map((o) => ({ ...o, listed: listedIds.has(o.id) })),
    reports,
    filter,
    unpublished: concluded.filter((r) => !r.publishedAt).map((r) => r.id),
    canReview,
    // Publishing conclusions needs the password given within 10 minutes.
    needsReverify: !recent,
    today: shanghaiDate(now),
  };
}

type Intent = "deadlines" | "publish" | "publish-all" | "abnormal";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const year = yearOf(params.year);
  const settings = (await inspectionYear(year)) ?? notFound("该年度年检尚未开启。");
  const ctx = actionContext(context, actor);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "") as Intent;
  const refused = (result: SubmissionResult<string[]>, status = 400, reverify: ReverifyPrompt | null = null, headers?: Record<string, string>) =>
    data({ intent, result, notice: null, reverify }, { status, headers });
  const done = (result: SubmissionResult<string[]>, notice: string) => ({ intent, result, notice, reverify: null });
  /** Publishing needs a recent verification: a password given with the form is checked first. */
  const publishing = async (result: () => SubmissionResult<string[]>, reportIds: number[]) => {
    const check = await confirmFromForm(ctx, form);
    if (check && !check.ok) {
      const refusal = reverifyRefusal(check);
      return { refusal: refused(result(), refusal.init.status, refusal.reverify, refusal.init.headers) };
    }
    const attempt = await unlessStale(() => publishConclusions(ctx, year, reportIds));
    if (attempt.stale) {
      return { refusal: refused(result(), 403, reverifyRefusal("stale").reverify) };
    }
    return { published: attempt.value };
  };

  switch (intent) {
    case "deadlines": {
      const submission = parseSubmission(form, { schema: deadlinesSchema });
      if (submission.status !== "success") return refused(submission.reply());
      const outcome = await changeDeadlines(ctx, year, submission.value);
      if (!outcome.ok) {
        return refused(replyTo(submission, outcome), 409);
      }
      return done(submission.reply(), "截止日期已调整，已记入审计日志。");
    }
    case "publish": {
      const submission = parseSubmission(form, { schema: publishOneSchema });
      if (submission.status !== "success") return refused(submission.reply());
      const outcome = await publishing(() => submission.reply({ formErrors: [staleVerificationMessage] }), [submission.value.reportId]);
      if ("refusal" in outcome) return outcome.refusal;
      const published = outcome.published;
      if (!published) return refused(submission.reply({ formErrors: ["该结论已公布或尚未作出，请刷新页面查看最新状态。"] }), 409);
      return done(submission.reply(), "已公布该组织的年检结论，公开登记信息中已可查看。");
    }
    case "publish-all": {
      const submission = parseSubmission(form, { schema: publishAllSchema });
      if (submission.status !== "success") return refused(submission.reply());
      const shown = submission.value.reportIds;
      const outcome = await publishing(() => submission.reply(), shown);
      if ("refusal" in outcome) return outcome.refusal;
      const published = outcome.published;
      const skipped = shown.length - published;
      return done(
        submission.reply({ resetForm: true }),
        `已公布 ${published} 个组织的年检结论${skipped ? `；另有 ${skipped} 个已由他人公布，未重复公布` : ""}。`,
      );
    }
    case "abnormal": {
      const submission = parseSubmission(form, { schema: abnormalBatchSchema });
      if (submission.status !== "success") return refused(submission.reply());
      const { only, organizationIds, reason, listedOn } = submission.value;
      const ids = only ? [only] : [...new Set(organizationIds)];
      if (!ids.length) return refused(submission.reply({ fieldErrors: { organizationIds: ["请至少勾选一个组织"] } }));
      const overview = await yearOverview(actor, year, ctx.now);
      if (!overview.pastDeadline) {
        return refused(submission.reply({ formErrors: ["登记管理机关截止日期尚未届满，不能因未报送列入活动异常名录。"] }), 409);
      }
      const dateProblem = listingDateProblem(listedOn, { today: shanghaiDate(ctx.now), registryDeadline: settings.registryDeadline });
      if (dateProblem) return refused(submission.reply({ fieldErrors: { listedOn: [dateProblem] } }));
      const nonFilers = new Set(overview.notFiled.map((o) => o.id));
      if (ids.some((id) => !nonFilers.has(id))) {
        return refused(submission.reply({ formErrors: ["所选组织已不在本年度未报送名单中，请刷新页面后重新选择。"] }), 409);
      }
      const outcome = await placeOnAbnormalList(ctx, { organizationIds: ids, reason, listedOn, inspectionYear: year });
      if (!outcome.ok) {
        return refused(replyTo(submission, outcome), 409);
      }
      const skipped = ids.length - outcome.value;
      return done(
        submission.reply({ resetForm: true }),
        `已将 ${outcome.value} 个组织列入活动异常名录${skipped ? `；另有 ${skipped} 个已在名录中或状态已变更，未重复列入` : ""}。`,
      );
    }
    default:
      badRequest("未知的操作。");
  }
}

export default function InspectionYearPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { year, scopeName, settings, total, byKind, byStreet, conclusions, pastDeadline, daysToDeadline, canReview } = loaderData;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  // The row buttons that publish one conclusion are plain forms: their refusal shows here.
  const publishErrors = actionData?.intent === "publish" && !actionData.notice ? Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? []) : null;
  return (
    <>
      <PageHeader
        title={`${year} 年度年检`}
        description={
          <>
            <Link to="/officer/inspections">返回年检年度</Link> · 报送 {year - 1} 年度工作报告 · {scopeName} · 业务主管单位初审截止{" "}
            {formatDate(settings.supervisingDeadline)} · 登记管理机关截止 {formatDate(settings.registryDeadline)}
            {pastDeadline ? "（已截止）" : `（还有 ${daysToDeadline} 天）`}
          </>
        }
      />
      {params.get("opened") && !actionData ? (
        <Notice>
          {year} 年度年检已开启，应参加的组织现在可以填报年度报告。
        </Notice>
      ) : null}
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      <FormError errors={publishErrors}>
        {actionData?.intent === "publish" && actionData.reverify ? (
          <Link to={reverifyHref(`/officer/inspections/${year}`)}>前往确认身份，完成后回到本页重新公布</Link>
        ) : null}
      </FormError>

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          参检情况
        </h2>
        <ul className="mb-4 space-y-1 text-base text-slate-900">
          {byKind.map((k) => (
            <li key={k.type}>
              应参加 <strong className="tabular-nums">{k.due}</strong> 个{shortKindLabels[k.type]}，已报送{" "}
              <strong className="tabular-nums">{formatShare(k.participationRate)}</strong>
            </li>
          ))}
        </ul>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <Stat label="应参加" value={total.due} />
          <Stat label="已报送" value={total.filed} hint={`参检率 ${formatShare(total.participationRate)}`} />
          <Stat label="未报送" value={total.notFiled} hint={pastDeadline ? "已过截止日期" : `距截止还有 ${daysToDeadline} 天`} />
          <Stat label="退回修改" value={total.returned} />
          <Stat
            label="已作结论"
            value={total.concluded}
            hint={`合格 ${conclusions.pass} · 基本合格 ${conclusions.basic_pass} · 不合格 ${conclusions.fail}`}
          />
        </dl>
      </section>

      <Panel title="按组织类型" className="mt-6">
        <TallyTable
          caption={`${year} 年度年检按组织类型的参检情况`}
          heading="组织类型"
          rows={byKind.map((k) => ({ key: k.type, label: organizationTypeLabels[k.type], ...k }))}
        />
      </Panel>
      <Panel title="按街道（镇）" className="mt-6">
        <TallyTable
          caption={`${year} 年度年检按街道（镇）的参检情况`}
          heading="街道（镇）"
          rows={byStreet.map((s) => ({ key: s.street, label: s.street, ...s }))}
        />
      </Panel>

      <ReportsPanel year={year} reports={loaderData.reports} filter={loaderData.filter} canReview={canReview} />
      {canReview ? (
        <PublishAllPanel
          count={loaderData.unpublished.length}
          reportIds={loaderData.unpublished}
          lastResult={resultFor("publish-all")}
          needsReverify={loaderData.needsReverify}
          reverify={actionData?.intent === "publish-all" ? actionData.reverify : null}
        />
      ) : null}
      <NotFiledPanel
        year={year}
        rows={loaderData.notFiled}
        pastDeadline={pastDeadline}
        daysToDeadline={daysToDeadline}
        registryDeadline={settings.registryDeadline}
        canList={canReview && pastDeadline}
        today={loaderData.today}
        lastResult={resultFor("abnormal")}
      />
      {canReview ? <DeadlinesPanel settings={settings} lastResult={resultFor("deadlines")} /> : null}
    </>
  );
}

type ReportRow = ReturnType<typeof useLoaderData<typeof loader>>["reports"][number];

function ReportsPanel({ year, reports, filter, canReview }: { year: number; reports: ReportRow[]; filter: string; canReview: boolean }) {
  return (
    <Panel title="年度报告" className="mt-6">
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-3 text-sm">
        <p className="mr-auto self-center text-slate-700">共 {reports.length} 份</p>
        <label className="flex flex-col">
          <span className="text-slate-600">状态</span>
          <select name="state" defaultValue={filter} className="rounded border border-slate-300 bg-white px-2 py-1.5">
            {stateFilters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </Form>
      <div className="max-h-[32rem] overflow-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{year} 年度已报送的年度报告</caption>
          <thead className="sticky top-0 z-10 bg-white text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">组织名称</th>
              <th scope="col" className="px-3 py-2">类型</th>
              <th scope="col" className="px-3 py-2">街道（镇）</th>
              <th scope="col" className="px-3 py-2">状态</th>
              <th scope="col" className="px-3 py-2">报送时间</th>
              <th scope="col" className="px-3 py-2">年检结论</th>
              <th scope="col" className="px-3 py-2">公布</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-normal">
                  <Link to={`/officer/inspections/${year}/reports/${r.id}`}>{r.name}</Link>
                </th>
                <td className="px-3 py-2">{organizationTypeLabels[r.type]}</td>
                <td className="px-3 py-2">{r.street ?? "—"}</td>
                <td className="px-3 py-2">
                  <InspectionStateBadge state={r.state} />
                </td>
                <td className="px-3 py-2">{formatDateTime(r.submittedAt) || "—"}</td>
                <td className="px-3 py-2">{r.conclusion ? <ConclusionBadge conclusion={r.conclusion} /> : "—"}</td>
                <td className="px-3 py-2">
                  {r.publishedAt ? (
                    `${formatDate(r.publishedAt)}已公布`
                  ) : r.state === "concluded" ? (
                    canReview ? (
                      <PostForm>
                        <input type="hidden" name="intent" value="publish" />
                        <input type="hidden" name="reportId" value={r.id} />
                        <Button type="submit" variant="secondary" className="px-3 py-1" aria-label={`公布${r.name}的年检结论`}>
                          公布
                        </Button>
                      </PostForm>
                    ) : (
                      "未公布"
                    )
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {reports.length ? null : <p className="px-3 py-2 text-sm text-slate-600">没有符合条件的年度报告。</p>}
      </div>
    </Panel>
  );
}

/** Publishing every conclusion not yet published, after a confirmation that says how many. */
function PublishAllPanel({
  count,
  reportIds,
  lastResult,
  needsReverify,
  reverify,
}: {
  count: number;
  reportIds: number[];
  lastResult?: SubmissionResult<string[]>;
  needsReverify: boolean;
  reverify: ReverifyPrompt | null;
}) {
  const [form, fields] = useForm<z.input<typeof publishAllSchema>>({ id: "publish-all", lastResult, shouldValidate: "onSubmit" });
  return (
    <Panel title="公布年检结论" className="mt-6">
      {count ? (
        <PostForm {...getFormProps(form)}>
          <FormError errors={[...(form.errors ?? []), ...(fields.reportIds.errors ?? [])]} />
          <input type="hidden" name="intent" value="publish-all" />
          {reportIds.map((id, i) => (
            <input key={id} type="hidden" name={`${fields.reportIds.name}[${i}]`} value={id} />
          ))}
          <p className="mb-3 text-sm text-slate-900">
            将公布 <strong className="tabular-nums">{count}</strong> 个组织的年检结论。公布后，结论将在公开登记信息和开放数据中显示，不能撤回。
          </p>
          <ConfirmBox name={fields.confirm.name} label={`我已核对这 ${count} 个组织的年检结论，确认公布`} errors={fields.confirm.errors} />
          <ReverifyField id="publish-all" needed={needsReverify} prompt={reverify} />
          <Button type="submit">公布全部已作出的结论</Button>
        </PostForm>
      ) : (
        <p className="text-sm text-slate-600">没有待公布的年检结论。</p>
      )}
    </Panel>
  );
}

type NotFiledRow = ReturnType<typeof useLoaderData<typeof loader>>["notFiled"][number];

/** Who has not filed, with the days left; after the deadline flagged, and listable one by one or together. */
function NotFiledPanel({
  year,
  rows,
  pastDeadline,
  daysToDeadline,
  registryDeadline,
  canList,
  today,
  lastResult,
}: {
  year: number;
  rows: NotFiledRow[];
  pastDeadline: boolean;
  daysToDeadline: number;
  registryDeadline: string;
  canList: boolean;
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<z.input<typeof abnormalBatchSchema>>({ id: `abnormal-${year}`, lastResult, shouldValidate: "onSubmit" });
  const listable = rows.filter((r) => !r.listed).map((r) => r.id);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const chosen = listable.filter((id) => selected.has(id));
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allChosen = listable.length > 0 && chosen.length === listable.length;
  return (
    <Panel title={`未报送的组织（${rows.length} 个）`} className="mt-6">
      <p className="mb-3 text-sm text-slate-700">
        {pastDeadline
          ? `登记管理机关截止日期（${formatDate(registryDeadline)}）已过，以下组织逾期未报。`
          : `距登记管理机关截止日期（${formatDate(registryDeadline)}）还有 ${daysToDeadline} 天；截止后仍未报送的将标注为逾期未报，可列入活动异常名录。`}
      </p>
      {canList ? <FormError errors={[...(form.errors ?? []), ...(fields.organizationIds.errors ?? [])]} /> : null}
      <div className="max-h-[32rem] overflow-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{year} 年度尚未报送年度报告的组织</caption>
          <thead className="sticky top-0 z-10 bg-white text-slate-600">
            <tr>
              {canList ? (
                <th scope="col" className="px-3 py-2">
                  <label className="flex items-center gap-1 font-normal">
                    <input
                      type="checkbox"
                      checked={allChosen}
                      disabled={!listable.length}
                      onChange={(e) => setSelected(new Set(e.currentTarget.checked ? listable : []))}
                    />
                    全选
                  </label>
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2">组织名称</th>
              <th scope="col" className="px-3 py-2">类型</th>
              <th scope="col" className="px-3 py-2">街道（镇）</th>
              <th scope="col" className="px-3 py-2">填报情况</th>
              <th scope="col" className="px-3 py-2">期限</th>
              {canList ? (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">单独列入</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`border-t border-slate-100 ${pastDeadline && !r.listed ? "bg-red-50" : ""}`}>
                {canList ? (
                  <td className="px-3 py-2">
                    {r.listed ? null : (
                      <input
                        type="checkbox"
                        form={form.id}
                        name={fields.organizationIds.name}
                        value={r.id}
                        checked={selected.has(r.id)}
                        onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                        aria-label={`选择${r.name}`}
                      />
                    )}
                  </td>
                ) : null}
                <th scope="row" className="px-3 py-2 font-normal">
                  <Link to={`/officer/orgs/${r.id}`}>{r.name}</Link>
                </th>
                <td className="px-3 py-2">{organizationTypeLabels[r.type]}</td>
                <td className="px-3 py-2">{r.street ?? "—"}</td>
                <td className="px-3 py-2">{r.state === "draft" ? "填报中，未报送" : "尚未填报"}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {r.listed ? (
                    <Badge tone="amber">已列入活动异常名录</Badge>
                  ) : pastDeadline ? (
                    <Badge tone="red">逾期未报</Badge>
                  ) : (
                    <span className={daysToDeadline <= 10 ? "font-medium text-amber-900" : ""}>还有 {daysToDeadline} 天</span>
                  )}
                </td>
                {canList ? (
                  <td className="px-3 py-2">
                    {r.listed ? null : (
                      <Button type="submit" form={form.id} name="only" value={r.id} variant="secondary" className="px-3 py-1" aria-label={`将${r.name}列入活动异常名录`}>
                        列入
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length ? null : <p className="px-3 py-2 text-sm text-slate-600">范围内应参加的组织都已报送。</p>}
      </div>
      {canList && listable.length ? (
        <PostForm {...getFormProps(form)} className="mt-4 max-w-2xl border-t border-slate-100 pt-4">
          <h3 className="mb-2 font-medium text-slate-900">列入活动异常名录</h3>
          <p className="mb-3 text-sm text-slate-700">
            勾选后统一列入，或按某一行的“列入”按钮单独列入；原因和日期适用于本次列入的全部组织。列入后，组织在公开登记信息中显示为“列入活动异常名录”，连续两年将被建议列入严重违法失信名单。
          </p>
          <input type="hidden" name="intent" value="abnormal" />
          <TextAreaField
            label="列入原因"
            name={fields.reason.name}
            defaultValue={(fields.reason.initialValue as string | undefined) ?? defaultListingReason(year)}
            errors={fields.reason.errors}
            rows={2}
            maxLength={500}
            required
          />
          <Field
            label="列入日期"
            name={fields.listedOn.name}
            type="date"
            defaultValue={(fields.listedOn.initialValue as string | undefined) ?? today}
            max={today}
            errors={fields.listedOn.errors}
            required
          />
          <ConfirmBox
            name={fields.confirm.name}
            label={
              chosen.length
                ? `确认将所选 ${chosen.length} 个组织列入活动异常名录`
                : "确认将所选组织（或按“列入”按钮单独选择的组织）列入活动异常名录"
            }
            errors={fields.confirm.errors}
          />
          <Button type="submit" variant="danger">
            将所选组织列入活动异常名录
          </Button>
        </PostForm>
      ) : null}
    </Panel>
  );
}

function DeadlinesPanel({
  settings,
  lastResult,
}: {
  settings: { supervisingDeadline: string; registryDeadline: string; version: number };
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<z.input<typeof deadlinesSchema>>({ id: `deadlines-${settings.version}`, lastResult, shouldValidate: "onSubmit" });
  const initial = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  return (
    <Panel title="调整截止日期" className="mt-6">
      <FormError errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
      <PostForm {...getFormProps(form)} className="grid max-w-2xl gap-x-6 sm:grid-cols-2">
        <input type="hidden" name="intent" value="deadlines" />
        <input type="hidden" name={fields.version.name} value={settings.version} />
        <Field
          label="业务主管单位初审截止"
          name={fields.supervisingDeadline.name}
          type="date"
          defaultValue={initial(fields.supervisingDeadline.initialValue, settings.supervisingDeadline)}
          errors={fields.supervisingDeadline.errors}
          required
        />
        <Field
          label="登记管理机关截止"
          name={fields.registryDeadline.name}
          type="date"
          defaultValue={initial(fields.registryDeadline.initialValue, settings.registryDeadline)}
          errors={fields.registryDeadline.errors}
          required
        />
        <div className="sm:col-span-2">
          <Button type="submit" variant="secondary">
            保存截止日期
          </Button>
        </div>
      </PostForm>
    </Panel>
  );
}
