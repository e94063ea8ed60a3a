/**
 * The question forms, shared by the server (authoritative) and the browser: a
 * villager's question, an answer (the clerk's or the committee's), and hiding
 * an abusive question with a reason.
 */
import { z } from "zod";
import { rowIdField as rowId, textField as text, versionField as version } from "../shared/form-fields";
import { fieldCharacterProblem } from "../shared/text-input";

/** A one-line text without invisible control characters. */
const line = (label: string, min: number, max: number) =>
  text(label, min, max).superRefine((v, ctx) => {
    const problem = fieldCharacterProblem(v, label);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const askSchema = z.object({
  name: line("姓名", 2, 20),
  village: line("所在村（居）", 2, 40),
  question: text("质询内容", 10, 1000),
});
export type AskPost = z.output<typeof askSchema>;

export const answerSchema = z.object({
  questionId: rowId("找不到该质询"),
  version,
  answer: text("答复内容", 4, 2000),
});
export type AnswerPost = z.output<typeof answerSchema>;

export const hideSchema = z.object({
  questionId: rowId("找不到该质询"),
  version,
  reason: text("屏蔽理由", 4, 200),
});
export type HidePost = z.output<typeof hideSchema>;

/** The village's work on a question, by intent. */
export const questionWorkSchema = z.discriminatedUnion("intent", [
  answerSchema.extend({ intent: z.literal("answer") }),
  hideSchema.extend({ intent: z.literal("hide") }),
]);
export type QuestionWork = z.output<typeof questionWorkSchema>;
