import { getFormProps, useForm } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { normalizeDate, postedText, tickedParties } from "../../domain/committees/forms";
import { jointMeetingParties, maxMeetingsShown, meetingsPageSize } from "../../domain/committees/rules";
import { earliestRecordDate, formatDate } from "../../domain/shared/time";
import { DataTable, type Column } from "../../ui/data-table";
import { Button, ErrorList, Field, FormError, PostForm, TextAreaField } from "../../ui/form";
import type { CommitteePageData } from "./page-data";
import { otherErrors, refusalOf, ReplyNotice, useLastResult, type CommitteeReply } from "./reply";

type Meeting = CommitteePageData["meetings"][number];

const columns: Array<Column<Meeting>> = [
  { label: "日期", cell: (m) => formatDate(m.heldOn), rowHeader: true, className: "whitespace-nowrap" },
  { label: "参加方", cell: (m) => (m.parties.length === jointMeetingParties.length ? "五方均参加" : m.parties.join("、")) },
  { label: "议题", cell: (m) => m.topics, className: "whitespace-pre-wrap" },
  { label: "决定事项", cell: (m) => m.decisions, className: "whitespace-pre-wrap" },
];

/** A community's "五位一体" joint meetings, the latest first, and the form that records one. */
export function JointMeetingsPanel({
  meetings,
  total,
  today,
  reply,
  formKey,
}: {
  meetings: Meeting[];
  total: number;
  today: string;
  reply: CommitteeReply | undefined;
  formKey: string;
}) {
  const more = Math.min(total - meetings.length, meetingsPageSize, maxMeetingsShown - meetings.length);
  return (
    <section id="joint-meetings" aria-labelledby="joint-meetings-heading" className="panel">
      <h2 id="joint-meetings-heading" className="mb-1 text-lg font-semibold text-slate-900">
        “五位一体”联席会议
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        社区党组织、居民委员会、业主委员会、物业服务企业和社会组织五方定期召开的联席会议，记录会议日期、参加方、议题和决定事项。
      </p>
      <DataTable caption="“五位一体”联席会议记录，最近的在前" columns={columns} rows={meetings} rowKey={(m) => m.id} empty="尚未记录联席会议。" framed={false} />
      {meetings.length ? (
        <p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span>
            共 {total} 次{total > meetings.length ? `，显示最近 ${meetings.length} 次` : ""}
          </span>
          {more > 0 ? (
            <Link to={`?meetings=${Math.min(meetings.length + meetingsPageSize, maxMeetingsShown)}#joint-meetings`} preventScrollReset>
              更多（再显示 {more} 次）
            </Link>
          ) : null}
        </p>
      ) : null}

      <h3 className="mb-3 mt-6 font-semibold text-slate-900">记录一次联席会议</h3>
      <ReplyNotice reply={reply} />
      <JointMeetingForm key={formKey} today={today} reply={reply} />
    </section>
  );
}

function JointMeetingForm({ today, reply }: { today: string; reply: CommitteeReply | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<{ heldOn: string; parties: string[]; topics: string; decisions: string }>({
    id: "committee-joint-meeting",
    lastResult: useLastResult(reply),
    defaultValue: { heldOn: today, parties: [...jointMeetingParties] },
  });
  // A refused meeting shows the parties as ticked; a new one starts with all five.
  const ticked: readonly string[] = refusalOf(reply) ? tickedParties(fields.parties.initialValue) : jointMeetingParties;
  const partiesId = useId();
  const partiesErrorId = fields.parties.errors?.length ? `${partiesId}-error` : undefined;
  return (
    <PostForm {...getFormProps(form, { ariaAttributes: false })} aria-label="记录一次联席会议" noValidate preventScrollReset className="max-w-2xl">
      <FormError errors={otherErrors(form.allErrors, ["heldOn", "parties", "topics", "decisions"])} />
      <Field
        label="会议日期"
        name={fields.heldOn.name}
        type="date"
        required
        min={earliestRecordDate}
        max={today}
        defaultValue={normalizeDate(postedText(fields.heldOn.initialValue))}
        errors={fields.heldOn.errors}
      />
      <fieldset className="mb-4" aria-describedby={partiesErrorId}>
        <legend className="text-sm font-medium text-slate-700">
          参加方<span className="text-red-700"> *</span>
        </legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
          {jointMeetingParties.map((party) => (
            <label key={party} className="flex min-h-8 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.parties.name}
                value={party}
                defaultChecked={ticked.includes(party)}
                aria-invalid={partiesErrorId ? true : undefined}
                className="h-4 w-4"
              />
              {party}
            </label>
          ))}
        </div>
        <ErrorList id={partiesErrorId} errors={fields.parties.errors} />
      </fieldset>
      <TextAreaField
        label="议题"
        name={fields.topics.name}
        required
        rows={3}
        maxLength={2000}
        defaultValue={postedText(fields.topics.initialValue)}
        errors={fields.topics.errors}
      />
      <TextAreaField
        label="决定事项"
        name={fields.decisions.name}
        required
        rows={4}
        maxLength={4000}
        defaultValue={postedText(fields.decisions.initialValue)}
        errors={fields.decisions.errors}
      />
      <Button type="submit" name="intent" value="joint-meeting" disabled={navigation.state === "submitting"}>
        记录会议
      </Button>
    </PostForm>
  );
}
