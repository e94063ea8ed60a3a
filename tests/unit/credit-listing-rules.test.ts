/**
 * The credit lists as 社会组织信用信息管理办法 (民政部令第60号) sets them: the grounds
 * and their articles, the letters, the proposals, the removals and the forms.
 */
import { describe, expect, test } from "vitest";
import {
  abnormalRemovalSchema,
  organizationCreditSchema,
  proposalBatchSchema,
  seriousRemovalSchema,
} from "../../app/domain/credit/forms";
import {
  abnormalTriggerArticles,
  automaticRemovalOn,
  creditProposals,
  listedSince,
  needsCorrection,
  repeatedPenalties,
  secondLetterProblem,
  seriousTriggerArticles,
  seriousTriggerOf,
  timeOnList,
  twoYearsListed,
  unreachableEvidence,
  type OrganizationCredit,
  type PenaltyFact,
} from "../../app/domain/credit/listings";
import { abnormalTriggers, seriousTriggers } from "../../vocabulary";
import { addMonths } from "../../app/domain/shared/time";
import { refusesClearly } from "../setup/form-properties";

const penalty = (id: number, kind: PenaltyFact["kind"], decidedOn: string, amountYuan?: number): PenaltyFact => ({
  id,
  kind,
  amountFen: amountYuan === undefined ? null : amountYuan * 100,
  decidedOn,
  decisionNumber: `鲤民罚决字〔${decidedOn.slice(0, 4)}〕${id}号`,
});

const credit = (over: Partial<OrganizationCredit> = {}): OrganizationCredit => ({
  organizationId: 7,
  live: true,
  penalties: [],
  abnormal: [],
  serious: [],
  letters: [],
  rectifications: [],
  dismissed: [],
  ...over,
});

describe("each ground names its article", () => {
  test("第十条 for the 活动异常名录, 第十七条 for the 严重违法失信名单", () => {
    for (const t of abnormalTriggers) expect(abnormalTriggerArticles[t]).toMatch(/^《社会组织信用信息管理办法》第十条第[一二三五六七]项$/);
    for (const t of seriousTriggers) expect(seriousTriggerArticles[t]).toMatch(/^《社会组织信用信息管理办法》第十七条第[一二三四五六七八]项$/);
    expect(abnormalTriggerArticles.penalty).toContain("第十条第五项");
    expect(abnormalTriggerArticles.unreachable).toContain("第十条第六项");
    expect(seriousTriggerArticles.two_years_abnormal).toContain("第十七条第一项");
  });
});

describe("months on the calendar", () => {
  test("the same day, or the month's last where it has none", () => {
    expect(addMonths("2026-01-15", 6)).toBe("2026-07-15");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-03-10", -36)).toBe("2023-03-10");
    expect(addMonths("2024-02-29", 24)).toBe("2026-02-28");
  });
});

describe("unreachable at the registered address (第十条第六项): two registered letters returned unsigned, 20–60 days apart", () => {
  const letter = (id: number, sentOn: string, returnedOn: string | null) => ({ id, sentOn, returnedOn });
  test("the pair establishes it only when both came back and the gap is within the window", () => {
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10"), letter(2, "2026-03-21", "2026-03-30")])).toMatchObject({ first: { id: 1 }, second: { id: 2 } });
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10"), letter(2, "2026-04-30", "2026-05-08")])).toMatchObject({ first: { id: 1 }, second: { id: 2 } });
    // 19 days, 61 days, the second signed for or still out: not established.
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10"), letter(2, "2026-03-20", "2026-03-30")])).toBeNull();
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10"), letter(2, "2026-05-01", "2026-05-08")])).toBeNull();
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10"), letter(2, "2026-04-01", null)])).toBeNull();
    expect(unreachableEvidence([letter(1, "2026-03-01", "2026-03-10")])).toBeNull();
  });
  test("a later letter pairs with an earlier one within the window, the latest pair first", () => {
    const letters = [letter(1, "2026-01-01", "2026-01-05"), letter(2, "2026-04-01", "2026-04-06"), letter(3, "2026-05-01", "2026-05-06")];
    expect(unreachableEvidence(letters)).toMatchObject({ first: { id: 2 }, second: { id: 3 } });
  });
  test("a second letter within 20 days of the first is refused; after 60 it starts again as a first", () => {
    expect(secondLetterProblem("2026-03-01", "2026-03-15")).toContain("20 日后");
    expect(secondLetterProblem("2026-03-01", "2026-03-21")).toBeNull();
    expect(secondLetterProblem("2026-03-01", "2026-06-01")).toBeNull();
  });
});

describe("penalties on the lists", () => {
  test("repeated warnings or fines under 50,000 yuan within three years (第十七条第五项)", () => {
    expect(repeatedPenalties([penalty(1, "warning", "2024-01-10")])).toBeNull();
    expect(repeatedPenalties([penalty(1, "warning", "2024-01-10"), penalty(2, "fine", "2026-12-01", 10_000)])?.map((p) => p.id)).toEqual([1, 2]);
    // Three years apart to the day: no longer within three years.
    expect(repeatedPenalties([penalty(1, "warning", "2023-01-10"), penalty(2, "warning", "2026-01-10")])).toBeNull();
    // A fine of 50,000 yuan or more and a confiscation are not counted.
    expect(repeatedPenalties([penalty(1, "fine", "2025-01-10", 50_000), penalty(2, "warning", "2026-01-10"), penalty(3, "confiscation", "2026-02-01", 100)])).toBeNull();
  });
  test("the serious ground a decision gives (第十七条第三、四、七项)", () => {
    expect(seriousTriggerOf({ kind: "suspension", amountFen: null })).toBe("suspension_order");
    expect(seriousTriggerOf({ kind: "fine", amountFen: 5_000_000 })).toBe("large_fine");
    expect(seriousTriggerOf({ kind: "fine", amountFen: 4_999_999 })).toBeNull();
    expect(seriousTriggerOf({ kind: "revocation", amountFen: null })).toBe("revocation");
    expect(seriousTriggerOf({ kind: "certificate_withdrawal", amountFen: null })).toBe("revocation");
    expect(seriousTriggerOf({ kind: "warning", amountFen: null })).toBeNull();
  });
});

describe("the proposals the registry's records make", () => {
  const today = "2026-12-05";
  test("a warning proposes the abnormal list (第十条第五项), a large fine the serious list (第十七条第四项), each once", () => {
    const org = credit({ penalties: [penalty(1, "warning", "2026-11-02"), penalty(2, "fine", "2026-11-20", 60_000)] });
    expect(creditProposals(org, today)).toEqual([
      expect.objectContaining({ list: "abnormal", trigger: "penalty", sourceKey: "penalty:1", arose: "2026-11-02", penaltyId: 1 }),
      expect.objectContaining({ list: "serious", trigger: "large_fine", sourceKey: "penalty:2", arose: "2026-11-20", penaltyId: 2 }),
    ]);
    // Listed or dismissed, a fact is not proposed again.
    const decided = credit({ ...org, abnormal: [{ id: 9, trigger: "penalty", listedOn: "2026-11-03", sourceKey: "penalty:1", removedOn: "2027-05-03" }], dismissed: ["penalty:2"] });
    expect(creditProposals(decided, today)).toEqual([]);
  });
  test("an organization no longer registered is not proposed for the abnormal list, but is for the serious one", () => {
    const org = credit({ live: false, penalties: [penalty(1, "revocation", "2026-11-02")] });
    expect(creditProposals(org, today)).toEqual([expect.objectContaining({ list: "serious", trigger: "revocation" })]);
  });
  test("two warnings within three years propose the serious list once, keyed by the latest", () => {
    const org = credit({ penalties: [penalty(1, "warning", "2025-03-01"), penalty(2, "warning", "2026-10-01")], abnormal: [{ id: 1, trigger: "penalty", listedOn: "2025-03-05", sourceKey: "penalty:1", removedOn: "2025-09-05" }, { id: 2, trigger: "penalty", listedOn: "2026-10-05", sourceKey: "penalty:2", removedOn: null }] });
    expect(creditProposals(org, today)).toEqual([expect.objectContaining({ list: "serious", trigger: "repeated_penalties", sourceKey: "repeated:2", evidence: expect.stringContaining("三年内 2 次") })]);
  });
  test("two unsigned letters propose the abnormal list with their dates as evidence", () => {
    const org = credit({ letters: [{ id: 3, sentOn: "2026-09-01", returnedOn: "2026-09-08", trackingNumber: "XA100" }, { id: 4, sentOn: "2026-10-01", returnedOn: "2026-10-09", trackingNumber: "XA200" }] });
    expect(creditProposals(org, today)).toEqual([expect.objectContaining({ list: "abnormal", trigger: "unreachable", sourceKey: "letters:4", arose: "2026-10-09", evidence: expect.stringContaining("XA200") })]);
  });
  test("two years on the abnormal list propose the serious list on the anniversary (第十七条第一项)", () => {
    const listed = [{ id: 5, trigger: "annual_report" as const, listedOn: "2024-12-05", sourceKey: "annual_report:2023", removedOn: null }];
    expect(creditProposals(credit({ abnormal: listed }), "2026-12-04")).toEqual([]);
    expect(creditProposals(credit({ abnormal: listed }), "2026-12-05")).toEqual([expect.objectContaining({ list: "serious", trigger: "two_years_abnormal", sourceKey: "abnormal:5", arose: "2026-12-05" })]);
  });
  test("a fact dated after today is not proposed yet", () => {
    expect(creditProposals(credit({ penalties: [penalty(1, "warning", "2026-12-06")] }), today)).toEqual([]);
  });
});

describe("time on the list and removal (第十三条)", () => {
  test("counted from the earliest listing in force", () => {
    const listings = [
      { id: 1, listedOn: "2025-01-01", removedOn: "2025-07-01" },
      { id: 2, listedOn: "2025-06-01", removedOn: null },
      { id: 3, listedOn: "2026-01-01", removedOn: null },
    ];
    expect(listedSince(listings)?.id).toBe(2);
    expect(timeOnList("2025-06-01", "2026-12-05")).toEqual({ years: 1, months: 6 });
    expect(twoYearsListed("2025-06-01", "2027-05-31")).toBe(false);
    expect(twoYearsListed("2025-06-01", "2027-06-01")).toBe(true);
  });
  test("a warning or fine leaves nothing to correct: out six months after the latest listing; listing again restarts the clock", () => {
    expect(needsCorrection("penalty")).toBe(false);
    expect(needsCorrection("annual_report")).toBe(true);
    const penaltyListing = { trigger: "penalty" as const, removedOn: null, listedOn: "2026-03-10" };
    expect(automaticRemovalOn(penaltyListing, [penaltyListing])).toBe("2026-09-10");
    expect(automaticRemovalOn(penaltyListing, [penaltyListing, { listedOn: "2026-06-01" }])).toBe("2026-12-01");
    // A ground that needs correcting waits for the registry's verification.
    expect(automaticRemovalOn({ trigger: "annual_report", removedOn: null }, [{ listedOn: "2026-03-10" }])).toBeNull();
    expect(automaticRemovalOn({ trigger: "penalty", removedOn: "2026-05-01" }, [{ listedOn: "2026-03-10" }])).toBeNull();
  });
});

describe("the credit forms refuse clearly", () => {
  test("a batch of proposals", () => refusesClearly(proposalBatchSchema, [{ name: "intent", values: ["confirm", "dismiss"] }]));
  test("removal from either list", () => {
    refusesClearly(abnormalRemovalSchema);
    refusesClearly(seriousRemovalSchema);
  });
  test("listing by hand and the letters", () => refusesClearly(organizationCreditSchema, [{ name: "intent", values: ["list-abnormal", "list-serious", "letter", "letter-returned"] }]));
});
