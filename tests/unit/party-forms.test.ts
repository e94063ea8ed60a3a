/**
 * Whatever a browser (or anyone else) posts to a party form, reading it never
 * throws: a refusal names at least one problem, each in Chinese, each beside
 * a field the form has or above the form ("").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { correctionSchema } from "../../app/domain/organizations/forms";
import {
  acceptReportSchema,
  admissionSchema,
  coverageTargetSchema,
  jointBranchSchema,
  overviewFormSchema,
  overviewIntents,
  partyIntents,
  partyRecordSchema,
  recordPartyFormSchema,
} from "../../app/domain/party/forms";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

const cjk = /[\u3400-\u9fff\uff00-\uffef]/;

/** Values a field may meet: any text, very long text, controls, full-width digits, numbers and impossible dates where dates belong, files. */
const values: fc.Arbitrary<string | File> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string().map((s) => s.padEnd(10_000, "字")),
  fc.constantFrom("\u0000", "\u0007", "a\u0000b", "\u200b", " ", "", "\uFFFD"),
  fc.constantFrom("１２", "９５％", "２０２６-０５-２０", "３", "－１", "92.5%", "０"),
  fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String),
  fc.constantFrom(
    "2026-05-20",
    "2026-02-30",
    "0000-01-01",
    "1900-05-01",
    "2147483648",
    "-1.5",
    "1e3",
    "NaN",
    "Infinity",
  ),
  fc.constantFrom("branch", "new_branch", "instructor", "none", "on", "true"),
  fc.constant(new File(["x"], "a.txt", { type: "text/plain" })),
);

type Posted = [intent: string | undefined, entries: Array<[string, string | File]>];

/** Any subset of the form's fields, repeated or not, with unknown ones; one of its intents, a garbage one, or none. */
function postedForms(schema: z.ZodType, intents: readonly string[]): fc.Arbitrary<Posted> {
  const names = [...schemaFields(schema).keys()].filter((name) => name !== "intent");
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "junk",
        "",
        "__intent__",
        ...names.map((n) => `${n}[0]`),
        ...names.map((n) => `${n}.x`),
      ),
    },
    { weight: 1, arbitrary: fc.string() },
  );
  const garbage = fc.oneof(
    fc.string(),
    fc.constantFrom("", "delete", "party-record ", "JOINT-BRANCH"),
  );
  const intent = fc.option(fc.oneof(fc.constantFrom(...intents), garbage), { nil: undefined });
  return fc.tuple(intent, fc.array(fc.tuple(name, values), { maxLength: 14 }));
}

function formOf([intent, entries]: Posted): FormData {
  const form = new FormData();
  if (intent !== undefined) form.append("intent", intent);
  for (const [field, value] of entries) form.append(field, value);
  return form;
}

function neverThrows(
  schema: z.ZodType,
  intents: readonly string[],
  posted: fc.Arbitrary<Posted> = postedForms(schema, intents),
) {
  const known = new Set([...schemaFields(schema).keys(), ""]);
  fc.assert(
    fc.property(posted, (posted) => {
      const submission = parseSubmission(formOf(posted), { schema });
      if (submission.status === "success") return;
      const errors = Object.entries(submission.error ?? {});
      expect(errors.length).toBeGreaterThan(0);
      for (const [field, messages] of errors) {
        expect(known, `error key ${JSON.stringify(field)}`).toContain(field);
        expect(messages?.length).toBeGreaterThan(0);
        for (const message of messages ?? []) {
          expect(typeof message).toBe("string");
          expect(message, `message of ${field}`).toMatch(cjk);
        }
      }
    }),
    { numRuns: 300 },
  );
}

describe("no posted form makes a party schema throw or answer without a Chinese reason", () => {
  it("an organization's party record", () => neverThrows(partyRecordSchema, ["party-record"]));
  it("an admission of probationary members", () =>
    neverThrows(admissionSchema, ["party-admission"]));
  it("the acceptance of an annual report's members", () =>
    neverThrows(acceptReportSchema, ["party-accept-report"]));
  it("a joint branch", () => neverThrows(jointBranchSchema, ["joint-branch"]));
  it("the coverage target", () => neverThrows(coverageTargetSchema, ["coverage-target"]));
  it("any form of /officer/party", () => neverThrows(overviewFormSchema, overviewIntents));
  it("any party form of an organization's record page, or one it does not have", () => {
    const posted = fc
      .tuple(fc.oneof(fc.constantFrom(...partyIntents), fc.string()), postedForms(recordPartyFormSchema, partyIntents))
      .map(([name, [, entries]]): Posted => [name, entries]);
    neverThrows(recordPartyFormSchema, partyIntents, posted);
  });

  // The correction's own fields come from organizations/forms.ts, whose text fields still answer a wrong
  // type (a field posted twice, a file, a checkbox other than "on") in zod's English: here each is posted once, as text.
  it("the correction on its own page, each field posted once as text", () => {
    const names = [...schemaFields(correctionSchema).keys()].filter((name) => name !== "acceptLegacyUscc");
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => s.padEnd(10_000, "字")),
      fc.constantFrom("\u0007", "１２", "2026-02-30", "-1.5", "2147483648"),
    );
    const posted = fc
      .tuple(fc.dictionary(fc.constantFrom(...names), text), fc.boolean())
      .map(([fields, legacy]): Posted => [
        undefined,
        [...Object.entries(fields), ...(legacy ? [["acceptLegacyUscc", "on"] as [string, string]] : [])],
      ]);
    neverThrows(correctionSchema, [], posted);
  });
});
