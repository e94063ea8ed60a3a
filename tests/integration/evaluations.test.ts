/**
 * 社会组织评估 against the database: a round, applications by the organization
 * and by the registry, grades with their validity, public on the record and
 * in the register's search by grade; an expired grade stops showing.
 */
import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { evaluations, organizations, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import { applyForEvaluation, createRound, workOnRound } from "../../app/domain/evaluations/commands.server";
import { gradeOf, ownEvaluations, roundPage } from "../../app/domain/evaluations/queries.server";
import { gradeValidUntil } from "../../app/domain/evaluations/rules";
import { findPublicOrganization } from "../../app/domain/organizations/public.server";
import { parseRegisterQuery } from "../../app/domain/organizations/forms";
import { onePage, registerSearch } from "../../app/domain/organizations/queries.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const now = new Date();
const today = shanghaiDate(now);
const inDays = (n: number) => shanghaiDate(new Date(now.getTime() + n * 86_400_000));

const search = async (params: string) => {
  const { query, problems } = parseRegisterQuery(new URLSearchParams(params));
  return { problems, page: await onePage(registerSearch(query), 1, 100) };
};

test("a round: the association applies, the registry enters another and grades both; the grade is public and searchable for five years", async () => {
  const officer = await demoActor("officer");
  await expect(createRound(contextOf(await demoActor("street"), now), { title: "街道的评估", applyUntil: inDays(10) })).rejects.toMatchObject({ status: 403 });
  expect(await createRound(contextOf(officer, now), { title: "过期的评估", applyUntil: inDays(-1) })).toMatchObject({ ok: false, fieldErrors: { applyUntil: expect.any(Array) } });
  const created = await createRound(contextOf(officer, now), { title: "本年度社会组织评估", applyUntil: inDays(10) });
  if (!created.ok) throw new Error("round");
  const roundId = created.value.id;

  const db = await getDb();
  const [assocUser] = await db.select().from(users).where(eq(users.username, "assoc"));
  const association = actorFromUser(assocUser!, "session");
  const mine = await ownEvaluations(association, now);
  expect(mine.rounds.find((r) => r.id === roundId)).toMatchObject({ applied: null, problem: null });
  expect(await applyForEvaluation(contextOf(association, now), roundId)).toEqual({ ok: true, value: null });
  expect(await applyForEvaluation(contextOf(association, now), roundId)).toMatchObject({ ok: false, formError: expect.stringContaining("已经申请") });

  const [other] = await db.select().from(organizations).where(eq(organizations.status, "normal")).orderBy(organizations.registeredOn).limit(1);
  expect(await workOnRound(contextOf(officer, now), roundId, { intent: "apply-for", code: "91350502MA00000000" })).toMatchObject({ ok: false, fieldErrors: { code: expect.any(Array) } });
  expect(await workOnRound(contextOf(officer, now), roundId, { intent: "apply-for", code: other!.uscc! })).toEqual({ ok: true, value: null });

  const { applicants } = await roundPage(officer, roundId, now);
  expect(applicants.map((a) => a.evaluation.organizationId).sort()).toEqual([association.organizationId!, other!.id].sort());
  const mineApplied = applicants.find((a) => a.evaluation.organizationId === association.organizationId)!.evaluation;
  expect(await workOnRound(contextOf(officer, now), roundId, { intent: "grade", evaluationId: mineApplied.id, version: mineApplied.version, grade: 4, awardedOn: inDays(1) })).toMatchObject({ ok: false, fieldErrors: { awardedOn: expect.any(Array) } });
  expect(await workOnRound(contextOf(officer, now), roundId, { intent: "grade", evaluationId: mineApplied.id, version: mineApplied.version, grade: 4, awardedOn: today })).toEqual({ ok: true, value: null });
  expect(await workOnRound(contextOf(officer, now), roundId, { intent: "grade", evaluationId: mineApplied.id, version: mineApplied.version, grade: 5, awardedOn: today })).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });

  const record = (await findPublicOrganization(association.organizationId!))!;
  expect(record.evaluation).toMatchObject({ grade: 4, awardedOn: today, validUntil: gradeValidUntil(today), round: "本年度社会组织评估" });
  const found = await search("grade=4&type=social_group");
  expect(found.page.items.map((i) => i.id)).toContain(association.organizationId);
  expect((await search("grade=3")).page.items.map((i) => i.id)).not.toContain(association.organizationId);
  expect((await search("grade=9")).problems).toEqual(["参数 grade 应为 1 到 5 的整数（1A 至 5A）"]);

  // Five years on, the grade has expired: it shows nowhere.
  const fiveYears = new Date(Date.parse(`${gradeValidUntil(today)}T12:00:00+08:00`) + 86_400_000);
  expect(await gradeOf(association.organizationId!, fiveYears)).toBeNull();
  expect(await gradeOf(association.organizationId!, new Date(Date.parse(`${gradeValidUntil(today)}T12:00:00+08:00`)))).toMatchObject({ grade: 4 });
  // The demo's grades of six years ago have expired already: no one holds them in the search.
  const expired = await db.select().from(evaluations).where(eq(evaluations.grade, 3));
  const stale = expired.filter((e) => e.validUntil! < today).map((e) => e.organizationId);
  expect(stale.length).toBeGreaterThan(0);
  const holders = (await search("grade=3")).page.items.map((i) => i.id);
  expect(stale.every((id) => !holders.includes(id) || expired.some((e) => e.organizationId === id && e.validUntil! >= today))).toBe(true);
});
