/**
 * A report's figures as the tables the reports page shows, one per area of
 * work: the XLSX export writes each as a sheet of its own (counts as numbers,
 * rates as fractions with a percent format), the CSV as (section, item, value) rows.
 */
import { associationCountingShortLabels } from "../committees/coverage";
import { organizationTypeLabels } from "../organizations/rules";
import { reportPercent, type ReportFigures } from "./paragraph";

/** `label` heads a row; a `count` is a whole number; a `percent` a fraction (0.865), null when there is nothing to divide by. */
export type ReportColumnKind = "label" | "count" | "percent" | "text";
export type ReportCell = string | number | null;

export interface ReportTable {
  /** Short: a sheet's name (at most 31 characters). */
  name: string;
  /** What is counted and in which unit. */
  title: string;
  /** Counted as they are now: for a period that has ended, the day they are counted on (ISO). */
  asOf: string | null;
  columns: Array<{ header: string; kind: ReportColumnKind }>;
  rows: ReportCell[][];
}

export interface ReportRow {
  section: string;
  item: string;
  /** A count stays a number; a rate is written as the reports write it ("86.5%"); "" when there is nothing to divide by. */
  value: string | number;
}

const kinds = ["social_group", "private_non_enterprise", "foundation", "community"] as const;
const rate = (part: number, whole: number) => (whole ? part / whole : null);
const count = (header: string) => ({ header, kind: "count" as const });
const percent = (header: string) => ({ header, kind: "percent" as const });

/** The period, its dates and the scope, as the first lines of a download. */
export function reportFacts(f: ReportFigures, from: string, to: string): Array<[string, string]> {
  const facts: Array<[string, string]> = [
    ["统计期间", f.periodName],
    ["开始日期", from],
    ["结束日期", to],
    ["范围", f.scopeName],
  ];
  if (f.currentAsOf) facts.push(["党建、一居多会、村务公开数据截至", f.currentAsOf]);
  return facts;
}

/** The reports page's tables, in its order. */
export function reportTables(f: ReportFigures): ReportTable[] {
  const tables: ReportTable[] = [];
  const { newRegistrations: fresh, register } = f;
  const sum = (k: ReportFigures["register"]) => kinds.reduce((n, t) => n + k[t], 0);
  tables.push({
    name: "社会组织",
    title: `${f.periodName}新登记和期末现有的社会组织，按类型（个）`,
    asOf: null,
    columns: [{ header: "类型", kind: "label" }, count("新登记"), count("期末现有")],
    rows: [...kinds.map((t) => [organizationTypeLabels[t], fresh[t], register[t]]), ["合计", sum(fresh), sum(register)]],
  });
  const a = f.applications;
  tables.push({
    name: "登记申请",
    title: `${f.periodName}受理和办结的登记申请（件）`,
    asOf: null,
    columns: [count("受理"), count("办结"), count("法定期限内办结"), percent("法定期限内办结比例")],
    rows: [[a.received, a.decided, a.decidedInTime, rate(a.decidedInTime, a.decided)]],
  });
  if (f.inspection) {
    tables.push({
      name: `${f.inspection.year}年度检查`,
      title: `${f.inspection.year}年度年检参检情况，按类型（个）`,
      asOf: null,
      columns: [{ header: "类型", kind: "label" }, count("应检"), count("已报送"), percent("参检率"), count("合格"), count("基本合格"), count("不合格")],
      rows: f.inspection.byKind.map((k) => [
        organizationTypeLabels[k.type],
        k.due,
        k.filed,
        k.due ? k.participationRate : null,
        k.conclusions.pass,
        k.conclusions.basic_pass,
        k.conclusions.fail,
      ]),
    });
  }
  const p = f.party;
  tables.push({
    name: "党组织覆盖",
    title: `社会组织党组织“两个覆盖”，目标 ${reportPercent(p.target)}`,
    asOf: f.currentAsOf,
    columns: [{ header: "项目", kind: "label" }, count("已覆盖（个）"), count("应覆盖（个）"), percent("覆盖率"), percent("目标")],
    rows: [
      ["组织覆盖", p.organizational.covered, p.organizational.total, p.organizational.total ? p.organizational.rate : null, p.target],
      ["工作覆盖（含选派党建指导员）", p.work.covered, p.work.total, p.work.total ? p.work.rate : null, p.target],
    ],
  });
  tables.push({
    name: "党支部和党员",
    title: `${f.periodName}新建党支部和新增预备党员`,
    asOf: f.currentAsOf,
    columns: [count("新建党支部（个）"), count("党支部总数（个）"), count("新增预备党员（人）")],
    rows: [[p.branchesFounded, p.branchesTotal, p.probationaryAdmitted]],
  });
  const c = f.communities;
  tables.push({
    name: "一居多会",
    title: `社区社会组织的建立情况（${associationCountingShortLabels[c.counting]}）`,
    asOf: f.currentAsOf,
    columns: [count("社区（村）"), count("目标（个/城市社区）"), count("目标（个/村）"), count("已达目标"), percent("达标比例"), { header: "统计口径", kind: "text" }],
    rows: [[c.total, c.target, c.villageTarget, c.meetingTarget, rate(c.meetingTarget, c.total), associationCountingShortLabels[c.counting]]],
  });
  tables.push({
    name: "村务公开",
    title: "按期公开财务和村务的村",
    asOf: f.currentAsOf,
    columns: [count("村"), count("按期公开"), percent("按期公开比例")],
    rows: [[f.postings.villages, f.postings.upToDate, rate(f.postings.upToDate, f.postings.villages)]],
  });
  return tables;
}

/** The tables as (section, item, value) rows for the CSV: a row's label before the column's name ("社会团体应检"). */
export function reportRows(f: ReportFigures, from: string, to: string): ReportRow[] {
  const rows: ReportRow[] = reportFacts(f, from, to).map(([item, value]) => ({ section: "基本信息", item, value }));
  for (const table of reportTables(f)) {
    const labelled = table.columns[0]?.kind === "label";
    for (const row of table.rows) {
      table.columns.forEach((column, i) => {
        if (column.kind === "label") return;
        const value = row[i] ?? null;
        rows.push({
          section: table.name,
          item: labelled ? `${String(row[0])}${column.header}` : column.header,
          value: value === null ? "" : column.kind === "percent" ? reportPercent(Number(value)) : value,
        });
      });
    }
  }
  return rows;
}
