import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { actionContext, requirePermission } from "../auth/require.server";
import {
  editBlankRows,
  maxFloorArea,
  memberCellName,
  memberPostOptions,
  suggestedNewTerm,
  turnout,
  type MemberRowValues,
  type TermFormValues,
} from "../domain/committees/forms";
import { handleCommitteePost, type CommitteePostResult } from "../domain/committees/posts.server";
import {
  bodyLabels,
  deleteReasonLength,
  jointMeetingParties,
  maxMeetingsShown,
  meetingsPageSize,
  memberLimits,
  postLabel,
  termYears,
  type CommitteeBody,
  type MemberPost,
  type TermStanding,
} from "../domain/committees/rules";
import { committeeWorkspace } from "../domain/committees/committees.server";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { earliestRecordDate, formatDate, formatDateTime } from "../domain/shared/time";
import { StandingBadge, termDates } from "../ui/committee-view";
import { Button, ErrorList, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { Badge, PageHeader } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.place.name ?? "社区/村"} 村（居）民委员会 - 登记管理` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "committee:manage");
  // "更多" asks for more joint meetings: ?meetings=100. Anything unreadable shows the first page.
  const asked = Number(new URL(request.url).searchParams.get("meetings"));
  // The domain answers 404 for a place outside the officer's street.
  const ws = await committeeWorkspace(actor, params.code ?? "", new Date(), {
    meetings: Number.isSafeInteger(asked) && asked > 0 ? asked : undefined,
  });
  const termView = (t: (typeof ws.bodies)[number]["past"][number]) => ({
    id: t.id,
    termNumber: t.termNumber,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    electedOn: t.electedOn,
    eligibleVoters: t.eligibleVoters,
    votesCast: t.votesCast,
    version: t.version,
    members: t.members.map((m) => ({ id: m.id, name: m.name, post: m.post, partySecretary: m.partySecretary })),
  });
  return {
    place: { code: ws.place.code, name: ws.place.name, level: ws.place.level },
    parent: ws.parent ? { name: ws.parent.name, level: ws.parent.level } : null,
    today: ws.today,
    bodies: ws.bodies.map((b) => ({
      body: b.body,
      current: b.current ? { ...termView(b.current), standing: b.current.standing } : null,
      upcoming: b.upcoming.map(termView),
      past: b.past.map(termView),
    })),
    warnings: ws.warnings,
    serviceCentre: ws.serviceCentre
      ? { floorArea: ws.serviceCentre.floorArea, facilities: ws.serviceCentre.facilities, version: ws.serviceCentre.version, updatedAt: ws.serviceCentre.updatedAt }
      : null,
    meetings: ws.meetings.map((m) => ({ id: m.id, heldOn: m.heldOn, parties: m.parties, topics: m.topics, decisions: m.decisions })),
    meetingTotal: ws.meetingTotal,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "committee:manage");
  const result = await handleCommitteePost(actionContext(context, actor), params.code ?? "", request);
  return data(result, { status: result.status });
}

/** A refused change may have been refused because someone else saved first: show what is saved now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type BodyData = LoaderData["bodies"][number];
type Term = BodyData["past"][number];
type Warning = LoaderData["warnings"][number];
type Result = CommitteePostResult | undefined;
type TermIntent = "new-term" | "change-term" | "delete-term";

const isTermIntent = (intent: CommitteePostResult["intent"]): intent is TermIntent =>
  intent === "new-term" || intent === "change-term" || intent === "delete-term";

/** Field errors the form does not show beside a field, so none goes unseen. */
function otherErrors(result: Result, shown: readonly string[]): string[] {
  const out: string[] = result?.formError ? [result.formError] : [];
  for (const [key, messages] of Object.entries(result?.fieldErrors ?? {})) if (!shown.includes(key)) out.push(...messages);
  return out;
}

/**
 * The key a form is mounted under: new when the saved data it shows changes,
 * and when one of its own posts is refused (so it shows what was typed), but
 * not when another form on the page posts — what is typed in it stays.
 */
function useFormKeys(result: Result) {
  const remembered = useRef(new Map<string, string>());
  return (formId: string, owns: boolean, dataKey: string | number) => {
    if (owns && result?.formKey) remembered.current.set(formId, result.formKey);
    return `${formId}:${dataKey}:${remembered.current.get(formId) ?? ""}`;
  };
}

export default function CommitteePage() {
  const { place, parent, bodies, warnings, serviceCentre, meetings, meetingTotal, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const keyFor = useFormKeys(result);
  const shownBodies = new Set<string>(bodies.map((b) => b.body));
  // A post no form on the page answers for (an unknown intent, or a body the page does not show): told at the top.
  const orphan = result && (result.intent === "unknown" || (isTermIntent(result.intent) && !shownBodies.has(result.body ?? "")));
  const villagers = bodies.find((b) => b.body === "villagers") ?? null;

  return (
    <>
      <PageHeader
        title={place.name}
        description={
          <>
            {placeLevelLabels[place.level]}
            {parent ? ` · ${parent.name}（${placeLevelLabels[parent.level]}）` : ""} · 区划代码 {place.code} ·{" "}
            <Link to="/officer/communities">返回一居多会</Link>
          </>
        }
        actions={<Link to={placePath(place)}>查看公开页面</Link>}
      />
      {orphan ? <FormError errors={otherErrors(result, [])} /> : null}

      <nav aria-label="本页内容" className="mb-6 text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {bodies.map((b) => (
            <li key={b.body}>
              <a href={`#body-${b.body}`}>{bodyLabels[b.body]}</a>
              {b.current && b.current.standing !== "current" ? (
                <span className="ml-1">
                  <StandingBadge standing={b.current.standing} />
                </span>
              ) : null}
              {warnings.some((w) => w.bodies.includes(b.body)) ? (
                <span className="ml-1">
                  <Badge tone="red">任职冲突</Badge>
                </span>
              ) : null}
            </li>
          ))}
          <li>
            <a href="#service-centre">党群服务中心</a>
          </li>
          {place.level === "community" ? (
            <li>
              <a href="#joint-meetings">“五位一体”联席会议</a>
            </li>
          ) : null}
        </ul>
      </nav>

      <div className="space-y-6">
        {bodies.map((b) => (
          <BodySection
            key={b.body}
            data={b}
            today={today}
            villagers={villagers}
            warnings={warnings.filter((w) => w.bodies.includes(b.body))}
            result={result}
            keyFor={keyFor}
          />
        ))}
        <ServiceCentrePanel
          centre={serviceCentre}
          result={result?.intent === "service-centre" ? result : undefined}
          formKey={keyFor("service-centre", result?.intent === "service-centre", serviceCentre?.version ?? 0)}
        />
        {place.level === "community" ? (
          <JointMeetingsPanel
            meetings={meetings}
            total={meetingTotal}
            today={today}
            result={result?.intent === "joint-meeting" ? result : undefined}
            formKey={keyFor("joint-meeting", result?.intent === "joint-meeting", meetings[0]?.id ?? 0)}
          />
        ) : null}
      </div>
    </>
  );
}

/* ------------------------------------------------------------------ a body and its terms */

function ResultNotice({ result }: { result: Result }) {
  if (!result?.notice) return null;
  return (
    <Notice>
      {result.notice}
    </Notice>
  );
}

function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

function standingNote(standing: TermStanding, term: { endsOn: string; startsOn: string }, next: Term | null, today: string): string | null {
  switch (standing) {
    case "ending_soon":
      return `本届任期将于 ${formatDate(term.endsOn)} 届满（还有 ${daysUntil(term.endsOn, today)} 天），请做好换届选举准备。`;
    case "expired":
      return `本届任期已于 ${formatDate(term.endsOn)} 届满，尚未录入新一届。换届选举后请在下方“换届：录入新一届”中录入。`;
    case "succeeded":
      return next
        ? `本届任期${term.endsOn < today ? "已于" : "将于"} ${formatDate(term.endsOn)} 届满；下一届（第 ${next.termNumber} 届）已录入，自 ${formatDate(next.startsOn)} 开始。`
        : null;
    case "future":
      return `该届任期自 ${formatDate(term.startsOn)} 开始。`;
    default:
      return null;
  }
}

const noteTones: Partial<Record<TermStanding, string>> = {
  expired: "bg-red-50 text-red-900",
  ending_soon: "bg-amber-50 text-amber-950",
};

function BodySection({
  data,
  today,
  villagers,
  warnings,
  result,
  keyFor,
}: {
  data: BodyData;
  today: string;
  villagers: BodyData | null;
  warnings: Warning[];
  result: Result;
  keyFor: ReturnType<typeof useFormKeys>;
}) {
  const { body, current, upcoming, past } = data;
  const headingId = `body-${body}-heading`;
  const own = result && isTermIntent(result.intent) && result.body === body ? result : undefined;
  const newResult = own?.intent === "new-term" ? own : undefined;
  const recorded: Term[] = [...upcoming, ...(current ? [current] : []), ...past];
  // A change or deletion typed against a term that is no longer recorded (someone deleted it meanwhile).
  const stray = own && own.intent !== "new-term" && !own.notice && !recorded.some((t) => t.id === own.termId) ? own : undefined;
  // The next term to begin is the last of those not yet begun (newest first).
  const next = upcoming[upcoming.length - 1] ?? null;
  const newest = upcoming[0] ?? current ?? null;
  const note = current ? standingNote(current.standing, current, next, today) : null;
  const editor = (term: Term) => (
    <TermEditor
      body={body}
      term={term}
      result={own && own.intent !== "new-term" && own.termId === term.id ? own : undefined}
      keyFor={keyFor}
    />
  );

  return (
    <section id={`body-${body}`} aria-labelledby={headingId} className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={headingId} className="mb-3 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
        {bodyLabels[body]}
        {current ? <StandingBadge standing={current.standing} /> : upcoming.length ? <StandingBadge standing="future" /> : null}
      </h2>
      {warnings.length ? (
        <div role="note" aria-label="任职冲突" className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">已录入的记录中有任职冲突，请核实后修改相应一届的成员：</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {current ? (
        <>
          {note ? <p className={`mb-3 rounded px-3 py-2 text-sm ${noteTones[current.standing] ?? "bg-blue-50 text-blue-900"}`}>{note}</p> : null}
          <TermFacts term={current} />
          <MembersTable body={body} term={current} caption={`${bodyLabels[body]}第 ${current.termNumber} 届成员`} />
          {editor(current)}
        </>
      ) : (
        <p className="mb-3 text-sm text-slate-600">
          {upcoming.length ? `尚无在任的一届；下一届自 ${formatDate(next?.startsOn)} 开始。` : `尚未录入${bodyLabels[body]}的任期和成员。`}
        </p>
      )}

      {upcoming.map((term) => (
        <div key={term.id} className="mt-4 rounded border border-blue-200 bg-blue-50/40 p-4">
          <h3 className="mb-2 flex flex-wrap items-center gap-2 font-medium">
            下一届（尚未开始）：第 {term.termNumber} 届 <span className="font-normal text-slate-600">{termDates(term)}</span>
          </h3>
          <TermFacts term={term} compact />
          <MembersTable body={body} term={term} caption={`${bodyLabels[body]}第 ${term.termNumber} 届成员`} />
          {editor(term)}
        </div>
      ))}

      {body === "villagers" ? <VillagersRules /> : null}
      {body === "supervision" || body === "finance_group" ? <VillageRules body={body} villagers={villagers} /> : null}

      <div className="mt-4 space-y-3">
        <ResultNotice result={own} />
        {stray ? (
          <>
            <FormError errors={[stray.formError ?? "该届记录已被其他人修改或删除，请查看最新内容后再保存。"]} />
            {stray.values?.form === "term" ? <UnsavedTerm body={body} values={stray.values.term} /> : null}
          </>
        ) : null}
        {/* With the next term already recorded there is no election to record: unless a refused form has to be shown again. */}
        {upcoming.length > 0 && !(newResult && !newResult.notice) ? (
          <p className="text-sm text-slate-600">下一届已录入。如有错误，请在下一届的“修改第 {next?.termNumber} 届的记录”中更正或删除。</p>
        ) : (
          <details className="rounded border border-slate-200 p-4" open={(!!newResult && !newResult.notice) || !newest || current?.standing === "expired"}>
            <summary className="cursor-pointer font-medium text-brand-700">{newest ? "换届：录入新一届" : `录入${bodyLabels[body]}的任期`}</summary>
            <TermForm
              key={keyFor(`new-${body}`, !!newResult, `${newest?.id ?? "none"}-${recorded.length}`)}
              body={body}
              mode="new"
              term={null}
              defaults={{ ...suggestedNewTerm(newest, today), electedOn: "", eligibleVoters: "", votesCast: "", members: [] }}
              result={newResult}
            />
          </details>
        )}
      </div>

      {past.length ? (
        <details className="mt-4 rounded border border-slate-200 p-4" open={past.some((t) => own?.termId === t.id)}>
          <summary className="cursor-pointer font-medium text-slate-800">往届（{past.length} 届）</summary>
          <ol className="mt-3 space-y-4">
            {past.map((term) => (
              <li key={term.id} className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
                <h3 className="mb-1 font-medium">
                  第 {term.termNumber} 届 <span className="font-normal text-slate-600">{termDates(term)}</span>
                </h3>
                <TermFacts term={term} compact />
                <MembersTable body={body} term={term} caption={`${bodyLabels[body]}第 ${term.termNumber} 届成员`} />
                {editor(term)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

/** A term's change form and, for a term recorded by mistake, its deletion: closed until asked for or refused. */
function TermEditor({ body, term, result, keyFor }: { body: CommitteeBody; term: Term; result: Result; keyFor: ReturnType<typeof useFormKeys> }) {
  const changeResult = result?.intent === "change-term" ? result : undefined;
  const deleteResult = result?.intent === "delete-term" ? result : undefined;
  return (
    <details className="mt-3 rounded border border-slate-200 p-4" open={!!result && !result.notice}>
      <summary className="cursor-pointer font-medium text-brand-700">修改第 {term.termNumber} 届的记录</summary>
      <TermForm
        key={keyFor(`change-${term.id}`, !!changeResult, `${term.id}-${term.version}`)}
        body={body}
        mode="change"
        term={term}
        defaults={termValuesOf(term)}
        result={changeResult}
      />
      <DeleteTermForm
        key={keyFor(`delete-${term.id}`, !!deleteResult, `${term.id}-${term.version}`)}
        body={body}
        term={term}
        result={deleteResult}
      />
    </details>
  );
}

function DeleteTermForm({ body, term, result }: { body: CommitteeBody; term: Term; result: Result }) {
  const navigation = useNavigation();
  const reason = result?.values?.form === "delete-term" ? result.values.reason : "";
  return (
    <PostForm aria-label={`删除${bodyLabels[body]}第 ${term.termNumber} 届的记录`} className="mt-6 border-t border-slate-200 pt-4" noValidate preventScrollReset>
      <h4 className="font-medium text-slate-900">删除这一届的记录</h4>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        只用于录入错误的记录（如重复录入、录错组织、未举行的选举）。删除后该届及其成员不再显示；原记录和删除原因保存在审计日志中。
      </p>
      <FormError errors={otherErrors(result, ["reason"])} />
      <input type="hidden" name="body" value={body} />
      <input type="hidden" name="termId" value={term.id} />
      <input type="hidden" name="version" value={result?.postedVersion ?? term.version} />
      <TextAreaField
        label="删除原因"
        name="reason"
        required
        rows={2}
        maxLength={deleteReasonLength.max}
        defaultValue={reason}
        errors={result?.fieldErrors?.reason}
        hint={`${deleteReasonLength.min} 至 ${deleteReasonLength.max} 字，如“届次录入错误，已重新录入第 12 届”`}
      />
      <Button type="submit" name="intent" value="delete-term" variant="danger" disabled={navigation.state === "submitting"}>
        删除第 {term.termNumber} 届的记录
      </Button>
    </PostForm>
  );
}

function termValuesOf(term: Term): TermFormValues {
  return {
    termNumber: String(term.termNumber),
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    electedOn: term.electedOn ?? "",
    eligibleVoters: term.eligibleVoters === null ? "" : String(term.eligibleVoters),
    votesCast: term.votesCast === null ? "" : String(term.votesCast),
    members: term.members.map((m) => ({ name: m.name, post: m.post, partySecretary: m.partySecretary })),
  };
}

function TermFacts({ term, compact = false }: { term: Term; compact?: boolean }) {
  const share = turnout(term.votesCast, term.eligibleVoters);
  const facts: Array<[string, ReactNode]> = [
    ...(compact ? [] : ([["届次", `第 ${term.termNumber} 届`], ["任期", termDates(term)]] as Array<[string, ReactNode]>)),
    ["选举日期", term.electedOn ? formatDate(term.electedOn) : "未录入"],
    ["登记选民", term.eligibleVoters === null ? "未录入" : `${term.eligibleVoters} 人`],
    ["参加投票", term.votesCast === null ? "未录入" : `${term.votesCast} 人`],
    ["参选率", share ?? "—"],
  ];
  return (
    <dl className={`grid gap-x-6 gap-y-2 text-sm ${compact ? "mb-2 grid-cols-2 sm:grid-cols-4" : "mb-4 grid-cols-2 sm:grid-cols-3"}`}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function MembersTable({ body, term, caption }: { body: CommitteeBody; term: Term; caption: string }) {
  if (!term.members.length) return <p className="text-sm text-slate-600">该届尚未录入成员。</p>;
  // The party secretary may sit only on the residents' or villagers' committee.
  const secretaryColumn = body === "residents" || body === "villagers" || term.members.some((m) => m.partySecretary);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-sm font-medium text-slate-700">{caption}</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1.5">姓名</th>
            <th scope="col" className="px-3 py-1.5">职务</th>
            {secretaryColumn ? <th scope="col" className="px-3 py-1.5">兼任党组织书记</th> : null}
          </tr>
        </thead>
        <tbody>
          {term.members.map((m) => (
            <tr key={m.id} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-1.5 font-normal">{m.name}</th>
              <td className="px-3 py-1.5">{postLabel(body, m.post)}</td>
              {secretaryColumn ? (
                <td className="px-3 py-1.5">{m.partySecretary ? <Badge tone="blue">兼任党组织书记</Badge> : <span className="sr-only">否</span>}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The villagers' committee's side of the rules below: checked when it is saved, too. */
function VillagersRules() {
  return (
    <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-medium">村民委员会的规则（保存时检查）</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          成员 {memberLimits.villagers.min} 至 {memberLimits.villagers.max} 名（村民委员会组织法第六条），其中主任一名。
        </li>
        <li>村民委员会成员不能同时担任任期重叠的村务监督委员会成员。</li>
        <li>兼任村党组织书记的成员不能担任任期重叠的村务监督委员会主任或成员，也不能担任民主理财小组成员。</li>
      </ul>
    </div>
  );
}

/** The rules the supervision committee and the finance group are checked against, beside their forms. */
function VillageRules({ body, villagers }: { body: "supervision" | "finance_group"; villagers: BodyData | null }) {
  const { min, max } = memberLimits[body];
  // The villagers' committee terms a new or current term is compared with: the one in office and any not yet begun.
  const shown = villagers ? [...villagers.upcoming.map((t) => ({ term: t, label: "尚未开始" })), ...(villagers.current ? [{ term: villagers.current, label: "现任" }] : [])] : [];
  return (
    <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-medium">{bodyLabels[body]}的规则（保存时检查）</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          成员 {min} 至 {max} 名，其中{postLabel(body, "chair")}一名。
        </li>
        {body === "supervision" ? (
          <>
            <li>村民委员会成员不能担任村务监督委员会成员；其近亲属也不能担任（系统无法按姓名核对，请在审核时把关）。</li>
            <li>村党组织书记不能担任村务监督委员会主任，也不能担任成员。</li>
          </>
        ) : (
          <li>村党组织书记不能担任民主理财小组成员。</li>
        )}
        <li>
          按姓名与任期重叠的各届村民委员会核对{body === "finance_group" ? "（村党组织书记即村民委员会中勾选“兼任党组织书记”的成员）" : ""}
          ；录入或修改村民委员会时也反过来核对。
        </li>
        {shown.length ? (
          shown.map(({ term, label }) => {
            const secretary = term.members.find((m) => m.partySecretary)?.name;
            return (
              <li key={term.id}>
                村民委员会第 {term.termNumber} 届（{label}，{termDates(term)}）
                {term.members.length ? `成员：${term.members.map((m) => m.name).join("、")}` : "尚未录入成员"}
                {secretary ? `；兼任村党组织书记：${secretary}` : "；未标明兼任村党组织书记的成员"}。
              </li>
            );
          })
        ) : (
          <li>尚未录入村民委员会，无法核对。</li>
        )}
      </ul>
    </div>
  );
}

/* ------------------------------------------------------------------ the term form */

function TermForm({
  body,
  mode,
  term,
  defaults,
  result,
}: {
  body: CommitteeBody;
  mode: "new" | "change";
  term: Term | null;
  defaults: TermFormValues;
  result: Result;
}) {
  const navigation = useNavigation();
  const values = result?.values?.form === "term" ? result.values.term : defaults;
  const errors = result?.fieldErrors;
  const label = mode === "new" ? `录入${bodyLabels[body]}新一届` : `修改${bodyLabels[body]}第 ${term?.termNumber ?? ""} 届`;
  const { min, max } = memberLimits[body];
  const rows = values.members;
  const blank = mode === "new" && !result?.values ? Math.max(max, rows.length + editBlankRows) - rows.length : editBlankRows;
  return (
    <PostForm aria-label={label} className="mt-4" noValidate preventScrollReset>
      <FormError errors={otherErrors(result, ["termNumber", "startsOn", "endsOn", "electedOn", "eligibleVoters", "votesCast", "members"])} />
      <input type="hidden" name="body" value={body} />
      {mode === "change" && term ? (
        <>
          <input type="hidden" name="termId" value={term.id} />
          {/* After a stale refusal the form stays on the version it was typed against: saving again is refused, never an overwrite. */}
          <input type="hidden" name="version" value={result?.postedVersion ?? term.version} />
        </>
      ) : null}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field label="届次（第几届）" name="termNumber" inputMode="numeric" autoComplete="off" required defaultValue={values.termNumber} errors={errors?.termNumber} />
        <Field label="任期开始日期" name="startsOn" type="date" required defaultValue={values.startsOn} errors={errors?.startsOn} />
        <Field
          label="任期结束日期"
          name="endsOn"
          type="date"
          required
          defaultValue={values.endsOn}
          errors={errors?.endsOn}
          hint={`每届任期 ${termYears} 年`}
        />
        <Field label="选举日期" name="electedOn" type="date" defaultValue={values.electedOn} errors={errors?.electedOn} hint="换届选举的投票日" />
        <Field label="登记选民人数" name="eligibleVoters" inputMode="numeric" autoComplete="off" defaultValue={values.eligibleVoters} errors={errors?.eligibleVoters} />
        <Field label="参加投票人数" name="votesCast" inputMode="numeric" autoComplete="off" defaultValue={values.votesCast} errors={errors?.votesCast} />
      </div>
      <MembersGrid body={body} rows={rows} blankRows={blank} firstIsChair={mode === "new" && !rows.length} errors={errors?.members} hint={`${min} 至 ${max} 名，其中${postLabel(body, "chair")}一名。空行不保存。`} />
      <Button type="submit" name="intent" value={mode === "new" ? "new-term" : "change-term"} disabled={navigation.state === "submitting"}>
        {mode === "new" ? "录入新一届" : "保存修改"}
      </Button>
    </PostForm>
  );
}

function MembersGrid({
  body,
  rows,
  blankRows,
  firstIsChair,
  errors,
  hint,
}: {
  body: CommitteeBody;
  rows: MemberRowValues[];
  blankRows: number;
  firstIsChair: boolean;
  errors?: string[];
  hint: string;
}) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  // The party secretary may sit on the residents' or villagers' committee only; the other bodies' rules say so.
  const secretaryColumn = body === "residents" || body === "villagers";
  const total = rows.length + blankRows;
  return (
    <fieldset className="mb-4 min-w-0" aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-slate-700">成员</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <ErrorList id={errorId} errors={errors} />
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[28rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="w-12 px-2 py-1.5 text-left font-medium">序号</th>
              <th scope="col" className="px-1 py-1.5 text-left font-medium">姓名</th>
              <th scope="col" className="px-1 py-1.5 text-left font-medium">职务</th>
              {secretaryColumn ? <th scope="col" className="px-1 py-1.5 text-left font-medium">兼任党组织书记</th> : null}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: total }, (_, i) => {
              const row = rows[i];
              const post: MemberPost | string = row?.post ?? (firstIsChair && i === 0 ? "chair" : "member");
              return (
                <tr key={i} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal text-slate-500">
                    {i + 1}
                  </th>
                  <td className="px-1 py-1">
                    <input
                      name={memberCellName(i, "name")}
                      defaultValue={row?.name ?? ""}
                      aria-label={`第 ${i + 1} 名成员 姓名`}
                      aria-invalid={errorId && row ? true : undefined}
                      autoComplete="off"
                      maxLength={40}
                      className="block w-full min-w-[8rem] rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600"
                    />
                  </td>
                  <td className="px-1 py-1">
                    <select
                      name={memberCellName(i, "post")}
                      defaultValue={post}
                      aria-label={`第 ${i + 1} 名成员 职务`}
                      className="block w-full rounded border border-slate-300 bg-white px-2 py-1"
                    >
                      {memberPostOptions.map((option) => (
                        <option key={option} value={option}>
                          {postLabel(body, option)}
                        </option>
                      ))}
                    </select>
                  </td>
                  {secretaryColumn ? (
                    <td className="px-1 py-1">
                      <input
                        type="checkbox"
                        name={memberCellName(i, "partySecretary")}
                        value="on"
                        defaultChecked={row?.partySecretary ?? false}
                        aria-label={`第 ${i + 1} 名成员 兼任党组织书记`}
                        className="h-4 w-4"
                      />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** What was typed into a change of a term that is no longer recorded: kept for copying, not lost. */
function UnsavedTerm({ body, values }: { body: CommitteeBody; values: TermFormValues }) {
  const members = values.members
    .filter((m) => m.name)
    .map((m) => `${(memberPostOptions as readonly string[]).includes(m.post) ? postLabel(body, m.post as MemberPost) : ""} ${m.name}`.trim())
    .join("、");
  return (
    <div className="rounded border border-slate-300 bg-white p-3 text-sm">
      <p className="mb-1 font-medium">您未保存的内容</p>
      <p className="whitespace-pre-wrap rounded bg-slate-50 p-2">
        第 {values.termNumber} 届，{values.startsOn} 至 {values.endsOn}
        {values.electedOn ? `，选举日期 ${values.electedOn}` : ""}
        {values.eligibleVoters ? `，登记选民 ${values.eligibleVoters}` : ""}
        {values.votesCast ? `，参加投票 ${values.votesCast}` : ""}
        {members ? `\n成员：${members}` : ""}
      </p>
    </div>
  );
}

/* ------------------------------------------------------------------ service centre */

function ServiceCentrePanel({ centre, result, formKey }: { centre: LoaderData["serviceCentre"]; result: Result; formKey: string }) {
  const values = result?.values?.form === "service-centre" ? result.values.serviceCentre : null;
  const navigation = useNavigation();
  return (
    <section id="service-centre" aria-labelledby="service-centre-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="service-centre-heading" className="mb-3 text-lg font-semibold text-slate-900">
        党群服务中心
      </h2>
      {centre ? (
        <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">建筑面积</dt>
            <dd className="tabular-nums">{centre.floorArea === null ? "未录入" : `${centre.floorArea} 平方米`}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-600">服务设施</dt>
            <dd>{centre.facilities.length ? centre.facilities.join("、") : "未录入"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">最近更新</dt>
            <dd>{formatDateTime(centre.updatedAt)}</dd>
          </div>
        </dl>
      ) : (
        <p className="mb-4 text-sm text-slate-600">尚未录入服务中心信息。</p>
      )}
      <ResultNotice result={result} />
      <PostForm key={formKey} aria-label="服务中心信息" noValidate preventScrollReset className="max-w-xl">
        <FormError errors={otherErrors(result, ["floorArea", "facilities"])} />
        <input type="hidden" name="version" value={centre?.version ?? ""} />
        <Field
          label="建筑面积（平方米）"
          name="floorArea"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values?.floorArea ?? (centre?.floorArea === null || !centre ? "" : String(centre.floorArea))}
          errors={result?.fieldErrors?.floorArea}
          hint={`整数，0 至 ${maxFloorArea}；不清楚可留空`}
        />
        <TextAreaField
          label="服务设施"
          name="facilities"
          rows={4}
          defaultValue={values?.facilities ?? centre?.facilities.join("\n") ?? ""}
          errors={result?.fieldErrors?.facilities}
          hint="每行一项，也可用“、”分隔，如：日间照料中心、图书室、警务室。最多 30 项，每项不超过 30 字。"
        />
        <Button type="submit" name="intent" value="service-centre" disabled={navigation.state === "submitting"}>
          保存服务中心信息
        </Button>
      </PostForm>
    </section>
  );
}

/* ------------------------------------------------------------------ joint meetings */

function JointMeetingsPanel({
  meetings,
  total,
  today,
  result,
  formKey,
}: {
  meetings: LoaderData["meetings"];
  total: number;
  today: string;
  result: Result;
  formKey: string;
}) {
  const values = result?.values?.form === "joint-meeting" ? result.values.meeting : null;
  const errors = result?.fieldErrors;
  const navigation = useNavigation();
  const partiesId = useId();
  const partiesErrorId = errors?.parties?.length ? `${partiesId}-error` : undefined;
  return (
    <section id="joint-meetings" aria-labelledby="joint-meetings-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="joint-meetings-heading" className="mb-1 text-lg font-semibold text-slate-900">
        “五位一体”联席会议
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        社区党组织、居民委员会、业主委员会、物业服务企业和社会组织五方定期召开的联席会议，记录会议日期、参加方、议题和决定事项。
      </p>
      {meetings.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">“五位一体”联席会议记录，最近的在前</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">日期</th>
                <th scope="col" className="px-3 py-2">参加方</th>
                <th scope="col" className="px-3 py-2">议题</th>
                <th scope="col" className="px-3 py-2">决定事项</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} className="border-t border-slate-100 align-top">
                  <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">{formatDate(m.heldOn)}</th>
                  <td className="px-3 py-2">
                    {m.parties.length === jointMeetingParties.length ? "五方均参加" : m.parties.join("、")}
                  </td>
                  <td className="whitespace-pre-wrap px-3 py-2">{m.topics}</td>
                  <td className="whitespace-pre-wrap px-3 py-2">{m.decisions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">尚未记录联席会议。</p>
      )}
      {meetings.length ? (
        <p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span>
            共 {total} 次{total > meetings.length ? `，显示最近 ${meetings.length} 次` : ""}
          </span>
          {total > meetings.length && meetings.length < maxMeetingsShown ? (
            <Link to={`?meetings=${Math.min(meetings.length + meetingsPageSize, maxMeetingsShown)}#joint-meetings`} preventScrollReset>
              更多（再显示 {Math.min(total - meetings.length, meetingsPageSize, maxMeetingsShown - meetings.length)} 次）
            </Link>
          ) : null}
        </p>
      ) : null}

      <h3 className="mb-3 mt-6 font-semibold text-slate-900">记录一次联席会议</h3>
      <ResultNotice result={result} />
      <PostForm key={formKey} aria-label="记录一次联席会议" noValidate preventScrollReset className="max-w-2xl">
        <FormError errors={otherErrors(result, ["heldOn", "parties", "topics", "decisions"])} />
        <Field label="会议日期" name="heldOn" type="date" required min={earliestRecordDate} max={today} defaultValue={values?.heldOn ?? today} errors={errors?.heldOn} />
        <fieldset className="mb-4" aria-describedby={partiesErrorId}>
          <legend className="text-sm font-medium text-slate-700">
            参加方<span className="text-red-700"> *</span>
          </legend>
          <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
            {jointMeetingParties.map((party) => (
              <label key={party} className="flex min-h-8 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="parties"
                  value={party}
                  defaultChecked={values ? values.parties.includes(party) : true}
                  aria-invalid={partiesErrorId ? true : undefined}
                  className="h-4 w-4"
                />
                {party}
              </label>
            ))}
          </div>
          <ErrorList id={partiesErrorId} errors={errors?.parties} />
        </fieldset>
        <TextAreaField label="议题" name="topics" required rows={3} maxLength={2000} defaultValue={values?.topics ?? ""} errors={errors?.topics} />
        <TextAreaField
          label="决定事项"
          name="decisions"
          required
          rows={4}
          maxLength={4000}
          defaultValue={values?.decisions ?? ""}
          errors={errors?.decisions}
        />
        <Button type="submit" name="intent" value="joint-meeting" disabled={navigation.state === "submitting"}>
          记录会议
        </Button>
      </PostForm>
    </section>
  );
}
