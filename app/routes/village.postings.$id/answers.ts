/**
 * How the posting page's forms read the action's answer: each form takes the
 * answer to its own intents, and once another form was answered, or its own
 * post succeeded, its errors are cleared (conform keeps the last ones otherwise).
 */
import type { SubmissionResult } from "@conform-to/react";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { PostingIntent } from "../../domain/postings/forms";
import type { PendingConfirmation } from "../../domain/shared/confirmation";
import type { loader } from "./route";

/** What a post answers: which form it was (so the page shows its errors beside that form), and how it went. */
export interface Answer {
  intent: PostingIntent | "unknown";
  result?: SubmissionResult<string[]>;
  notice?: string;
  /** Empty rows for the table grid to show below the filled ones. */
  blankRows?: number;
  /** New with every refused draft: the page re-creates the draft form, so its rows are numbered as the messages number them. */
  formKey?: string;
  /** The version a draft that was not saved was typed against: saving again is refused again, never an overwrite. */
  postedVersion?: number;
  /** An approval posted without its confirmation: the fields to send again (app/ui/confirm.tsx). */
  confirm?: PendingConfirmation;
}

export type Workspace = ReturnType<typeof useLoaderData<typeof loader>>;
export type Version = Workspace["versions"][number];

export const fileHref = (id: number) => `/postings/files/${id}`;

export function usePageAnswer(): Answer | undefined {
  return useActionData() as Answer | undefined;
}

/** The answer to one of the page's forms: to the intents it posts, or none. */
export function answerFor(answer: Answer | undefined, intents: readonly string[]): Answer | undefined {
  return answer && intents.includes(answer.intent) ? answer : undefined;
}

/** conform's lastResult for a form posting `intents`: its refusal, or no errors once the page was answered otherwise. */
export function useLastResult(intents: readonly string[]): SubmissionResult<string[]> | undefined {
  const answer = usePageAnswer();
  return useMemo(
    () => (answer ? (answerFor(answer, intents)?.result ?? { error: {} }) : undefined),
    // A new answer is a new object: the result is worked out again only then (the intents are constants).
    [answer, intents],
  );
}

/** The errors a form shows above its fields: the form's own, then those of fields it does not show beside a control. */
export function otherErrors(allErrors: Record<string, string[] | null | undefined>, shown: readonly string[]): string[] {
  const entries = Object.entries(allErrors).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : 0));
  return entries.filter(([name]) => !shown.includes(name)).flatMap(([, messages]) => messages ?? []);
}
