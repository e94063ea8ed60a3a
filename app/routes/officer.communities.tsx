import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { setAssociationTarget } from "../domain/committees/commands.server";
import {
  associationTargetFormSchema,
  associationTargetRange,
  communityCategories,
  countedStatusesNote,
  formatShare,
  targetLevelLabels,
  targetsText,
  type TargetLevel,
} from "../domain/committees/coverage";
import { associationProgress } from "../domain/committees/coverage.server";
import { electionReminders } from "../domain/committees/queries.server";
import { bodyLabels } from "../domain/committees/rules";
import { communityCategoryLabels } from "../domain/organizations/rules";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { settingState } from "../domain/settings/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { StandingBadge } from "../ui/committee-view";
import { ShareFigure, TargetBadge } from "../ui/community-progress";
import { DataTable, type Column } from "../ui/data-table";
import { FilterForm, SelectFilter } from "../ui/filter-form";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ReverifyField } from "../ui/reverify";

export const meta: MetaFunction = () => [{ title: "一居多会 - 登记管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const street = new URL(request.url).searchParams.get("street")?.trim() || undefined;
  const canManage = hasPermission(actor, "setting:manage");
  const [progress, setting, villageSetting, elections, recent] = await Promise.all([
    associationProgress(actor, { street }),
    canManage ? settingState("associationTarget") : Promise.resolve(null),
    canManage ? settingState("villageAssociationTarget") : Promise.resolve(null),
    // Narrowed to one street, the reminders are that street's too; null for those who do not keep committees.
    electionReminders(actor, new Date(), street),
    canManage ? isSessionRecentlyVerified(actor, new Date()) : Promise.resolve(true),
  ]);
  const settings = setting && villageSetting ? { community: setting, village: villageSetting } : null;
  return { progress, settings, canFilter: progress.units.length > 1, elections, needsReverify: !recent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "setting:manage");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: associationTargetFormSchema });
  // Which of the two forms the answer belongs to.
  const level: TargetLevel = submission.payload.level === "village" ? "village" : "community";
  if (submission.status !== "success") return data({ level, result: replyTo(submission), notice: null, reverify: null }, { status: 400 });
  const ctx = actionContext(context, actor);
  const check = await confirmFromForm(ctx, form);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return data({ level, result: replyTo(submission), notice: null, reverify: refusal.reverify }, refusal.init);
  }
  const attempt = await unlessStale(() => setAssociationTarget(ctx, submission.value));
  if (attempt.stale) return data({ level, result: replyTo(submission), notice: null, reverify: reverifyRefusal("stale").reverify }, { status: 403 });
  const outcome = attempt.value;
  if (!outcome.ok) return data({ level, result: replyTo(submission, outcome), notice: null, reverify: null }, { status: outcome.formError ? 409 : 400 });
  return { level, result: submission.reply({ resetForm: true }), notice: `目标数已调整为每个${targetLevelLabels[level]} ${outcome.value} 个，下方统计已按新目标重新计算。`, reverify: null };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Progress = LoaderData["progress"];
type Election = NonNullable<LoaderData["elections"]>[number];

const categoryColumns = <Row extends { byCategory: Progress["totals"]["byCategory"] }>(): Array<Column<Row>> =>
  communityCategories.map((category) => ({ label: communityCategoryLabels[category], cell: (row: Row) => row.byCategory[category], numeric: true }));

export default function CommunitiesPage() {
  const { progress, settings, canFilter, elections, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { targets, totals, rollup, communities, selected } = progress;
  // Officers who keep the committees go to the place's committee page; the public page is linked from there.
  const placeHref = (community: Parameters<typeof placePath>[0]) => (elections ? `/officer/communities/${community.code}` : placePath(community));
  const rollupColumns: Array<Column<Progress["rollup"][number]>> = [
    { label: "街道（镇）", cell: (unit) => (canFilter ? <Link to={`?street=${unit.code}`}>{unit.name}</Link> : unit.name), rowHeader: true },
    { label: "社区（村）", cell: (unit) => unit.communities, numeric: true },
    { label: "已达标/总数", cell: (unit) => <ShareFigure part={unit.meetingTarget} whole={unit.communities} share={unit.share} /> },
    ...categoryColumns<Progress["rollup"][number]>(),
    { label: "社区社会组织", cell: (unit) => unit.organizations, numeric: true },
  ];
  const communityColumns: Array<Column<Progress["communities"][number]>> = [
    {
      label: "社区（村）",
      rowHeader: true,
      cell: (community) => (
        <>
          <Link to={placeHref(community)}>{community.name}</Link>
          {community.level === "village" ? <span className="ml-1 text-xs text-slate-600">（{placeLevelLabels.village}）</span> : null}
        </>
      ),
    },
    { label: "所属街道（镇）", cell: (community) => community.unit.name },
    ...categoryColumns<Progress["communities"][number]>(),
    { label: "合计/目标", cell: (community) => `${community.total}/${community.target}`, numeric: true },
    { label: "达标情况", cell: (c) => <TargetBadge meetsTarget={c.meetsTarget} shortfall={c.shortfall} />, className: "whitespace-nowrap" },
  ];
  return (
    <>
      <PageHeader
        title="一居多会"
        description={
          <>
            {progress.scopeName}
            {selected ? ` · ${selected.name}` : ""} · 社区社会组织目标：{targetsText(targets)}。{countedStatusesNote}
          </>
        }
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {elections ? <ElectionsDue elections={elections} /> : null}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="社区（村）" value={totals.communities} />
        <Stat label="已达标" value={totals.meetingTarget} hint={`达标率 ${formatShare(totals.share)}`} />
        <Stat label="未达标" value={totals.communities - totals.meetingTarget} hint={`合计尚缺 ${totals.shortfall} 个组织`} />
        <Stat label="社区社会组织" value={totals.organizations} hint={`目标：${targetsText(targets)}`} />
      </dl>

      {canFilter ? (
        <div className="mt-6">
          <FilterForm label="按所在区域筛选">
            <SelectFilter label="街道（镇）" name="street" options={progress.units.map((u) => ({ value: u.code, label: u.name }))} defaultValue={selected?.code ?? ""} all="全区" />
          </FilterForm>
        </div>
      ) : null}

      <Panel title="各街道（镇）达标情况" className="mt-6">
        <DataTable caption="各街道（镇）社区社会组织达标情况" columns={rollupColumns} rows={rollup} rowKey={(unit) => unit.id} empty="所选范围内没有街道（镇）。" framed={false} />
      </Panel>

      <Panel title="社区（村）明细" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">未达标的排在前面，差额大的在先。</p>
        <DataTable
          caption={`各社区（村）社区社会组织数量与目标（${targetsText(targets)}）对比`}
          columns={communityColumns}
          rows={communities}
          rowKey={(community) => community.id}
          empty="所选范围内没有社区或村。"
          framed={false}
        />
      </Panel>

      {settings ? (
        <Panel title="调整目标数" className="mt-6">
          <p className="mb-4 text-sm text-slate-700">城市社区和村各有目标数。国家指导标准为城市社区不少于 10 个、农村社区不少于 5 个。调整会记入审计日志。</p>
          <div className="grid gap-6 lg:grid-cols-2">
            {(["community", "village"] as const).map((level) => (
              <TargetForm key={level} level={level} setting={settings[level]} lastResult={actionData?.level === level ? actionData.result : undefined} needsReverify={needsReverify} reverify={actionData?.level === level ? (actionData.reverify ?? null) : null} />
            ))}
          </div>
        </Panel>
      ) : null}
    </>
  );
}

const electionColumns: Array<Column<Election>> = [
  { label: "社区（村）", cell: (e) => <Link to={`/officer/communities/${e.place.code}#body-${e.term.body}`}>{e.place.name}</Link>, rowHeader: true },
  { label: "所属街道（镇）", cell: (e) => e.street },
  { label: "组织", cell: (e) => bodyLabels[e.term.body] },
  { label: "届次", cell: (e) => `第 ${e.term.termNumber} 届`, className: "tabular-nums" },
  { label: "任期届满", cell: (e) => formatDate(e.term.endsOn), className: "whitespace-nowrap" },
  { label: "状态", cell: (e) => <StandingBadge standing={e.standing} />, className: "whitespace-nowrap" },
];

/** Terms that end within six months, or have ended with no new term recorded: the elections to prepare. */
function ElectionsDue({ elections }: { elections: Election[] }) {
  return (
    <Panel title="换届提醒" className="mb-6">
      {elections.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">半年内届满或已届满未换届的村（居）民委员会、村务监督委员会和民主理财小组，届满早的在前；已录入下一届的不再列出。</p>
          <DataTable caption="需要换届的组织" columns={electionColumns} rows={elections} rowKey={(e) => e.term.id} empty="" framed={false} />
        </>
      ) : (
        <p className="text-sm text-slate-600">半年内没有届满的村（居）民委员会、村务监督委员会或民主理财小组。</p>
      )}
    </Panel>
  );
}

/** Changing the district's target: for those with setting:manage, with a recorded reason. */
function TargetForm({
  level,
  setting,
  lastResult,
  needsReverify,
  reverify,
}: {
  level: TargetLevel;
  setting: NonNullable<LoaderData["settings"]>[TargetLevel];
  lastResult: SubmissionResult<string[]> | undefined;
  needsReverify: boolean;
  reverify: ReverifyPrompt | null;
}) {
  const current = setting.value;
  const [form, fields] = useForm<z.input<typeof associationTargetFormSchema>>({
    // A new id once the target changed, so the fields start again from the new value.
    id: `association-target-${level}-${current}`,
    lastResult,
    onValidate: ({ formData }) => parseSubmission(formData, { schema: associationTargetFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const place = targetLevelLabels[level];
  return (
    <section aria-labelledby={`target-${level}`}>
      <h3 id={`target-${level}`} className="mb-2 font-semibold text-slate-900">
        {place}目标
      </h3>
      <p className="mb-4 text-sm text-slate-700">
        现行目标：每个{place} {current} 个
        {setting.updatedAt ? `（${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整）` : "（默认值）"}。本区默认 {setting.defaultValue} 个。
      </p>
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="max-w-md">
        <input type="hidden" name={fields.level.name} value={level} />
        <input type="hidden" name={fields.expected.name} value={current} />
        <Field
          label="新的目标数"
          name={fields.associationTarget.name}
          type="number"
          inputMode="numeric"
          min={associationTargetRange.min}
          max={associationTargetRange.max}
          step={1}
          defaultValue={current}
          errors={fields.associationTarget.errors}
          hint={`每个${place}应有的社区社会组织数，${associationTargetRange.min} 到 ${associationTargetRange.max} 之间的整数`}
          required
        />
        <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} required />
        <ReverifyField needed={needsReverify} prompt={reverify} />
        <Button type="submit">保存目标</Button>
      </PostForm>
    </section>
  );
}
