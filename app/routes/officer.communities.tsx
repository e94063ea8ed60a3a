import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { setAssociationTarget } from "../domain/committees/commands.server";
import {
  associationCountingFormSchema,
  associationCountingShortLabels,
  associationTargetFormSchema,
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
import { changeSettingFromForm } from "../domain/settings/commands.server";
import { settingState } from "../domain/settings/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { CountingForm, TargetForm } from "../ui/association-settings";
import { StandingBadge } from "../ui/committee-view";
import { ShareFigure, TargetBadge } from "../ui/community-progress";
import { DataTable, type Column } from "../ui/data-table";
import { FilterForm, SelectFilter } from "../ui/filter-form";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "一居多会 - 登记管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const street = new URL(request.url).searchParams.get("street")?.trim() || undefined;
  const canManage = hasPermission(actor, "setting:manage");
  const [progress, setting, villageSetting, countingSetting, elections, recent] = await Promise.all([
    associationProgress(actor, { street }),
    canManage ? settingState("associationTarget") : Promise.resolve(null),
    canManage ? settingState("villageAssociationTarget") : Promise.resolve(null),
    canManage ? settingState("associationCounting") : Promise.resolve(null),
    // Narrowed to one street, the reminders are that street's too; null for those who do not keep committees.
    electionReminders(actor, new Date(), street),
    canManage ? isSessionRecentlyVerified(actor, new Date()) : Promise.resolve(true),
  ]);
  const settings = setting && villageSetting && countingSetting ? { community: setting, village: villageSetting, counting: countingSetting } : null;
  return { progress, settings, canFilter: progress.units.length > 1, elections, needsReverify: !recent };
}

/** Which of the page's three forms an answer belongs to: a level's target, or the counting basis. */
type SettingForm = TargetLevel | "counting";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "setting:manage");
  const form = await readForm(request);
  const ctx = actionContext(context, actor);
  if (form.get("intent") === "counting") {
    const submission = parseSubmission(form, { schema: associationCountingFormSchema });
    const refused = (init: { status: number; headers?: Record<string, string> }, result = replyTo(submission), reverify: ReverifyPrompt | null = null) =>
      data({ about: "counting" as SettingForm, result, notice: null as string | null, reverify }, init);
    if (submission.status !== "success") return refused({ status: 400 });
    const { associationCounting, reason, expected } = submission.value;
    const outcome = await changeSettingFromForm(ctx, form, "associationCounting", associationCounting, { reason, expected });
    if (!outcome.ok) return refused(outcome.init, replyTo(submission, outcome), outcome.reverify);
    const notice = `统计口径已调整为“${associationCountingShortLabels[outcome.value]}”，下方统计已按新口径重新计算。`;
    return { about: "counting" as SettingForm, result: submission.reply({ resetForm: true }), notice, reverify: null };
  }
  const submission = parseSubmission(form, { schema: associationTargetFormSchema });
  const about: SettingForm = submission.payload.level === "village" ? "village" : "community";
  if (submission.status !== "success") return data({ about, result: replyTo(submission), notice: null, reverify: null }, { status: 400 });
  const check = await confirmFromForm(ctx, form);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return data({ about, result: replyTo(submission), notice: null, reverify: refusal.reverify }, refusal.init);
  }
  const attempt = await unlessStale(() => setAssociationTarget(ctx, submission.value));
  if (attempt.stale) return data({ about, result: replyTo(submission), notice: null, reverify: reverifyRefusal("stale").reverify }, { status: 403 });
  const outcome = attempt.value;
  if (!outcome.ok) return data({ about, result: replyTo(submission, outcome), notice: null, reverify: null }, { status: outcome.formError ? 409 : 400 });
  return { about, result: submission.reply({ resetForm: true }), notice: `目标数已调整为每个${targetLevelLabels[submission.value.level]} ${outcome.value} 个，下方统计已按新目标重新计算。`, reverify: null };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Progress = LoaderData["progress"];
type Election = NonNullable<LoaderData["elections"]>[number];

const categoryColumns = <Row extends { byCategory: Progress["totals"]["byCategory"] }>(): Array<Column<Row>> =>
  communityCategories.map((category) => ({ label: communityCategoryLabels[category], cell: (row: Row) => row.byCategory[category], numeric: true }));

export default function CommunitiesPage() {
  const { progress, settings, canFilter, elections, needsReverify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answerFor = (about: SettingForm) => (actionData?.about === about ? actionData : undefined);
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
            {selected ? ` · ${selected.name}` : ""} · 社区社会组织目标：{targetsText(targets)}。{countedStatusesNote(progress.counting)}
          </>
        }
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {elections ? <ElectionsDue elections={elections} /> : null}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="社区（村）" value={totals.communities} />
        <Stat label="已达标" value={totals.meetingTarget} hint={`达标率 ${formatShare(totals.share)}`} />
        <Stat label="未达标" value={totals.communities - totals.meetingTarget} hint={`合计尚缺 ${totals.shortfall} 个组织`} />
        <Stat
          label="社区社会组织"
          value={totals.organizations}
          hint={progress.counting === "filed_only" ? `仅计入备案的；目标：${targetsText(targets)}` : `其中登记的 ${totals.registered} 个；目标：${targetsText(targets)}`}
        />
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
        <Panel title="调整目标数和统计口径" className="mt-6">
          <p className="mb-4 text-sm text-slate-700">城市社区和村各有目标数。国家指导标准为城市社区不少于 10 个、农村社区不少于 5 个。调整会记入审计日志。</p>
          <div className="grid gap-6 lg:grid-cols-2">
            {(["community", "village"] as const).map((level) => (
              <TargetForm key={level} level={level} setting={settings[level]} lastResult={answerFor(level)?.result} needsReverify={needsReverify} reverify={answerFor(level)?.reverify ?? null} />
            ))}
          </div>
          <div className="mt-6 border-t border-slate-200 pt-6">
            <CountingForm setting={settings.counting} lastResult={answerFor("counting")?.result} needsReverify={needsReverify} reverify={answerFor("counting")?.reverify ?? null} />
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
