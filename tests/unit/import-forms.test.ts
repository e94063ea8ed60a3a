import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { batchIdOf, batchSchema, confirmSchema, importUploadSchema } from "../../app/domain/imports/forms";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

const formOf = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  return form;
};

const errorsOf = (schema: z.ZodType, entries: Record<string, string>) => {
  const submission = parseSubmission(formOf(entries), { schema });
  return submission.status === "success" ? null : submission.reply().error;
};

/**
 * Whatever a form posts — any of the schema's fields and unknown ones, text of
 * any length, control characters, full-width digits, numbers where dates
 * belong, the page's intents and made-up ones — parsing never throws, and a
 * refusal says why in Chinese beside a field the form has (or above it).
 */
function refusesClearly(schema: z.ZodType, discriminators: Array<{ name: string; values: readonly string[] }> = []) {
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

describe("the import pages' forms", () => {
  test("an upload names a kind the registry imports", () => {
    expect(parseSubmission(formOf({ kind: "communities" }), { schema: importUploadSchema })).toMatchObject({ status: "success", value: { kind: "communities" } });
    expect(errorsOf(importUploadSchema, { kind: "users" })?.kind).toEqual(["请选择要导入的内容"]);
    expect(errorsOf(importUploadSchema, {})?.kind).toEqual(["请选择要导入的内容"]);
  });
  test("a batch is confirmed or discarded at the version shown; anything else is a stale or tampered page", () => {
    expect(parseSubmission(formOf({ intent: "discard", version: "2" }), { schema: batchSchema })).toMatchObject({ status: "success", value: { intent: "discard", version: 2 } });
    expect(errorsOf(batchSchema, { intent: "import", version: "2" })?.intent).toEqual(["未知的操作"]);
    for (const version of ["", "0", "-1", "1.5", "2147483648", "abc"]) {
      expect(errorsOf(batchSchema, { intent: "confirm", version })?.version).toEqual(["页面已过期，请刷新后重试"]);
    }
  });
  test("the streamed confirmation only confirms", () => {
    expect(errorsOf(confirmSchema, { intent: "discard", version: "2" })?.intent).toEqual(["这里只能确认导入。"]);
  });
  test("a batch named by text that names no row is NaN, for the domain to answer after its permission check", () => {
    expect(batchIdOf("12")).toBe(12);
    for (const param of [undefined, "", "0", "007", "1e3", "2147483648", "abc"]) expect(batchIdOf(param)).toBeNaN();
  });
});

describe("malformed input gives a clear refusal, never an exception", () => {
  test("an upload", () => refusesClearly(importUploadSchema));
  test("a batch's page", () => refusesClearly(batchSchema, [{ name: "intent", values: ["confirm", "discard"] }]));
  test("the streamed confirmation", () => refusesClearly(confirmSchema, [{ name: "intent", values: ["confirm"] }]));
});
