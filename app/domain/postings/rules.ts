/**
 * The rules of village-affairs transparency (村务公开) that need no database:
 * what kinds of posting there are (category, retention, table), how a period
 * is written, how a structured table is checked and totalled, and which
 * periods a village has failed to publish.
 */
import type { PeriodKind, PostingCategory, PostingTableRows, RetentionClass } from "../../../vocabulary";
import { findSensitiveNumbers, isPublicNumber, maskSensitive, sensitiveKindLabels, type PublicNumbers, type SensitiveKind } from "./sensitive-numbers";
import { isAcceptedYear, parseIsoDate } from "../shared/time";

export type { PeriodKind, PostingCategory, PostingTableRows, RetentionClass };

export const categoryLabels: Record<PostingCategory, string> = { party: "党务", village: "村务", finance: "财务" };
export const retentionLabels: Record<RetentionClass, string> = { permanent: "永久", "30y": "30年", "10y": "10年" };
export const periodKindLabels: Record<PeriodKind, string> = { month: "月度", quarter: "季度", year: "年度", date: "即时" };

/* ------------------------------------------------------------------ tables */

export type ColumnType = "text" | "amount" | "count" | "area" | "date";
export interface TableColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** Required in every row that has anything in it. */
  required?: boolean;
  /** May hold an ID-card or phone number: shown masked to the public. */
  personal?: boolean;
}
export interface TableSpec {
  label: string;
  columns: TableColumn[];
  /** A ledger's balance: the first column total minus the second. */
  balance?: { label: string; plus: string; minus: string };
}

const person: TableColumn[] = [
  { key: "name", label: "姓名", type: "text", required: true },
  { key: "idNumber", label: "身份证号", type: "text", personal: true },
];

export const tableSpecs = {
  ledger: {
    label: "收支明细",
    columns: [
      { key: "item", label: "项目", type: "text", required: true },
      { key: "income", label: "收入（元）", type: "amount" },
      { key: "expense", label: "支出（元）", type: "amount" },
    ],
    balance: { label: "本期结余（元）", plus: "income", minus: "expense" },
  },
  assets: {
    label: "资产负债",
    columns: [
      { key: "item", label: "项目", type: "text", required: true },
      { key: "assets", label: "资产（元）", type: "amount" },
      { key: "liabilities", label: "负债（元）", type: "amount" },
    ],
    balance: { label: "净资产（元）", plus: "assets", minus: "liabilities" },
  },
  allowance: {
    label: "保障对象名单",
    columns: [
      ...person,
      { key: "members", label: "保障人数", type: "count", required: true },
      { key: "amount", label: "月保障金（元）", type: "amount", required: true },
      { key: "note", label: "备注", type: "text" },
    ],
  },
  relief: {
    label: "发放名单",
    columns: [
      ...person,
      { key: "item", label: "救助款物", type: "text", required: true },
      { key: "amount", label: "金额（元）", type: "amount" },
      { key: "note", label: "备注", type: "text" },
    ],
  },
  homestead: {
    label: "审批名单",
    columns: [
      ...person,
      { key: "location", label: "宅基地位置", type: "text", required: true },
      { key: "area", label: "面积（㎡）", type: "area", required: true },
      { key: "approvedOn", label: "批准日期", type: "date" },
    ],
  },
} satisfies Record<string, TableSpec>;
export type TableKind = keyof typeof tableSpecs;

/* ------------------------------------------------------------------ kinds */

export interface PostingKind {
  label: string;
  category: PostingCategory;
  /** Archive retention (村级档案): decisions, land and finance reports permanent, accounts 30 years, notices 10. */
  retention: RetentionClass;
  periodKinds: readonly PeriodKind[];
  table?: TableKind;
  /** A sentence shown to the clerk on what the posting should contain. */
  hint: string;
}

export const postingKinds = {
  party_affairs: {
    label: "党务公开",
    category: "party",
    retention: "30y",
    periodKinds: ["quarter", "month", "year", "date"],
    hint: "党组织建设、党员发展、党费收缴使用、“三会一课”等情况。",
  },
  finance_monthly: {
    label: "月度财务收支",
    category: "finance",
    retention: "30y",
    periodKinds: ["month"],
    table: "ledger",
    hint: "本月集体收入、支出逐项列明，系统自动计算合计与结余。",
  },
  collective_assets: {
    label: "集体资产负债",
    category: "finance",
    retention: "permanent",
    periodKinds: ["quarter", "year"],
    table: "assets",
    hint: "集体资产、负债及债权债务情况。",
  },
  assembly_decision: {
    label: "村民（代表）会议决议",
    category: "village",
    retention: "permanent",
    periodKinds: ["date"],
    hint: "会议时间、应到实到人数、表决结果和决议内容。",
  },
  subsistence_allowance: {
    label: "低保对象名单",
    category: "village",
    retention: "30y",
    periodKinds: ["quarter", "month", "year"],
    table: "allowance",
    hint: "保障对象、保障人数和金额。身份证号等在公开页面自动遮蔽显示。",
  },
  relief: {
    label: "救灾救济款物发放",
    category: "village",
    retention: "30y",
    periodKinds: ["date", "month", "quarter"],
    table: "relief",
    hint: "发放对象、款物内容和金额。",
  },
  homestead: {
    label: "宅基地审批",
    category: "village",
    retention: "permanent",
    periodKinds: ["date", "month", "quarter"],
    table: "homestead",
    hint: "申请人、位置、面积和批准日期。",
  },
  general_notice: {
    label: "村务公告",
    category: "village",
    retention: "10y",
    periodKinds: ["quarter", "month", "date", "year"],
    hint: "一般村务事项。",
  },
} satisfies Record<string, PostingKind>;
export type PostingKindCode = keyof typeof postingKinds;

export function isPostingKind(value: string): value is PostingKindCode {
  return Object.hasOwn(postingKinds, value);
}

export function kindOf(code: string): PostingKind {
  return isPostingKind(code) ? postingKinds[code] : { label: code, category: "village", retention: "10y", periodKinds: [], hint: "" };
}

export function tableSpecOf(kind: string): TableSpec | null {
  const table = isPostingKind(kind) ? (postingKinds[kind] as PostingKind).table : undefined;
  return table ? tableSpecs[table] : null;
}

/* ------------------------------------------------------------------ periods */

export interface Period {
  kind: PeriodKind;
  /** "2025-03", "2025-Q1", "2025", "2025-03-14" */
  key: string;
  start: string;
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: "month",
    key: `${year}-${pad(month)}`,
    start: `${year}-${pad(month)}-01`,
    end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
    label: `${year}年${month}月`,
  };
}

/** The month before the one `today` (YYYY-MM-DD) falls in: the finances a village publishes next. */
export function previousMonth(today: string): Period {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

export function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3;
  return {
    kind: "quarter",
    key: `${year}-Q${quarter}`,
    start: `${year}-${pad(lastMonth - 2)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    label: `${year}年第${"一二三四"[quarter - 1]}季度`,
  };
}

/**
 * Reads a period as a clerk writes it: 2025-03 or 2025年3月 (month),
 * 2025-Q1 or 2025年第一季度 (quarter), 2025 or 2025年 (year), 2025-03-14 (a date).
 */
export function parsePeriod(text: string): Period | null {
  const value = text.trim().replace(/\s+/g, "").toUpperCase();
  let m: RegExpMatchArray | null;
  if ((m = value.match(/^(\d{4})-(\d{1,2})$/) ?? value.match(/^(\d{4})年(\d{1,2})月$/))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 && isAcceptedYear(Number(m[1])) ? monthPeriod(Number(m[1]), month) : null;
  }
  if ((m = value.match(/^(\d{4})-?Q([1-4])$/) ?? value.match(/^(\d{4})年第([1-4一二三四])季度$/))) {
    const q = "1234".includes(m[2]!) ? Number(m[2]) : "一二三四".indexOf(m[2]!) + 1;
    return isAcceptedYear(Number(m[1])) ? quarterPeriod(Number(m[1]), q) : null;
  }
  if ((m = value.match(/^(\d{4})年?$/))) {
    const year = Number(m[1]);
    if (!isAcceptedYear(year)) return null;
    return { kind: "year", key: String(year), start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年度` };
  }
  const date = parseIsoDate(value) ?? parseIsoDate(value.replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (_, y, mo, d) => `${y}-${pad(Number(mo))}-${pad(Number(d))}`));
  if (date) {
    const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
    return { kind: "date", key: date, start: date, end: date, label: `${y}年${mo}月${d}日` };
  }
  return null;
}

export function periodLabel(key: string): string {
  return parsePeriod(key)?.label ?? key;
}

export const periodHint = "月度写 2025-03，季度写 2025-Q1，年度写 2025，即时公开写日期 2025-03-14。";

/** What is wrong with a period for a kind of posting, given today's Shanghai date; null when fine. */
export function periodProblem(kind: PostingKindCode, text: string, today: string): string | null {
  if (!text.trim()) return "请选择公开期间";
  const period = parsePeriod(text);
  if (!period) return `无法识别公开期间“${text}”。${periodHint}`;
  const allowed = postingKinds[kind].periodKinds as readonly PeriodKind[];
  if (!allowed.includes(period.kind)) {
    return `${postingKinds[kind].label}的公开期间应为${allowed.map((k) => periodKindLabels[k]).join("、")}，不能是${periodKindLabels[period.kind]}。`;
  }
  if (period.start > today) return `公开期间“${period.label}”尚未开始，不能提前公开。`;
  if (period.start < "2000-01-01") return "公开期间过早，请核对年份。";
  return null;
}

/* ------------------------------------------------------------------ table values */

/** Amounts are kept in fen (or hundredths of a square metre) so totals are exact. */
function parseHundredths(value: string): number | null {
  const v = value.replace(/[,，\s]/g, "");
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) return null;
  const [whole, fraction = ""] = v.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function formatHundredths(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${pad(abs % 100)}`;
}

function cellProblem(column: TableColumn, value: string): string | null {
  switch (column.type) {
    case "amount":
      return parseHundredths(value) === null ? `“${column.label}”应为不小于 0 的金额，最多两位小数（填写了“${value}”）` : null;
    case "area":
      return parseHundredths(value) === null ? `“${column.label}”应为数字，最多两位小数（填写了“${value}”）` : null;
    case "count":
      return /^\d{1,6}$/.test(value) ? null : `“${column.label}”应为整数（填写了“${value}”）`;
    case "date":
      return parseIsoDate(value) ? null : `“${column.label}”应为日期，如 2025-03-14（填写了“${value}”）`;
    case "text":
      return value.length > 200 ? `“${column.label}”不能超过 200 字` : null;
  }
}

/** Drops blank rows and trims cells; keeps only the spec's columns. */
export function cleanTableRows(spec: TableSpec, rows: PostingTableRows): PostingTableRows {
  return rows
    .map((row) => Object.fromEntries(spec.columns.map((c) => [c.key, (row[c.key] ?? "").trim()])))
    .filter((row) => Object.values(row).some((v) => v !== ""));
}

export const maxTableRows = 2000;

/** One message per bad cell, naming the row; empty when the table may be saved. */
export function tableProblems(spec: TableSpec, rows: PostingTableRows): string[] {
  const problems: string[] = [];
  if (rows.length > maxTableRows) problems.push(`表格不能超过 ${maxTableRows} 行`);
  rows.forEach((row, i) => {
    for (const column of spec.columns) {
      const value = row[column.key] ?? "";
      if (!value) {
        if (column.required) problems.push(`第 ${i + 1} 行：请填写“${column.label}”`);
        continue;
      }
      const problem = cellProblem(column, value);
      if (problem) problems.push(`第 ${i + 1} 行：${problem}`);
    }
  });
  return problems;
}

export interface TableTotals {
  /** Column key → total in hundredths, for amount, area and count columns (counts in units). */
  sums: Record<string, number>;
  rows: number;
  balance: number | null;
}

/** Totals of a checked table; cells that do not parse count as zero (they were refused before saving). */
export function tableTotals(spec: TableSpec, rows: PostingTableRows): TableTotals {
  const sums: Record<string, number> = {};
  for (const column of spec.columns) {
    if (column.type === "text" || column.type === "date") continue;
    sums[column.key] = rows.reduce((sum, row) => {
      const value = row[column.key] ?? "";
      if (column.type === "count") return sum + (/^\d+$/.test(value) ? Number(value) : 0);
      return sum + (parseHundredths(value) ?? 0);
    }, 0);
  }
  const balance = spec.balance ? (sums[spec.balance.plus] ?? 0) - (sums[spec.balance.minus] ?? 0) : null;
  return { sums, rows: rows.length, balance };
}

/** A cell as shown: amounts with two decimals and thousands separators. */
export function formatCell(column: TableColumn, value: string): string {
  if ((column.type === "amount" || column.type === "area") && value) {
    const hundredths = parseHundredths(value);
    return hundredths === null ? value : formatHundredths(hundredths);
  }
  return value;
}

/* ------------------------------------------------------------------ compliance */

/** Finances are due monthly and general village affairs at least quarterly (docs/glossary.md). */
export interface PublishedPeriod {
  category: PostingCategory;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  /** When it was first published (YYYY-MM-DD in Shanghai). */
  publishedOn: string;
}

export type ComplianceStatus = "on_time" | "late" | "missing" | "pending" | "not_due";
export interface ComplianceCell {
  period: Period;
  /** The last day to publish it on time. */
  dueOn: string;
  status: ComplianceStatus;
  publishedOn: string | null;
}

/** A month's finances are due by the end of the following month; a quarter's affairs by the end of the month after it. */
export function dueDateOf(period: Period): string {
  const [y, m] = period.end.split("-").map(Number) as [number, number];
  const nextYear = m === 12 ? y + 1 : y;
  const nextMonth = m === 12 ? 1 : m + 1;
  return monthPeriod(nextYear, nextMonth).end;
}

function statusOf(period: Period, publications: string[], today: string): ComplianceCell {
  const dueOn = dueDateOf(period);
  const publishedOn = publications.length ? publications.reduce((a, b) => (a < b ? a : b)) : null;
  let status: ComplianceStatus;
  if (publishedOn) status = publishedOn <= dueOn ? "on_time" : "late";
  else if (today > dueOn) status = "missing";
  else if (today >= period.start) status = "pending";
  else status = "not_due";
  return { period, dueOn, status, publishedOn };
}

/** Monthly finance: a finance posting for exactly that month. */
export function financeMonths(published: PublishedPeriod[], months: Period[], today: string): ComplianceCell[] {
  return months.map((month) =>
    statusOf(
      month,
      published.filter((p) => p.category === "finance" && p.periodKind === "month" && p.periodStart === month.start).map((p) => p.publishedOn),
      today,
    ),
  );
}

/** Quarterly village affairs: any village-affairs posting whose period lies within the quarter. */
export function villageAffairsQuarters(published: PublishedPeriod[], quarters: Period[], today: string): ComplianceCell[] {
  return quarters.map((quarter) =>
    statusOf(
      quarter,
      published
        .filter((p) => p.category === "village" && p.periodStart >= quarter.start && p.periodEnd <= quarter.end)
        .map((p) => p.publishedOn),
      today,
    ),
  );
}

/** The months and quarters of a calendar year. */
export function periodsOfYear(year: number): { months: Period[]; quarters: Period[] } {
  return {
    months: Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1)),
    quarters: Array.from({ length: 4 }, (_, i) => quarterPeriod(year, i + 1)),
  };
}

/** The twelve months and four quarters whose deadlines passed most recently: the public "up to date" window. */
export function recentDuePeriods(today: string): { months: Period[]; quarters: Period[] } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months: Period[] = [];
  // Month M is due at the end of M+1: the latest due month is two months back, or one if today is the last day.
  let year = y;
  let month = m - 1;
  for (let i = 0; months.length < 12 && i < 14; i++) {
    if (month < 1) {
      month = 12;
      year -= 1;
    }
    const candidate = monthPeriod(year, month);
    if (dueDateOf(candidate) < today) months.push(candidate);
    month -= 1;
  }
  const quarters: Period[] = [];
  let qYear = y;
  let q = Math.ceil(m / 3);
  for (let i = 0; quarters.length < 4 && i < 6; i++) {
    if (q < 1) {
      q = 4;
      qYear -= 1;
    }
    const candidate = quarterPeriod(qYear, q);
    if (dueDateOf(candidate) < today) quarters.push(candidate);
    q -= 1;
  }
  return { months: months.reverse(), quarters: quarters.reverse() };
}

/** The month and quarter that have ended and whose deadline has not passed yet: what a village is to publish next. */
export function periodsDueSoon(today: string): { months: Period[]; quarters: Period[] } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const month = previousMonth(today);
  const q = Math.ceil(m / 3);
  const quarter = q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
  const open = (p: Period) => p.end < today && dueDateOf(p) >= today;
  return { months: [month].filter(open), quarters: [quarter].filter(open) };
}

export interface ComplianceSummary {
  finance: ComplianceCell[];
  villageAffairs: ComplianceCell[];
  missing: Array<{ label: string; dueOn: string }>;
  upToDate: boolean;
}

export function complianceSummary(published: PublishedPeriod[], window: { months: Period[]; quarters: Period[] }, today: string): ComplianceSummary {
  const finance = financeMonths(published, window.months, today);
  const villageAffairs = villageAffairsQuarters(published, window.quarters, today);
  const missing = [
    ...finance.filter((c) => c.status === "missing").map((c) => ({ label: `${c.period.label}财务收支`, dueOn: c.dueOn })),
    ...villageAffairs.filter((c) => c.status === "missing").map((c) => ({ label: `${c.period.label}村务`, dueOn: c.dueOn })),
  ];
  return { finance, villageAffairs, missing, upToDate: missing.length === 0 };
}

export const complianceStatusLabels: Record<ComplianceStatus, string> = {
  on_time: "按时公开",
  late: "逾期公开",
  missing: "未公开",
  pending: "待公开",
  not_due: "未到期",
};

/* ------------------------------------------------------------------ text fields */

export const maxTitleLength = 100;
export const maxReasonLength = 500;

/* ------------------------------------------------------------------ privacy */

export interface PostingContent {
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  fileNames: string[];
}

export interface SensitiveFinding {
  /** Where it was found, in words the clerk can act on. */
  where: string;
  kind: SensitiveKind;
  label: string;
  /** As the public will see it: the masked form, or a marked public contact as typed. */
  masked: string;
  /** One of the village's marked public contacts: shown unmasked. */
  publicContact?: true;
}

/** What the warning says of a number the village marked as a public contact. */
export const publicContactNotes: Record<"mobile" | "bank_card", string> = {
  mobile: "已标记为公开联系电话，将公开显示",
  bank_card: "已标记为公开银行账号，将公开显示",
};

/**
 * Every ID-card, mobile and bank-card number in a posting's title, body, table
 * and file names; numbers among the village's `publicNumbers` are listed as
 * shown in full.
 */
export function sensitiveFindings(kind: string, content: PostingContent, publicNumbers?: PublicNumbers): SensitiveFinding[] {
  const findings: SensitiveFinding[] = [];
  const scan = (text: string, where: string) => {
    for (const match of findSensitiveNumbers(text)) {
      if ((match.kind === "mobile" || match.kind === "bank_card") && isPublicNumber(match, publicNumbers)) {
        const label = `${sensitiveKindLabels[match.kind]}（${publicContactNotes[match.kind]}）`;
        findings.push({ where, kind: match.kind, label, masked: match.value, publicContact: true });
      } else {
        findings.push({ where, kind: match.kind, label: sensitiveKindLabels[match.kind], masked: match.masked });
      }
    }
  };
  scan(content.title, "标题");
  content.body.replace(/\r\n?/g, "\n").split("\n").forEach((line, i) => scan(line, `正文第 ${i + 1} 行`));
  const spec = tableSpecOf(kind);
  if (spec && content.tableRows) {
    content.tableRows.forEach((row, i) => {
      for (const column of spec.columns) {
        const value = row[column.key] ?? "";
        const where = `表格第 ${i + 1} 行“${column.label}”`;
        // Numbers in amount, count, area and date columns are checked as such, never personal numbers.
        if (column.type !== "text" || !value) continue;
        if (column.personal) {
          // Whatever is typed in a personal column is masked, valid or not: say so when it is not a valid ID.
          const match = findSensitiveNumbers(value)[0];
          if (match?.kind === "id_card" && match.value === value.trim()) findings.push({ where, kind: "id_card", label: sensitiveKindLabels.id_card, masked: match.masked });
          else findings.push({ where, kind: "id_card_suspect", label: "身份证号（格式或校验位不符，请核对）", masked: maskPersonalValue(value) });
          continue;
        }
        scan(value, where);
      }
    });
  }
  content.fileNames.forEach((name) => scan(name, `附件“${maskSensitive(name, publicNumbers)}”的文件名`));
  return findings;
}

/**
 * What the clerk was shown, as a string to send back with the acknowledgement:
 * a submission whose findings differ (a number added since) is not covered by it.
 * Holds masked forms only.
 */
export function findingsDigest(findings: SensitiveFinding[]): string {
  return findings.map((f) => `${f.where}=${f.masked}`).join("\n");
}

/** A personal column's value as the public sees it: digits kept only at the ends, whatever was typed. */
export function maskPersonalValue(value: string): string {
  const compact = value.replace(/[\s\u00a0\u3000-]/g, "");
  if (!compact) return "";
  if (compact.length <= 10) return "*".repeat(compact.length);
  return `${compact.slice(0, 6)}${"*".repeat(compact.length - 10)}${compact.slice(-4)}`;
}

/** Attachments are published as uploaded: a list of people with files needs the clerk's word that none shows numbers. */
export function attachmentsNeedCare(kind: string, fileCount: number): boolean {
  const spec = tableSpecOf(kind);
  return fileCount > 0 && !!spec?.columns.some((c) => c.personal);
}

/**
 * A posting's content as anyone but the village's own clerk and supervisor may
 * see it: numbers found in the text masked (but the village's marked public
 * contacts), personal columns masked whatever they hold, amounts and other
 * checked numbers left as they are.
 */
export function maskedContent<T extends { title: string; body: string; tableRows: PostingTableRows | null }>(
  kind: string,
  content: T,
  publicNumbers?: PublicNumbers,
): T {
  const columns = new Map((tableSpecOf(kind)?.columns ?? []).map((c) => [c.key, c]));
  const maskCell = (key: string, value: string) => {
    const column = columns.get(key);
    if (column?.personal) return maskPersonalValue(value);
    return column && column.type !== "text" ? value : maskSensitive(value, publicNumbers);
  };
  return {
    ...content,
    title: maskSensitive(content.title, publicNumbers),
    body: maskSensitive(content.body, publicNumbers),
    tableRows: content.tableRows?.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, maskCell(k, v)]))) ?? null,
  };
}

/** A table as lines of text, to show what changed between two versions. */
export function tableAsText(kind: string, rows: PostingTableRows | null): string {
  const spec = tableSpecOf(kind);
  if (!spec || !rows?.length) return "";
  return rows.map((row) => spec.columns.map((c) => formatCell(c, row[c.key] ?? "")).join(" | ")).join("\n");
}
