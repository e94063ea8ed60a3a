/**
 * Whatever a browser (or anyone else) posts to a village-posting form,
 * reading it never throws: a refusal names at least one problem, each in
 * Chinese, each beside a field the form has or above the form ("").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { contactsPageSchema, publicContactSchema } from "../../app/domain/postings/contact-forms";
import { newPostingSchema, postingIntents, postingPageSchema, postingUploadSchema, staleForm, unknownIntent } from "../../app/domain/postings/forms";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

/** A refused submission's errors (none when it was accepted). */
const errorsOf = (submission: { status?: string; error?: unknown }) => (submission.status === "success" ? undefined : (submission.error as Record<string, string[] | null> | undefined));

const cjk = /[\u3400-\u9fff\uff00-\uffef]/;

/** Values a field may meet: any text, very long text, controls, full-width digits, numbers and impossible dates, files. */
const values: fc.Arbitrary<string | File> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string().map((s) => s.padEnd(10_000, "字")),
  fc.constantFrom("\u0000", "\u0007", "a\u0000b", "\u200b", "\u202e", " ", "", "\r\n", "\uFFFD"),
  fc.constantFrom("１２", "２０２５-０３", "２０２５年第一季度", "１３９１２３４５６７８", "－１", "０"),
  fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String),
  fc.constantFrom("2025-03", "2025-Q1", "2025-13", "2026-02-30", "0000-01-01", "2147483648", "-1.5", "1e3", "NaN", "007"),
  fc.constantFrom("on", "off", "true", "finance_monthly", "subsistence_allowance", "经审核，同意公开。", "13912345678"),
  fc.constant(new File(["x"], "a.pdf", { type: "application/pdf" })),
);

type Posted = [intent: string | undefined, entries: Array<[string, string | File]>];

/** Any subset of the form's fields, repeated or not, with unknown ones and grid cells; one of its intents, a garbage one, or none. */
function postedForms(schema: z.ZodType, intents: readonly string[]): fc.Arbitrary<Posted> {
  const names = [...schemaFields(schema).keys()].filter((name) => name !== "intent");
  const known = names.length ? [fc.constantFrom(...names)] : [];
  const name = fc.oneof(
    ...known.map((arbitrary) => ({ weight: 4, arbitrary })),
    {
      weight: 1,
      arbitrary: fc.constantFrom("junk", "", "__intent__", "__state__", "row.0.item", "row.12.idNumber", "row.0.__proto__", "row[1].name", ...names.map((n) => `${n}[0]`), ...names.map((n) => `${n}.x`)),
    },
    { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 120_000 }), fc.constantFrom("item", "income", "name", "x1", "")).map(([i, k]) => `row.${i}.${k}`) },
    { weight: 1, arbitrary: fc.string() },
  );
  const garbage = fc.oneof(fc.string(), fc.constantFrom("", "delete", "save ", "SUBMIT", "upload", "unmark"));
  const intent = fc.option(intents.length ? fc.oneof(fc.constantFrom(...intents), garbage) : garbage, { nil: undefined });
  return fc.tuple(intent, fc.array(fc.tuple(name, values), { maxLength: 14 }));
}

function formOf([intent, entries]: Posted): FormData {
  const form = new FormData();
  if (intent !== undefined) form.append("intent", intent);
  for (const [field, value] of entries) form.append(field, value);
  return form;
}

/** The property every form's schema must hold, however it is posted. */
function holdsForAnyPost(schema: z.ZodType, intents: readonly string[]) {
  const fields = new Set(["", ...schemaFields(schema).keys()]);
  fc.assert(
    fc.property(postedForms(schema, intents), (posted) => {
      const submission = parseSubmission(formOf(posted), { schema });
      if (submission.status === "success") return;
      const errors = Object.entries(submission.error ?? {});
      expect(errors.length).toBeGreaterThan(0);
      for (const [field, messages] of errors) {
        expect(fields.has(field), `error key “${field}”`).toBe(true);
        expect(messages?.length).toBeGreaterThan(0);
        for (const message of messages ?? []) {
          expect(typeof message).toBe("string");
          expect(message, `message of “${field}”`).toMatch(cjk);
        }
      }
    }),
    { numRuns: 300 },
  );
}

describe("every village-posting form, posted anyhow, is read without throwing and refused in Chinese beside its fields", () => {
  it("the posting page's forms (draft, files, discard, review, correction, withdrawal)", () => holdsForAnyPost(postingPageSchema, postingIntents));
  it("the upload form", () => holdsForAnyPost(postingUploadSchema, []));
  it("the new-posting form", () => holdsForAnyPost(newPostingSchema, []));
  it("the public-contacts page's forms (mark, unmark)", () => holdsForAnyPost(contactsPageSchema, ["mark", "unmark"]));
  it("the mark form as the browser checks it", () => holdsForAnyPost(publicContactSchema, ["mark"]));
});

describe("the posting page's schema", () => {
  const parse = (entries: Array<[string, string]>) => {
    const form = new FormData();
    for (const [name, value] of entries) form.append(name, value);
    return parseSubmission(form, { schema: postingPageSchema });
  };

  it("refuses an intent it does not know, and an upload without files", () => {
    expect(errorsOf(parse([["intent", "publish"], ["version", "1"]]))).toEqual({ intent: [unknownIntent] });
    expect(errorsOf(parse([["intent", "upload"]]))).toEqual({ files: ["请选择要上传的文件"] });
  });

  it("asks for a ticked confirmation before a draft is given up", () => {
    expect(errorsOf(parse([["intent", "discard"], ["version", "2"]]))).toEqual({ confirmDiscard: ["请勾选确认后再放弃，放弃后不能恢复"] });
    expect(errorsOf(parse([["intent", "discard"]]))).toMatchObject({ version: [staleForm] });
  });

  it("checks reasons and opinions as the commands do, counting a line break as one character", () => {
    expect(errorsOf(parse([["intent", "correct"], ["version", "1"], ["reason", "  "]]))).toEqual({ reason: ["请填写更正原因，公开页面将显示该原因"] });
    expect(errorsOf(parse([["intent", "withdraw"], ["version", "1"], ["withdrawReason", "x".repeat(501)]]))).toEqual({ withdrawReason: ["撤回原因不能超过 500 字"] });
    const lines = Array.from({ length: 250 }, () => "错").join("\r\n");
    const accepted = parse([["intent", "withdraw"], ["version", "1"], ["withdrawReason", lines]]);
    expect(accepted.status === "success" && accepted.value).toEqual({ intent: "withdraw", expectedVersion: 1, reason: lines });
    expect(errorsOf(parse([["intent", "return"], ["version", "1"], ["opinion", "经审核，同意公开。"]]))?.opinion?.[0]).toContain("退回修改时");
    expect(errorsOf(parse([["intent", "approve"], ["version", "1"], ["opinion", ""]]))).toEqual({ opinion: ["请填写审核意见，写明核对了哪些内容，如“经核对票据和会议记录，金额无误，同意公开”"] });
    const approved = parse([["intent", "approve"], ["version", "4"], ["opinion", "同意。"]]);
    expect(approved.status === "success" && approved.value).toEqual({ intent: "approve", decision: "approve", expectedVersion: 4, opinion: "同意。" });
  });

  it("reads the draft's acknowledgement, the digest it covers and the grid's blank rows", () => {
    const saved = parse([["intent", "submit"], ["version", "3"], ["acknowledgeSensitive", "on"], ["acknowledgedFindings", "a".repeat(64)], ["blankRows", "25"]]);
    expect(saved.status === "success" && saved.value).toMatchObject({ intent: "submit", acknowledgeSensitive: true, acknowledgedFindings: "a".repeat(64), blankRows: 25 });
    const unticked = parse([["intent", "submit"], ["version", "3"], ["acknowledgeSensitive", "yes"]]);
    expect(unticked.status === "success" && unticked.value).toMatchObject({ acknowledgeSensitive: false, acknowledgedFindings: "" });
  });
});

describe("the new-posting schema", () => {
  const parse = (entries: Array<[string, string]>) => {
    const form = new FormData();
    for (const [name, value] of entries) form.append(name, value);
    return parseSubmission(form, { schema: newPostingSchema });
  };

  it("names every problem it can see without the database at once", () => {
    expect(errorsOf(parse([["kind", "nope"], ["period", "明年"], ["title", ""], ["body", "<b>x</b>"]]))).toEqual({
      kind: ["请选择公开事项的类型"],
      period: [expect.stringContaining("无法识别公开期间“明年”")],
      title: ["请填写标题"],
      body: [expect.stringContaining("HTML")],
    });
  });

  it("leaves a blank period to the command, which knows the kind", () => {
    const parsed = parse([["kind", "finance_monthly"], ["title", "三月财务"], ["body", "收支明细"]]);
    expect(parsed.status === "success" && parsed.value).toEqual({ kind: "finance_monthly", period: "", title: "三月财务", body: "收支明细" });
  });
});
