import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, importBatches, organizationChanges, organizations, places, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import { confirmImport, discardImport, previewImport, type ImportProgress } from "../../app/domain/imports/commands.server";
import { importBatchView, importOverview, importProblemsCsv, importTemplate } from "../../app/domain/imports/queries.server";
import { readSpreadsheet, writeXlsx } from "../../app/domain/shared/spreadsheet.server";
import { composeUscc } from "../../app/domain/organizations/uscc";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

type Actor = Awaited<ReturnType<typeof demoActor>>;
let officer: Actor;
let otherOfficer: Actor;
let admin: Actor;
let street: Actor;

beforeAll(async () => {
  await loadDemoDistrict();
  [officer, admin, street] = (await Promise.all(["officer", "admin", "street"].map(demoActor))) as [Actor, Actor, Actor];
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ username: "officer2", displayName: "第二位登记员", passwordHash: "x", role: "district_officer" })
    .returning();
  otherOfficer = actorFromUser(user!, "test-session");
});

const orgHeader = ["名称", "类型", "统一社会信用代码", "登记日期", "所属街道", "所属社区（村）", "法定代表人", "类别", "状态"];
let serial = 0;
/** A valid, not yet used USCC of the kind ("1" social group, "2" 民非). */
const nextUscc = (kind = "1") => composeUscc(kind, "350502", `QT${String(++serial).padStart(6, "0")}`);

async function xlsx(header: string[], rows: string[][]): Promise<Uint8Array> {
  return writeXlsx([{ name: "Sheet1", columns: header.map((h) => ({ header: h })), rows }]);
}

function csv(lines: string[][]): Uint8Array {
  return new TextEncoder().encode(lines.map((l) => l.join(",")).join("\r\n"));
}

async function preview(actor: Actor, content: Uint8Array, kind: "organizations" | "communities" = "organizations", fileName = "名录.xlsx") {
  const result = await previewImport(contextOf(actor), { kind, fileName, content });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value.id;
}

async function batchRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(importBatches).where(eq(importBatches.id, id));
  return row!;
}

async function organizationCount(where = like(organizations.name, "导入测试%")) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(organizations).where(where);
  return row!.n;
}

describe("preview", () => {
  test("a good file is checked and kept for its officer; nothing enters the register yet", async () => {
    const content = await xlsx(orgHeader, [
      ["导入测试甲协会", "社会团体", nextUscc(), "2024-03-05", "鲤中街道", "", "张三", "", ""],
      [],
      ["导入测试乙读书会", "社区社会组织", "", "2024年3月5日", "", "象峰社区", "李四", "文体活动", ""],
    ]);
    const id = await preview(officer, content);
    const view = await importBatchView(officer, id, 1);
    expect(view).toMatchObject({ kind: "organizations", status: "previewed", rowCount: 2, readRowCount: 2, problemCount: 0, problemRowCount: 0, fileName: "名录.xlsx" });
    expect(view.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.sample.map((r) => [r.line, r.name])).toEqual([[2, "导入测试甲协会"], [4, "导入测试乙读书会"]]);
    expect(await organizationCount()).toBe(0);
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "import.preview"), eq(auditLog.entityId, String(id))));
    expect(audit?.after).toMatchObject({ kind: "organizations", fileName: "名录.xlsx", rowCount: 2, problems: 0 });
    expect((await importOverview(officer)).recent.map((b) => b.id)).toContain(id);
  });

  test("a file with broken rows lists every problem with its row and column, and cannot be confirmed", async () => {
    const dup = nextUscc();
    const content = csv([
      ["鲤城区社会组织名录"],
      ["名称", "类型", "统一社会信用代码", "登记日期", "所属社区（村）", "类别"],
      ["导入测试丙协会", "社会团体", dup, "2024-02-30", "", ""],
      ["导入测试丁协会", "社会团体", dup, "2024-01-01", "", ""],
      ["鲤城区老年人体育协会", "社会团体", nextUscc(), "2024-01-01", "", ""],
      ["导入测试戊队", "社区社会组织", "", "2024-01-01", "无名社区", "文体活动"],
      ["导入测试己协会", "社会团体", "51350502MJD0001", "2024-01-01", "", ""],
      ["导入测试庚会", "协会", "", "2024-01-01", "", ""],
    ]);
    const id = await preview(officer, content, "organizations", "broken.csv");
    const view = await importBatchView(officer, id, 1);
    expect(view).toMatchObject({ rowCount: 6, problemRowCount: 6 });
    expect(view.problems.map((p) => `${p.line} ${p.column}: ${p.message}`)).toEqual([
      "3 登记日期: 2024年2月30日不是日历上的日期",
      "4 统一社会信用代码: 与第 3 行的统一社会信用代码相同",
      "5 名称: 登记簿中已有同名且未注销的社会组织，名称不能重复",
      "6 所属社区（村）: 找不到社区（村）“无名社区”，请填写本区社区（村）的名称或 12 位区划代码",
      "7 统一社会信用代码: 统一社会信用代码应为 18 位，当前为 15 位",
      "8 类型: 无法识别的类型，应为：社会团体、民办非企业单位（或社会服务机构）、基金会、社区社会组织",
    ]);
    const refused = await confirmImport(contextOf(officer), id, { version: view.version });
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("6 行有问题") });
    expect(await organizationCount()).toBe(0);
    const problems = await importProblemsCsv(officer, id);
    expect(problems.csv.split("\r\n")[0]).toBe("\uFEFF行号,列,内容,问题");
    expect(problems.csv).toContain("7,统一社会信用代码,51350502MJD0001,统一社会信用代码应为 18 位");
  });

  test("a file with the wrong columns, an empty file or a file that is no spreadsheet is refused with one message and nothing kept", async () => {
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(importBatches);
    const refusal = async (content: Uint8Array, kind: "organizations" | "communities" = "organizations") => {
      const result = await previewImport(contextOf(officer), { kind, fileName: "x", content });
      return result.ok ? "" : (result.fieldErrors?.file?.[0] ?? "");
    };
    expect(await refusal(await xlsx(["名称", "地址"], [["甲协会", "某路"]]))).toContain("缺少必需的列：类型、登记日期");
    expect(await refusal(csv([["名称", "类型", "登记日期"]]), "communities")).toContain("缺少必需的列：区划代码、所属街道（镇）");
    expect(await refusal(new Uint8Array())).toContain("文件是空的");
    expect(await refusal(csv([[""], [""]]))).toContain("文件是空的");
    expect(await refusal(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toContain("不是 CSV 或 XLSX");
    expect(await refusal(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41))).toContain("不能超过 10 MB");
    const [after] = await db.select({ n: count() }).from(importBatches);
    expect(after!.n).toBe(before!.n);
  });
});

describe("confirm", () => {
  test("creates every organization with its history entry, files numbers for filed ones and writes one audit entry", async () => {
    const group = nextUscc();
    const npo = nextUscc("2");
    const content = await xlsx([...orgHeader, "注册资金（元）"], [
      ["导入测试一号协会", "社会团体", group, "2024-03-05", "鲤中街道", "", "张三", "", "", "30000"],
      ["导入测试二号中心", "民办非企业单位", npo, "2023/1/9", "", "", "", "", "已注销", ""],
      ["导入测试三号舞蹈队", "社区社会组织", "", "2024.3.5", "开元街道", "象峰社区", "王五", "文体活动", "", ""],
      ["导入测试四号协会", "社会团体", nextUscc(), "2024-03-05", "开元街道", "象峰社区", "", "公益慈善", "", ""],
    ]);
    const id = await preview(officer, content, "organizations", "四条.xlsx");
    const { version } = await batchRow(id);
    const progress: ImportProgress[] = [];
    const result = await confirmImport(contextOf(officer), id, { version }, (p) => void progress.push(p));
    expect(result).toEqual({ ok: true, value: { imported: 4 } });
    expect(progress[0]).toEqual({ stage: "checking", done: 0, total: 4 });
    expect(progress.at(-1)).toEqual({ stage: "writing", done: 4, total: 4 });

    const db = await getDb();
    const created = await db.select().from(organizations).where(like(organizations.name, "导入测试%号%"));
    const byName = new Map(created.map((o) => [o.name, o]));
    expect(byName.get("导入测试一号协会")).toMatchObject({ type: "social_group", uscc: group, registeredOn: "2024-03-05", registeredFunds: 30000, status: "normal", registeringAuthority: "鲤城区民政局", legalRepresentative: "张三" });
    expect(byName.get("导入测试二号中心")).toMatchObject({ type: "private_non_enterprise", status: "cancelled", streetId: null });
    const filed = byName.get("导入测试三号舞蹈队")!;
    const [xiangfeng] = await db.select().from(places).where(eq(places.code, "350502001001"));
    expect(filed).toMatchObject({ type: "community", category: "culture_sports", placeId: xiangfeng!.id, streetId: xiangfeng!.parentId, registeringAuthority: "开元街道" });
    // A registered 社会团体 of a community may be a community social organization: its category kept, no filing number.
    expect(byName.get("导入测试四号协会")).toMatchObject({ type: "social_group", category: "charity", placeId: xiangfeng!.id, filingNumber: null });
    expect(filed.filingNumber).toMatch(new RegExp(`^开元街道社备〔${new Date().getFullYear()}〕\\d{3}号$`));

    const history = await db.select().from(organizationChanges).where(eq(organizationChanges.organizationId, filed.id));
    expect(history).toEqual([expect.objectContaining({ kind: "import", reason: `导入（批次 ${id}：四条.xlsx）`, actorUserId: officer.userId })]);
    expect(history[0]!.changes).toContainEqual({ field: "name", before: null, after: "导入测试三号舞蹈队" });

    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "import_batch"), eq(auditLog.entityId, String(id))));
    expect(audits.map((a) => a.action)).toEqual(["import.preview", "import.organizations"]);
    expect(audits[1]!.after).toEqual({ batchId: id, kind: "organizations", fileName: "四条.xlsx", fileSha256: (await batchRow(id)).fileSha256, count: 4 });
    expect(await batchRow(id)).toMatchObject({ status: "imported", version: version + 1 });
  });

  test("a duplicate registered between preview and confirm imports nothing, and the batch shows the new problem", async () => {
    const content = await xlsx(orgHeader, [
      ["导入测试先来协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""],
      ["导入测试后到协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""],
    ]);
    const id = await preview(officer, content);
    // Another officer imports a file with the second name meanwhile.
    const rival = await preview(otherOfficer, await xlsx(orgHeader, [["导入测试后到协会", "社会团体", nextUscc(), "2024-01-01", "", "", "", "", ""]]));
    expect((await confirmImport(contextOf(otherOfficer), rival, { version: 1 })).ok).toBe(true);

    const result = await confirmImport(contextOf(officer), id, { version: 1 });
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining("自预览以来登记簿已有变化：1 行") });
    expect(await organizationCount(eq(organizations.name, "导入测试先来协会"))).toBe(0);
    const view = await importBatchView(officer, id, 1);
    expect(view).toMatchObject({ status: "previewed", version: 2, problemRowCount: 1 });
    expect(view.problems).toEqual([{ line: 3, column: "名称", value: "导入测试后到协会", message: "登记簿中已有同名且未注销的社会组织，名称不能重复" }]);
    expect(await confirmImport(contextOf(officer), id, { version: 2 })).toMatchObject({ ok: false });
  });

  test("two confirmations at once import once; the second is told", async () => {
    const id = await preview(officer, await xlsx(orgHeader, [["导入测试并发协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""]]));
    const results = await Promise.all([
      confirmImport(contextOf(officer), id, { version: 1 }),
      confirmImport(contextOf(officer), id, { version: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ formError: expect.stringMatching(/已经导入|已有变化/) });
    expect(await organizationCount(eq(organizations.name, "导入测试并发协会"))).toBe(1);
    expect(await confirmImport(contextOf(officer), id, { version: 2 })).toEqual({ ok: false, formError: "该文件已经导入，不能重复导入。" });
  });

  test("a discarded batch imports nothing", async () => {
    const id = await preview(officer, await xlsx(orgHeader, [["导入测试放弃协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""]]));
    expect(await discardImport(contextOf(officer), id, { version: 1 })).toEqual({ ok: true, value: null });
    expect(await batchRow(id)).toMatchObject({ status: "discarded", rows: [] });
    expect(await confirmImport(contextOf(officer), id, { version: 2 })).toMatchObject({ ok: false, formError: expect.stringContaining("已放弃") });
    expect(await organizationCount(eq(organizations.name, "导入测试放弃协会"))).toBe(0);
  });
});

describe("who may", () => {
  test("a batch is its officer's own: another officer finds nothing", async () => {
    const id = await preview(officer, await xlsx(orgHeader, [["导入测试私有协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""]]));
    await expect(importBatchView(otherOfficer, id, 1)).rejects.toMatchObject({ status: 404 });
    await expect(confirmImport(contextOf(otherOfficer), id, { version: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(discardImport(contextOf(otherOfficer), id, { version: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(importProblemsCsv(otherOfficer, id)).rejects.toMatchObject({ status: 404 });
    expect((await importOverview(otherOfficer)).recent.map((b) => b.id)).not.toContain(id);
    await expect(importBatchView(officer, 999_999, 1)).rejects.toMatchObject({ status: 404 });
  });

  test("organizations need organization:correct, communities place:manage; a street officer imports neither", async () => {
    const content = await xlsx(orgHeader, [["导入测试权限协会", "社会团体", nextUscc(), "2024-03-05", "", "", "", "", ""]]);
    await expect(previewImport(contextOf(street), { kind: "organizations", fileName: "x", content })).rejects.toMatchObject({ status: 403 });
    await expect(previewImport(contextOf(street), { kind: "communities", fileName: "x", content })).rejects.toMatchObject({ status: 403 });
    await expect(importOverview(street)).rejects.toMatchObject({ status: 403 });
    await expect(previewImport(contextOf(admin), { kind: "organizations", fileName: "x", content })).rejects.toMatchObject({ status: 403 });
    await expect(importTemplate(admin, "organizations", "xlsx")).rejects.toMatchObject({ status: 403 });
    expect((await importOverview(admin)).kinds).toEqual(["communities"]);
    expect((await importOverview(officer)).kinds).toEqual(["organizations", "communities"]);
  });
});

describe("communities and villages", () => {
  test("are created under their street or town, with households and population, and audited", async () => {
    const header = ["区划代码", "名称", "类型", "所属街道（镇）", "户数", "人口"];
    const id = await preview(
      admin,
      await xlsx(header, [
        ["350502001050", "导入测试社区", "社区", "开元街道", "1200", "3600"],
        ["350502100250", "导入测试村", "村", "汝湖镇", "", ""],
        ["350502001001", "象峰社区", "社区", "开元街道", "", ""],
      ]),
      "communities",
    );
    const view = await importBatchView(admin, id, 1);
    expect(view.problems.map((p) => `${p.line} ${p.column}: ${p.message}`)).toEqual([
      "4 区划代码: 该区划代码已有社区（村）使用",
      "4 名称: 该街道（镇）已有同名的社区（村）",
    ]);

    const good = await preview(
      admin,
      await xlsx(header, [
        ["350502001050", "导入测试社区", "社区", "开元街道", "1200", "3600"],
        ["350502100250", "导入测试村", "村", "350502100000", "", ""],
      ]),
      "communities",
    );
    expect(await confirmImport(contextOf(admin), good, { version: 1 })).toEqual({ ok: true, value: { imported: 2 } });
    const db = await getDb();
    const [kaiyuan] = await db.select().from(places).where(eq(places.code, "350502001000"));
    const [created] = await db.select().from(places).where(eq(places.code, "350502001050"));
    expect(created).toMatchObject({ name: "导入测试社区", level: "community", parentId: kaiyuan!.id, households: 1200, population: 3600, sortOrder: 15 });
    const [village] = await db.select().from(places).where(eq(places.code, "350502100250"));
    expect(village).toMatchObject({ level: "village", households: null });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "import.communities"), eq(auditLog.entityId, String(good))));
    expect(audit?.after).toMatchObject({ kind: "communities", count: 2 });

    // A community name now in two streets needs its street in an organizations file.
    await confirmImport(
      contextOf(admin),
      await preview(admin, await xlsx(header, [["350502002050", "导入测试社区", "社区", "鲤中街道", "", ""]]), "communities"),
      { version: 1 },
    );
    const ambiguous = await preview(officer, await xlsx(orgHeader, [["导入测试重名队", "社区社会组织", "", "2024-01-01", "", "导入测试社区", "", "公益慈善", ""]]));
    expect((await importBatchView(officer, ambiguous, 1)).problems[0]?.message).toContain("有多个社区（村）与“导入测试社区”相符（开元街道、鲤中街道）");
  });
});

describe("templates", () => {
  test("read back as a file with the expected headers and no rows", async () => {
    const template = await importTemplate(officer, "organizations", "xlsx");
    const read = await readSpreadsheet(template.content as Uint8Array);
    expect(read.ok && read.rows[0]).toEqual(["名称", "类型", "统一社会信用代码", "备案号", "登记证书号", "登记日期", "所属街道", "所属社区（村）", "法定代表人/负责人", "住所", "业务主管单位", "注册资金（元）", "业务范围", "类别", "状态", "联系电话"]);
    const result = await previewImport(contextOf(officer), { kind: "organizations", fileName: "t.xlsx", content: template.content as Uint8Array });
    expect(result).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringContaining("下面没有数据行")] } });
    await expect(importTemplate(officer, "club", "csv")).rejects.toMatchObject({ status: 400 });
    await expect(importTemplate(street, "club", "csv")).rejects.toMatchObject({ status: 403 });
    const csvTemplate = await importTemplate(admin, "communities", "csv");
    expect(csvTemplate.content).toBe("\uFEFF区划代码,名称,类型,所属街道（镇）,户数,人口\r\n");
  });
});

test("a 10,000-row file imports in one transaction, with its history", async () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => [
    `导入测试万行${String(i).padStart(5, "0")}协会`,
    i % 2 ? "民办非企业单位" : "社会团体",
    composeUscc(i % 2 ? "2" : "1", "350502", `WH${String(i).padStart(6, "0")}`),
    "2020-01-01",
    ["开元街道", "鲤中街道", "海滨街道"][i % 3]!,
    "",
    "某某",
    "",
    "",
  ]);
  const id = await preview(officer, await xlsx(orgHeader, rows), "organizations", "万行.xlsx");
  const view = await importBatchView(officer, id, 1);
  expect(view).toMatchObject({ rowCount: 10_000, readRowCount: 10_000, problemCount: 0 });
  const progress: ImportProgress[] = [];
  expect(await confirmImport(contextOf(officer), id, { version: 1 }, (p) => void progress.push(p))).toEqual({ ok: true, value: { imported: 10_000 } });
  expect(progress.filter((p) => p.stage === "writing").map((p) => p.done)).toEqual([0, ...Array.from({ length: 20 }, (_, i) => (i + 1) * 500)]);
  expect(await organizationCount(like(organizations.name, "导入测试万行%"))).toBe(10_000);
  const db = await getDb();
  const [changes] = await db
    .select({ n: count() })
    .from(organizationChanges)
    .where(and(eq(organizationChanges.kind, "import"), eq(organizationChanges.reason, `导入（批次 ${id}：万行.xlsx）`)));
  expect(changes!.n).toBe(10_000);
}, 120_000);
