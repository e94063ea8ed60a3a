/**
 * The form-schema checks the unit tests share: a form from plain entries, a
 * schema's refusal or value for it, and the fast-check property every form
 * schema must hold.
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { z } from "zod";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

export const formOf = (entries: Record<string, string | string[]>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const v of [value].flat()) form.append(name, v);
  return form;
};

export const errorsOf = (schema: z.ZodType, entries: Record<string, string | string[]>) => {
  const submission = parseSubmission(formOf(entries), { schema });
  return submission.status === "success" ? null : submission.reply().error;
};

export const valueOf = (schema: z.ZodType, entries: Record<string, string | string[]>) => {
  const submission = parseSubmission(formOf(entries), { schema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.reply().error));
  return submission.value;
};

/**
 * Whatever a form posts — any of the schema's fields and unknown ones, text of
 * any length, control characters, full-width digits, numbers where dates
 * belong, the page's intents and made-up ones — parsing never throws, and a
 * refusal says why in Chinese beside a field the form has (or above it).
 */
export function refusesClearly(schema: z.ZodType, discriminators: Array<{ name: string; values: readonly string[] }> = []) {
  const known = schemaFields(schema);
  const names = [...known.keys()];
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("", " ", "\u0000", "\u0007", "名称\u0000", "a\u0007b", "１２３", "２０２６-０５-３１", "-1", "1.5", "0", "2147483648", "1e400", "NaN", "Infinity"),
    fc.constantFrom("2026-02-30", "0000-01-01", "2026-05-31", "13800138000", "on", "yes", "social_group", "pass", "\u202e反向", "x".repeat(10_000), "名".repeat(10_000)),
    fc.integer().map(String),
    fc.double({ noNaN: false }).map(String),
    fc.date({ noInvalidDate: true }).map((d) => String(d.getTime())),
  );
  const field = fc.tuple(fc.constantFrom(...names, "junk", "__proto__", "constructor", "files[0]", `${names[0] ?? "x"}[0]`, `${names[0] ?? "x"}.inner`), text);
  const discriminator = discriminators.map(({ name, values }) =>
    fc.option(fc.tuple(fc.constant(name), fc.constantFrom(...values, "", "garbage", "SAVE", "delete", "decide")), { nil: undefined }),
  );
  const form = fc.tuple(fc.array(field, { maxLength: 25 }), ...discriminator).map(([fields, ...chosen]) => {
    const data = new FormData();
    for (const pair of chosen) if (pair) data.append(pair[0], pair[1]);
    for (const [name, value] of fields) data.append(name, value);
    return data;
  });
  fc.assert(
    fc.property(form, (data) => {
      const submission = parseSubmission(data, { schema });
      if (submission.status === "success") return;
      const errors = Object.entries(submission.reply().error ?? {}).filter(([, messages]) => messages?.length);
      expect(errors.length).toBeGreaterThan(0);
      for (const [key, messages] of errors) {
        expect(key === "" || known.has(/^[^.[]*/.exec(key)![0]), `error key ${key}`).toBe(true);
        for (const message of messages!) {
          expect(typeof message).toBe("string");
          expect(message).toMatch(/\p{Script=Han}/u);
        }
      }
    }),
    { numRuns: 200 },
  );
}
