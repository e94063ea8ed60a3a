/**
 * Whatever a browser (or anyone else) posts to a committee form, reading it
 * never throws: a refusal names at least one problem, each in Chinese, each
 * beside a field the form has or above the form ("").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  associationCountingFormSchema,
  associationCountingLabels,
  associationCountings,
  associationTargetFormSchema,
  countedOrganizationsText,
  countedStatusesNote,
  targetSettingOf,
  targetsText,
} from "../../app/domain/committees/coverage";
import {
  changeTermSchema,
  committeeFormSchema,
  committeeIntents,
  deleteTermSchema,
  jointMeetingSchema,
  newTermSchema,
  serviceCentreSchema,
} from "../../app/domain/committees/forms";
import { jointMeetingParties } from "../../app/domain/committees/rules";
import { parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";

const cjk = /[\u3400-\u9fff\uff00-\uffef]/;

/** Values a field may meet: any text, very long text, controls, full-width digits, numbers and impossible dates where dates belong, files. */
const values: fc.Arbitrary<string | File> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string().map((s) => s.padEnd(10_000, "字")),
  fc.constantFrom("\u0000", "\u0007", "a\u0000b", "\u200b", " ", "", "\uFFFD", "on"),
  fc.constantFrom("１２", "２０２６-０５-２０", "８８０ 平方米", "－１", "１,０００"),
  fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String),
  fc.constantFrom("2026-05-20", "2026/5/20", "2026年5月20日", "2026-02-30", "0000-01-01", "1900-05-01", "2147483648", "-1.5", "1e3", "NaN"),
  fc.constantFrom("residents", "villagers", "supervision", "finance_group", "council", "chair", "vice_chair", "member", "boss"),
  fc.constantFrom(...jointMeetingParties),
  fc.constant(new File(["x"], "a.txt", { type: "text/plain" })),
);

type Posted = [intent: string | undefined, entries: Array<[string, string | File]>];

/** Any subset of the form's fields and grid cells, repeated or not, with unknown ones; one of its intents, a garbage one, or none. */
function postedForms(schema: z.ZodType, intents: readonly string[]): fc.Arbitrary<Posted> {
  const names = [...schemaFields(schema).keys()].filter((name) => name !== "intent");
  const cell = fc.tuple(fc.nat(1200), fc.constantFrom("name", "post", "partySecretary", "x")).map(([i, key]) => `member.${i}.${key}`);
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 2, arbitrary: cell },
    { weight: 1, arbitrary: fc.constantFrom("junk", "", "__intent__", "member", "member[0]", ...names.map((n) => `${n}[0]`), ...names.map((n) => `${n}.x`)) },
    { weight: 1, arbitrary: fc.string() },
  );
  const garbage = fc.oneof(fc.string(), fc.constantFrom("", "delete", "new-term ", "NEW-TERM", "toString", "__proto__"));
  const intent = fc.option(intents.length ? fc.oneof(fc.constantFrom(...intents), garbage) : garbage, { nil: undefined });
  return fc.tuple(intent, fc.array(fc.tuple(name, values), { maxLength: 16 }));
}

function formOf([intent, entries]: Posted): FormData {
  const form = new FormData();
  if (intent !== undefined) form.append("intent", intent);
  for (const [field, value] of entries) form.append(field, value);
  return form;
}

function neverThrows(schema: z.ZodType, intents: readonly string[]) {
  const known = new Set([...schemaFields(schema).keys(), ""]);
  fc.assert(
    fc.property(postedForms(schema, intents), (posted) => {
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

describe("no posted form makes a committee schema throw or answer without a Chinese reason", () => {
  it("a new term (换届)", () => neverThrows(newTermSchema, ["new-term"]));
  it("a change to a term", () => neverThrows(changeTermSchema, ["change-term"]));
  it("deleting a term", () => neverThrows(deleteTermSchema, ["delete-term"]));
  it("the service centre", () => neverThrows(serviceCentreSchema, ["service-centre"]));
  it("a joint meeting", () => neverThrows(jointMeetingSchema, ["joint-meeting"]));
  it("any form of the committee page, or one it does not have", () => neverThrows(committeeFormSchema, committeeIntents));
  it("the 一居多会 target", () => neverThrows(associationTargetFormSchema, []));
  it("the 一居多会 counting basis", () => neverThrows(associationCountingFormSchema, ["counting"]));
});

describe("一居多会 counting basis", () => {
  it("registered and filed alike, as the 2017 guidance counts them, or filed ones only; anything else is refused in Chinese", () => {
    expect(associationCountings).toEqual(["registered_and_filed", "filed_only"]);
    expect(associationCountingLabels.registered_and_filed).toContain("民政部《关于大力培育发展社区社会组织的意见》");
    const chosen = associationCountingFormSchema.parse({ intent: "counting", associationCounting: "filed_only", reason: "按备案口径考核", expected: "registered_and_filed" });
    expect(chosen).toMatchObject({ associationCounting: "filed_only", expected: "registered_and_filed", reason: "按备案口径考核" });
    const refused = associationCountingFormSchema.safeParse({ intent: "counting", associationCounting: "both", reason: "" });
    expect(refused.error!.issues.map((i) => i.message)).toEqual(["请选择统计口径", "请填写调整原因（至少 2 个字）"]);
  });

  it("pages say what is counted under each basis, and that ended organizations are not", () => {
    expect(countedOrganizationsText.registered_and_filed).toBe("社区社会组织（含登记和备案）");
    expect(countedOrganizationsText.filed_only).toBe("备案的社区社会组织");
    expect(countedStatusesNote("registered_and_filed")).toContain("标明了社区社会组织类别");
    expect(countedStatusesNote("filed_only")).toContain("只计入备案的社区社会组织");
    for (const counting of associationCountings) expect(countedStatusesNote(counting)).toContain("已注销、已撤销登记的不计入");
  });
});

describe("一居多会 targets for urban communities and villages", () => {
  it("a form without a level changes the urban communities' target; a village's form the villages'", () => {
    const community = associationTargetFormSchema.parse({ associationTarget: "8", reason: "按国家指导标准" });
    expect(community.level).toBe("community");
    expect(targetSettingOf(community.level)).toBe("associationTarget");
    const village = associationTargetFormSchema.parse({ level: "village", associationTarget: "5", reason: "按国家指导标准" });
    expect(targetSettingOf(village.level)).toBe("villageAssociationTarget");
    expect(associationTargetFormSchema.safeParse({ level: "street", associationTarget: "5", reason: "按国家指导标准" }).success).toBe(false);
  });

  it("pages name one figure when the targets agree and both when they differ", () => {
    expect(targetsText({ community: 6, village: 6 })).toBe("每个社区（村）6 个");
    expect(targetsText({ community: 10, village: 5 })).toBe("每个城市社区 10 个、每个村 5 个");
  });
});
