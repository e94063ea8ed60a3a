/**
 * The one way a posted form is parsed on the server: conform's parseWithZod on
 * the form cut down to what the schema knows. A refused form is sent back with
 * what was typed so the user loses nothing; without this, everything posted
 * (fields the form does not have, text of any length) would be copied into the
 * page. Unknown fields are dropped and each text is cut to its field's maximum
 * plus one character, so a too-long value is still refused as too long.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { confirmedField, isConfirmed, type PendingConfirmation } from "./confirmation";

// A field a schema gives no message of its own (a file where text was expected, a
// value posted twice) is still refused in Chinese, never in zod's English.
z.config(z.locales.zhCN());

/** The cap for a text field whose schema names no maximum. */
export const defaultEchoLength = 20_000;

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  left?: AnySchema;
  right?: AnySchema;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { def: Def }).def;

/** The schema a wrapper (optional, default, a preprocess or pipe …) finally validates with. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe") current = defOf(def.in!).type === "transform" ? def.out! : def.in!;
    else return current;
  }
  return current;
}

/** Each top-level field the schema knows, with the longest text it accepts (null: no maximum named). */
export function schemaFields(schema: AnySchema): Map<string, number | null> {
  const fields = new Map<string, number | null>();
  const visit = (s: AnySchema) => {
    const inner = unwrap(s);
    const def = defOf(inner);
    if (def.type === "object" && def.shape) {
      for (const [name, field] of Object.entries(def.shape)) {
        const max = (unwrap(field) as unknown as { maxLength?: number | null }).maxLength ?? null;
        const known = fields.get(name);
        fields.set(name, known === undefined ? max : known === null || max === null ? null : Math.max(known, max));
      }
    } else if (def.options) def.options.forEach(visit);
    else if (def.left && def.right) {
      visit(def.left);
      visit(def.right);
    }
  };
  visit(schema);
  return fields;
}

/** "rows[3].amount" and "address.street" belong to the field "rows" and "address". */
const fieldOf = (name: string) => /^[^.[]*/.exec(name)![0];

/** No list on our forms comes near this many rows. */
export const maxListIndex = 1000;

/**
 * "reason[4294967294]" would make conform build (and its reply walk) an array
 * of four billion slots: one such name costs minutes of CPU. A name whose
 * index no form of ours can have is dropped like an unknown field.
 */
function indicesBounded(name: string): boolean {
  for (const match of name.matchAll(/\[(\d+)\]/g)) if (match[1]!.length > 4 || Number(match[1]) > maxListIndex) return false;
  return true;
}

/** Conform's own fields (@conform-to/dom's INTENT and STATE). */
const conformIntent = "__intent__";
const conformState = "__state__";

/**
 * Whether a posted `__intent__` is one conform could have made, with list
 * indices and paths no form of ours exceeds. Kept, it tells a "validate"
 * revalidation (conform sends one through the form on input after a refusal)
 * from a real submission; dropped, that revalidation would parse as a
 * submission and be saved, before the user has clicked anything.
 */
function wellFormedIntent(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const intent = JSON.parse(value) as { type?: unknown; payload?: unknown };
    if (typeof intent?.type !== "string" || typeof intent.payload !== "object" || intent.payload === null) return false;
    const { name, index, from, to } = intent.payload as Record<string, unknown>;
    if (name !== undefined && (typeof name !== "string" || !indicesBounded(name))) return false;
    return [index, from, to].every((n) => n === undefined || (Number.isInteger(n) && (n as number) >= 0 && (n as number) <= maxListIndex));
  } catch {
    return false;
  }
}

function wellFormedState(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const state = JSON.parse(value) as unknown;
    return typeof state === "object" && state !== null && !Array.isArray(state);
  } catch {
    return false;
  }
}

/** The form with only the schema's fields, each text cut to its maximum plus one, and conform's intent when well formed. */
export function boundedForm(form: FormData | URLSearchParams, schema: AnySchema): FormData {
  const fields = schemaFields(schema);
  const bounded = new FormData();
  for (const [name, value] of form.entries()) {
    if (name === conformIntent || name === conformState) {
      if (typeof value === "string" && !bounded.has(name) && (name === conformIntent ? wellFormedIntent(value) : wellFormedState(value))) bounded.append(name, value);
      continue;
    }
    if (!fields.has(fieldOf(name)) || !indicesBounded(name)) continue;
    if (typeof value !== "string") {
      bounded.append(name, value);
      continue;
    }
    const max = fields.get(name) ?? null;
    bounded.append(name, value.slice(0, (max ?? defaultEchoLength) + 1));
  }
  return bounded;
}

/** parseWithZod on the bounded form: its `reply()` can only echo fields the form has, each of bounded length. */
export function parseSubmission<Schema extends AnySchema>(form: FormData | URLSearchParams, options: { schema: Schema }) {
  const bounded = boundedForm(form, options.schema);
  try {
    return parseWithZod(bounded, options);
  } catch {
    // An intent conform cannot apply (a list step on a field that is no list) was not made by conform:
    // the form is read as the plain submission it otherwise is.
    bounded.delete(conformIntent);
    bounded.delete(conformState);
    return parseWithZod(bounded, options);
  }
}

/** What a refused command says: errors beside fields, and one for the whole form. */
interface Refusal {
  fieldErrors?: Record<string, string[]>;
  formError?: string;
}

/**
 * The one reply of an action whose form was refused, by the schema or by the
 * domain command: the command's errors go beside their fields and above the
 * form, and what was typed comes back (except hidden fields such as passwords).
 */
export function replyTo(
  submission: { reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; hideFields?: string[] }) => SubmissionResult },
  refusal?: Refusal | null,
  options: { hideFields?: string[]; formError?: string } = {},
): SubmissionResult {
  const formError = refusal?.formError ?? options.formError;
  return submission.reply({
    ...(refusal?.fieldErrors ? { fieldErrors: refusal.fieldErrors } : {}),
    ...(formError ? { formErrors: [formError] } : {}),
    ...(options.hideFields ? { hideFields: options.hideFields } : {}),
  });
}

/**
 * The server's half of confirming an irreversible step (see ./confirmation):
 * null when the post carries the confirmation, otherwise what the confirmation
 * page sends again — the schema's fields only, each bounded, never a file, a
 * password or the confirmation field. Nothing is written before it is null.
 */
export function pendingConfirmation(form: FormData | URLSearchParams, schema: AnySchema): PendingConfirmation | null {
  if (isConfirmed(form)) return null;
  const fields: Array<[string, string]> = [];
  for (const [name, value] of boundedForm(form, schema).entries()) {
    if (typeof value === "string" && name !== confirmedField) fields.push([name, value]);
  }
  return { fields };
}
