import { getFormProps, useForm } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import {
  editBlankRows,
  isMemberPost,
  postedText,
  recordedTermValues,
  termFormDefaults,
  termValuesOf,
  type TermFormValues,
} from "../../domain/committees/forms";
import { bodyLabels, deleteReasonLength, memberLimits, postLabel, termYears, type CommitteeBody } from "../../domain/committees/rules";
import { Button, ErrorSummary, Field, PostForm, TextAreaField } from "../../ui/form";
import { MembersGrid } from "./members-grid";
import type { Term } from "./page-data";
import { refusalOf, useLastResult, type CommitteeReply, type FormKeys } from "./reply";

/** The fields a term form shows beside a control; the members grid posts its cells as `member.<row>.<cell>`. */
export const termFields = ["termNumber", "startsOn", "endsOn", "electedOn", "eligibleVoters", "votesCast", "member"] as const;

/** The labels of the term's own fields, beside them and in the error summary. */
const termLabels = {
  termNumber: "届次（第几届）",
  startsOn: "任期开始日期",
  endsOn: "任期结束日期",
  electedOn: "选举日期",
  eligibleVoters: "登记选民人数",
  votesCast: "参加投票人数",
} as const;

interface TermFields {
  body: string;
  termNumber: string;
  startsOn: string;
  endsOn: string;
  electedOn: string;
  eligibleVoters: string;
  votesCast: string;
  member: Record<string, { name?: string; post?: string; partySecretary?: string }>;
  termId: string;
  version: string;
}

/** A term's change form and, for a term recorded by mistake, its deletion: closed until asked for or refused. */
export function TermEditor({ body, term, reply, keyFor }: { body: CommitteeBody; term: Term; reply: CommitteeReply | undefined; keyFor: FormKeys }) {
  const changeReply = reply?.intent === "change-term" ? reply : undefined;
  const deleteReply = reply?.intent === "delete-term" ? reply : undefined;
  return (
    <details className="mt-3 rounded border border-slate-200 p-4" open={!!refusalOf(reply)}>
      <summary className="cursor-pointer font-medium text-brand-700">修改第 {term.termNumber} 届的记录</summary>
      <TermForm
        key={keyFor(`change-${term.id}`, !!changeReply, `${term.id}-${term.version}`)}
        formId={`committee-change-${term.id}`}
        body={body}
        term={term}
        defaults={recordedTermValues(term)}
        reply={changeReply}
      />
      <DeleteTermForm key={keyFor(`delete-${term.id}`, !!deleteReply, `${term.id}-${term.version}`)} body={body} term={term} reply={deleteReply} />
    </details>
  );
}

/** A new term (换届) of a body when `term` is null, otherwise a change to `term`. */
export function TermForm({
  formId,
  body,
  term,
  defaults,
  reply,
}: {
  formId: string;
  body: CommitteeBody;
  term: Term | null;
  defaults: TermFormValues;
  reply: CommitteeReply | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<TermFields>({ id: formId, lastResult: useLastResult(reply), defaultValue: termFormDefaults(defaults) });
  // What was typed after a refusal, or the defaults: dates written out, the rows as the messages number them.
  const values = termValuesOf(form.initialValue);
  const label = term ? `修改${bodyLabels[body]}第 ${term.termNumber} 届` : `录入${bodyLabels[body]}新一届`;
  const { min, max } = memberLimits[body];
  const rows = values.members;
  const blank = !term && !refusalOf(reply) ? Math.max(max, rows.length + editBlankRows) - rows.length : editBlankRows;
  return (
    <PostForm {...getFormProps(form, { ariaAttributes: false })} aria-label={label} className="mt-4" noValidate preventScrollReset>
      <ErrorSummary result={refusalOf(reply)?.result} labels={termLabels} />
      <input type="hidden" name={fields.body.name} value={body} />
      {term ? (
        <>
          <input type="hidden" name={fields.termId.name} value={term.id} />
          {/* After a stale refusal the form stays on the version it was typed against: saving again is refused, never an overwrite. */}
          <input type="hidden" name={fields.version.name} value={reply?.postedVersion ?? term.version} />
        </>
      ) : null}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field
          label={termLabels.termNumber}
          name={fields.termNumber.name}
          inputMode="numeric"
          autoComplete="off"
          required
          defaultValue={values.termNumber}
          errors={fields.termNumber.errors}
        />
        <Field label={termLabels.startsOn} name={fields.startsOn.name} type="date" required defaultValue={values.startsOn} errors={fields.startsOn.errors} />
        <Field
          label={termLabels.endsOn}
          name={fields.endsOn.name}
          type="date"
          required
          defaultValue={values.endsOn}
          errors={fields.endsOn.errors}
          hint={`每届任期 ${termYears} 年`}
        />
        <Field
          label={termLabels.electedOn}
          name={fields.electedOn.name}
          type="date"
          defaultValue={values.electedOn}
          errors={fields.electedOn.errors}
          hint="换届选举的投票日"
        />
        <Field
          label={termLabels.eligibleVoters}
          name={fields.eligibleVoters.name}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values.eligibleVoters}
          errors={fields.eligibleVoters.errors}
        />
        <Field
          label={termLabels.votesCast}
          name={fields.votesCast.name}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values.votesCast}
          errors={fields.votesCast.errors}
        />
      </div>
      <MembersGrid
        body={body}
        rows={rows}
        blankRows={blank}
        firstIsChair={!term && !rows.length}
        errors={fields.member.errors}
        hint={`${min} 至 ${max} 名，其中${postLabel(body, "chair")}一名。空行不保存。`}
      />
      <Button type="submit" name="intent" value={term ? "change-term" : "new-term"} disabled={navigation.state === "submitting"}>
        {term ? "保存修改" : "录入新一届"}
      </Button>
    </PostForm>
  );
}

const deleteLabels = { reason: "删除原因" } as const;

function DeleteTermForm({ body, term, reply }: { body: CommitteeBody; term: Term; reply: CommitteeReply | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<{ body: string; termId: string; version: string; reason: string }>({
    id: `committee-delete-${term.id}`,
    lastResult: useLastResult(reply),
  });
  return (
    <PostForm
      {...getFormProps(form, { ariaAttributes: false })}
      aria-label={`删除${bodyLabels[body]}第 ${term.termNumber} 届的记录`}
      className="mt-6 border-t border-slate-200 pt-4"
      noValidate
      preventScrollReset
    >
      <h4 className="font-medium text-slate-900">删除这一届的记录</h4>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        只用于录入错误的记录（如重复录入、录错组织、未举行的选举）。删除后该届及其成员不再显示；原记录和删除原因保存在审计日志中。
      </p>
      <ErrorSummary result={refusalOf(reply)?.result} labels={deleteLabels} />
      <input type="hidden" name={fields.body.name} value={body} />
      <input type="hidden" name={fields.termId.name} value={term.id} />
      <input type="hidden" name={fields.version.name} value={reply?.postedVersion ?? term.version} />
      <TextAreaField
        label={deleteLabels.reason}
        name={fields.reason.name}
        required
        rows={2}
        maxLength={deleteReasonLength.max}
        defaultValue={postedText(fields.reason.initialValue)}
        errors={fields.reason.errors}
        hint={`${deleteReasonLength.min} 至 ${deleteReasonLength.max} 字，如“届次录入错误，已重新录入第 12 届”`}
      />
      <Button type="submit" name="intent" value="delete-term" variant="danger" disabled={navigation.state === "submitting"}>
        删除第 {term.termNumber} 届的记录
      </Button>
    </PostForm>
  );
}

/** What was typed into a change of a term that is no longer recorded: kept for copying, not lost. */
export function UnsavedTerm({ body, values }: { body: CommitteeBody; values: TermFormValues }) {
  const members = values.members
    .filter((m) => m.name)
    .map((m) => `${isMemberPost(m.post) ? postLabel(body, m.post) : ""} ${m.name}`.trim())
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
