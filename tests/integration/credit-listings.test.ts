/**
 * The credit lists kept as 社会组织信用信息管理办法 sets them: proposals from the
 * registry's own records confirmed or dismissed in batches, the letters of the
 * unreachable-address procedure, removal after six months (第十三条) with the
 * clock restarted by a new listing, and the move to the serious list after two
 * years (第十七条第一项).
 */
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { abnormalListings, auditLog, creditDismissals, organizations, seriousListings } from "../../db/schema";
import { recordPenalty } from "../../app/domain/credit/commands.server";
import type { PenaltyPost } from "../../app/domain/credit/forms";
import {
  confirmProposals,
  creditFacts,
  dismissProposals,
  listByHand,
  proposableOrganizations,
  recordLetter,
  recordLetterReturned,
  removeExpiredListings,
  removeSeriousListing,
} from "../../app/domain/credit/listings.server";
import { abnormalListPage, openProposalCount, organizationCredit, proposalsPage } from "../../app/domain/credit/queries.server";
import { publicCreditList } from "../../app/domain/credit/public.server";
import { parseListingQuery } from "../../app/domain/credit/lists";
import { creditProposals } from "../../app/domain/credit/listings";
import { addMonths, shanghaiDate, startOfShanghaiDay } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const pdf = { name: "决定书.pdf", content: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") };
const now = new Date();
const today = shanghaiDate(now);
const daysBefore = (n: number) => shanghaiDate(new Date(now.getTime() - n * 86_400_000));
const at = (date: string) => new Date(startOfShanghaiDay(date).getTime() + 10 * 3_600_000);

let taken = 0;
/** A registered social group in normal standing, a different one each call. */
async function organization() {
  const db = await getDb();
  const rows = await db.select().from(organizations).where(and(eq(organizations.type, "social_group"), eq(organizations.status, "normal"))).orderBy(organizations.id);
  return rows[20 + taken++]!;
}

let numbers = 0;
const decision = (patch: Partial<PenaltyPost> = {}): PenaltyPost => ({
  kind: "warning",
  facts: "未按规定办理负责人变更登记，经责令改正仍未改正。",
  legalBasis: "《社会团体登记管理条例》第三十条第一款第（六）项",
  decisionNumber: `鲤民罚决字〔信用〕${++numbers}号`,
  decidedOn: today,
  authority: "鲤城区民政局",
  ...patch,
});

async function penalise(organizationId: number, patch: Partial<PenaltyPost> = {}) {
  const recorded = await recordPenalty(contextOf(await demoActor("officer"), now), organizationId, decision(patch), pdf);
  if (!recorded.ok) throw new Error(JSON.stringify(recorded));
  return recorded.value.id;
}

async function proposalsOf(organizationId: number) {
  return (await proposalsPage(await demoActor("officer"), now)).rows.filter((r) => r.organizationId === organizationId);
}

const inForce = async (organizationId: number) => (await getDb()).select().from(abnormalListings).where(and(eq(abnormalListings.organizationId, organizationId), isNull(abnormalListings.removedOn)));
const statusOf = async (organizationId: number) => (await (await getDb()).select().from(organizations).where(eq(organizations.id, organizationId)))[0]!.status;

describe("a penalty on both lists in turn", () => {
  test("a warning is proposed for the abnormal list; confirmed once, dated no earlier than the decision; a street officer may not", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    const penaltyId = await penalise(org.id, { decidedOn: daysBefore(3) });
    const [proposal] = await proposalsOf(org.id);
    expect(proposal).toMatchObject({ list: "abnormal", trigger: "penalty", article: "《社会组织信用信息管理办法》第十条第五项", penaltyId, arose: daysBefore(3) });

    await expect(confirmProposals(contextOf(await demoActor("street"), now), { keys: [proposal!.key], listedOn: today })).rejects.toMatchObject({ status: 403 });
    expect(await confirmProposals(contextOf(officer, now), { keys: [proposal!.key], listedOn: daysBefore(4) })).toMatchObject({ ok: false, fieldErrors: { listedOn: [expect.stringContaining("不能早于")] } });
    expect(await confirmProposals(contextOf(officer, now), { keys: [proposal!.key], listedOn: today })).toEqual({ ok: true, value: { listed: 1, skipped: 0 } });
    expect(await confirmProposals(contextOf(officer, now), { keys: [proposal!.key], listedOn: today })).toEqual({ ok: true, value: { listed: 0, skipped: 1 } });
    expect(await proposalsOf(org.id)).toEqual([]);
    // The dashboard counts what waits for whoever keeps the lists.
    expect(await openProposalCount(officer, now)).toBe((await proposalsPage(officer, now)).rows.length);
    expect(await openProposalCount(await demoActor("street"), now)).toBe(0);

    expect(await statusOf(org.id)).toBe("abnormal");
    const [listing] = await inForce(org.id);
    expect(listing).toMatchObject({ trigger: "penalty", sourceKey: `penalty:${penaltyId}`, penaltyId, listedOn: today, evidence: expect.stringContaining("行政处罚决定书") });
    const page = await abnormalListPage(officer, now);
    expect(page.rows.find((r) => r.id === listing!.id)).toMatchObject({ automaticRemovalOn: addMonths(today, 6), twoYears: false });
    const open = await publicCreditList("abnormal", parseListingQuery(new URLSearchParams(`q=${encodeURIComponent(org.name)}`)).query);
    expect(open.items).toEqual([expect.objectContaining({ organizationId: org.id, trigger: "penalty", article: "《社会组织信用信息管理办法》第十条第五项", removedOn: null })]);
  });

  test("a fine of 50,000 yuan is proposed for the serious list (第十七条第四项); listed, it is public and removable with the reason", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    await penalise(org.id, { kind: "fine", amount: 50_000 });
    const proposals = await proposalsOf(org.id);
    expect(proposals).toEqual([expect.objectContaining({ list: "serious", trigger: "large_fine", article: "《社会组织信用信息管理办法》第十七条第四项" })]);
    expect(await confirmProposals(contextOf(officer, now), { keys: proposals.map((p) => p.key), listedOn: today })).toMatchObject({ ok: true, value: { listed: 1 } });
    const db = await getDb();
    const [listing] = await db.select().from(seriousListings).where(eq(seriousListings.organizationId, org.id));
    expect(listing).toMatchObject({ trigger: "large_fine", listedOn: today, removedOn: null });
    // The register's status is the registration's: the serious list is the credit record's.
    expect(await statusOf(org.id)).toBe("normal");
    const open = await publicCreditList("serious", parseListingQuery(new URLSearchParams(`q=${encodeURIComponent(org.name)}`)).query);
    expect(open.items).toEqual([expect.objectContaining({ organizationId: org.id, trigger: "large_fine", removedOn: null })]);

    expect(await removeSeriousListing(contextOf(officer, now), listing!.id, { reason: " " })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    expect(await removeSeriousListing(contextOf(officer, now), listing!.id, { reason: "处罚决定经行政复议被撤销" })).toEqual({ ok: true, value: null });
    expect(await removeSeriousListing(contextOf(officer, now), listing!.id, { reason: "处罚决定经行政复议被撤销" })).toMatchObject({ ok: false });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "organization.unlist_serious"), eq(auditLog.entityId, String(org.id))));
    expect(audit).toHaveLength(1);
  });

  test("a second warning within three years is proposed for the serious list (第十七条第五项)", async () => {
    const org = await organization();
    await penalise(org.id, { decidedOn: daysBefore(400) });
    await penalise(org.id);
    const proposals = await proposalsOf(org.id);
    expect(proposals.map((p) => `${p.list}:${p.trigger}`).sort()).toEqual(["abnormal:penalty", "abnormal:penalty", "serious:repeated_penalties"]);
  });
});

describe("unreachable at the registered address (第十条第六项)", () => {
  test("two letters returned unsigned 20 to 60 days apart propose a listing; dismissed with a reason, it is not proposed again", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    const ctx = contextOf(officer, now);
    const first = await recordLetter(ctx, org.id, { sentOn: daysBefore(40), trackingNumber: "XA1000001" });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(await recordLetterReturned(ctx, first.value.id, { returnedOn: daysBefore(41) })).toMatchObject({ ok: false, fieldErrors: { returnedOn: [expect.stringContaining("早于")] } });
    expect(await recordLetterReturned(ctx, first.value.id, { returnedOn: daysBefore(33) })).toEqual({ ok: true, value: null });
    expect(await recordLetter(ctx, org.id, { sentOn: daysBefore(30), trackingNumber: "XA1000002" })).toMatchObject({ ok: false, fieldErrors: { sentOn: [expect.stringContaining("20 日后")] } });
    const second = await recordLetter(ctx, org.id, { sentOn: daysBefore(15), trackingNumber: "XA1000003" });
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(await proposalsOf(org.id)).toEqual([]);
    expect(await recordLetterReturned(ctx, second.value.id, { returnedOn: daysBefore(5) })).toEqual({ ok: true, value: null });

    const proposals = await proposalsOf(org.id);
    expect(proposals).toEqual([expect.objectContaining({ list: "abnormal", trigger: "unreachable", arose: daysBefore(5), evidence: expect.stringContaining("XA1000003") })]);
    expect((await organizationCredit(officer, org.id, now)).proposals).toHaveLength(1);
    expect(await dismissProposals(ctx, { keys: proposals.map((p) => p.key), reason: " " })).toMatchObject({ ok: false });
    expect(await dismissProposals(ctx, { keys: proposals.map((p) => p.key), reason: "该组织已来函更新联系方式，经核实可取得联系" })).toEqual({ ok: true, value: { dismissed: 1 } });
    expect(await proposalsOf(org.id)).toEqual([]);
    const db = await getDb();
    expect(await db.select().from(creditDismissals).where(eq(creditDismissals.organizationId, org.id))).toEqual([expect.objectContaining({ sourceKey: `letters:${second.value.id}` })]);
  });
});

describe("leaving the list (第十三条) and moving to the serious list (第十七条第一项)", () => {
  test("a penalty listing leaves by itself six months after the latest listing; a listing in between restarts the clock", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    await penalise(org.id, { decidedOn: daysBefore(20) });
    const [p] = await proposalsOf(org.id);
    await confirmProposals(contextOf(officer, now), { keys: [p!.key], listedOn: daysBefore(20) });
    // Listed again on another ground ten days later: the six months count from then.
    expect(await listByHand(contextOf(officer, now), org.id, { list: "abnormal", trigger: "other", listedOn: daysBefore(10), evidence: "依据法律规定应当列入的其他情形，见相关通知书" })).toEqual({ ok: true, value: null });
    const db = await getDb();
    // The day's work runs over the whole district (the demo's own listings may fall due too): this organization's are watched.
    const run = (date: string) => db.transaction((tx) => removeExpiredListings(tx, at(date)));
    const penaltyListingOut = async () => (await inForce(org.id)).every((l) => l.trigger !== "penalty");
    await run(addMonths(daysBefore(20), 6));
    expect(await penaltyListingOut()).toBe(false);
    await run(addMonths(daysBefore(10), 6));
    expect(await penaltyListingOut()).toBe(true);
    // Run again on the day: nothing more goes.
    expect(await run(addMonths(daysBefore(10), 6))).toBe(0);
    const listings = await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org.id));
    expect(listings.find((l) => l.trigger === "penalty")).toMatchObject({ removedOn: addMonths(daysBefore(10), 6), removalKind: "six_months" });
    // The other ground needs correcting: the organization stays listed.
    expect(listings.find((l) => l.trigger === "other")).toMatchObject({ removedOn: null });
    expect(await statusOf(org.id)).toBe("abnormal");
  });

  test("two years on the list are proposed for the serious list; confirmed, the abnormal listings close and the register shows normal", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    const twoYearsAgo = addMonths(today, -24);
    expect(await listByHand(contextOf(officer, now), org.id, { list: "abnormal", trigger: "no_party_org", listedOn: twoYearsAgo, evidence: "有正式党员 5 名，经督促仍未按规定建立党组织" })).toEqual({ ok: true, value: null });
    const proposals = await proposalsOf(org.id);
    expect(proposals).toEqual([expect.objectContaining({ list: "serious", trigger: "two_years_abnormal", arose: today, evidence: `自 ${twoYearsAgo} 起连续列入活动异常名录` })]);
    expect(await confirmProposals(contextOf(officer, now), { keys: proposals.map((p) => p.key), listedOn: today })).toMatchObject({ ok: true, value: { listed: 1 } });
    expect(await inForce(org.id)).toEqual([]);
    const db = await getDb();
    const [closed] = await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org.id));
    expect(closed).toMatchObject({ removedOn: today, removalKind: "moved_to_serious" });
    const [serious] = await db.select().from(seriousListings).where(eq(seriousListings.organizationId, org.id));
    expect(serious).toMatchObject({ trigger: "two_years_abnormal", sourceKey: `abnormal:${closed!.id}`, removedOn: null });
    expect(await statusOf(org.id)).toBe("normal");
  });

  test("the organizations looked at for proposals include one listed on 29 February when the 28th two years on comes", async () => {
    const org = await organization();
    const officer = await demoActor("officer");
    expect(await listByHand(contextOf(officer, now), org.id, { list: "abnormal", trigger: "no_party_org", listedOn: "2024-02-29", evidence: "有正式党员 5 名，经督促仍未按规定建立党组织" })).toEqual({ ok: true, value: null });
    const db = await getDb();
    // Two years on is 2026-02-28 (no 29th); a day before, the listing is not yet due, and the rule says so.
    for (const [day, due] of [["2026-02-27", false], ["2026-02-28", true]] as const) {
      const facts = await creditFacts(db, await proposableOrganizations(db, day));
      const proposed = facts.filter((f) => f.organizationId === org.id).flatMap((f) => creditProposals(f, day));
      expect(proposed.some((p) => p.trigger === "two_years_abnormal"), day).toBe(due);
    }
  });

  test("a community organization is filed, not listed; a listing by hand is not dated in the future", async () => {
    const db = await getDb();
    const [community] = await db.select().from(organizations).where(eq(organizations.type, "community")).limit(1);
    const officer = await demoActor("officer");
    expect(await listByHand(contextOf(officer, now), community!.id, { list: "abnormal", trigger: "other", listedOn: today, evidence: "依据法律规定应当列入的其他情形" })).toMatchObject({ ok: false, formError: expect.stringContaining("备案") });
    const org = await organization();
    const tomorrow = shanghaiDate(new Date(now.getTime() + 86_400_000));
    expect(await listByHand(contextOf(officer, now), org.id, { list: "serious", trigger: "dishonest_debtor", listedOn: tomorrow, evidence: "（2026）闽0502执123号" })).toMatchObject({ ok: false, fieldErrors: { listedOn: expect.any(Array) } });
  });
});
