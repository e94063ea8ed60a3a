/**
 * Confirming a step that cannot be undone (提交, 报送, 准予, 公开, 列入 …): the
 * form's button first shows what will happen, and only a post carrying the
 * confirmation field performs the step. With JavaScript the summary is a
 * dialog and its confirm button sends the form with the field; without it the
 * server answers the unconfirmed post with a confirmation page that sends the
 * same fields again with it. Pure: the browser builds the same summary.
 */

/** The field a confirmed post carries, and its value. */
export const confirmedField = "confirmed";
export const confirmedValue = "yes";

/** What the user is asked to confirm, in the words of the row it concerns. */
export interface Confirmation {
  /** The step as its button names it: "准予登记", "审核通过并公开". */
  action: string;
  /** What it concerns, with the row's real data: [label, value]. */
  facts: Array<readonly [string, string]>;
  /** What will happen: what changes in the register, who will see it, who is told. */
  effects: string[];
  /** What cannot be undone afterwards, and what remains possible. */
  irreversible: string;
}

/** A posted form as a summary reads it: FormData in the browser, the carried fields on the confirmation page. */
export interface PostedValues {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

/** The trimmed text of one field, "" when it is missing or not text. */
export function postedText(values: PostedValues, name: string): string {
  const value = values.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Every text posted under a name (ticked boxes, the ids of a batch as `name[0]`, `name[1]` …), trimmed and non-empty. */
export function postedList(values: PostedValues, name: string): string[] {
  const direct = values.getAll(name);
  const indexed: unknown[] = [];
  for (let i = 0; i < 1000; i++) {
    const value = values.get(`${name}[${i}]`);
    if (value === null || value === undefined) break;
    indexed.push(value);
  }
  return [...direct, ...indexed].filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter(Boolean);
}

/** Whether the post carries the confirmation: the only way an irreversible step is performed. */
export function isConfirmed(values: PostedValues): boolean {
  return values.get(confirmedField) === confirmedValue;
}

/** A post that was not confirmed: the fields to send again once it is (never the confirmation field itself). */
export interface PendingConfirmation {
  fields: Array<[string, string]>;
}

/** The pending confirmation an action answered with, if it did (action answers differ in shape from route to route). */
export function pendingOf(answer: unknown): PendingConfirmation | null {
  if (!answer || typeof answer !== "object" || !("confirm" in answer)) return null;
  const pending = (answer as { confirm?: unknown }).confirm;
  if (!pending || typeof pending !== "object" || !Array.isArray((pending as PendingConfirmation).fields)) return null;
  return pending as PendingConfirmation;
}

/** The carried fields as a summary reads them. */
export function pendingValues(pending: PendingConfirmation): PostedValues {
  return new URLSearchParams(pending.fields);
}

/** "3 个组织：甲、乙、丙" — a batch named, the first few in full. */
export function namedBatch(names: readonly string[], unit: string, shown = 5): string {
  if (!names.length) return `0 ${unit}`;
  const listed = names.slice(0, shown).join("、");
  return `${names.length} ${unit}：${listed}${names.length > shown ? ` 等` : ""}`;
}
