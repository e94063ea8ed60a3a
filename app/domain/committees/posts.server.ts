/**
 * What the committee page posts — a new term (换届), a change to any term,
 * deleting a term recorded by mistake, the service centre, a "五位一体" joint
 * meeting — turned into domain calls.
 * Whatever is refused comes back with what was typed, so nothing is lost.
 */
import { randomUUID } from "node:crypto";
import { readForm } from "../../auth/require.server";
import {
  mergeFieldErrors,
  parseDeleteTermForm,
  parseJointMeetingForm,
  parseRowNumber,
  parseServiceCentreForm,
  parseTermForm,
  termFormInput,
  textOf,
  type FieldErrors,
  type JointMeetingFormValues,
  type ServiceCentreFormValues,
  type TermFormValues,
} from "./forms";
import { bodiesOf, bodyLabels, termProblemsInPlace, type CommitteeBody } from "./rules";
import { committeeWorkspace, deleteTerm, recordJointMeeting, saveServiceCentre, saveTerm } from "./committees.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound } from "../shared/errors";

export const committeeIntents = ["new-term", "change-term", "delete-term", "service-centre", "joint-meeting"] as const;
export type CommitteeIntent = (typeof committeeIntents)[number];

export type CommitteeFormValues =
  | { form: "term"; term: TermFormValues }
  | { form: "delete-term"; reason: string }
  | { form: "service-centre"; serviceCentre: ServiceCentreFormValues }
  | { form: "joint-meeting"; meeting: JointMeetingFormValues };

export interface CommitteePostResult {
  /** Which form was posted, so the page shows the errors beside that form's fields. */
  intent: CommitteeIntent | "unknown";
  /** For a term's forms: the body whose form was posted. */
  body?: CommitteeBody;
  /** For a change or a deletion: the term it was typed against, so its values go back to that term's form only. */
  termId?: number;
  notice?: string;
  fieldErrors?: FieldErrors;
  formError?: string;
  /** What was typed, so a refused form shows it again. */
  values?: CommitteeFormValues;
  /** New with every refusal that returns `values`: the page re-creates that form from them. */
  formKey?: string;
  /** The version a refused-as-stale change was typed against, so saving again is refused again, never an overwrite. */
  postedVersion?: number;
  status: number;
}

const staleForm = "页面已过期，请刷新后重试。";
const fixBelow = "有填写不正确的内容，未保存，请按提示修改。";

function isIntent(value: string): value is CommitteeIntent {
  return (committeeIntents as readonly string[]).includes(value);
}

function isBody(value: string): value is CommitteeBody {
  return Object.hasOwn(bodyLabels, value);
}

/**
 * A form refused before it reaches a domain write is still refused as the
 * write would be for a place outside the officer's scope: not found, rather
 * than telling them what was wrong with the form.
 */
async function requirePlace(ctx: ActionContext, code: string) {
  if (!ctx.actor) forbidden();
  return committeeWorkspace(ctx.actor, code, ctx.now);
}

function statusOf(result: { fieldErrors?: FieldErrors; formError?: string }): number {
  return result.formError && !result.fieldErrors ? 409 : 400;
}

/** The committee page's form posts for the community or village `code`. */
export async function handleCommitteePost(ctx: ActionContext, code: string, request: Request): Promise<CommitteePostResult> {
  const result = await dispatch(ctx, code, await readForm(request));
  return result.values ? { ...result, formKey: randomUUID() } : result;
}

async function dispatch(ctx: ActionContext, code: string, form: FormData): Promise<CommitteePostResult> {
  const intent = textOf(form, "intent");
  if (!isIntent(intent)) {
    await requirePlace(ctx, code);
    return { intent: "unknown", formError: "无法识别的操作，请刷新页面后重试。", status: 400 };
  }
  switch (intent) {
    case "new-term":
    case "change-term":
      return term(ctx, code, form, intent);
    case "delete-term":
      return removeTerm(ctx, code, form);
    case "service-centre":
      return serviceCentre(ctx, code, form);
    case "joint-meeting":
      return jointMeeting(ctx, code, form);
  }
}

async function term(ctx: ActionContext, code: string, form: FormData, intent: "new-term" | "change-term"): Promise<CommitteePostResult> {
  const bodyText = textOf(form, "body");
  if (!isBody(bodyText)) {
    await requirePlace(ctx, code);
    return { intent, formError: staleForm, status: 400 };
  }
  const body: CommitteeBody = bodyText;
  const parsed = parseTermForm(form);
  const values: CommitteeFormValues = { form: "term", term: parsed.values };

  let termId: number | undefined;
  let expectedVersion: number | undefined;
  if (intent === "change-term") {
    const id = parseRowNumber(textOf(form, "termId"));
    const version = parseRowNumber(textOf(form, "version"));
    if (id === null || version === null) {
      await requirePlace(ctx, code);
      return { intent, body, formError: staleForm, values, status: 400 };
    }
    termId = id;
    expectedVersion = version;
  }
  const refused = (result: { fieldErrors?: FieldErrors; formError?: string }): CommitteePostResult => ({
    intent,
    body,
    termId,
    fieldErrors: result.fieldErrors,
    formError: result.fieldErrors ? fixBelow : result.formError,
    values,
    postedVersion: result.fieldErrors ? undefined : expectedVersion,
    status: statusOf(result),
  });

  if (!parsed.input) {
    const { place, recorded, today } = await requirePlace(ctx, code);
    if (!bodiesOf(place.level).includes(body)) notFound("该社区或村没有这一组织。");
    // Tell every problem at once: the rules, checked as the domain checks them, beside what could not be read.
    // Without a term number there is no place in the body's order to check: only the other bodies are compared.
    const numberRead = !parsed.fieldErrors.termNumber;
    const rules = termProblemsInPlace(body, termFormInput(parsed), {
      today,
      recorded: numberRead ? recorded : recorded.filter((t) => t.body !== body),
      termId,
    });
    for (const field of Object.keys(parsed.fieldErrors)) if (field !== "members") delete rules[field];
    return refused({ fieldErrors: mergeFieldErrors(parsed.fieldErrors, rules) });
  }
  const saved = await saveTerm(ctx, code, body, { ...parsed.input, termId, expectedVersion });
  if (!saved.ok) return refused(saved);
  return {
    intent,
    body,
    termId: saved.value.termId,
    notice:
      intent === "new-term"
        ? `已录入${bodyLabels[body]}第 ${parsed.input.termNumber} 届。`
        : `已保存${bodyLabels[body]}第 ${parsed.input.termNumber} 届的修改。`,
    status: 200,
  };
}

async function removeTerm(ctx: ActionContext, code: string, form: FormData): Promise<CommitteePostResult> {
  const intent = "delete-term";
  const bodyText = textOf(form, "body");
  const parsed = parseDeleteTermForm(form);
  const values: CommitteeFormValues = { form: "delete-term", reason: parsed.reason };
  if (!isBody(bodyText) || parsed.termId === null || parsed.expectedVersion === null) {
    await requirePlace(ctx, code);
    return { intent, body: isBody(bodyText) ? bodyText : undefined, formError: staleForm, values, status: 400 };
  }
  const body: CommitteeBody = bodyText;
  const termId = parsed.termId;
  const removed = await deleteTerm(ctx, code, body, { termId, expectedVersion: parsed.expectedVersion, reason: parsed.reason });
  if (!removed.ok) {
    return {
      intent,
      body,
      termId,
      fieldErrors: removed.fieldErrors,
      formError: removed.fieldErrors ? fixBelow : removed.formError,
      values,
      status: statusOf(removed),
    };
  }
  return { intent, body, termId, notice: `已删除${bodyLabels[body]}第 ${removed.value.termNumber} 届的记录，删除原因已记入审计日志。`, status: 200 };
}

async function serviceCentre(ctx: ActionContext, code: string, form: FormData): Promise<CommitteePostResult> {
  const intent = "service-centre";
  const parsed = parseServiceCentreForm(form);
  const values: CommitteeFormValues = { form: "service-centre", serviceCentre: parsed.values };
  if (parsed.badVersion || !parsed.input) await requirePlace(ctx, code);
  if (parsed.badVersion) return { intent, formError: staleForm, values, status: 400 };
  if (!parsed.input) return { intent, fieldErrors: parsed.fieldErrors, formError: fixBelow, values, status: 400 };
  const saved = await saveServiceCentre(ctx, code, { ...parsed.input, expectedVersion: parsed.expectedVersion });
  if (!saved.ok) {
    return {
      intent,
      fieldErrors: saved.fieldErrors,
      formError: saved.fieldErrors ? fixBelow : saved.formError,
      values,
      status: statusOf(saved),
    };
  }
  return { intent, notice: "服务中心信息已保存。", status: 200 };
}

async function jointMeeting(ctx: ActionContext, code: string, form: FormData): Promise<CommitteePostResult> {
  const intent = "joint-meeting";
  const meeting = parseJointMeetingForm(form);
  const values: CommitteeFormValues = { form: "joint-meeting", meeting };
  const saved = await recordJointMeeting(ctx, code, meeting);
  if (!saved.ok) {
    return {
      intent,
      fieldErrors: saved.fieldErrors,
      formError: saved.fieldErrors ? fixBelow : saved.formError,
      values,
      status: statusOf(saved),
    };
  }
  return { intent, notice: `已记录 ${meeting.heldOn} 的“五位一体”联席会议。`, status: 200 };
}
