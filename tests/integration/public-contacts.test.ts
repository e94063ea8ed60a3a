/**
 * A village's clerk marks a number as a public contact: only that clerk may,
 * the number is checked by the finder that masks it, every mark and removal is
 * audited with who did it, and the village's public pages then show exactly
 * that number in full (however it is typed) while everything else stays
 * masked, on that village's pages only.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, postings, publicContactNumbers, publicDataVersion } from "../../db/schema";
import { createPosting, markPublicContact, reviewPosting, submitPosting, unmarkPublicContact, withdrawPosting } from "../../app/domain/postings/commands.server";
import { placePostings, publicPosting, publicPostings } from "../../app/domain/postings/public.server";
import { listPublicContacts, postingWorkspace } from "../../app/domain/postings/queries.server";
import { previousMonth } from "../../app/domain/postings/rules";
import { idCardCheckCharacter } from "../../app/domain/postings/sensitive-numbers";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { openVersion, secondVillageStaff } from "../setup/postings";

const now = new Date();
const lastMonth = previousMonth(shanghaiDate(now));

/** Numbers from the clock, so no two runs share one. */
const stamp = String(now.getTime()).slice(-8);
const hotline = `139${stamp}`;
const resident = `158${stamp}`;
const first17 = `35050219750615${stamp.slice(-3)}`;
const idNumber = first17 + idCardCheckCharacter(first17);

type Actor = Awaited<ReturnType<typeof demoActor>>;
let clerk: Actor;
let supervisor: Actor;
let officer: Actor;
let otherClerk: Actor;
let otherSupervisor: Actor;

beforeAll(async () => {
  await loadDemoDistrict();
  [clerk, supervisor, officer] = (await Promise.all(["clerk", "supervisor", "officer"].map(demoActor))) as [Actor, Actor, Actor];
  ({ clerk: otherClerk, supervisor: otherSupervisor } = await secondVillageStaff());
});

/** Drafted by `by`, approved by `reviewer`: published. */
async function published(by: Actor, reviewer: Actor, content: { title: string; body: string }) {
  const created = await createPosting(contextOf(by, now), { kind: "general_notice", period: lastMonth.key, ...content });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const id = created.value.id;
  expect((await submitPosting(contextOf(by, now), id, { expectedVersion: (await openVersion(id)).version, acknowledgeSensitive: true })).ok).toBe(true);
  const approved = await reviewPosting(contextOf(reviewer, now), id, { expectedVersion: (await openVersion(id)).version, decision: "approve", opinion: "同意公开。" });
  expect(approved.ok).toBe(true);
  return id;
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("not refused");
}

describe("who may mark", () => {
  test("only a village's own clerk; the supervisor, an officer and the anonymous are refused", async () => {
    for (const actor of [supervisor, officer, null]) {
      expect(await refusal(markPublicContact(contextOf(actor, now), { number: hotline, label: "监督电话" }))).toBe(403);
      expect(await refusal(unmarkPublicContact(contextOf(actor, now), 1))).toBe(403);
    }
    expect(await refusal(listPublicContacts(supervisor))).toBe(403);
    expect(await refusal(listPublicContacts(officer))).toBe(403);
    const db = await getDb();
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(publicContactNumbers);
    expect(count!.n).toBe(0);
  });

  test("another village's clerk marks for their own village only, and cannot remove this village's mark", async () => {
    const mine = await markPublicContact(contextOf(clerk, now), { number: `186${stamp}`, label: "村委会值班电话" });
    if (!mine.ok) throw new Error(JSON.stringify(mine));
    const theirs = await markPublicContact(contextOf(otherClerk, now), { number: `186${stamp}`, label: "第二村值班电话" });
    expect(theirs.ok).toBe(true);
    expect((await listPublicContacts(clerk)).map((c) => c.label)).toEqual(["村委会值班电话"]);
    expect((await listPublicContacts(otherClerk)).map((c) => c.label)).toEqual(["第二村值班电话"]);
    expect(await unmarkPublicContact(contextOf(otherClerk, now), mine.value.id)).toEqual({ ok: false, formError: "找不到该号码，可能已被取消公开。" });
    expect((await listPublicContacts(clerk)).map((c) => c.id)).toEqual([mine.value.id]);
    expect((await unmarkPublicContact(contextOf(clerk, now), mine.value.id)).ok).toBe(true);
    expect(await listPublicContacts(clerk)).toEqual([]);
  });
});

describe("what may be marked", () => {
  const mark = (number: string, label = "监督电话") => markPublicContact(contextOf(clerk, now), { number, label });

  test("an ID number never; nothing but one valid mobile or card; a label of what it is", async () => {
    expect(await mark(idNumber)).toEqual({ ok: false, fieldErrors: { number: ["身份证号不能标记为公开号码：公开页面上的身份证号一律遮蔽显示。"] } });
    expect(await mark(`${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`)).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("身份证号不能标记")] } });
    expect(await mark("")).toMatchObject({ ok: false, fieldErrors: { number: ["请填写要公开的手机号或银行卡号"] } });
    expect(await mark("1391234")).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("请填写有效的手机号")] } });
    expect(await mark("0595-22345678")).toMatchObject({ ok: false, fieldErrors: { number: ["固定电话在公开页面上本来就完整显示，无需标记"] } });
    expect(await mark(`${hotline} ${resident}`)).toMatchObject({ ok: false, fieldErrors: { number: ["一次只能标记一个号码"] } });
    expect(await mark(`${hotline}1`)).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("请填写有效的手机号")] } });
    expect(await mark(hotline, "")).toMatchObject({ ok: false, fieldErrors: { label: ["请填写号码的用途，如“村务监督委员会电话”"] } });
    expect(await mark(hotline, "监督\u202E电话")).toMatchObject({ ok: false, fieldErrors: { label: [expect.stringContaining("控制字符")] } });
    expect(await mark(`${hotline}\u200B`)).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("控制字符")] } });
    expect(await mark(hotline, "电".repeat(31))).toMatchObject({ ok: false, fieldErrors: { label: ["用途不超过 30 个字"] } });
    expect(await listPublicContacts(clerk)).toEqual([]);
  });

  test("a number is stored by its digits, so another way of typing it is the same number", async () => {
    const marked = await mark(`+86 (${hotline.slice(0, 3)}) ${hotline.slice(3, 7)}-${hotline.slice(7)}`, "村务监督委员会电话");
    expect(marked.ok).toBe(true);
    const [contact] = await listPublicContacts(clerk);
    expect(contact).toMatchObject({ kind: "mobile", digits: hotline, display: `${hotline.slice(0, 3)} ${hotline.slice(3, 7)} ${hotline.slice(7)}`, label: "村务监督委员会电话", markedBy: clerk.displayName });
    expect(await mark(hotline)).toEqual({ ok: false, fieldErrors: { number: ["该号码已标记为公开（村务监督委员会电话）"] } });
    const card = await mark("6222 0200 0000 0000 000", "村集体捐款账户");
    expect(card.ok).toBe(true);
    expect((await listPublicContacts(clerk)).map((c) => [c.kind, c.digits])).toEqual([
      ["mobile", hotline],
      ["bank_card", "6222020000000000000"],
    ]);
    for (const c of await listPublicContacts(clerk)) expect((await unmarkPublicContact(contextOf(clerk, now), c.id)).ok).toBe(true);
  });
});

describe("audit", () => {
  test("records who marked a number and who removed the mark, with the number", async () => {
    const marked = await markPublicContact(contextOf(clerk, now, "203.0.113.9"), { number: hotline, label: "监督电话" });
    if (!marked.ok) throw new Error(JSON.stringify(marked));
    const removed = await unmarkPublicContact(contextOf(clerk, now, "203.0.113.10"), marked.value.id);
    expect(removed.ok).toBe(true);
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "public_contact"), eq(auditLog.entityId, String(marked.value.id))))
      .orderBy(desc(auditLog.id));
    expect(rows.map((r) => [r.action, r.actorUsername, r.actorRole, r.ip])).toEqual([
      ["public_contact.unmark", "clerk", "village_clerk", "203.0.113.10"],
      ["public_contact.mark", "clerk", "village_clerk", "203.0.113.9"],
    ]);
    expect(rows[1]!.after).toMatchObject({ kind: "mobile", digits: hotline, label: "监督电话" });
    expect(rows[0]!.before).toMatchObject({ kind: "mobile", digits: hotline, label: "监督电话", markedBy: clerk.userId });
  });

  test("a refused mark writes nothing, to the register or the log", async () => {
    const db = await getDb();
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await markPublicContact(contextOf(clerk, now), { number: idNumber, label: "x" });
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after!.n).toBe(before!.n);
  });
});

describe("the public pages", () => {
  test("show a marked number in full however it is typed, mask everything else, and only on that village's pages", async () => {
    const typedHotline = `(${hotline.slice(0, 3)})${hotline.slice(3, 7)}-${hotline.slice(7)}`;
    const typedResident = `${resident.slice(0, 3)} ${resident.slice(3, 7)}-${resident.slice(7)}`;
    const id = await published(clerk, supervisor, {
      title: `监督电话${typedHotline}`,
      body: `如有异议请拨打 **${hotline.slice(0, 7)}**${hotline.slice(7)} 反映。\n联系人 ${typedResident}，身份证 ${idNumber}。`,
    });
    const other = await published(otherClerk, otherSupervisor, { title: `第二村监督电话 ${hotline}`, body: `电话 ${hotline}` });

    const shownBefore = JSON.stringify([await publicPosting(id), await placePostings(clerk.placeId!)]);
    expect(shownBefore).not.toContain(hotline);
    expect(shownBefore).toContain(`${hotline.slice(0, 3)}****${hotline.slice(-4)}`);

    const db = await getDb();
    const [versionBefore] = await db.select().from(publicDataVersion);
    const marked = await markPublicContact(contextOf(clerk, now), { number: hotline, label: "村务监督委员会电话" });
    if (!marked.ok) throw new Error(JSON.stringify(marked));
    const [versionAfter] = await db.select().from(publicDataVersion);
    expect(versionAfter!.version).not.toBe(versionBefore!.version);

    const page = await publicPosting(id);
    const [current] = page.versions;
    expect(current!.title).toBe(`监督电话${typedHotline}`);
    expect(current!.body).toBe(`如有异议请拨打 **${hotline.slice(0, 7)}**${hotline.slice(7)} 反映。\n联系人 ${resident.slice(0, 3)}****${resident.slice(-4)}，身份证 ${idNumber.slice(0, 6)}********${idNumber.slice(-4)}。`);
    const list = await publicPostings({ village: "350502100201", page: 1, pageSize: 50 }, "exact");
    expect(list.items.find((p) => p.id === id)?.title).toBe(`监督电话${typedHotline}`);
    expect((await placePostings(clerk.placeId!)).find((p) => p.id === id)?.title).toBe(`监督电话${typedHotline}`);
    const [stored] = await db.select({ title: postings.title }).from(postings).where(eq(postings.id, id));
    expect(stored!.title).toBe(`监督电话${typedHotline}`);

    // The other village did not mark it: masked on its pages.
    const otherPage = JSON.stringify([await publicPosting(other), await placePostings(otherClerk.placeId!)]);
    expect(otherPage).not.toContain(hotline);
    expect(otherPage).toContain(`${hotline.slice(0, 3)}****${hotline.slice(-4)}`);

    // The clerk's warning says it will be shown.
    const draft = await createPosting(contextOf(clerk, now), { kind: "general_notice", period: lastMonth.key, title: "通知", body: `监督电话 ${hotline}，联系人 ${resident}` });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const findings = (await postingWorkspace(clerk, draft.value.id)).findings;
    expect(findings.map((f) => [f.where, f.label, f.masked])).toEqual([
      ["正文第 1 行", "手机号（已标记为公开联系电话，将公开显示）", hotline],
      ["正文第 1 行", "手机号", `${resident.slice(0, 3)}****${resident.slice(-4)}`],
    ]);

    // A withdrawal's reason and the list after the mark is removed.
    const withdrawn = await withdrawPosting(contextOf(clerk, now), id, { expectedVersion: (await db.select().from(postings).where(eq(postings.id, id)))[0]!.version, reason: `已改用电话 ${hotline} 和 ${resident}` });
    expect(withdrawn.ok).toBe(true);
    expect((await publicPosting(id)).posting.withdrawnReason).toBe(`已改用电话 ${hotline} 和 ${resident.slice(0, 3)}****${resident.slice(-4)}`);
    expect((await unmarkPublicContact(contextOf(clerk, now), marked.value.id)).ok).toBe(true);
    const afterUnmark = JSON.stringify([await publicPosting(id), await placePostings(clerk.placeId!), await publicPostings({ village: "350502100201", page: 1, pageSize: 50 }, "exact")]);
    expect(afterUnmark).not.toContain(hotline);
    expect(afterUnmark).not.toContain(resident);
  });
});
