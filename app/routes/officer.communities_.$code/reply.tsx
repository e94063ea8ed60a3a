/**
 * How the committee page's forms read the action's answer: each form takes
 * the answer to its own post (by intent, body and term), and is re-created
 * from what was typed when its own post is refused.
 */
import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { useMemo, useRef } from "react";
import type { CommitteeIntent, PostedForm } from "../../domain/committees/forms";
import { Notice } from "../../ui/notice";

/** What a post answers: which form it came from (so the page answers beside that form), and how it went. */
export interface CommitteeReply extends PostedForm {
  result: SubmissionResult<string[]>;
  notice?: string;
  /** New with every refusal: the page re-creates that form from what was typed. */
  formKey?: string;
  /** The version a change refused as stale was typed against, so saving again is refused again, never an overwrite. */
  postedVersion?: number;
}

export function useReply(): CommitteeReply | undefined {
  return useActionData() as CommitteeReply | undefined;
}

export type TermIntent = Extract<CommitteeIntent, "new-term" | "change-term" | "delete-term">;

export const isTermIntent = (intent: PostedForm["intent"]): intent is TermIntent =>
  intent === "new-term" || intent === "change-term" || intent === "delete-term";

/** A refusal of the form's own post, or nothing. */
export const refusalOf = (reply: CommitteeReply | undefined) => (reply && !reply.notice ? reply : undefined);

/** conform's lastResult for one form: its own refusal; once the page was answered otherwise, no errors (conform keeps the last ones otherwise). */
export function useLastResult(own: CommitteeReply | undefined): SubmissionResult<string[]> | undefined {
  const reply = useReply();
  return useMemo(() => (reply ? (refusalOf(own)?.result ?? { error: {} }) : undefined), [reply, own]);
}

/** The errors a form shows above its fields: the form's own, then those of fields it does not show beside a control; each once. */
export function otherErrors(errors: Record<string, string[] | null | undefined> | null | undefined, shown: readonly string[]): string[] {
  const entries = Object.entries(errors ?? {}).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : 0));
  return [...new Set(entries.filter(([name]) => !shown.includes(name)).flatMap(([, messages]) => messages ?? []))];
}

/**
 * The key a form is mounted under: new when the saved data it shows changes,
 * and when one of its own posts is refused (so it shows what was typed, its
 * rows as the messages number them), but not when another form on the page
 * posts — what is typed in it stays.
 */
export function useFormKeys(reply: CommitteeReply | undefined) {
  const remembered = useRef(new Map<string, string>());
  return (formId: string, owns: boolean, dataKey: string | number) => {
    if (owns && reply?.formKey) remembered.current.set(formId, reply.formKey);
    return `${formId}:${dataKey}:${remembered.current.get(formId) ?? ""}`;
  };
}

export type FormKeys = ReturnType<typeof useFormKeys>;

export function ReplyNotice({ reply }: { reply: CommitteeReply | undefined }) {
  return reply?.notice ? <Notice>{reply.notice}</Notice> : null;
}
