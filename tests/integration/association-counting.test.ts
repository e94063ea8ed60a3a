/**
 * 一居多会 counted as the 2017 guidance (民政部《关于大力培育发展社区社会组织的意见》)
 * counts it: registered social groups and private non-enterprise units marked
 * with a community category count beside the filed community organizations,
 * unless the district counts filed ones only (setting `associationCounting`).
 */
import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, organizations, places } from "../../db/schema";
import { associationProgress, districtAssociationSummary } from "../../app/domain/committees/coverage.server";
import { placeAssociations } from "../setup/village-page";
import { correctOrganization } from "../../app/domain/organizations/commands.server";
import { correctionFormOf } from "../setup/correction-form";
import type { CorrectionInput } from "../../app/domain/organizations/forms";
import { publicOrganization } from "../../app/domain/organizations/public.server";
import { composeUscc } from "../../app/domain/organizations/uscc";
import { updateSetting } from "../../app/domain/settings/commands.server";
import { getSetting } from "../../app/domain/settings/queries.server";
import { reportFigures } from "../../app/domain/statistics/figures.server";
import { reportParagraph } from "../../app/domain/statistics/paragraph";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict, verifiedActor } from "../setup/demo";

beforeAll(loadDemoDistrict);

type Organization = typeof organizations.$inferSelect;

async function organizationNamed(name: string): Promise<Organization> {
  const [row] = await (await getDb()).select().from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organization ${name}`);
  return row;
}

async function placeNamed(name: string) {
  const [row] = await (await getDb()).select().from(places).where(eq(places.name, name));
  if (!row) throw new Error(`no place ${name}`);
  return row;
}

const formOf = (o: Organization, changes: Partial<CorrectionInput> = {}) => correctionFormOf(o, "经街道核实，该会在本社区开展服务", changes);

/** Back to the default basis whatever a test left behind. */
afterEach(async () => {
  if ((await getSetting("associationCounting")) === "registered_and_filed") return;
  const officer = await verifiedActor("officer");
  const result = await updateSetting(contextOf(officer), "associationCounting", "registered_and_filed", { reason: "测试后恢复" });
  if (!result.ok) throw new Error("could not restore the counting basis");
});

test("a registered social group marked with a category counts at its community when registered and filed ones count, and not when only filed ones do", async () => {
  const officer = await verifiedActor("officer");
  // 胜得社区 has 4 filed community organizations: two registered social groups make the 6 of the target.
  const shengde = await placeNamed("胜得社区");
  const before = await associationProgress(officer);
  expect(before.counting).toBe("registered_and_filed");
  expect(before.communities.find((c) => c.id === shengde.id)).toMatchObject({ total: 4, meetsTarget: false });

  const calligraphy = await organizationNamed("鲤城区书法家协会");
  const socialWork = await organizationNamed("鲤城区社会工作者协会");
  for (const [org, category] of [[calligraphy, "culture_sports"], [socialWork, "charity"]] as const) {
    const corrected = await correctOrganization(contextOf(officer), org.id, formOf(org, { placeId: shengde.id, category }));
    expect(corrected).toEqual({ ok: true, value: { version: org.version + 1 } });
  }

  // Counted at 胜得社区, by category, and named on its public page as registered ones.
  const shown = await placeAssociations(shengde.id);
  expect(shown).toMatchObject({ counting: "registered_and_filed", total: 6, shortfall: 0, meetsTarget: true });
  expect(shown.organizations.filter((o) => o.type === "social_group").map((o) => [o.name, o.category])).toEqual(
    expect.arrayContaining([
      ["鲤城区书法家协会", "culture_sports"],
      ["鲤城区社会工作者协会", "charity"],
    ]),
  );
  const after = await associationProgress(officer);
  expect(after.communities.find((c) => c.id === shengde.id)).toMatchObject({ total: 6, registered: 2, meetsTarget: true });
  expect(after.totals.meetingTarget).toBe(before.totals.meetingTarget + 1);
  expect(after.totals.organizations).toBe(before.totals.organizations + 2);
  expect(after.totals.registered).toBe(before.totals.registered + 2);
  expect(after.totals.byCategory.culture_sports).toBe(before.totals.byCategory.culture_sports + 1);
  expect(after.totals.byCategory.charity).toBe(before.totals.byCategory.charity + 1);

  // The correction is in the public change history and the audit log, as corrections are.
  const record = await publicOrganization(calligraphy.id);
  expect(record.category).toBe("culture_sports");
  expect(record.history[0]).toMatchObject({ kind: "correction", reason: "经街道核实，该会在本社区开展服务" });
  expect(record.history[0]!.changes).toContainEqual({ field: "category", before: null, after: "culture_sports" });
  const db = await getDb();
  const [audit] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "organization.correct"), eq(auditLog.entityId, String(calligraphy.id))))
    .orderBy(desc(auditLog.id))
    .limit(1);
  expect(audit).toMatchObject({ actorUsername: "officer", before: { category: null }, after: { category: "culture_sports", placeId: shengde.id } });

  // Filed ones only: 胜得社区 is back to its 4 and short of the target.
  const changed = await updateSetting(contextOf(officer), "associationCounting", "filed_only", { reason: "本年度考核按备案口径统计", expected: "registered_and_filed" });
  expect(changed).toEqual({ ok: true, value: "filed_only" });
  const filedOnly = await associationProgress(officer);
  expect(filedOnly.counting).toBe("filed_only");
  expect(filedOnly.communities.find((c) => c.id === shengde.id)).toMatchObject({ total: 4, registered: 0, shortfall: 2, meetsTarget: false });
  expect(filedOnly.totals).toMatchObject({ meetingTarget: before.totals.meetingTarget, registered: 0, organizations: before.totals.organizations - before.totals.registered });
  const shownFiled = await placeAssociations(shengde.id);
  expect(shownFiled).toMatchObject({ counting: "filed_only", total: 4 });
  expect(shownFiled.organizations.every((o) => o.type === "community")).toBe(true);
  expect(await districtAssociationSummary()).toMatchObject({ counting: "filed_only", meetingTarget: before.totals.meetingTarget });
  // The work report names the basis it counted on.
  const year = shanghaiDate(new Date()).slice(0, 4);
  const figures = await reportFigures(officer, { from: `${year}-01-01`, to: `${year}-12-31` }, new Date());
  expect(figures.communities).toMatchObject({ counting: "filed_only", meetingTarget: before.totals.meetingTarget });
  expect(reportParagraph(figures)).toContain("社区社会组织（仅计入备案）。");

  // Back to both, and a category cleared: the social group no longer counts.
  expect(await updateSetting(contextOf(officer), "associationCounting", "registered_and_filed", { reason: "恢复民政部意见的口径", expected: "filed_only" })).toEqual({
    ok: true,
    value: "registered_and_filed",
  });
  const marked = await organizationNamed("鲤城区书法家协会");
  expect((await correctOrganization(contextOf(officer), marked.id, formOf(marked, { category: undefined, reason: "该会面向全区，不属于社区社会组织" }))).ok).toBe(true);
  expect(await placeAssociations(shengde.id)).toMatchObject({ total: 5, meetsTarget: false });
  expect((await publicOrganization(marked.id)).history[0]!.changes).toEqual([{ field: "category", before: "culture_sports", after: null }]);
});

test("a category needs the community or village the organization belongs to", async () => {
  const officer = await demoActor("officer");
  const org = await organizationNamed("鲤城区美术家协会");
  const refused = await correctOrganization(contextOf(officer), org.id, formOf(org, { placeId: undefined, category: "culture_sports" }));
  expect(refused).toEqual({ ok: false, fieldErrors: { placeId: ["登记的社区社会组织须选择所属社区（村）"] } });
  // A street is no community: that is said first.
  const street = await placeNamed("开元街道");
  const notACommunity = await correctOrganization(contextOf(officer), org.id, formOf(org, { placeId: street.id, category: "culture_sports" }));
  expect(notACommunity).toEqual({ ok: false, fieldErrors: { placeId: ["请选择一个社区或村"] } });
  expect(await organizationNamed("鲤城区美术家协会")).toMatchObject({ category: null, placeId: org.placeId, version: org.version });
});

test("a foundation is no community social organization", async () => {
  const db = await getDb();
  const place = await placeNamed("象峰社区");
  const [foundation] = await db
    .insert(organizations)
    .values({
      name: "鲤城区慈善助学基金会",
      type: "foundation",
      uscc: composeUscc("3", "350502", "MJ777777"),
      status: "normal",
      registeredOn: "2020-05-12",
      placeId: place.id,
      streetId: place.parentId,
      registeringAuthority: "鲤城区民政局",
    })
    .returning();
  const officer = await demoActor("officer");
  const refused = await correctOrganization(contextOf(officer), foundation!.id, formOf(foundation!, { category: "charity" }));
  expect(refused).toEqual({ ok: false, fieldErrors: { category: ["基金会不属于社区社会组织"] } });
  expect(await organizationNamed("鲤城区慈善助学基金会")).toMatchObject({ category: null, version: foundation!.version });
  // Even written past the rules, a foundation is not counted.
  await db.update(organizations).set({ category: "charity" }).where(eq(organizations.id, foundation!.id));
  expect((await placeAssociations(place.id)).organizations.map((o) => o.id)).not.toContain(foundation!.id);
});

test("changing the counting basis is audited with before, after and reason; a value it does not know is refused in Chinese", async () => {
  const officer = await verifiedActor("officer");
  const bad = await updateSetting(contextOf(officer), "associationCounting", "both", { reason: "测试非法输入" });
  expect(bad).toEqual({ ok: false, fieldErrors: { associationCounting: ["请选择统计口径"] } });
  const same = await updateSetting(contextOf(officer), "associationCounting", "registered_and_filed", { reason: "保持不变" });
  expect(same).toEqual({ ok: false, fieldErrors: { associationCounting: ["一居多会统计口径现为 登记和备案均计入，未作改动"] } });

  expect(await updateSetting(contextOf(officer), "associationCounting", "filed_only", { reason: "按市局考核口径", expected: "registered_and_filed" })).toEqual({ ok: true, value: "filed_only" });
  const db = await getDb();
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "setting.update")).orderBy(desc(auditLog.id)).limit(1);
  expect(audit).toMatchObject({
    actorUsername: "officer",
    entityType: "setting",
    entityId: "associationCounting",
    before: { associationCounting: "registered_and_filed" },
    after: { associationCounting: "filed_only" },
    reason: "按市局考核口径",
  });
  // A form loaded before that change is told, and writes nothing.
  const stale = await updateSetting(contextOf(officer), "associationCounting", "filed_only", { reason: "另一位干部的修改", expected: "registered_and_filed" });
  expect(stale).toMatchObject({ ok: false, formError: "一居多会统计口径已被其他人调整为 仅计入备案，请在最新的值上重新操作。" });
});

test("only those with setting:manage may change the counting basis, and only with a recent password", async () => {
  const db = await getDb();
  for (const name of ["street", "assoc", "clerk", "supervisor", "supervising"]) {
    await expect(updateSetting(contextOf(await demoActor(name)), "associationCounting", "filed_only", { reason: "越权尝试" })).rejects.toMatchObject({ status: 403 });
  }
  await expect(updateSetting(contextOf(null), "associationCounting", "filed_only", { reason: "匿名尝试" })).rejects.toMatchObject({ status: 403 });
  // An officer whose password was last given an hour ago is asked for it again.
  const lapsed = await verifiedActor("officer", new Date(Date.now() - 3_600_000));
  await expect(updateSetting(contextOf(lapsed), "associationCounting", "filed_only", { reason: "未确认身份" })).rejects.toMatchObject({ status: 403 });
  expect(await getSetting("associationCounting")).toBe("registered_and_filed");
  expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "setting.update"), eq(auditLog.entityId, "associationCounting"), eq(auditLog.reason, "越权尝试")))).toHaveLength(0);
});
