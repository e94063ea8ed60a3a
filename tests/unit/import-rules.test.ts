import { describe, expect, it } from "vitest";
import {
  checkOrganizationRows,
  checkPlaceRows,
  normalizeHeader,
  parseImportDate,
  parseWholeNumber,
  placeDirectory,
  readImportTable,
  repeatedInFile,
  rowKeys,
  takenInRegister,
  type Existing,
  type ImportTable,
  type KnownPlace,
} from "../../app/domain/imports/rules";
import { composeUscc } from "../../app/domain/organizations/uscc";

const today = "2026-05-31";

const known: KnownPlace[] = [
  { id: 1, code: "350502000000", name: "鲤城区", level: "district", parentId: null },
  { id: 2, code: "350502001000", name: "开元街道", level: "street", parentId: 1 },
  { id: 3, code: "350502002000", name: "鲤中街道", level: "street", parentId: 1 },
  { id: 4, code: "350502100000", name: "汝湖镇", level: "town", parentId: 1 },
  { id: 10, code: "350502001001", name: "象峰社区", level: "community", parentId: 2 },
  { id: 11, code: "350502001002", name: "东街社区", level: "community", parentId: 2 },
  { id: 12, code: "350502002001", name: "新门社区", level: "community", parentId: 3 },
  { id: 13, code: "350502002009", name: "象峰社区", level: "community", parentId: 3 },
  { id: 14, code: "350502100201", name: "大良村", level: "village", parentId: 4 },
];
const places = placeDirectory(known);

const group1 = composeUscc("1", "350502", "MJD00001");
const group2 = composeUscc("1", "350502", "MJD00002");
const npo1 = composeUscc("2", "350502", "MJE00001");

const orgHeader = ["名称", "类型", "统一社会信用代码", "备案号", "登记日期", "所属街道", "所属社区（村）", "法定代表人/负责人", "注册资金（元）", "类别", "状态", "联系电话", "业务范围"];

/** A table from a header and rows, each row given by header name. */
function table(kind: "organizations" | "communities", header: string[], rows: Array<Record<string, string>>): ImportTable {
  const read = readImportTable(kind, [header, ...rows.map((r) => header.map((h) => r[h] ?? ""))]);
  if (!read.ok) throw new Error(read.problem);
  return read.table;
}

function checkOrgs(rows: Array<Record<string, string>>, header = orgHeader) {
  return checkOrganizationRows(table("organizations", header, rows), places, today);
}

const registered = { 名称: "鲤城区测试协会", 类型: "社会团体", 统一社会信用代码: group1, 登记日期: "2024-03-05" };
const filed = { 名称: "象峰社区读书会", 类型: "社区社会组织", 登记日期: "2024/3/5", 所属街道: "开元街道", "所属社区（村）": "象峰社区", 类别: "文体活动" };

/** The problems as "row column: message" lines, easy to read in a failing test. */
const lines = (problems: Array<{ line: number; column: string; message: string }>) => problems.map((p) => `${p.line} ${p.column}: ${p.message}`);

describe("the header row", () => {
  it("is found below a title, whatever the columns' order, under common synonyms and full-width forms", () => {
    const read = readImportTable("organizations", [
      ["鲤城区社会组织名录（2026年5月）"],
      [],
      ["序号", "成立日期", "组织名称 ", "社会组织类型", "信用代码", "法人代表", "住所(必填)", "备注"],
      ["1", "2024-03-05", "甲协会", "社会团体", group1, "张三", "某路 1 号", ""],
    ]);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect([...read.table.columns.keys()].sort()).toEqual(["address", "legalRepresentative", "name", "registeredOn", "type", "uscc"].sort());
    expect(read.table.columns.get("name")).toEqual({ index: 2, header: "组织名称" });
    expect(read.table.ignored).toEqual(["序号", "备注"]);
    expect(read.table.rows).toEqual([{ line: 4, cells: ["1", "2024-03-05", "甲协会", "社会团体", group1, "张三", "某路 1 号", ""] }]);
    expect(normalizeHeader("注册资金（元）*")).toBe(normalizeHeader("注册资金(元)"));
  });

  it("skips blank rows, and rows with only a serial number, keeping the spreadsheet's row numbers", () => {
    const read = readImportTable("organizations", [["名称", "类型", "登记日期", "序号"], ["", "", "", ""], ["甲", "社会团体", "2024-1-1"], ["", "", "", "3"], ["乙", "社会团体", "2024-1-1"]]);
    expect(read.ok && read.table.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it("names the missing required columns and every expected header", () => {
    const read = readImportTable("organizations", [["名称", "统一社会信用代码"], ["甲协会", group1]]);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).toContain("缺少必需的列：类型、登记日期");
    expect(read.problem).toContain("名称（必填）、类型（必填）、统一社会信用代码（按类型必填）");
  });

  it("says when there is no header row at all, and when the file is of the other kind", () => {
    const none = readImportTable("organizations", [["甲协会", "社会团体", "2024-03-05"]]);
    expect(none.ok ? "" : none.problem).toMatch(/^没有找到表头行/);
    const places = readImportTable("organizations", [["区划代码", "名称", "类型", "所属街道（镇）"], ["350502001099", "新社区", "社区", "开元街道"]]);
    expect(places.ok ? "" : places.problem).toContain("这似乎是社区（村）表");
    const orgs = readImportTable("communities", [["名称", "类型", "登记日期"], ["甲协会", "社会团体", "2024-03-05"]]);
    expect(orgs.ok ? "" : orgs.problem).toContain("这似乎是社会组织表");
  });

  it("refuses an empty file, a header without rows, two columns for one field, and funds in 万元", () => {
    const message = (rows: string[][]) => {
      const read = readImportTable("organizations", rows);
      return read.ok ? "" : read.problem;
    };
    expect(message([])).toBe("文件是空的，没有任何内容。");
    expect(message([[""], ["", ""]])).toBe("文件是空的，没有任何内容。");
    expect(message([["名称", "类型", "登记日期"]])).toContain("下面没有数据行");
    expect(message([["名称", "类型", "登记日期", "法定代表人", "负责人"], ["甲", "社会团体", "2024-1-1", "张", "李"]])).toContain("“法定代表人”和“负责人”两列表示同一项");
    expect(message([["名称", "类型", "登记日期", "注册资金（万元）"], ["甲", "社会团体", "2024-1-1", "3"]])).toContain("换算为元");
  });

  it("refuses more rows than one import takes", () => {
    const rows = [["名称", "类型", "登记日期"], ...Array.from({ length: 20_001 }, (_, i) => [`组织${i}`, "社会团体", "2024-01-01"])];
    const read = readImportTable("organizations", rows);
    expect(read.ok ? "" : read.problem).toContain("超过一次导入的上限 20000 行");
  });
});

describe("cells", () => {
  it("reads dates in the shapes officers write them", () => {
    for (const text of ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "2024年03月05", "20240305", "2024-03-05 00:00:00", "２０２４－３－５"]) {
      expect(parseImportDate(text, today), text).toEqual({ ok: true, value: "2024-03-05" });
    }
  });

  it("refuses dates that are not on the calendar, in the future, too early or unreadable", () => {
    expect(parseImportDate("2024-02-30", today)).toEqual({ ok: false, message: "2024年2月30日不是日历上的日期" });
    expect(parseImportDate("2026-06-01", today)).toEqual({ ok: false, message: "日期不能晚于2026年5月31日" });
    expect(parseImportDate("2026-05-31", today).ok).toBe(true);
    expect(parseImportDate("1900-01-01", today)).toMatchObject({ ok: false, message: expect.stringContaining("1949") });
    expect(parseImportDate("去年三月", today)).toMatchObject({ ok: false, message: expect.stringContaining("无法识别的日期") });
    expect(parseImportDate("45356", today).ok).toBe(false);
  });

  it("reads whole numbers with separators, a unit or zero decimals, and refuses anything else", () => {
    expect(parseWholeNumber("30,000", 1e9, "元")).toEqual({ ok: true, value: 30000 });
    expect(parseWholeNumber("30000.00", 1e9, "元")).toEqual({ ok: true, value: 30000 });
    expect(parseWholeNumber("30000元", 1e9, "元")).toEqual({ ok: true, value: 30000 });
    expect(parseWholeNumber("0", 10)).toEqual({ ok: true, value: 0 });
    expect(parseWholeNumber("-5", 10)).toEqual({ ok: false, message: "不能为负数" });
    expect(parseWholeNumber("3.5", 10)).toMatchObject({ ok: false, message: expect.stringContaining("整数") });
    expect(parseWholeNumber("三万", 10, "元")).toMatchObject({ ok: false, message: expect.stringContaining("以元计") });
    expect(parseWholeNumber("11", 10)).toMatchObject({ ok: false, message: expect.stringContaining("数值过大") });
  });
});

describe("organization rows", () => {
  it("records a registered and a filed organization as they will be stored", () => {
    const { rows, problems } = checkOrgs([
      { ...registered, 所属街道: "鲤中", "注册资金（元）": "50,000", 联系电话: "0595-22561234", 业务范围: "团结会员，\n开展交流。" },
      filed,
    ]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        name: "鲤城区测试协会",
        type: "social_group",
        uscc: group1,
        registeredOn: "2024-03-05",
        streetId: 3,
        streetName: "鲤中街道",
        placeId: null,
        registeredFunds: 50000,
        contactPhone: "0595-22561234",
        businessScope: "团结会员，\n开展交流。",
        status: "normal",
      }),
      expect.objectContaining({ line: 3, type: "community", uscc: null, filingNumber: null, streetId: 2, placeId: 10, placeName: "象峰社区", category: "culture_sports" }),
    ]);
  });

  it("reports every missing required value, naming the column as the file does", () => {
    const { rows, problems } = checkOrgs([{ 名称: "", 类型: "社会团体", 登记日期: "" }, { 名称: "甲队", 类型: "社区社会组织", 登记日期: "2024-01-01" }]);
    expect(rows).toEqual([]);
    expect(lines(problems)).toEqual([
      "2 名称: 必填，不能为空",
      "2 统一社会信用代码: 社会团体须填写统一社会信用代码",
      "2 登记日期: 必填，不能为空",
      "3 所属社区（村）: 社区社会组织须填写所属社区（村）",
      "3 类别: 社区社会组织须填写类别：生活服务、公益慈善、文体活动、专业调处",
    ]);
  });

  it("says why a USCC is wrong: its length, a character, its check character or its kind", () => {
    const bad = (code: string, type = "社会团体") => lines(checkOrgs([{ ...registered, 统一社会信用代码: code, 类型: type }]).problems);
    expect(bad("51350502MJD0001")).toEqual(["2 统一社会信用代码: 统一社会信用代码应为 18 位，当前为 15 位"]);
    expect(bad(`${group1.slice(0, 10)}O${group1.slice(11)}`)[0]).toContain("第 11 位“O”不是统一社会信用代码允许的字符");
    expect(bad(`${group1.slice(0, 17)}${group1[17] === "0" ? "1" : "0"}`)[0]).toContain("校验码（第 18 位）应为");
    expect(bad(group1, "民办非企业单位")[0]).toContain("与机构类型不符：民政登记的民办非企业单位应以“52”开头");
    // Lower case, full-width digits and spaces as typed: the code itself is right.
    expect(bad(` ${group1.slice(0, 8)} ${group1.slice(8).toLowerCase()}`)).toEqual([]);
    expect(bad(npo1, "社会服务机构")).toEqual([]);
  });

  it("refuses unknown types, categories and statuses, and the abnormal list by import", () => {
    expect(lines(checkOrgs([{ ...registered, 类型: "协会" }]).problems)).toEqual([
      "2 类型: 无法识别的类型，应为：社会团体、民办非企业单位（或社会服务机构）、基金会、社区社会组织",
    ]);
    expect(lines(checkOrgs([{ ...filed, 类别: "体育" }]).problems)).toEqual(["2 类别: 无法识别的类别，应为：生活服务、公益慈善、文体活动、专业调处"]);
    expect(lines(checkOrgs([{ ...registered, 状态: "休眠" }]).problems)).toEqual(["2 状态: 无法识别的状态，应为：正常、已注销或已撤销登记"]);
    expect(lines(checkOrgs([{ ...registered, 状态: "列入活动异常名录" }]).problems)[0]).toContain("须在“活动异常名录”页面办理");
    const cancelled = checkOrgs([{ ...registered, 状态: "已注销" }, { ...filed, 类别: "公益慈善类" }]);
    expect(cancelled.problems).toEqual([]);
    expect(cancelled.rows.map((r) => [r.status, r.category])).toEqual([["cancelled", null], ["normal", "charity"]]);
  });

  it("keeps the fields of each kind apart", () => {
    expect(lines(checkOrgs([{ ...filed, 统一社会信用代码: group1, "注册资金（元）": "100" }]).problems)).toEqual([
      "2 统一社会信用代码: 社区社会组织为备案组织，不设统一社会信用代码，请留空",
      "2 注册资金（元）: 社区社会组织为备案组织，不登记注册资金，请留空",
    ]);
    expect(lines(checkOrgs([{ ...registered, 备案号: "开元街道社备〔2024〕001号", 类别: "公益慈善" }]).problems)).toEqual([
      "2 备案号: 依法登记的社会组织不设备案号，请留空",
      "2 所属社区（村）: 依法登记的组织填写类别（作为社区社会组织）时，须填写所属社区（村）",
    ]);
  });

  it("takes a category on a registered 社会团体 or 民非 of a community, as the register's correction does, but not on a foundation", () => {
    const inCommunity = { ...registered, 所属街道: "开元街道", "所属社区（村）": "象峰社区", 类别: "公益慈善" };
    const read = checkOrgs([inCommunity]);
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => [r.type, r.category, r.placeId])).toEqual([["social_group", "charity", 10]]);
    expect(lines(checkOrgs([{ ...inCommunity, 类型: "基金会" }]).problems)).toContain("2 类别: 基金会不属于社区社会组织");
  });

  it("finds streets and communities by name, code or both, and says which are unknown or ambiguous", () => {
    const place = (street: string, community: string) => {
      const { rows, problems } = checkOrgs([{ ...filed, 所属街道: street, "所属社区（村）": community }]);
      return problems.length ? lines(problems) : [rows[0]!.placeId];
    };
    expect(place("", "350502001002")).toEqual([11]);
    expect(place("", "东街社区居委会")).toEqual([11]);
    expect(place("", "开元街道象峰社区")).toEqual([10]);
    expect(place("350502002000", "象峰")).toEqual([13]);
    expect(place("", "大良村")).toEqual([14]);
    expect(place("", "象峰社区")).toEqual(["2 所属社区（村）: 有多个社区（村）与“象峰社区”相符（开元街道、鲤中街道），请在“所属街道”列注明街道（镇）"]);
    expect(place("开元街道", "新门社区")).toEqual(["2 所属社区（村）: 开元街道没有社区（村）“新门社区”，请核对所属街道"]);
    expect(place("", "无名社区")).toEqual(["2 所属社区（村）: 找不到社区（村）“无名社区”，请填写本区社区（村）的名称或 12 位区划代码"]);
    expect(place("西湖街道", "象峰社区")).toEqual(["2 所属街道: 找不到街道（镇）“西湖街道”，请填写本区街道（镇）的名称或 12 位区划代码"]);
  });

  it("reports bad dates, numbers, phones and lengths beside their column", () => {
    const { problems } = checkOrgs([
      { ...registered, 登记日期: "2027-01-01", "注册资金（元）": "-1", 联系电话: "12345", "法定代表人/负责人": "张".repeat(41) },
    ]);
    expect(lines(problems)).toEqual([
      "2 登记日期: 登记日期不能晚于2026年5月31日",
      "2 法定代表人/负责人: 法定代表人不能超过 40 个字",
      "2 联系电话: 联系电话应为 11 位手机号码或带区号的固定电话，如 0595-22561234",
      "2 注册资金（元）: 不能为负数",
    ]);
  });

  it("refuses control characters, allowing line breaks only in the business scope", () => {
    const { problems } = checkOrgs([{ ...registered, 名称: "甲\u202E协会", 业务范围: "第一行\n第二行" }, { ...registered, 名称: "乙协会", 统一社会信用代码: group2, "法定代表人/负责人": "张\n三" }]);
    expect(lines(problems)).toEqual([
      "2 名称: “名称”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。",
      "3 法定代表人/负责人: “法定代表人/负责人”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。",
    ]);
  });
});

describe("duplicates", () => {
  it("names the earlier row a later one repeats; a cancelled organization's name is free", () => {
    const checked = checkOrgs([
      registered,
      { ...registered, 统一社会信用代码: group2 },
      { ...registered, 名称: "另一协会" },
      { ...registered, 统一社会信用代码: npo1.replace(/^52/, "51"), 状态: "已注销" },
      { ...filed, 备案号: "开元街道社备〔2024〕001号" },
      { ...filed, 名称: "象峰社区舞蹈队", 备案号: "开元街道社备〔2024〕001号" },
    ]);
    expect(lines(repeatedInFile(checked.keys))).toEqual([
      "3 名称: 与第 2 行的名称相同（未注销的社会组织不能同名）",
      "4 统一社会信用代码: 与第 2 行的统一社会信用代码相同",
      "7 备案号: 与第 6 行的备案号相同",
    ]);
  });

  it("finds values the register already holds, and the same again from stored rows", () => {
    const checked = checkOrgs([registered, { ...filed, 备案号: "开元街道社备〔2024〕001号" }]);
    const existing: Existing = {
      uscc: new Set([group1]),
      filingNumber: new Set(["开元街道社备〔2024〕001号"]),
      liveName: new Set(["象峰社区读书会"]),
      placeCode: new Set(),
      placeName: new Set(),
    };
    const expected = [
      "2 统一社会信用代码: 该统一社会信用代码已被登记簿中的其他组织使用",
      "3 名称: 登记簿中已有同名且未注销的社会组织，名称不能重复",
      "3 备案号: 该备案号已被登记簿中的其他组织使用",
    ];
    expect(lines(takenInRegister(checked.keys, existing))).toEqual(expected);
    expect(lines(takenInRegister(rowKeys("organizations", checked.rows), existing))).toEqual(expected);
  });
});

describe("community and village rows", () => {
  const header = ["区划代码", "名称", "类型", "所属街道（镇）", "户数", "人口"];
  const check = (rows: Array<Record<string, string>>) => checkPlaceRows(table("communities", header, rows), places);
  const good = { 区划代码: "350502001020", 名称: "新城社区", 类型: "社区", "所属街道（镇）": "开元街道", 户数: "1,200", 人口: "3500" };

  it("records a community and a village under their street or town", () => {
    const { rows, problems } = check([good, { 区划代码: "350502100230", 名称: "新村", 类型: "行政村", "所属街道（镇）": "350502100000", 户数: "", 人口: "" }]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, code: "350502001020", name: "新城社区", level: "community", parentId: 2, streetName: "开元街道", households: 1200, population: 3500 },
      { line: 3, code: "350502100230", name: "新村", level: "village", parentId: 4, streetName: "汝湖镇", households: null, population: null },
    ]);
  });

  it("checks the code against the district and the street, the type, the street and the numbers", () => {
    const { rows, problems } = check([
      { ...good, 区划代码: "35050200102" },
      { ...good, 区划代码: "350503001020" },
      { ...good, 区划代码: "350502002000" },
      { ...good, 区划代码: "350502002020" },
      { ...good, 类型: "小区" },
      { ...good, "所属街道（镇）": "西湖街道" },
      { ...good, 户数: "很多", 人口: "-3" },
      { ...good, 名称: "" },
    ]);
    expect(rows).toEqual([]);
    expect(lines(problems)).toEqual([
      "2 区划代码: 区划代码应为 12 位数字，当前为 11 位",
      "3 区划代码: 区划代码应以本区代码 350502 开头",
      "4 区划代码: 以 000 结尾的是街道（镇）的代码，社区（村）的代码后 3 位不为 000",
      "5 区划代码: 区划代码前 9 位应与开元街道的代码 350502001 一致",
      "6 类型: 无法识别的类型，应为：社区或村",
      "7 所属街道（镇）: 找不到街道（镇）“西湖街道”，请填写本区街道（镇）的名称或 12 位区划代码",
      "8 户数: 应为不小于 0 的整数，如 1200",
      "8 人口: 不能为负数",
      "9 名称: 必填，不能为空",
    ]);
  });

  it("finds codes and names repeated in the file or already among the places", () => {
    const checked = check([good, { ...good, 名称: "另一社区" }, { ...good, 区划代码: "350502001021" }, { ...good, 区划代码: "350502001001", 名称: "象峰社区" }]);
    expect(lines(repeatedInFile(checked.keys))).toEqual(["3 区划代码: 与第 2 行的区划代码相同", "4 名称: 与第 2 行同属一个街道（镇）且名称相同"]);
    const existing: Existing = { uscc: new Set(), filingNumber: new Set(), liveName: new Set(), placeCode: new Set(["350502001001"]), placeName: new Set(["2:象峰社区"]) };
    expect(lines(takenInRegister(checked.keys, existing))).toEqual(["5 区划代码: 该区划代码已有社区（村）使用", "5 名称: 该街道（镇）已有同名的社区（村）"]);
  });
});
