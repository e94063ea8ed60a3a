/**
 * A village's public contact numbers (公开联系号码): a hotline or the supervision
 * committee's phone that the clerk marks so that the village's public pages
 * show it in full. The form's rules, shared by the server (authoritative) and
 * the browser; a number is read by the same finder that masks it, so what is
 * marked is exactly what the masking recognises, whatever its formatting.
 */
import { z } from "zod";
import { digitsOf, findSensitiveNumbers, publicNumberDigits } from "./sensitive-numbers";
import { parseRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";

export const publicContactKinds = ["mobile", "bank_card"] as const;
export type PublicContactKind = (typeof publicContactKinds)[number];

export const publicContactKindLabels: Record<PublicContactKind, string> = { mobile: "手机号", bank_card: "银行卡号" };

export const maxContactNumberLength = 40;
export const maxContactLabelLength = 30;

export interface ContactNumber {
  kind: PublicContactKind;
  /** A mobile's 11 digits, a card's digits: how the masking matches it. */
  digits: string;
}

/** The one mobile or bank-card number typed, or why it cannot be marked. */
export function readContactNumber(text: string): { ok: true; value: ContactNumber } | { ok: false; message: string } {
  const typed = text.trim();
  if (!typed) return { ok: false, message: "请填写要公开的手机号或银行卡号" };
  if (typed.length > maxContactNumberLength) return { ok: false, message: `号码不超过 ${maxContactNumberLength} 个字符` };
  const control = fieldCharacterProblem(typed, "号码");
  if (control) return { ok: false, message: control };
  const matches = findSensitiveNumbers(typed);
  if (matches.some((m) => m.kind === "id_card" || m.kind === "id_card_suspect")) {
    return { ok: false, message: "身份证号不能标记为公开号码：公开页面上的身份证号一律遮蔽显示。" };
  }
  if (matches.length > 1) return { ok: false, message: "一次只能标记一个号码" };
  const [match] = matches;
  const digits = digitsOf(typed);
  if (!match || digitsOf(match.value) !== digits) {
    if (/^0\d{9,11}$/.test(digits)) return { ok: false, message: "固定电话在公开页面上本来就完整显示，无需标记" };
    return { ok: false, message: "请填写有效的手机号（11 位，以 13–19 开头）或银行卡号（16–19 位）" };
  }
  return { ok: true, value: { kind: match.kind as PublicContactKind, digits: publicNumberDigits(match)! } };
}

/** The digits grouped for reading: 139 1234 5678, 6222 0200 0000 0000 000. */
export function formatContactDigits(kind: PublicContactKind, digits: string): string {
  if (kind === "mobile") return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export const publicContactSchema = z.object({
  number: z
    .string({ error: "请填写要公开的手机号或银行卡号" })
    .max(maxContactNumberLength, `号码不超过 ${maxContactNumberLength} 个字符`)
    .superRefine((value, ctx) => {
      if (value.length > maxContactNumberLength) return;
      const read = readContactNumber(value);
      if (!read.ok) ctx.addIssue({ code: "custom", message: read.message });
    }),
  // The length is checked as typed, before trimming: the echo of a refused form is cut just past it.
  label: z
    .string({ error: "请填写号码的用途，如“村务监督委员会电话”" })
    .max(maxContactLabelLength, `用途不超过 ${maxContactLabelLength} 个字`)
    .trim()
    .min(1, "请填写号码的用途，如“村务监督委员会电话”")
    .superRefine((value, ctx) => {
      const problem = fieldCharacterProblem(value, "用途");
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});
export type PublicContactForm = z.output<typeof publicContactSchema>;

/** The contacts page: mark a number (the default), or remove a mark by its row id; a wrong id is refused as not found. */
export const contactsPageSchema = z.preprocess(
  (posted) => {
    const intent = typeof posted === "object" && posted !== null ? (posted as { intent?: unknown }).intent : "mark";
    return intent === undefined || intent === "" ? { ...(posted as object), intent: "mark" } : posted;
  },
  z.discriminatedUnion(
    "intent",
    [
      publicContactSchema.extend({ intent: z.literal("mark") }),
      z.object({
        intent: z.literal("unmark"),
        id: z
          .string({ error: "找不到该号码，可能已被取消公开。" })
          .max(10, "找不到该号码，可能已被取消公开。")
          .optional()
          .transform((text) => parseRowId(text) ?? 0),
      }),
    ],
    { error: "无法识别的操作，请刷新页面后重试。" },
  ),
);
export type ContactsPageForm = z.output<typeof contactsPageSchema>;
