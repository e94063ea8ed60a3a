/**
 * The rules of importing officers' spreadsheets: finding the header row among
 * the headers officers really use, reading each cell, and every problem a row
 * can have. Pure: the register's and the places' current contents come in as
 * values, so the rules are tested without a database.
 */
import type { ImportKind, ImportProblem } from "../../../vocabulary";
import type { PlaceLevel } from "../../../vocabulary";
import {
  categoryNames,
  importColumns,
  importKindLabels,
  importKinds,
  maxImportRows,
  requirementLabels,
  typeNames,
  type ImportColumn,
} from "./columns";
import { duplicateMessages } from "../organizations/integrity.server";
import {
  communityCategoryLabels,
  isFiled,
  organizationTypeLabels,
  registeredCategoryProblem,
  usccKindOf,
  type CommunityCategory,
  type OrganizationStatus,
  type OrganizationType,
} from "../organizations/rules";
import { correctionSchema } from "../organizations/forms";
import { fieldCharacterProblem } from "../shared/text-input";
import { parseIsoDate, recordDateProblem } from "../shared/time";
import { normalizeUscc, usccProblems } from "../organizations/uscc";

export type { ImportKind, ImportProblem };

/** How far down a file the header row may sit (below a title or a date line). */
const headerSearchRows = 10;

/** A header as compared: full-width forms folded, spaces, required marks and a trailing colon dropped. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[*]/g, "")
    .replace(/\((必填|选填|可选|可不填)\)$/, "")
    .replace(/:$/, "")
    .toUpperCase();
}

function columnOf(kind: ImportKind, header: string): ImportColumn | undefined {
  const key = normalizeHeader(header);
  if (!key) return undefined;
  return importColumns[kind].find((c) => normalizeHeader(c.header) === key || c.synonyms.some((s) => normalizeHeader(s) === key));
}

/** "名称（必填）、类型（必填）、统一社会信用代码（按类型必填）…": the expected headers in one line. */
export function expectedHeaders(kind: ImportKind): string {
  return importColumns[kind].map((c) => `${c.header}（${requirementLabels[c.requirement]}）`).join("、");
}

/* ------------------------------------------------------------------ the table */

export interface ImportTable {
  /** Each read field's column index and the header as the file writes it. */
  columns: Map<string, { index: number; header: string }>;
  ignored: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

export type TableRead = { ok: true; table: ImportTable } | { ok: false; problem: string };

const isBlank = (cells: readonly string[]) => cells.every((c) => c === "");

function recognised(kind: ImportKind, cells: readonly string[]): number {
  return new Set(cells.map((c) => columnOf(kind, c)?.field).filter(Boolean)).size;
}

/** Has this row every header `kind` requires? */
function fitsKind(kind: ImportKind, cells: readonly string[]): boolean {
  const fields = new Set(cells.map((c) => columnOf(kind, c)?.field));
  return importColumns[kind].every((c) => !c.headerRequired || fields.has(c.field));
}

/** When the rows would be a good file of the other kind, says so: the officer chose the wrong kind. */
function otherKindHint(kind: ImportKind, rows: ReadonlyArray<readonly string[]>): string {
  const other = importKinds.find((k) => k !== kind && rows.some((cells) => fitsKind(k, cells)));
  return other ? `这似乎是${importKindLabels[other]}表，请在“导入内容”中选择“${importKindLabels[other]}”。` : "";
}

/**
 * Finds the header row (the first of the first rows to name two known
 * columns), maps the columns and keeps the data rows below it, blank ones
 * left out. A file that cannot be read as this kind is one clear message.
 */
export function readImportTable(kind: ImportKind, rows: readonly string[][]): TableRead {
  const expected = `${importKindLabels[kind]}导入的表头应为：${expectedHeaders(kind)}。可下载模板对照填写。`;
  const candidates = rows.map((cells, i) => ({ cells, i })).filter((r) => !isBlank(r.cells));
  if (!candidates.length) return { ok: false, problem: "文件是空的，没有任何内容。" };
  const top = candidates.slice(0, headerSearchRows);
  const header = top.find((r) => recognised(kind, r.cells) >= 2);
  if (!header) {
    const hint = otherKindHint(kind, top.map((r) => r.cells));
    return { ok: false, problem: `没有找到表头行：文件的前 ${headerSearchRows} 行中没有可识别的列名。${hint}${expected}` };
  }

  const columns = new Map<string, { index: number; header: string }>();
  const ignored: string[] = [];
  for (const [index, text] of header.cells.entries()) {
    if (!text) continue;
    if (/万元/.test(text)) {
      return { ok: false, problem: `“${text}”以万元计，请换算为元，并把表头改为“注册资金（元）”后再导入。` };
    }
    const column = columnOf(kind, text);
    if (!column) {
      ignored.push(text);
      continue;
    }
    const earlier = columns.get(column.field);
    if (earlier) {
      return { ok: false, problem: `“${earlier.header}”和“${text}”两列表示同一项（${column.header}），请只保留一列后再导入。` };
    }
    columns.set(column.field, { index, header: text.trim() });
  }
  const missing = importColumns[kind].filter((c) => c.headerRequired && !columns.has(c.field));
  if (missing.length) {
    const hint = otherKindHint(kind, [header.cells]);
    return {
      ok: false,
      problem: `第 ${header.i + 1} 行的表头缺少必需的列：${missing.map((c) => c.header).join("、")}。${hint}${expected}`,
    };
  }

  const data: ImportTable["rows"] = [];
  const read = [...columns.values()].map((c) => c.index);
  for (let i = header.i + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    // A row whose read columns are all empty is blank (a 序号 alone is not a row).
    if (read.every((index) => !cells[index])) continue;
    data.push({ line: i + 1, cells });
  }
  if (!data.length) return { ok: false, problem: `第 ${header.i + 1} 行是表头，但下面没有数据行。` };
  if (data.length > maxImportRows) {
    return { ok: false, problem: `文件有 ${data.length} 行数据，超过一次导入的上限 ${maxImportRows} 行，请拆分成几个文件分批导入。` };
  }
  return { ok: true, table: { columns, ignored, rows: data } };
}

/* ------------------------------------------------------------------ cells */

/** Folded for comparing what officers type: full-width forms and spaces do not matter. */
function fold(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

function lookup<T extends string>(choices: Record<string, T>, text: string): T | undefined {
  return choices[fold(text).toLowerCase()];
}

const typeChoices: Record<string, OrganizationType> = {
  社会团体: "social_group",
  社团: "social_group",
  民办非企业单位: "private_non_enterprise",
  民办非企业: "private_non_enterprise",
  民非: "private_non_enterprise",
  社会服务机构: "private_non_enterprise",
  基金会: "foundation",
  社区社会组织: "community",
  社区组织: "community",
  ...Object.fromEntries(Object.keys(organizationTypeLabels).map((code) => [code, code as OrganizationType])),
};

const categoryChoices: Record<string, CommunityCategory> = {
  ...Object.fromEntries(Object.entries(communityCategoryLabels).flatMap(([code, label]) => [[label, code], [label.replace(/类$/, ""), code], [code, code]])),
  文体活动: "culture_sports",
  文体活动类: "culture_sports",
  文体类: "culture_sports",
} as Record<string, CommunityCategory>;

/** Statuses an import may set; the abnormal-activity list is kept on its own page, with a reason and a date. */
type ImportedStatus = Exclude<OrganizationStatus, "abnormal">;
const statusChoices: Record<string, ImportedStatus | "abnormal"> = {
  正常: "normal",
  存续: "normal",
  已注销: "cancelled",
  注销: "cancelled",
  已撤销登记: "revoked",
  撤销登记: "revoked",
  已撤销: "revoked",
  撤销: "revoked",
  列入活动异常名录: "abnormal",
  活动异常: "abnormal",
  异常: "abnormal",
  normal: "normal",
  cancelled: "cancelled",
  revoked: "revoked",
  abnormal: "abnormal",
};

const levelChoices: Record<string, "community" | "village"> = {
  社区: "community",
  社区居委会: "community",
  居委会: "community",
  居民委员会: "community",
  村: "village",
  行政村: "village",
  村委会: "village",
  村民委员会: "village",
  community: "community",
  village: "village",
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const dateShapes = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305, a real day no later than `today` (YYYY-MM-DD). */
export function parseImportDate(text: string, today: string, label = "日期"): Parsed<string> {
  const folded = text.normalize("NFKC").trim();
  const match = dateShapes.map((shape) => shape.exec(folded)).find(Boolean);
  if (!match) return { ok: false, message: "无法识别的日期，请写成 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日" };
  const iso = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
  if (!parseIsoDate(iso)) return { ok: false, message: `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日不是日历上的日期` };
  const implausible = recordDateProblem(iso, today, label);
  return implausible ? { ok: false, message: implausible } : { ok: true, value: iso };
}

/** A whole number no less than 0 and at most `max`: "30,000", "30000.00" and "30000元" are all 30000. */
export function parseWholeNumber(text: string, max: number, unit = ""): Parsed<number> {
  const plain = text.normalize("NFKC").replace(/[,\s]/g, "");
  const number = unit && plain.endsWith(unit) ? plain.slice(0, -unit.length) : plain;
  if (/^-\d/.test(number)) return { ok: false, message: "不能为负数" };
  const match = /^(\d+)(?:\.0*)?$/.exec(number);
  if (!match) return { ok: false, message: `应为不小于 0 的整数${unit ? `（以${unit}计）` : ""}，如 ${unit === "元" ? "30000" : "1200"}` };
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value) || value > max) return { ok: false, message: `数值过大，不能超过 ${max.toLocaleString("zh-CN")}` };
  return { ok: true, value };
}

/* ------------------------------------------------------------------ places */

export interface KnownPlace {
  id: number;
  code: string;
  name: string;
  level: PlaceLevel;
  parentId: number | null;
}

const streetLevels: readonly PlaceLevel[] = ["street", "town"];
const localLevels: readonly PlaceLevel[] = ["community", "village"];

/** A place name as compared loosely: "开元" is 开元街道, "象峰社区居委会" is 象峰社区. */
function placeKey(name: string, local: boolean): string {
  const folded = fold(name);
  return local
    ? folded.replace(/(居民委员会|居委会|村民委员会|村委会)$/, "").replace(/(社区|村)$/, "")
    : folded.replace(/(街道办事处|街道|镇人民政府|镇|乡)$/, "");
}

export type PlaceDirectory = ReturnType<typeof placeDirectory>;

/** The district's streets, towns, communities and villages, found by name or 12-digit code. */
export function placeDirectory(all: readonly KnownPlace[]) {
  const byId = new Map(all.map((p) => [p.id, p]));
  const district = all.find((p) => p.level === "district") ?? null;
  const streets = all.filter((p) => streetLevels.includes(p.level));
  const locals = all.filter((p) => localLevels.includes(p.level));

  function find(text: string, pool: readonly KnownPlace[], local: boolean): KnownPlace[] {
    const folded = fold(text);
    if (/^\d{12}$/.test(folded)) return pool.filter((p) => p.code === folded);
    const exact = pool.filter((p) => fold(p.name) === folded);
    if (exact.length) return exact;
    const key = placeKey(folded, local);
    return key ? pool.filter((p) => placeKey(p.name, local) === key) : [];
  }

  const nameOf = (id: number | null) => (id == null ? "" : (byId.get(id)?.name ?? ""));

  return {
    district,
    nameOf,
    findStreet(text: string): Parsed<KnownPlace> {
      const found = find(text, streets, false);
      if (found.length === 1) return { ok: true, value: found[0]! };
      if (found.length > 1) return { ok: false, message: `有多个街道（镇）与“${text}”相符，请填写完整名称或区划代码` };
      return { ok: false, message: `找不到街道（镇）“${text}”，请填写本区街道（镇）的名称或 12 位区划代码` };
    },
    /** A community or village, within `street` when one is named; "开元街道象峰社区" names both. */
    findLocal(text: string, street: KnownPlace | null): Parsed<KnownPlace> {
      let pool = street ? locals.filter((p) => p.parentId === street.id) : locals;
      let found = find(text, pool, true);
      if (!found.length && !street) {
        const prefixed = streets.find((s) => fold(text).startsWith(fold(s.name)) && fold(text).length > fold(s.name).length);
        if (prefixed) {
          pool = locals.filter((p) => p.parentId === prefixed.id);
          found = find(fold(text).slice(fold(prefixed.name).length), pool, true);
        }
      }
      if (found.length === 1) return { ok: true, value: found[0]! };
      if (found.length > 1) {
        const where = [...new Set(found.map((p) => nameOf(p.parentId)))].join("、");
        return { ok: false, message: `有多个社区（村）与“${text}”相符（${where}），请在“所属街道”列注明街道（镇）` };
      }
      if (street && find(text, locals, true).length) return { ok: false, message: `${street.name}没有社区（村）“${text}”，请核对所属街道` };
      return { ok: false, message: `找不到社区（村）“${text}”，请填写本区社区（村）的名称或 12 位区划代码` };
    },
  };
}

/* ------------------------------------------------------------------ rows */

/** An organization as the import will record it. */
export interface OrganizationImportRow {
  line: number;
  name: string;
  type: OrganizationType;
  uscc: string | null;
  /** Null for a filed organization whose number the import assigns. */
  filingNumber: string | null;
  certificateNumber: string | null;
  registeredOn: string;
  streetId: number | null;
  placeId: number | null;
  /** Names, for the preview. */
  streetName: string | null;
  placeName: string | null;
  legalRepresentative: string | null;
  address: string | null;
  supervisingUnit: string | null;
  registeredFunds: number | null;
  businessScope: string | null;
  category: CommunityCategory | null;
  status: ImportedStatus;
  contactPhone: string | null;
}

/** A community or village as the import will record it. */
export interface PlaceImportRow {
  line: number;
  code: string;
  name: string;
  level: "community" | "village";
  parentId: number;
  streetName: string;
  households: number | null;
  population: number | null;
}

/** A value the register or the places may already hold: checked against them and against the other rows. */
export interface ImportKey {
  line: number;
  column: string;
  value: string;
  key: "uscc" | "filingNumber" | "liveName" | "placeCode" | "placeName";
  /** What is compared; for a place's name, "<street id>:<name>". */
  text: string;
}

export interface CheckedRows<T> {
  rows: T[];
  problems: ImportProblem[];
  keys: ImportKey[];
}

const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Reads one row's cells by field, reporting problems against the file's own header names. */
function rowReader(table: ImportTable, kind: ImportKind, row: { line: number; cells: string[] }, problems: ImportProblem[]) {
  const canonical = new Map(importColumns[kind].map((c) => [c.field, c.header]));
  const column = (field: string) => table.columns.get(field)?.header ?? canonical.get(field) ?? field;
  const raw = (field: string) => {
    const at = table.columns.get(field);
    return at ? (row.cells[at.index] ?? "") : "";
  };
  const problem = (field: string, message: string, value = raw(field)) =>
    problems.push({ line: row.line, column: column(field), value: shown(value), message });
  /** The cell's text, or null when empty or unusable (its problem recorded). Line breaks only where `multiline`. */
  const text = (field: string, multiline = false): string | null => {
    const value = raw(field).replace(/\r\n?/g, "\n");
    if (!value) return null;
    const why = fieldCharacterProblem(multiline ? value.replace(/\n/g, "") : value, column(field));
    if (why) {
      problem(field, why);
      return null;
    }
    return value;
  };
  const required = (field: string, why = "必填，不能为空"): string | null => {
    const value = text(field);
    if (value == null && !raw(field)) problem(field, why);
    return value;
  };
  return { raw, text, required, problem, column };
}

type Shape = (typeof correctionSchema)["shape"];

/** A text field checked as the correction form checks it (lengths, the phone's shape). */
function formChecked(
  reader: ReturnType<typeof rowReader>,
  field: keyof Shape & string,
  multiline = false,
): string | null {
  const value = reader.text(field, multiline);
  if (value == null) return null;
  const parsed = correctionSchema.shape[field].safeParse(value);
  if (!parsed.success) {
    reader.problem(field, parsed.error.issues[0]?.message ?? "内容不符合要求");
    return null;
  }
  return parsed.data as string;
}

/** Every organization row read and checked on its own; duplicates are judged afterwards. */
export function checkOrganizationRows(table: ImportTable, places: PlaceDirectory, today: string): CheckedRows<OrganizationImportRow> {
  const problems: ImportProblem[] = [];
  const rows: OrganizationImportRow[] = [];
  const keys: ImportKey[] = [];
  for (const row of table.rows) {
    const before = problems.length;
    const r = rowReader(table, "organizations", row, problems);

    const name = r.required("name") != null ? formChecked(r, "name") : null;
    const typeText = r.required("type");
    const type = typeText == null ? undefined : lookup(typeChoices, typeText);
    if (typeText != null && !type) r.problem("type", `无法识别的类型，应为：${typeNames}`);
    const filed = type ? isFiled(type) : false;

    let uscc: string | null = null;
    const usccText = r.text("uscc");
    if (filed && usccText != null) {
      r.problem("uscc", "社区社会组织为备案组织，不设统一社会信用代码，请留空");
    } else if (usccText != null) {
      // Typed with a Chinese input method, digits come full-width and groups with spaces.
      const code = normalizeUscc(fold(usccText));
      const wrong = usccProblems(code, type ? usccKindOf[type] : undefined);
      if (wrong.length) r.problem("uscc", wrong.map((p) => p.message).join("；"));
      else uscc = code;
    } else if (type && !filed && !r.raw("uscc")) {
      r.problem("uscc", `${organizationTypeLabels[type]}须填写统一社会信用代码`);
    }

    const filingNumber = formChecked(r, "filingNumber");
    if (filingNumber && type && !filed) r.problem("filingNumber", "依法登记的社会组织不设备案号，请留空");
    const certificateNumber = formChecked(r, "certificateNumber");
    if (certificateNumber && filed) r.problem("certificateNumber", "社区社会组织为备案组织，不设登记证书，请留空");

    const dateText = r.required("registeredOn");
    let registeredOn: string | null = null;
    if (dateText != null) {
      const parsed = parseImportDate(dateText, today, r.column("registeredOn"));
      if (parsed.ok) registeredOn = parsed.value;
      else r.problem("registeredOn", parsed.message);
    }

    // The community decides the street; a street alone places a registered organization in it.
    let street: KnownPlace | null = null;
    let streetUsable = true;
    const streetText = r.text("street");
    if (streetText != null) {
      const found = places.findStreet(streetText);
      if (found.ok) street = found.value;
      else {
        streetUsable = false;
        r.problem("street", found.message);
      }
    }
    let place: KnownPlace | null = null;
    const communityText = r.text("community");
    if (communityText != null && streetUsable) {
      const found = places.findLocal(communityText, street);
      if (found.ok) place = found.value;
      else r.problem("community", found.message);
    } else if (communityText == null && filed && !r.raw("community")) {
      r.problem("community", "社区社会组织须填写所属社区（村）");
    }

    const legalRepresentative = formChecked(r, "legalRepresentative");
    const address = formChecked(r, "address");
    const supervisingUnit = formChecked(r, "supervisingUnit");
    const businessScope = formChecked(r, "businessScope", true);
    const contactPhone = formChecked(r, "contactPhone");

    let registeredFunds: number | null = null;
    const fundsText = r.text("registeredFunds");
    if (fundsText != null) {
      if (filed) r.problem("registeredFunds", "社区社会组织为备案组织，不登记注册资金，请留空");
      else {
        const parsed = parseWholeNumber(fundsText, 9_999_999_999_999, "元");
        if (parsed.ok) registeredFunds = parsed.value;
        else r.problem("registeredFunds", parsed.message);
      }
    }

    let category: CommunityCategory | null = null;
    const categoryText = r.text("category");
    if (categoryText != null) {
      category = lookup(categoryChoices, categoryText) ?? null;
      if (!category) r.problem("category", `无法识别的类别，应为：${categoryNames}`);
      // A registered 社会团体 or 民非 may be a community social organization too, as the register's correction allows.
      // (A community named but not found is already a problem of its own.)
      const registeredProblem = type && category && (place || communityText == null) ? registeredCategoryProblem({ type, category, placeId: place?.id ?? null }) : null;
      if (registeredProblem) r.problem(registeredProblem.field === "placeId" ? "community" : "category", registeredProblem.field === "placeId" ? "依法登记的组织填写类别（作为社区社会组织）时，须填写所属社区（村）" : registeredProblem.message);
    } else if (filed && !r.raw("category")) {
      r.problem("category", `社区社会组织须填写类别：${categoryNames}`);
    }

    let status: ImportedStatus = "normal";
    const statusText = r.text("status");
    if (statusText != null) {
      const found = lookup(statusChoices, statusText);
      if (found === "abnormal") {
        r.problem("status", "列入活动异常名录须在“活动异常名录”页面办理并写明理由；导入时请填“正常”，导入后再列入");
      } else if (found) status = found;
      else r.problem("status", "无法识别的状态，应为：正常、已注销或已撤销登记");
    }

    keys.push(...organizationKeys({ line: row.line, name, uscc, filingNumber: filed ? filingNumber : null, status }, r.column));

    if (problems.length > before || !name || !type || !registeredOn) continue;
    rows.push({
      line: row.line,
      name,
      type,
      uscc,
      filingNumber: filed ? filingNumber : null,
      certificateNumber: filed ? null : certificateNumber,
      registeredOn,
      streetId: place ? place.parentId : (street?.id ?? null),
      placeId: place?.id ?? null,
      streetName: place ? places.nameOf(place.parentId) : (street?.name ?? null),
      placeName: place?.name ?? null,
      legalRepresentative,
      address,
      supervisingUnit,
      registeredFunds,
      businessScope,
      category,
      status,
      contactPhone,
    });
  }
  return { rows, problems, keys };
}

/** Every community or village row read and checked on its own. */
export function checkPlaceRows(table: ImportTable, places: PlaceDirectory): CheckedRows<PlaceImportRow> {
  const problems: ImportProblem[] = [];
  const rows: PlaceImportRow[] = [];
  const keys: ImportKey[] = [];
  const county = places.district?.code.slice(0, 6) ?? null;
  for (const row of table.rows) {
    const before = problems.length;
    const r = rowReader(table, "communities", row, problems);

    const streetText = r.required("street");
    let street: KnownPlace | null = null;
    if (streetText != null) {
      const found = places.findStreet(streetText);
      if (found.ok) street = found.value;
      else r.problem("street", found.message);
    }

    const codeText = r.required("code");
    let code: string | null = null;
    if (codeText != null) {
      const folded = fold(codeText);
      if (!/^\d{12}$/.test(folded)) r.problem("code", `区划代码应为 12 位数字，当前为 ${folded.length} 位`);
      else if (!county) r.problem("code", "系统中还没有本区的区划，无法核对区划代码");
      else if (!folded.startsWith(county)) r.problem("code", `区划代码应以本区代码 ${county} 开头`);
      else if (folded.endsWith("000")) r.problem("code", "以 000 结尾的是街道（镇）的代码，社区（村）的代码后 3 位不为 000");
      else if (street && folded.slice(0, 9) !== street.code.slice(0, 9)) {
        r.problem("code", `区划代码前 9 位应与${street.name}的代码 ${street.code.slice(0, 9)} 一致`);
      } else code = folded;
    }

    const nameText = r.required("name");
    let name: string | null = null;
    if (nameText != null) {
      if (nameText.length < 2 || nameText.length > 40) r.problem("name", "名称应为 2 至 40 个字");
      else name = nameText;
    }

    const levelText = r.required("level");
    const level = levelText == null ? undefined : lookup(levelChoices, levelText);
    if (levelText != null && !level) r.problem("level", "无法识别的类型，应为：社区或村");

    const count = (field: "households" | "population") => {
      const value = r.text(field);
      if (value == null) return null;
      const parsed = parseWholeNumber(value, 9_999_999);
      if (parsed.ok) return parsed.value;
      r.problem(field, parsed.message);
      return null;
    };
    const households = count("households");
    const population = count("population");

    keys.push(...placeKeys({ line: row.line, code, name, parentId: street?.id ?? null }, r.column));

    if (problems.length > before || !code || !name || !level || !street) continue;
    rows.push({ line: row.line, code, name, level, parentId: street.id, streetName: street.name, households, population });
  }
  return { rows, problems, keys };
}

/* ------------------------------------------------------------------ duplicates */

type ColumnName = (field: string) => string;

/** The values of an organization no other may share: a USCC, a filing number, and a name while it is live. */
function organizationKeys(
  row: Pick<OrganizationImportRow, "line" | "uscc" | "filingNumber" | "status"> & { name: string | null },
  column: ColumnName,
): ImportKey[] {
  const keys: ImportKey[] = [];
  const add = (field: string, key: ImportKey["key"], value: string | null) => {
    if (value) keys.push({ line: row.line, column: column(field), value, key, text: value });
  };
  if (row.status === "normal") add("name", "liveName", row.name);
  add("uscc", "uscc", row.uscc);
  add("filingNumber", "filingNumber", row.filingNumber);
  return keys;
}

/** A place's code, and its name within its street. */
function placeKeys(row: { line: number; code: string | null; name: string | null; parentId: number | null }, column: ColumnName): ImportKey[] {
  const keys: ImportKey[] = [];
  if (row.code) keys.push({ line: row.line, column: column("code"), value: row.code, key: "placeCode", text: row.code });
  if (row.name && row.parentId != null) {
    keys.push({ line: row.line, column: column("name"), value: row.name, key: "placeName", text: `${row.parentId}:${row.name}` });
  }
  return keys;
}

/** The keys of rows already checked (a batch being confirmed), named by the template's headers. */
export function rowKeys(kind: ImportKind, rows: ReadonlyArray<OrganizationImportRow | PlaceImportRow>): ImportKey[] {
  const header: ColumnName = (field) => importColumns[kind].find((c) => c.field === field)?.header ?? field;
  return kind === "organizations"
    ? (rows as OrganizationImportRow[]).flatMap((r) => organizationKeys(r, header))
    : (rows as PlaceImportRow[]).flatMap((r) => placeKeys(r, header));
}

const repeatMessages: Record<ImportKey["key"], (line: number) => string> = {
  uscc: (line) => `与第 ${line} 行的统一社会信用代码相同`,
  filingNumber: (line) => `与第 ${line} 行的备案号相同`,
  liveName: (line) => `与第 ${line} 行的名称相同（未注销的社会组织不能同名）`,
  placeCode: (line) => `与第 ${line} 行的区划代码相同`,
  placeName: (line) => `与第 ${line} 行同属一个街道（镇）且名称相同`,
};

/** A later row that repeats an earlier row's USCC, filing number, live name or code. */
export function repeatedInFile(keys: readonly ImportKey[]): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const k of keys) {
    const id = `${k.key}\u0000${k.text}`;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, k.line);
    else problems.push({ line: k.line, column: k.column, value: shown(k.value), message: repeatMessages[k.key](earlier) });
  }
  return problems;
}

/** The values of each key the register or the places already hold. */
export type Existing = Record<ImportKey["key"], ReadonlySet<string>>;

const takenMessages: Record<ImportKey["key"], string> = {
  uscc: duplicateMessages.uscc,
  filingNumber: duplicateMessages.filingNumber,
  liveName: duplicateMessages.name,
  placeCode: "该区划代码已有社区（村）使用",
  placeName: "该街道（镇）已有同名的社区（村）",
};

/** Rows whose values the register or the places already hold. */
export function takenInRegister(keys: readonly ImportKey[], existing: Existing): ImportProblem[] {
  return keys
    .filter((k) => existing[k.key].has(k.text))
    .map((k) => ({ line: k.line, column: k.column, value: shown(k.value), message: takenMessages[k.key] }));
}

/** Problems in the order of the file: by row, each row's in the order they were found. */
export function inFileOrder(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

export function problemRows(problems: readonly ImportProblem[]): number {
  return new Set(problems.map((p) => p.line)).size;
}
