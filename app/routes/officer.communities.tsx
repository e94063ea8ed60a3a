import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { hasPermission } from "../auth/permissions";
import { officerReachOrNull } from "../auth/scope.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { confirmFromForm, isSessionRecentlyVerified, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../auth/verification.server";
import { bodyLabels } from "../domain/committees/rules";
import { termsDueForElection } from "../domain/committees/committees.server";
import { associationProgress } from "../domain/committees/coverage.server";
import { associationTargetFormSchema, associationTargetRange, communityCategories, countedStatusesNote, formatShare } from "../domain/committees/coverage";
import { communityCategoryLabels } from "../domain/organizations/rules";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { settingState, updateSetting } from "../domain/settings/settings.server";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { StandingBadge } from "../ui/committee-view";
import { ShareFigure, TargetBadge } from "../ui/community-progress";
import { Button, Field, FormError, PostForm } from "../ui/form";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { ReverifyField } from "../ui/reverify";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "一居多会 - 登记管理" }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../auth/retry-after";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const street = new URL(request.url).searchParams.get("street")?.trim() || undefined;
  const canManage = hasPermission(actor, "setting:manage");
  // Committees are kept by district and street officers; an administrator sees the figures only.
  const keepsCommittees = hasPermission(actor, "committee:manage") && officerReachOrNull(actor) !== null;
  const [progress, setting, due, recent] = await Promise.all([
    associationProgress(actor, { street }),
    canManage ? settingState("associationTarget") : Promise.resolve(null),
    keepsCommittees ? termsDueForElection(actor, new Date()) : Promise.resolve(null),
    canManage ? isSessionRecentlyVerified(actor, new Date()) : Promise.resolve(true),
  ]);
  // Narrowed to one street, the reminders are that street's too.
  const elections = due?.filter((d) => !progress.selected || d.streetCode === progress.selected.code).map((d) => ({
    id: d.term.id,
    code: d.place.code,
    name: d.place.name,
    level: d.place.level,
    street: d.street,
    body: d.term.body,
    termNumber: d.term.termNumber,
    endsOn: d.term.endsOn,
    standing: d.standing,
  }));
  return { progress, setting, canFilter: progress.units.length > 1, elections: elections ?? null, needsReverify: !recent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "setting:manage");
  const formData = await readForm(request);
  const submission = parseSubmission(formData, { schema: associationTargetFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null, reverify: null }, { status: 400 });
  const { associationTarget, reason, expected } = submission.value;
  const ctx = actionContext(context, actor);
  const check = await confirmFromForm(ctx, formData);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return data({ result: submission.reply(), notice: null, reverify: refusal.reverify }, refusal.init);
  }
  const attempt = await unlessStale(() => updateSetting(ctx, "associationTarget", associationTarget, { reason, expected }));
  if (attempt.stale) return data({ result: submission.reply(), notice: null, reverify: reverifyRefusal("stale").reverify }, { status: 403 });
  const outcome = attempt.value;
  if (!outcome.ok) {
    return data(
      {
        result: replyTo(submission, outcome),
        notice: null,
        reverify: null,
      },
      { status: outcome.formError ? 409 : 400 },
    );
  }
  return { result: submission.reply({ resetForm: true }), notice: `目标数已调整为每个社区（村）${outcome.value} 个，下方统计已按新目标重新计算。`, reverify: null };
}

export default function CommunitiesPage() {
  const { progress, setting, canFilter, elections, needsReverify } = useLoaderData<typeof loader>();
  // Officers who keep the committees go to the place's committee page; the public page is linked from there.
  const placeHref = (community: Parameters<typeof placePath>[0]) => (elections ? `/officer/communities/${community.code}` : placePath(community));
  const actionData = useActionData<typeof action>();
  const { target, totals, rollup, communities, selected } = progress;
  const short = totals.communities - totals.meetingTarget;
  return (
    <>
      <PageHeader
        title="一居多会"
        description={
          <>
            {progress.scopeName}
            {selected ? ` · ${selected.name}` : ""} · 每个社区（村）应有不少于 {target} 个社区社会组织。{countedStatusesNote}
          </>
        }
      />
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      {elections ? <ElectionsDue elections={elections} /> : null}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="社区（村）" value={totals.communities} />
        <Stat label="已达标" value={totals.meetingTarget} hint={`达标率 ${formatShare(totals.share)}`} />
        <Stat label="未达标" value={short} hint={`合计尚缺 ${totals.shortfall} 个组织`} />
        <Stat label="社区社会组织" value={totals.organizations} hint={`目标 ${target} 个/社区（村）`} />
      </dl>

      {canFilter ? <StreetFilter units={progress.units} selected={selected?.code ?? ""} /> : null}

      <Panel title="各街道（镇）达标情况" className="mt-6">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">街道（镇）</th>
                <th scope="col" className="px-3 py-2 text-right">社区（村）</th>
                <th scope="col" className="px-3 py-2">已达标/总数</th>
                {communityCategories.map((category) => (
                  <th key={category} scope="col" className="px-3 py-2 text-right">
                    {communityCategoryLabels[category]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">社区社会组织</th>
              </tr>
            </thead>
            <tbody>
              {rollup.map((unit) => (
                <tr key={unit.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-normal">
                    {canFilter ? <Link to={`?street=${unit.code}`}>{unit.name}</Link> : unit.name}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{unit.communities}</td>
                  <td className="px-3 py-2">
                    <ShareFigure part={unit.meetingTarget} whole={unit.communities} share={unit.share} />
                  </td>
                  {communityCategories.map((category) => (
                    <td key={category} className="px-3 py-2 text-right tabular-nums">
                      {unit.byCategory[category]}
                    </td>
                  ))}
                  <td className="px-3 py-2 text-right tabular-nums">{unit.organizations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <Panel title="社区（村）明细" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">未达标的排在前面，差额大的在先。</p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">各社区（村）社区社会组织数量与目标（{target} 个）对比</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">社区（村）</th>
                <th scope="col" className="px-3 py-2">所属街道（镇）</th>
                {communityCategories.map((category) => (
                  <th key={category} scope="col" className="px-3 py-2 text-right">
                    {communityCategoryLabels[category]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">合计/目标</th>
                <th scope="col" className="px-3 py-2">达标情况</th>
              </tr>
            </thead>
            <tbody>
              {communities.map((community) => (
                <tr key={community.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link to={placeHref(community)}>{community.name}</Link>
                    {community.level === "village" ? <span className="ml-1 text-xs text-slate-600">（{placeLevelLabels.village}）</span> : null}
                  </th>
                  <td className="px-3 py-2">{community.unit.name}</td>
                  {communityCategories.map((category) => (
                    <td key={category} className="px-3 py-2 text-right tabular-nums">
                      {community.byCategory[category]}
                    </td>
                  ))}
                  <td className="px-3 py-2 text-right tabular-nums">
                    {community.total}/{community.target}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <TargetBadge meetsTarget={community.meetsTarget} shortfall={community.shortfall} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {communities.length === 0 ? <p className="mt-3 text-slate-600">所选范围内没有社区或村。</p> : null}
      </Panel>

      {setting ? (
        <TargetForm
          current={setting.value}
          defaultValue={setting.defaultValue}
          updatedAt={setting.updatedAt}
          updatedByName={setting.updatedByName}
          lastResult={actionData?.result}
          needsReverify={needsReverify}
          reverify={actionData?.reverify ?? null}
        />
      ) : null}
    </>
  );
}

type Election = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["elections"]>[number];

/** Terms that end within six months, or have ended with no new term recorded: the elections to prepare. */
function ElectionsDue({ elections }: { elections: Election[] }) {
  return (
    <Panel title="换届提醒" className="mb-6">
      {elections.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">半年内届满或已届满未换届的村（居）民委员会、村务监督委员会和民主理财小组，届满早的在前；已录入下一届的不再列出。</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">需要换届的组织</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">社区（村）</th>
                  <th scope="col" className="px-3 py-2">所属街道（镇）</th>
                  <th scope="col" className="px-3 py-2">组织</th>
                  <th scope="col" className="px-3 py-2">届次</th>
                  <th scope="col" className="px-3 py-2">任期届满</th>
                  <th scope="col" className="px-3 py-2">状态</th>
                </tr>
              </thead>
              <tbody>
                {elections.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <Link to={`/officer/communities/${e.code}#body-${e.body}`}>{e.name}</Link>
                    </th>
                    <td className="px-3 py-2">{e.street}</td>
                    <td className="px-3 py-2">{bodyLabels[e.body]}</td>
                    <td className="px-3 py-2 tabular-nums">第 {e.termNumber} 届</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(e.endsOn)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <StandingBadge standing={e.standing} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600">半年内没有届满的村（居）民委员会、村务监督委员会或民主理财小组。</p>
      )}
    </Panel>
  );
}

function StreetFilter({ units, selected }: { units: Array<{ code: string; name: string; level: "street" | "town" }>; selected: string }) {
  return (
    <Form method="get" className="mt-6 flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col">
        <span className="text-slate-600">街道（镇）</span>
        <select name="street" defaultValue={selected} className="rounded border border-slate-300 bg-white px-2 py-1.5">
          <option value="">全区</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
        筛选
      </button>
    </Form>
  );
}

/** Changing the district's target: for those with setting:manage, with a recorded reason. */
function TargetForm({
  current,
  defaultValue,
  updatedAt,
  updatedByName,
  lastResult,
  needsReverify,
  reverify,
}: {
  needsReverify: boolean;
  reverify: ReverifyPrompt | null;
  current: number;
  defaultValue: number;
  updatedAt: Date | null;
  updatedByName: string | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<z.input<typeof associationTargetFormSchema>>({
    // A new id once the target changed, so the fields start again from the new value.
    id: `association-target-${current}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: associationTargetFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Panel title="调整目标数" className="mt-6">
      <p className="mb-4 text-sm text-slate-700">
        现行目标：每个社区（村）{current} 个
        {updatedAt ? `（${updatedByName ?? "系统"}于 ${formatDateTime(updatedAt)} 调整）` : "（默认值）"}。本区默认 {defaultValue}{" "}
        个；国家指导标准为城市社区不少于 10 个、农村社区不少于 5 个。调整会记入审计日志。
      </p>
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="max-w-md">
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
          hint={`每个社区（村）应有的社区社会组织数，${associationTargetRange.min} 到 ${associationTargetRange.max} 之间的整数`}
          required
        />
        <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} required />
        <ReverifyField needed={needsReverify} prompt={reverify} />
        <Button type="submit">保存目标</Button>
      </PostForm>
    </Panel>
  );
}
