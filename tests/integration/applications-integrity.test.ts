/** The register stays right when applications, corrections and decisions interleave. */
import { shanghaiDate } from "../../app/domain/shared/time";
import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, organizations, places, users } from "../../db/schema";
import { saveProposal, startApplication, takeStep } from "../../app/domain/applications/commands.server";
import type { Proposal } from "../../app/domain/applications/forms";
import { actorFromUser } from "../../app/auth/session.server";
import type { Actor } from "../../app/auth/permissions";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { applicationRow, attachRequiredMaterials } from "../setup/applications";

beforeAll(loadDemoDistrict);

const now = new Date("2026-04-01T02:00:00Z");

/** Runs an application through to the end, taking each step on the version it finds. */
async function run(actorFor: (action: string) => Actor, id: number, actions: Array<"submit" | "accept" | "approve">) {
  const results = [];
  for (const action of actions) {
    // An approved cancellation has the certificate and seals back; the other kinds ignore it.
    const approval = action === "approve" ? { returned: ["certificate", "seals", "financial_records"] } : undefined;
    if (action === "submit") await attachRequiredMaterials(actorFor(action), id, now);
    results.push(await takeStep(contextOf(actorFor(action), now), id, { action, version: (await applicationRow(id)).version, approval }));
  }
  return results;
}

async function accountFor(orgName: string) {
  const db = await getDb();
  const [org] = await db.select().from(organizations).where(eq(organizations.name, orgName));
  const [user] = await db.insert(users).values({ username: `acct-${org!.id}`, displayName: orgName, role: "association", organizationId: org!.id, passwordHash: "x" }).returning();
  return { org: org!, actor: actorFromUser(user!, `s-${org!.id}`) };
}

test("once submitted, a forged save cannot change what the application asks for", async () => {
  const assoc = await demoActor("assoc");
  const started = await startApplication(contextOf(assoc, now), { kind: "change" });
  if (!started.ok) throw new Error("start");
  const id = started.value.id;
  const proposal = { ...((await applicationRow(id)).proposed as Proposal), address: "新址 1 号", changeReason: "搬迁" };
  await saveProposal(contextOf(assoc, now), id, { version: 1, proposal });
  await attachRequiredMaterials(assoc, id, now);
  await takeStep(contextOf(assoc, now), id, { action: "submit", version: 2 });
  const forged = await saveProposal(contextOf(assoc, now), id, { version: 3, proposal: { ...proposal, address: "篡改地址" } });
  expect(forged.ok).toBe(false);
  expect(((await applicationRow(id)).proposed as Proposal).address).toBe("新址 1 号");
  const stale = await saveProposal(contextOf(assoc, now), id, { version: 2, proposal: { ...proposal, address: "篡改地址" } });
  expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("已被其他人处理或修改") });
});

test("approving a change applies only what the applicant changed: a correction made meanwhile stays", async () => {
  const { org, actor } = await accountFor("鲤城区摄影家协会");
  const officer = await demoActor("officer");
  const started = await startApplication(contextOf(actor, now), { kind: "change" });
  if (!started.ok) throw new Error("start");
  const id = started.value.id;
  await saveProposal(contextOf(actor, now), id, { version: 1, proposal: { ...((await applicationRow(id)).proposed as Proposal), legalRepresentative: "新会长", changeReason: "换届" } });
  // Meanwhile the registry corrects the address.
  const db = await getDb();
  await db.update(organizations).set({ address: "更正后的地址" }).where(eq(organizations.id, org.id));
  const outcomes = await run((a) => (a === "submit" ? actor : officer), id, ["submit", "accept", "approve"]);
  expect(outcomes.every((o) => o.ok)).toBe(true);
  const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(after).toMatchObject({ legalRepresentative: "新会长", address: "更正后的地址" });
  const audit = await db.select().from(auditLog).where(eq(auditLog.action, "organization.change"));
  expect(audit.at(-1)).toMatchObject({ entityId: String(org.id), after: { legalRepresentative: "新会长" } });
});

test("a change is not approved for an organization cancelled meanwhile", async () => {
  const { actor } = await accountFor("鲤城区美术家协会");
  const officer = await demoActor("officer");
  const change = await startApplication(contextOf(actor, now), { kind: "change" });
  const cancel = await startApplication(contextOf(actor, now), { kind: "cancellation" });
  if (!change.ok || !cancel.ok) throw new Error("start");
  await saveProposal(contextOf(actor, now), change.value.id, { version: 1, proposal: { ...((await applicationRow(change.value.id)).proposed as Proposal), address: "别处", changeReason: "搬迁" } });
  await saveProposal(contextOf(actor, now), cancel.value.id, { version: 1, proposal: { cancellationReason: "清算完毕", liquidationCompletedOn: shanghaiDate(now), liquidationReport: "债务已清偿" } });
  await run((a) => (a === "submit" ? actor : officer), change.value.id, ["submit", "accept"]);
  expect((await run((a) => (a === "submit" ? actor : officer), cancel.value.id, ["submit", "accept", "approve"])).every((o) => o.ok)).toBe(true);
  const approve = await takeStep(contextOf(officer, now), change.value.id, { action: "approve", version: (await applicationRow(change.value.id)).version });
  expect(approve).toMatchObject({ ok: false, formError: expect.stringContaining("已注销") });
});

test("a name taken meanwhile is reported as the name, and filing numbers follow the highest taken", async () => {
  const street = await demoActor("street");
  const db = await getDb();
  const [home] = await db.select().from(places).where(eq(places.name, "打锡社区"));
  const file = async (name: string) => {
    const started = await startApplication(contextOf(street, now), { kind: "filing" });
    if (!started.ok) throw new Error("start");
    await saveProposal(contextOf(street, now), started.value.id, {
      version: 1,
      proposal: { name, category: "charity", legalRepresentative: "蔡国栋", address: "打锡社区", placeId: home!.id, membersCount: 9 },
    });
    return started.value.id;
  };
  const first = await file("打锡社区爱心互助队");
  const twin = await file("打锡社区爱心互助队");
  // Both are accepted before either is decided; the first approval takes the name.
  expect((await run(() => street, first, ["submit", "accept"])).every((o) => o.ok)).toBe(true);
  expect((await run(() => street, twin, ["submit", "accept"])).every((o) => o.ok)).toBe(true);
  expect((await run(() => street, first, ["approve"]))[0]!.ok).toBe(true);
  const refused = await takeStep(contextOf(street, now), twin, { action: "approve", version: (await applicationRow(twin)).version });
  expect(refused).toEqual({ ok: false, formError: "登记簿中已有同名且未注销的社会组织，名称不能重复，不能准予。" });
  expect((await applicationRow(twin)).state).toBe("accepted");
  // A new application under the taken name is stopped at submission, beside the name.
  const third = await file("打锡社区爱心互助队");
  expect(await takeStep(contextOf(street, now), third, { action: "submit", version: 2 })).toMatchObject({
    ok: false,
    fieldErrors: { name: ["登记簿中已有同名的社会组织，请更换名称"] },
  });
  const [filed] = await db.select().from(organizations).where(eq(organizations.name, "打锡社区爱心互助队"));
  expect(filed!.filingNumber).toBe("开元街道社备〔2026〕001号");
  // An officer renumbers the first filing; the next one still gets a free number.
  await db.update(organizations).set({ filingNumber: "开元街道社备〔2026〕007号" }).where(eq(organizations.id, filed!.id));
  const next = await file("打锡社区书法兴趣小组");
  expect((await run(() => street, next, ["submit", "accept", "approve"])).every((o) => o.ok)).toBe(true);
  const [second] = await db.select().from(organizations).where(eq(organizations.name, "打锡社区书法兴趣小组"));
  expect(second!.filingNumber).toBe("开元街道社备〔2026〕008号");
});
