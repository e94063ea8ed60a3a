/**
 * Two officers decide the same application: both read the same version, and
 * the second's UPDATE waits on the first's row lock. When the first commits,
 * the second must find its version gone and change nothing. Made
 * deterministic by holding the first decision open on a connection of our own.
 */
import { demoLatestCampaign } from "../../../app/setup/demo";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../../db/client.server";
import { applications, applicationSteps, inspectionReports, organizations } from "../../../db/schema";
import { saveProposal, startApplication, reviewAsUnit, takeStep } from "../../../app/domain/applications/commands.server";
import { inspectionStep } from "../../../app/domain/inspections/commands.server";
import { composeUscc } from "../../../app/domain/organizations/uscc";
import { contextOf, demoActor, loadDemoDistrict } from "../../setup/demo";
import { attachRequiredMaterials, preparatoryActor } from "../../setup/applications";

beforeAll(loadDemoDistrict);

async function waitForBlockedQuery(sql: postgres.ReservedSql) {
  for (let i = 0; i < 100; i++) {
    const [row] = await sql`select count(*)::int as n from pg_locks where not granted`;
    if ((row?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the decision never waited for the lock");
}

test("a decision that loses the race is refused even though it read the same version, and writes nothing", async () => {
  const assoc = await preparatoryActor("鲤城区竞态测试协会筹备组");
  const officer = await demoActor("officer");
  const db = await getDb();
  const [place] = await db.select().from(organizations).limit(1);
  const started = await startApplication(contextOf(assoc), { kind: "establishment" });
  if (!started.ok) throw new Error("start");
  const id = started.value.id;
  await saveProposal(contextOf(assoc), id, {
    version: 1,
    proposal: {
      name: "鲤城区竞态测试协会", type: "social_group", registrationRoute: "supervised", supervisingUnit: "鲤城区文化体育和旅游局", legalRepresentative: "陈一",
      address: "中山路 1 号", registeredFunds: 50_000, businessScope: "交流", placeId: place!.placeId!,
      individualMembers: 60, unitMembers: 0, contactPhone: "13900000000",
    },
  });
  await attachRequiredMaterials(assoc, id);
  expect(await takeStep(contextOf(assoc), id, { action: "submit", version: 2 })).toMatchObject({ ok: true });
  expect(await reviewAsUnit(contextOf(await demoActor("supervising")), id, { decision: "consented" })).toMatchObject({ ok: true });
  expect(await takeStep(contextOf(officer), id, { action: "accept", version: 3 })).toMatchObject({ ok: true });

  // The other officer's rejection, held open: it has the row locked and a new version.
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const held = await other.reserve();
  try {
    await held`begin`;
    await held`update applications set state = 'rejected', version = version + 1 where id = ${id}`;
    const ours = takeStep(contextOf(officer), id, {
      action: "approve",
      version: 4,
      approval: { uscc: composeUscc("1", "350502", "MJ777777"), certificateNumber: "闽鲤社证字第7777号" },
    });
    await waitForBlockedQuery(held);
    await held`commit`;
    expect(await ours).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人处理") });
  } finally {
    held.release();
    await other.end();
  }
  const [after] = await db.select().from(applications).where(eq(applications.id, id));
  expect(after).toMatchObject({ state: "rejected", version: 5, organizationId: null });
  expect(await db.select().from(organizations).where(eq(organizations.name, "鲤城区竞态测试协会"))).toEqual([]);
  const steps = await db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, id));
  expect(steps.map((s) => s.action)).not.toContain("approve");
});

test("a conclusion that loses the race to another officer's is refused and overwrites nothing", async () => {
  const officer = await demoActor("officer");
  const db = await getDb();
  // One its 业务主管单位 has agreed to: the registry may conclude it.
  const [report] = await db
    .select()
    .from(inspectionReports)
    .where(and(eq(inspectionReports.year, demoLatestCampaign()), eq(inspectionReports.state, "submitted"), eq(inspectionReports.unitDecision, "agreed")))
    .limit(1);
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const held = await other.reserve();
  try {
    await held`begin`;
    await held`update inspection_reports set state = 'concluded', conclusion = 'fail', conclusion_note = '另一位登记员的结论', version = version + 1 where id = ${report!.id}`;
    const ours = inspectionStep(contextOf(officer), { year: report!.year, reportId: report!.id }, { action: "conclude", version: report!.version, conclusion: "pass" });
    await waitForBlockedQuery(held);
    await held`commit`;
    expect(await ours).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人处理") });
  } finally {
    held.release();
    await other.end();
  }
  const [after] = await db.select().from(inspectionReports).where(eq(inspectionReports.id, report!.id));
  expect(after).toMatchObject({ conclusion: "fail", conclusionNote: "另一位登记员的结论" });
});
