import { demoLatestCampaign } from "../../app/setup/demo";
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb, queryRows } from "../../db/client.server";
import { auditLog, organizationChanges, organizations, places } from "../../db/schema";
import type { CorrectionInput } from "../../app/domain/organizations/forms";
import { parseRegisterQuery } from "../../app/domain/organizations/forms";
import { correctOrganization } from "../../app/domain/organizations/commands.server";
import { correctionFormOf } from "../setup/correction-form";
import {
  findPublicOrganization,
  openDataRecord,
  publicOrganization,
  registerCsv,
  allPublicRegisterRows,
  searchPublicRegister,
} from "../../app/domain/organizations/public.server";
import {
  searchOfficerRegister,
} from "../../app/domain/organizations/queries.server";
import { officerRecordPage } from "../../app/domain/organizations/officer-record.server";
import { nameGrams } from "../../app/domain/shared/name-grams";
import { publicCountCap } from "../../app/domain/shared/paging";
import { usccCheckCharacter, usccAlphabet } from "../../app/domain/organizations/uscc";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

type Organization = typeof organizations.$inferSelect;

const page = (query: Partial<Parameters<typeof searchPublicRegister>[0]> = {}) =>
  searchPublicRegister({ page: 1, pageSize: 100, ...query });

async function allOrganizations(): Promise<Organization[]> {
  return (await getDb()).select().from(organizations);
}

async function organizationNamed(name: string): Promise<Organization> {
  const [row] = await (await getDb()).select().from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organization ${name}`);
  return row;
}

async function reload(id: number): Promise<Organization> {
  const [row] = await (await getDb()).select().from(organizations).where(eq(organizations.id, id));
  return row!;
}

async function placeNamed(name: string) {
  const [row] = await (await getDb()).select().from(places).where(eq(places.name, name));
  return row!;
}

async function placeWithParent(id: number) {
  const db = await getDb();
  const [place] = await db.select().from(places).where(eq(places.id, id));
  const [parent] = await db.select().from(places).where(eq(places.id, place!.parentId!));
  return { name: place!.name, parentName: parent!.name };
}

const formOf = (o: Organization, changes: Partial<CorrectionInput> = {}) => correctionFormOf(o, "核对登记档案，录入有误", changes);

/** A code of the right kind whose check character is wrong, and the message that says so. */
function withWrongCheck(code: string) {
  const wrong = usccAlphabet[(usccAlphabet.indexOf(code[17]!) + 1) % usccAlphabet.length]!;
  return {
    code: code.slice(0, 17) + wrong,
    message: `校验码（第 18 位）应为“${usccCheckCharacter(code.slice(0, 17))}”，实为“${wrong}”`,
  };
}

async function historyCount(id: number) {
  const [row] = await (await getDb()).select({ n: count() }).from(organizationChanges).where(eq(organizationChanges.organizationId, id));
  return row!.n;
}

async function auditCount() {
  const [row] = await (await getDb()).select({ n: count() }).from(auditLog).where(eq(auditLog.action, "organization.correct"));
  return row!.n;
}

/* ------------------------------------------------------------------ search */

test("a two-character fragment of the name finds every organization whose name contains it", async () => {
  const expected = (await allOrganizations()).filter((o) => o.name.includes("体育"));
  const result = await page({ q: "体育" });
  expect(result.total).toBe(expected.length);
  expect(result.items.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
  expect(result.items.map((o) => o.name)).toContain("鲤城区老年人体育协会");
});

test("a four-character fragment narrows the search", async () => {
  const result = await page({ q: "老年人体" });
  expect(result.items.map((o) => o.name)).toEqual(["鲤城区老年人体育协会"]);
  expect(result.total).toBe(1);
  // LIKE's wildcards are searched for literally.
  expect((await page({ q: "%" })).total).toBe(0);
  expect((await page({ q: "鲤城区_" })).total).toBe(0);
});

test("one character, and fragments in Latin letters in any case, find every name that contains them", async () => {
  const all = await allOrganizations();
  for (const q of ["协", "馆", "鲤城区老年人体育协会"]) {
    const expected = all.filter((o) => o.name.includes(q)).map((o) => o.id).sort();
    const result = await searchPublicRegister({ q, page: 1, pageSize: 500 }, { countCap: null });
    expect(result.items.map((o) => o.id).sort()).toEqual(expected);
    expect(result.total).toBe(expected.length);
  }
  const db = await getDb();
  const [org] = await db.insert(organizations).values({ name: "鲤城区𠀋AbC创客空间", type: "private_non_enterprise", registeredOn: "2026-01-05" }).returning();
  for (const q of ["abc", "ABC", "bC创", "𠀋", "𠀋A"]) {
    expect((await page({ q })).items.map((o) => o.id)).toContain(org!.id);
  }
  // The database's pieces of a name are the ones name-grams.ts computes for it.
  const rows = await queryRows<{ name_grams: string[] }>(db, sql`select name_grams from organizations where id = ${org!.id}`);
  expect([...rows[0]!.name_grams].sort()).toEqual(nameGrams("鲤城区𠀋AbC创客空间"));
  await db.delete(organizations).where(eq(organizations.id, org!.id));
});

test("short fragments list in the register's order on every page, filtered too, and follow a rename at once", async () => {
  const all = (await allOrganizations()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  for (const [q, filter] of [["协", {}], ["会", { type: "social_group" as const }], ["城区", { status: "normal" as const }], ["中心", {}]] as const) {
    const expected = all.filter((o) => o.name.toLowerCase().includes(q) && Object.entries(filter).every(([k, v]) => o[k as keyof Organization] === v)).map((o) => o.id);
    const pages: number[] = [];
    for (let n = 1; n <= Math.ceil(expected.length / 7); n++) pages.push(...(await searchPublicRegister({ q, ...filter, page: n, pageSize: 7 }, { countCap: null })).items.map((o) => o.id));
    expect(pages, q).toEqual(expected);
  }
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区摄影家协会");
  expect((await page({ q: "篆刻" })).items.map((x) => x.id)).not.toContain(o.id);
  const renamed = await correctOrganization(contextOf(officer), o.id, formOf(o, { name: "鲤城区摄影篆刻协会", reason: "据章程修正案更名" }));
  expect(renamed.ok).toBe(true);
  expect((await page({ q: "篆刻" })).items.map((x) => x.id)).toContain(o.id);
  expect((await page({ q: "影家" })).items.map((x) => x.id)).not.toContain(o.id);
  const restored = await correctOrganization(contextOf(officer), o.id, formOf(await reload(o.id), { name: "鲤城区摄影家协会", reason: "恢复原名" }));
  expect(restored.ok).toBe(true);
  expect((await page({ q: "影家" })).items.map((x) => x.id)).toContain(o.id);
});

test("the pages count up to a cap; the open-data API counts exactly", async () => {
  const all = await allOrganizations();
  const many = all.filter((o) => o.name.includes("鲤")).length;
  expect(many).toBeGreaterThan(50);
  expect(publicCountCap).toBe(1000);
  const capped = await searchPublicRegister({ q: "鲤", page: 1, pageSize: 5 }, { countCap: 50 });
  expect(capped).toMatchObject({ total: 50, totalIsCapped: true });
  expect(capped.items).toHaveLength(5);
  const under = await searchPublicRegister({ q: "鲤", page: 1, pageSize: 5 }, { countCap: many });
  expect(under.total).toBe(many);
  expect(under.totalIsCapped).toBeUndefined();
  expect((await searchPublicRegister({ q: "鲤", page: 1, pageSize: 5 }, { countCap: null })).total).toBe(many);
});

test("an exact USCC finds its organization, in either case; a filing number finds a filed one", async () => {
  const group = await organizationNamed("鲤城区老年人体育协会");
  const byCode = await page({ q: group.uscc! });
  expect(byCode.items).toEqual([expect.objectContaining({ id: group.id, uscc: group.uscc })]);
  expect((await page({ q: group.uscc!.toLowerCase() })).items.map((o) => o.id)).toEqual([group.id]);
  // Part of a code is not a code.
  expect((await page({ q: group.uscc!.slice(0, 17) })).total).toBe(0);

  const [filed] = (await allOrganizations()).filter((o) => o.type === "community");
  const byFiling = await page({ q: filed!.filingNumber! });
  expect(byFiling.items).toEqual([expect.objectContaining({ id: filed!.id, uscc: null, type: "community" })]);
});

test("type, status and street filters; the street filter takes the division code", async () => {
  const all = await allOrganizations();
  const groups = await page({ type: "social_group" });
  expect(groups.total).toBe(all.filter((o) => o.type === "social_group").length);
  expect(groups.items.every((o) => o.type === "social_group")).toBe(true);

  const abnormal = await page({ status: "abnormal" });
  expect(abnormal.total).toBe(all.filter((o) => o.status === "abnormal").length);
  expect(abnormal.total).toBeGreaterThan(0);
  expect(abnormal.items.every((o) => o.status === "abnormal" && o.statusSince)).toBe(true);

  const kaiyuan = await placeNamed("开元街道");
  const inStreet = await page({ street: kaiyuan.code, pageSize: 100 });
  expect(inStreet.total).toBe(all.filter((o) => o.streetId === kaiyuan.id).length);
  expect(inStreet.items.every((o) => o.street === "开元街道")).toBe(true);

  const combined = await page({ street: kaiyuan.code, type: "private_non_enterprise", status: "normal" });
  expect(combined.total).toBe(
    all.filter((o) => o.streetId === kaiyuan.id && o.type === "private_non_enterprise" && o.status === "normal").length,
  );
  expect((await page({ street: "350502999000" })).total).toBe(0);
});

test("pages split the results without gaps or repeats; the total is the same on every page", async () => {
  const all = await allOrganizations();
  const expected = all.filter((o) => o.type === "private_non_enterprise").length;
  const seen: number[] = [];
  for (let p = 1; ; p++) {
    const result = await searchPublicRegister({ type: "private_non_enterprise", page: p, pageSize: 50 });
    expect(result).toMatchObject({ page: p, pageSize: 50, total: expected });
    if (!result.items.length) break;
    seen.push(...result.items.map((o) => o.id));
  }
  expect(seen.length).toBe(expected);
  expect(new Set(seen).size).toBe(expected);
  const everything = await searchPublicRegister({ page: 1, pageSize: 20 });
  // Every status: the public register keeps the cancelled and revoked findable.
  expect(everything.total).toBe((await allOrganizations()).length);
  expect(everything.items).toHaveLength(20);
  // Ordered by name.
  const names = everything.items.map((o) => o.name);
  expect([...names].sort()).toEqual(names);
});

test("cancelled and revoked organizations stay findable, by name and by status", async () => {
  const all = await allOrganizations();
  for (const status of ["cancelled", "revoked"] as const) {
    const gone = all.find((o) => o.status === status);
    expect(gone, `a ${status} organization in the demo`).toBeDefined();
    const result = await page({ q: gone!.name });
    expect(result.items).toContainEqual(expect.objectContaining({ id: gone!.id, status, statusSince: gone!.statusSince }));
    expect((await page({ status })).items.map((o) => o.id)).toContain(gone!.id);
  }
});

test("the open-data CSV has a header row and every matching row, not one page", async () => {
  const rows = await allPublicRegisterRows({ type: "private_non_enterprise" });
  const csv = registerCsv(rows);
  expect(csv.startsWith("\uFEFFid,name,uscc,type,status,registeredOn,street,community\r\n")).toBe(true);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines.length - 1).toBe((await page({ type: "private_non_enterprise" })).total);
  const cells = lines[1]!.split(",");
  expect(cells).toHaveLength(8);
  expect(cells.slice(2, 4)).toEqual([expect.stringMatching(/^52[0-9A-Z]{16}$/), "private_non_enterprise"]);
});

test("bad parameters are named in Chinese; the pages' defaults apply when none are given", () => {
  expect(parseRegisterQuery(new URLSearchParams(""))).toEqual({ query: { page: 1, pageSize: 20 }, problems: [] });
  const good = parseRegisterQuery(new URLSearchParams("q=%20书法%20&type=social_group&status=normal&street=350502001000&page=2&pageSize=100"));
  expect(good).toEqual({
    query: { q: "书法", type: "social_group", status: "normal", street: "350502001000", page: 2, pageSize: 100 },
    problems: [],
  });
  const bad = parseRegisterQuery(new URLSearchParams("type=club&status=gone&street=kaiyuan&page=0&pageSize=101"));
  expect(bad.query).toEqual({ page: 1, pageSize: 20 });
  expect(bad.problems).toEqual([
    "参数 type 应为 social_group、private_non_enterprise、foundation、community 之一",
    "参数 status 应为 normal、abnormal、revoked、cancelled 之一",
    "参数 street 应为街道（镇）的 12 位区划代码",
    "参数 page 应为不超过 999999 的正整数",
    "参数 pageSize 不能超过 100",
  ]);
  expect(parseRegisterQuery(new URLSearchParams("page=1.5&pageSize=-3")).problems).toEqual([
    "参数 page 应为不超过 999999 的正整数",
    "参数 pageSize 应为正整数",
  ]);
});

/* ------------------------------------------------------------------ records */

test("the public record has the public fields and history, never the contact phone or who typed it", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区书法家协会");
  const phoneOnly = await correctOrganization(contextOf(officer), o.id, formOf(o, { contactPhone: "13905951234", reason: "补录联系电话" }));
  expect(phoneOnly.ok).toBe(true);

  const record = await publicOrganization(o.id);
  expect(record).toMatchObject({
    id: o.id,
    name: o.name,
    type: "social_group",
    uscc: o.uscc,
    certificateNumber: o.certificateNumber,
    registeringAuthority: "鲤城区民政局",
    supervisingUnit: o.supervisingUnit,
    legalRepresentative: o.legalRepresentative,
    registeredOn: o.registeredOn,
    registeredFunds: o.registeredFunds,
    businessScope: o.businessScope,
    address: o.address,
    status: o.status,
    street: { name: expect.stringMatching(/街道|镇$/) },
    community: { name: expect.stringMatching(/社区|村$/) },
  });
  // Only published conclusions: the demo published the two campaigns before the latest, which is still open.
  expect(record.inspections.length).toBeGreaterThan(0);
  expect(record.inspections.every((i) => i.year < demoLatestCampaign() && i.publishedOn)).toBe(true);
  const text = JSON.stringify(record) + JSON.stringify(openDataRecord(record));
  expect(text).not.toContain("13905951234");
  expect(text).not.toContain("contactPhone");
  expect(text).not.toContain("陈登记");
  expect(record).not.toHaveProperty("usccAcceptedReason");
  // Only the phone changed, so the public history shows nothing new: just the registration.
  expect(record.history.map((h) => h.kind)).toEqual(["establishment"]);

  const officerView = await officerRecordPage(officer, o.id);
  expect(officerView.organization.contactPhone).toBe("13905951234");
  expect(officerView.history[0]).toMatchObject({ kind: "correction", reason: "补录联系电话", actorName: "陈登记（区民政局）" });
  expect(officerView.canCorrect).toBe(true);

  await expect(publicOrganization(999_999)).rejects.toMatchObject({ status: 404 });
  expect(await findPublicOrganization(999_999)).toBeNull();
});

test("a street officer sees only their street: another street's record is not found", async () => {
  const street = await demoActor("street");
  const kaiyuan = await placeNamed("开元街道");
  const all = await allOrganizations();
  const mine = all.find((o) => o.streetId === kaiyuan.id)!;
  const theirs = all.find((o) => o.streetId !== kaiyuan.id)!;

  const result = await searchOfficerRegister(street, { page: 1, pageSize: 100 });
  expect(result.total).toBe(all.filter((o) => o.streetId === kaiyuan.id).length);
  expect(result.items.every((o) => o.street === "开元街道")).toBe(true);
  expect((await searchOfficerRegister(street, { q: theirs.name, page: 1, pageSize: 20 })).total).toBe(0);

  const own = await officerRecordPage(street, mine.id);
  expect(own.organization.id).toBe(mine.id);
  expect(own.canCorrect).toBe(false);
  await expect(officerRecordPage(street, theirs.id)).rejects.toMatchObject({ status: 404 });

  const officer = await demoActor("officer");
  expect((await searchOfficerRegister(officer, { page: 1, pageSize: 20 })).total).toBe((await allOrganizations()).length);
  for (const name of ["assoc", "clerk"]) {
    const actor = await demoActor(name);
    await expect(searchOfficerRegister(actor, { page: 1, pageSize: 20 })).rejects.toMatchObject({ status: 403 });
    await expect(officerRecordPage(actor, mine.id)).rejects.toMatchObject({ status: 403 });
  }
});

/* ------------------------------------------------------------------ corrections */

test("a correction writes the record, a history entry and an audit row with the reason, in one step", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区摄影家协会");
  const auditsBefore = await auditCount();
  const newAddress = "泉州市鲤城区中山中路 88 号";
  const result = await correctOrganization(
    contextOf(officer),
    o.id,
    formOf(o, { address: newAddress, legalRepresentative: "郑文杰", reason: "据登记档案原件更正录入错误" }),
  );
  expect(result).toEqual({ ok: true, value: { version: o.version + 1 } });

  const after = await reload(o.id);
  expect(after).toMatchObject({ address: newAddress, legalRepresentative: "郑文杰", version: o.version + 1 });

  const db = await getDb();
  const [entry] = await db
    .select()
    .from(organizationChanges)
    .where(eq(organizationChanges.organizationId, o.id))
    .orderBy(desc(organizationChanges.id))
    .limit(1);
  expect(entry).toMatchObject({
    kind: "correction",
    reason: "据登记档案原件更正录入错误",
    actorName: "陈登记（区民政局）",
    changes: [
      { field: "legalRepresentative", before: o.legalRepresentative, after: "郑文杰" },
      { field: "address", before: o.address, after: newAddress },
    ],
  });
  expect(await auditCount()).toBe(auditsBefore + 1);
  const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "organization.correct")).orderBy(desc(auditLog.id)).limit(1);
  expect(audit).toMatchObject({
    actorUsername: "officer",
    entityType: "organization",
    entityId: String(o.id),
    reason: "据登记档案原件更正录入错误",
    ip: "203.0.113.7",
  });
  expect(audit!.before).toMatchObject({ address: o.address, version: o.version });
  expect(audit!.after).toMatchObject({ address: newAddress, version: o.version + 1 });

  // The public history shows it, newest first.
  const record = await publicOrganization(o.id);
  expect(record.history[0]).toMatchObject({ kind: "correction", reason: "据登记档案原件更正录入错误" });
  expect(record.history[0]!.changes.map((c) => c.field)).toEqual(["legalRepresentative", "address"]);

  // Submitting the same values again changes nothing and writes nothing.
  const again = await correctOrganization(contextOf(officer), o.id, formOf(after));
  expect(again).toEqual({ ok: false, formError: "表单内容与登记簿一致，没有需要更正的事项。" });
  expect(await auditCount()).toBe(auditsBefore + 1);
});

test("a USCC that fails a check is refused with exactly what is wrong", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区个体劳动者协会");
  const { code, message } = withWrongCheck(o.uscc!);
  const wrongCheck = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: code }));
  expect(wrongCheck.ok).toBe(false);
  expect(!wrongCheck.ok && wrongCheck.fieldErrors?.uscc).toContain(message);

  const tooShort = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: o.uscc!.slice(0, 17) }));
  expect(tooShort).toEqual({ ok: false, fieldErrors: { uscc: ["统一社会信用代码应为 18 位，当前为 17 位"] } });

  // A 民非's code (kind 2) on a social group (kind 1).
  const privateOne = (await allOrganizations()).find((o) => o.type === "private_non_enterprise")!;
  const wrongKind = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: privateOne.uscc! }));
  expect(!wrongKind.ok && wrongKind.fieldErrors?.uscc).toEqual([
    `代码前两位“52”与机构类型不符：民政登记的社会团体应以“51”开头`,
  ]);
  const missing = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: undefined }));
  expect(missing).toEqual({ ok: false, fieldErrors: { uscc: ["请输入统一社会信用代码"] } });
  expect((await reload(o.id)).uscc).toBe(o.uscc);
});

test("a legacy code is accepted only when the officer ticks it and gives a reason, which is stored", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区餐饮行业协会");
  const { code, message } = withWrongCheck(o.uscc!);

  const noReason = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: code, acceptLegacyUscc: true }));
  expect(noReason).toEqual({
    ok: false,
    fieldErrors: { usccAcceptedReason: ["接受未通过校验的代码，须写明核准说明（如核实依据、批准文件）"] },
  });
  const reasonWithoutTick = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: code, usccAcceptedReason: "试点代码" }));
  expect(!reasonWithoutTick.ok && reasonWithoutTick.fieldErrors?.uscc).toContain(message);
  // Only a wrong check character can be accepted, not a code of the wrong length.
  const wrongLength = await correctOrganization(
    contextOf(officer),
    o.id,
    formOf(o, { uscc: `${code}0`, acceptLegacyUscc: true, usccAcceptedReason: "2014 年试点赋码，经核实合法" }),
  );
  expect(!wrongLength.ok && wrongLength.fieldErrors?.uscc?.[0]).toBe("统一社会信用代码应为 18 位，当前为 19 位");

  const accepted = await correctOrganization(
    contextOf(officer),
    o.id,
    formOf(o, { uscc: code, acceptLegacyUscc: true, usccAcceptedReason: "2014 年试点赋码，经核实合法", reason: "按原发证书更正代码" }),
  );
  expect(accepted.ok).toBe(true);
  const after = await reload(o.id);
  expect(after).toMatchObject({ uscc: code, usccAcceptedReason: "2014 年试点赋码，经核实合法" });

  // A later correction of another field keeps the accepted code without asking again.
  const later = await correctOrganization(contextOf(officer), o.id, formOf(after, { address: "泉州市鲤城区温陵路 1 号" }));
  expect(later.ok).toBe(true);
  expect((await reload(o.id)).usccAcceptedReason).toBe("2014 年试点赋码，经核实合法");

  // The public history shows the new code, but not the officer's internal note.
  const record = await publicOrganization(o.id);
  const codeChange = record.history.find((h) => h.reason === "按原发证书更正代码")!;
  expect(codeChange.changes).toEqual([{ field: "uscc", before: o.uscc, after: code }]);
});

test("a name held by another live organization, or a code held by another, is refused beside the field", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区美术家协会");
  const other = await organizationNamed("鲤城区作家协会");
  const auditsBefore = await auditCount();

  const sameName = await correctOrganization(contextOf(officer), o.id, formOf(o, { name: other.name }));
  expect(sameName).toEqual({ ok: false, fieldErrors: { name: ["登记簿中已有同名且未注销的社会组织，名称不能重复"] } });
  const sameCode = await correctOrganization(contextOf(officer), o.id, formOf(o, { uscc: other.uscc! }));
  expect(sameCode).toEqual({ ok: false, fieldErrors: { uscc: ["该统一社会信用代码已被登记簿中的其他组织使用"] } });
  expect(await auditCount()).toBe(auditsBefore);

  // A cancelled organization's name is free again.
  const db = await getDb();
  const [cancelled] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.status, "cancelled"), eq(organizations.type, "social_group"), ne(organizations.id, o.id)));
  const reuse = await correctOrganization(contextOf(officer), o.id, formOf(o, { name: cancelled!.name }));
  expect(reuse.ok).toBe(true);
});

test("two officers correcting one record: the second, on a stale version, is told and nothing is written", async () => {
  const officer = await demoActor("officer");
  const o = await organizationNamed("鲤城区音乐家协会");
  const first = await correctOrganization(contextOf(officer), o.id, formOf(o, { address: "第一位登记员的更正" }));
  expect(first.ok).toBe(true);
  const historyBefore = await historyCount(o.id);
  const auditsBefore = await auditCount();
  const second = await correctOrganization(contextOf(officer), o.id, formOf(o, { address: "第二位登记员的更正" }));
  expect(second).toEqual({ ok: false, formError: "该记录已被其他人修改，您的更正未保存。请刷新页面，在最新内容上重新更正。" });
  expect((await reload(o.id)).address).toBe("第一位登记员的更正");
  expect(await historyCount(o.id)).toBe(historyBefore);
  expect(await auditCount()).toBe(auditsBefore);
});

test("only those with organization:correct may correct: others are refused with 403", async () => {
  const o = await organizationNamed("鲤城区舞蹈家协会");
  for (const name of ["admin", "street", "assoc", "clerk", "supervisor"]) {
    const actor = await demoActor(name);
    await expect(correctOrganization(contextOf(actor), o.id, formOf(o, { address: "无权更正" }))).rejects.toMatchObject({ status: 403 });
  }
  await expect(correctOrganization(contextOf(null), o.id, formOf(o, { address: "未登录" }))).rejects.toMatchObject({ status: 403 });
  const officer = await demoActor("officer");
  await expect(correctOrganization(contextOf(officer), 999_999, formOf(o))).rejects.toMatchObject({ status: 404 });
  expect((await reload(o.id)).address).toBe(o.address);
});

test("a filed community organization: filing number and category; moving it to another community moves its street", async () => {
  const officer = await demoActor("officer");
  const [filed] = (await allOrganizations()).filter((o) => o.type === "community").sort((a, b) => a.id - b.id);
  const haibin = await placeNamed("海滨社区");
  const target = haibin.id === filed!.placeId ? await placeNamed("釜山社区") : haibin;
  const from = await placeWithParent(filed!.placeId!);

  const withCode = await correctOrganization(contextOf(officer), filed!.id, formOf(filed!, { uscc: "53100000500019795A", category: undefined }));
  expect(withCode).toEqual({
    ok: false,
    fieldErrors: { uscc: ["社区社会组织为备案组织，不设统一社会信用代码"], category: ["请选择类别"] },
  });
  const streetLevel = await placeNamed("海滨街道");
  const notACommunity = await correctOrganization(contextOf(officer), filed!.id, formOf(filed!, { placeId: streetLevel.id }));
  expect(notACommunity).toEqual({ ok: false, fieldErrors: { placeId: ["请选择一个社区或村"] } });

  const moved = await correctOrganization(
    contextOf(officer),
    filed!.id,
    formOf(filed!, { placeId: target.id, category: "charity", reason: "备案时所属社区录入有误" }),
  );
  expect(moved.ok).toBe(true);
  const after = await reload(filed!.id);
  expect(after).toMatchObject({ placeId: target.id, streetId: target.parentId, category: "charity" });
  const record = await publicOrganization(filed!.id);
  expect(record.community?.name).toBe(target.name);
  expect(record.history[0]!.changes).toEqual([
    { field: "category", before: filed!.category, after: "charity" },
    { field: "place", before: `${from.parentName}${from.name}`, after: `海滨街道${target.name}` },
  ]);
});

test("two records given the same new name at once: one is corrected, the other is refused beside the field", async () => {
  const officer = await demoActor("officer");
  const a = await organizationNamed("鲤城区作家协会");
  const b = await organizationNamed("鲤城区侨联青年联谊会");
  const name = "鲤城区文学艺术界联合会";
  const results = await Promise.all([
    correctOrganization(contextOf(officer), a.id, formOf(a, { name })),
    correctOrganization(contextOf(officer), b.id, formOf(b, { name })),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok)).toEqual([
    { ok: false, fieldErrors: { name: ["登记簿中已有同名且未注销的社会组织，名称不能重复"] } },
  ]);
  expect((await page({ q: name })).total).toBe(1);
});
