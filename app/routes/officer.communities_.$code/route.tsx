import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../../auth/require.server";
import { deleteTerm, recordJointMeeting, saveServiceCentre, saveTerm } from "../../domain/committees/commands.server";
import { committeeFormSchema, fixBelow, postedFormOf, refusalNote, refusedTermOf, type CommitteeForm } from "../../domain/committees/forms";
import { committeeAccess, committeeWorkspace, refusedFormProblems } from "../../domain/committees/queries.server";
import { bodyLabels } from "../../domain/committees/rules";
import { placeLevelLabels, placePath } from "../../domain/places/rules";
import type { ActionContext } from "../../domain/shared/context";
import type { WriteResult } from "../../domain/shared/errors";
import { parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { StandingBadge } from "../../ui/committee-view";
import { FormError } from "../../ui/form";
import { Badge, PageHeader } from "../../ui/layout";
import { BodySection } from "./body-section";
import { JointMeetingsPanel } from "./joint-meetings";
import { isTermIntent, otherErrors, useFormKeys, useReply, type CommitteeReply } from "./reply";
import { ServiceCentrePanel } from "./service-centre";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.place.name ?? "社区/村"} 村（居）民委员会 - 登记管理` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "committee:manage");
  // "更多" asks for more joint meetings: ?meetings=100. The domain answers 404 for a place outside the officer's street.
  const meetings = Number(new URL(request.url).searchParams.get("meetings"));
  return committeeWorkspace(actor, params.code ?? "", new Date(), { meetings });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "committee:manage");
  const code = params.code ?? "";
  // As the page: a place outside the officer's street is a 404 whatever was posted.
  await committeeAccess(actor, code);
  const ctx = actionContext(context, actor);
  const submission = parseSubmission(await readForm(request), { schema: committeeFormSchema });
  const posted = postedFormOf(submission.payload);
  if (submission.status !== "success") {
    const problems = await refusedFormProblems(ctx, code, refusedTermOf(submission.payload, submission.error));
    const result = replyTo(submission, problems && { fieldErrors: problems }, { formError: refusalNote(problems ?? submission.error) });
    return data<CommitteeReply>({ ...posted, formKey: crypto.randomUUID(), result }, { status: 400 });
  }
  const form = submission.value;
  const outcome = await save(ctx, code, form);
  if (!outcome.ok) {
    const stale = !outcome.fieldErrors;
    return data<CommitteeReply>(
      {
        ...posted,
        formKey: crypto.randomUUID(),
        ...(stale && form.intent === "change-term" ? { postedVersion: form.version } : {}),
        result: replyTo(submission, outcome, { formError: fixBelow }),
      },
      { status: stale && outcome.formError ? 409 : 400 },
    );
  }
  return data<CommitteeReply>({ ...posted, ...outcome.value, result: submission.reply({ resetForm: true }) });
}

/** The form's one command, and on success what the page says. */
async function save(ctx: ActionContext, code: string, form: CommitteeForm): Promise<WriteResult<{ notice: string; termId?: number }>> {
  switch (form.intent) {
    case "new-term":
    case "change-term": {
      const saved = await saveTerm(ctx, code, form);
      if (!saved.ok) return saved;
      const term = `${bodyLabels[form.body]}第 ${form.termNumber} 届`;
      return { ok: true, value: { termId: saved.value.termId, notice: form.intent === "new-term" ? `已录入${term}。` : `已保存${term}的修改。` } };
    }
    case "delete-term": {
      const removed = await deleteTerm(ctx, code, form);
      if (!removed.ok) return removed;
      return { ok: true, value: { notice: `已删除${bodyLabels[form.body]}第 ${removed.value.termNumber} 届的记录，删除原因已记入审计日志。` } };
    }
    case "service-centre": {
      const saved = await saveServiceCentre(ctx, code, form);
      return saved.ok ? { ok: true, value: { notice: "服务中心信息已保存。" } } : saved;
    }
    case "joint-meeting": {
      const saved = await recordJointMeeting(ctx, code, form);
      return saved.ok ? { ok: true, value: { notice: `已记录 ${form.heldOn} 的“五位一体”联席会议。` } } : saved;
    }
  }
}

/** A refused change may have been refused because someone else saved first: show what is saved now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

export default function CommitteePage() {
  const { place, parent, bodies, warnings, serviceCentre, meetings, meetingTotal, today } = useLoaderData<typeof loader>();
  const reply = useReply();
  const keyFor = useFormKeys(reply);
  const shownBodies = new Set<string>(bodies.map((b) => b.body));
  // A post no form on the page answers for (an unknown intent, or a body the page does not show): told at the top.
  const orphan = reply && (reply.intent === "unknown" || (isTermIntent(reply.intent) && !shownBodies.has(reply.body ?? "")));
  const villagers = bodies.find((b) => b.body === "villagers") ?? null;
  const own = (intent: CommitteeReply["intent"]) => (reply?.intent === intent ? reply : undefined);

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
      {orphan ? <FormError errors={otherErrors(reply.result.error, [])} /> : null}

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
            reply={reply && isTermIntent(reply.intent) && reply.body === b.body ? reply : undefined}
            keyFor={keyFor}
          />
        ))}
        <ServiceCentrePanel
          centre={serviceCentre}
          reply={own("service-centre")}
          formKey={keyFor("service-centre", !!own("service-centre"), serviceCentre?.version ?? 0)}
        />
        {place.level === "community" ? (
          <JointMeetingsPanel
            meetings={meetings}
            total={meetingTotal}
            today={today}
            reply={own("joint-meeting")}
            formKey={keyFor("joint-meeting", !!own("joint-meeting"), meetings[0]?.id ?? 0)}
          />
        ) : null}
      </div>
    </>
  );
}
