/**
 * Villagers' questions (村民质询) against the database: asked without an
 * account on a published posting, masked before storing, rate-limited per
 * address and per posting; answered by the clerk and the supervision
 * committee (final once given), hidden with a reason; public only when
 * answered; overdue after ten days for the town officer; counted per village
 * in the compliance grid.
 */
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, places, postingQuestions, postings } from "../../db/schema";
import { askQuestion, workOnQuestion } from "../../app/domain/questions/commands.server";
import { officerQuestions, overdueQuestionCount, villageQuestions, waitingQuestionCount } from "../../app/domain/questions/queries.server";
import { publicPostingPage } from "../../app/domain/postings/public.server";
import { questionLimits } from "../../app/domain/questions/rules";
import { complianceOverview } from "../../app/domain/postings/compliance.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

/** The questions under a posting as its public page shows them. */
const publicQuestionsOf = async (postingId: number) => (await publicPostingPage(postingId, null)).questions;

beforeAll(loadDemoDistrict);

const now = new Date();
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

async function ownVillagePosting(index = 0) {
  const clerk = await demoActor("clerk");
  const db = await getDb();
  const rows = await db.select().from(postings).where(and(eq(postings.placeId, clerk.placeId!), eq(postings.status, "published"))).orderBy(postings.id);
  return rows[index]!;
}

const asking = { name: "赵大海", village: "大良村第四村民小组", question: "请问修路款项的明细在哪里可以查看？我的电话 13912345678，身份证 350502199001011234。" };

test("a villager asks; numbers are masked before storing; the clerk and the committee answer; the answers are public and final", async () => {
  const posting = await ownVillagePosting(3);
  const asked = await askQuestion(contextOf(null, now, "198.51.100.10"), posting.id, asking);
  if (!asked.ok) throw new Error(JSON.stringify(asked));
  const db = await getDb();
  const [stored] = await db.select().from(postingQuestions).where(eq(postingQuestions.id, asked.value.id));
  expect(stored!.question).not.toContain("13912345678");
  expect(stored!.question).not.toContain("350502199001011234");
  expect(stored!.question).toContain("139****5678");
  expect(stored!.addressKey).toMatch(/^[0-9a-f]{64}$/);
  expect(stored!.addressKey).not.toContain("198.51.100.10");

  // Not public until answered; counted as waiting.
  expect((await publicQuestionsOf(posting.id)).answered.map((q) => q.id)).not.toContain(stored!.id);
  expect((await publicQuestionsOf(posting.id)).waiting).toBeGreaterThan(0);
  expect(await waitingQuestionCount(posting.placeId)).toBeGreaterThan(0);

  const clerk = await demoActor("clerk");
  const supervisor = await demoActor("supervisor");
  // Too short an answer is refused by the form's schema; here the domain: another village's question is not found.
  const street = await demoActor("street");
  await expect(workOnQuestion(contextOf(street, now), { intent: "answer", questionId: stored!.id, version: 1, answer: "街道代答" })).rejects.toMatchObject({ status: 404 });
  // The clerk may not hide; the officer may not answer.
  await expect(workOnQuestion(contextOf(clerk, now), { intent: "hide", questionId: stored!.id, version: 1, reason: "不想回答" })).rejects.toMatchObject({ status: 403 });
  const officer = await demoActor("officer");
  await expect(workOnQuestion(contextOf(officer, now), { intent: "answer", questionId: stored!.id, version: 1, answer: "区里代答" })).rejects.toMatchObject({ status: 403 });

  expect(await workOnQuestion(contextOf(clerk, later(5)), { intent: "answer", questionId: stored!.id, version: 1, answer: "修路款项明细见本事项附件，也可到村委会查阅。" })).toEqual({ ok: true, value: { intent: "answer" } });
  // A second answer by the clerk, or a stale page, is refused: what the public read is not changed.
  expect(await workOnQuestion(contextOf(clerk, later(6)), { intent: "answer", questionId: stored!.id, version: 2, answer: "改一下答复内容。" })).toMatchObject({ ok: false, formError: expect.stringContaining("不能修改") });
  expect(await workOnQuestion(contextOf(supervisor, later(6)), { intent: "answer", questionId: stored!.id, version: 1, answer: "监督委员会答复。" })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
  expect(await workOnQuestion(contextOf(supervisor, later(7)), { intent: "answer", questionId: stored!.id, version: 2, answer: "监督委员会已核对明细，与账目一致。" })).toEqual({ ok: true, value: { intent: "answer" } });
  // An answered question cannot be hidden any more.
  expect(await workOnQuestion(contextOf(supervisor, later(8)), { intent: "hide", questionId: stored!.id, version: 3, reason: "已经公开了" })).toMatchObject({ ok: false, formError: expect.stringContaining("不能再屏蔽") });

  const shown = (await publicQuestionsOf(posting.id)).answered.find((q) => q.id === stored!.id)!;
  expect(shown).toMatchObject({ asker: "赵某", askerVillage: "大良村第四村民小组", answer: "修路款项明细见本事项附件，也可到村委会查阅。", committeeAnswer: "监督委员会已核对明细，与账目一致。" });
  expect(JSON.stringify(shown)).not.toContain("赵大海");
  const audits = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "posting_question"), eq(auditLog.entityId, String(stored!.id))));
  expect(audits.map((a) => a.action).sort()).toEqual(["question.answer", "question.ask", "question.committee_answer"]);
});

test("questions are refused beyond three an hour from one address and thirty a day on one posting, and only on published postings", async () => {
  const posting = await ownVillagePosting(4);
  const ip = "198.51.100.20";
  for (let i = 0; i < questionLimits.addressPerHour; i++) {
    expect(await askQuestion(contextOf(null, later(i), ip), posting.id, asking)).toMatchObject({ ok: true });
  }
  const refused = await askQuestion(contextOf(null, later(3), ip), posting.id, asking);
  expect(refused).toMatchObject({ ok: false, status: 429, formError: expect.stringContaining("过于频繁") });
  expect(refused.retryAfterSeconds).toBeGreaterThan(3000);
  // An hour after the first, the address may ask again.
  expect(await askQuestion(contextOf(null, later(61), ip), posting.id, asking)).toMatchObject({ ok: true });

  // Many addresses together: the posting takes thirty a day, then refuses.
  const other = await ownVillagePosting(5);
  for (let i = 0; i < questionLimits.postingPerDay; i++) {
    expect(await askQuestion(contextOf(null, later(i), `198.51.101.${i}`), other.id, asking)).toMatchObject({ ok: true });
  }
  expect(await askQuestion(contextOf(null, later(40), "198.51.102.1"), other.id, asking)).toMatchObject({ ok: false, status: 429, formError: expect.stringContaining("已达上限") });

  // Parallel questions from one address see each other: no more than the limit gets in.
  const third = await ownVillagePosting(6);
  const burst = await Promise.all(Array.from({ length: 6 }, () => askQuestion(contextOf(null, later(200), "198.51.100.30"), third.id, asking)));
  expect(burst.filter((r) => r.ok)).toHaveLength(questionLimits.addressPerHour);

  // A withdrawn posting takes no new question; a draft is not found.
  const db = await getDb();
  const [withdrawn] = await db.select().from(postings).where(eq(postings.status, "withdrawn")).limit(1);
  if (withdrawn) expect(await askQuestion(contextOf(null, later(300), "198.51.100.40"), withdrawn.id, asking)).toMatchObject({ ok: false, formError: expect.stringContaining("已撤回") });
  const [draft] = await db.select().from(postings).where(eq(postings.status, "unpublished")).limit(1);
  await expect(askQuestion(contextOf(null, later(300), "198.51.100.41"), draft!.id, asking)).rejects.toMatchObject({ status: 404 });
});

test("the committee hides abuse with a reason; overdue questions reach the officers; the compliance grid counts per village", async () => {
  const supervisor = await demoActor("supervisor");
  const list = await villageQuestions(supervisor, "open", now);
  expect(list.role).toBe("committee");
  const target = list.items.find((q) => q.state === "waiting")!;
  expect(await workOnQuestion(contextOf(supervisor, now), { intent: "hide", questionId: target.id, version: target.version, reason: "与本事项无关的广告" })).toEqual({ ok: true, value: { intent: "hide" } });
  const hidden = (await villageQuestions(supervisor, "hidden", now)).items.find((q) => q.id === target.id)!;
  expect(hidden).toMatchObject({ state: "hidden", hiddenReason: "与本事项无关的广告" });
  expect((await publicQuestionsOf(target.postingId)).answered.map((q) => q.id)).not.toContain(target.id);

  // The demo has unanswered questions older than ten days: the district officer sees them; the 开元街道 officer has no villages.
  const officer = await demoActor("officer");
  const overdue = await officerQuestions(officer, "overdue", now);
  expect(overdue.items.length).toBeGreaterThanOrEqual(2);
  expect(overdue.items.every((q) => q.state === "overdue")).toBe(true);
  expect(await overdueQuestionCount(officer, now)).toBe(overdue.items.length);
  const street = await demoActor("street");
  expect((await officerQuestions(street, "all", now)).items).toEqual([]);
  // Ten days after asking is still within the period; the eleventh day is not.
  const db = await getDb();
  const [fresh] = await db.select().from(postingQuestions).where(and(isNull(postingQuestions.answeredAt), isNull(postingQuestions.hiddenAt))).orderBy(postingQuestions.askedAt).limit(1);
  const askedOn = Date.parse(`${shanghaiDate(fresh!.askedAt)}T12:00:00+08:00`);
  const onDay = (n: number) => new Date(askedOn + n * 86_400_000);
  expect((await officerQuestions(officer, "overdue", onDay(10))).items.map((q) => q.id)).not.toContain(fresh!.id);
  expect((await officerQuestions(officer, "overdue", onDay(11))).items.map((q) => q.id)).toContain(fresh!.id);

  // The grid: per village, asked (hidden not counted), answered, on time, overdue, for this year.
  const year = Number(shanghaiDate(now).slice(0, 4));
  const grid = await complianceOverview(officer, { year }, now);
  const own = grid.rows.find((r) => r.village.id === supervisor.placeId)!;
  const rows = await db
    .select()
    .from(postingQuestions)
    .innerJoin(places, eq(places.id, postingQuestions.placeId))
    .where(and(eq(postingQuestions.placeId, supervisor.placeId!), isNull(postingQuestions.hiddenAt)));
  const thisYear = rows.filter((r) => shanghaiDate(r.posting_questions.askedAt).startsWith(String(year)));
  expect(own.questions.asked).toBe(thisYear.length);
  expect(own.questions.answered).toBe(thisYear.filter((r) => r.posting_questions.answeredAt || r.posting_questions.committeeAnsweredAt).length);
  expect(own.questions.onTime).toBeLessThanOrEqual(own.questions.answered);
});
