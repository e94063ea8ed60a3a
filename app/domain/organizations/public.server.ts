/**
 * The register as the public reads it: the search and the record (public fields
 * only, docs/glossary.md), the open data, and the headline counts. The search's
 * statements are the officers' own (queries.server.ts) without a scope.
 */
import { asc, count, eq, inArray, sql, type Placeholder } from "drizzle-orm";
import { getDb, getDbForKeyedReads, type Database } from "../../../db/client.server";
import { organizations, places } from "../../../db/schema";
import type { OrganizationType } from "../../../vocabulary";
import { notFound } from "../shared/errors";
import { abnormalListingsQuery, creditHistoryFrom, penaltiesQuery, seriousListingsQuery } from "../credit/queries.server";
import { publishedChecksQuery } from "../spot-checks/queries.server";
import { gradesQuery } from "../evaluations/queries.server";
import { currentGrade } from "../evaluations/rules";
import { publicOtherCreditQuery } from "../credit/other-items.server";
import { annualReportsFrom, inspectionsFrom, publishedReportsQuery } from "../inspections/public.server";
import { preparedTogether } from "../shared/select-together.server";
import { shanghaiDate } from "../shared/time";
import { publicCountCap } from "../shared/paging";
import { cachedPublic } from "../shared/public-cache.server";
import { toCsv } from "../shared/open-data";
import type { FieldChange } from "./history.server";
import { defaultPageSize, parseRegisterQuery, registerSearchParams, type RegisterQuery } from "./forms";
import { listQuery, loadHistory, onePage, recordQuery, pageQueries, registerSearch, type RegisterListItem, type RegisterPage } from "./queries.server";

/* ------------------------------------------------------------------ search */

/** The public register: every organization, whatever its status (a cancelled one stays findable). */
export function searchPublicRegister(query: RegisterQuery, options: { countCap?: number | null } = {}): Promise<RegisterPage> {
  const cap = options.countCap === undefined ? publicCountCap : options.countCap;
  return onePage(registerSearch(query), query.page, query.pageSize, cap ?? undefined);
}

/**
 * The public search page for an address's parameters: the React page and the reading page
 * (app/reading) both render this one value. A filter the page cannot read is left out rather
 * than failing the page (the API names it); `search` is the query as the page's own links
 * carry it, so parameters the page does not know are not passed on.
 */
export async function publicRegisterPage(params: URLSearchParams) {
  const { query } = parseRegisterQuery(params);
  const [result, streets] = await Promise.all([searchPublicRegister(query), registerStreets()]);
  const search = registerSearchParams(query);
  if (query.pageSize !== defaultPageSize) search.set("pageSize", String(query.pageSize));
  const csv = registerSearchParams(query);
  csv.set("format", "csv");
  return { ...result, query, streets, search: search.toString(), csvHref: `/api/v1/organizations?${csv}` };
}

export type PublicRegisterPage = Awaited<ReturnType<typeof publicRegisterPage>>;

/**
 * The statements the public search runs, unexecuted, their values named (registerSearch, pageValues):
 * the benchmark's bare baseline runs the very same SQL.
 */
export async function publicRegisterQueries(query: RegisterQuery) {
  return pageQueries(await getDb(), registerSearch(query), publicCountCap);
}

/** Every matching row, not one page: the open-data CSV. */
export async function allPublicRegisterRows(query: Omit<RegisterQuery, "page" | "pageSize">): Promise<RegisterListItem[]> {
  const search = registerSearch(query);
  return listQuery(await getDb(), search).execute(search.values);
}

/** Streets and towns by division code, for the register's street filter. */
export function registerStreets(): Promise<Array<{ code: string; name: string }>> {
  return cachedPublic("registerStreets", computeRegisterStreets);
}

async function computeRegisterStreets(): Promise<Array<{ code: string; name: string }>> {
  const db = await getDb();
  return db
    .select({ code: places.code, name: places.name })
    .from(places)
    .where(inArray(places.level, ["street", "town"]))
    .orderBy(asc(places.sortOrder), asc(places.code));
}

/** Counts by kind over every status: the headline figure of the bureau's reports (kept until the public data changes). */
export function organizationCounts() {
  return cachedPublic("organizationCounts", computeOrganizationCounts);
}

/**
 * The organizations on the register now (normal, or on the abnormal list), by
 * kind, as the bureau's reports count 现有; the cancelled and revoked apart.
 */
async function computeOrganizationCounts() {
  const db = await getDb();
  const rows = await db
    .select({ type: organizations.type, onRegister: sql<boolean>`${organizations.status} in ('normal', 'abnormal')`, n: count() })
    .from(organizations)
    .groupBy(organizations.type, sql`2`);
  const byType: Record<OrganizationType, number> = {
    social_group: 0,
    private_non_enterprise: 0,
    foundation: 0,
    community: 0,
  };
  let ended = 0;
  for (const row of rows) {
    if (row.onRegister) byType[row.type] += row.n;
    else ended += row.n;
  }
  return { total: Object.values(byType).reduce((sum, n) => sum + n, 0), byType, ended };
}

/* ------------------------------------------------------------------ records */

/** Never published: the registry's contact line and the officer's note on an accepted legacy code. */
const internalFields: readonly string[] = ["contactPhone", "usccAcceptedReason"];

export interface HistoryEntry {
  id: number;
  at: Date;
  kind: string;
  reason: string | null;
  changes: FieldChange[];
}

/** The record, its changes, penalties and both credit lists: what the public's and the officer's record pages both read. */
export function recordWithSanctionsSelects(db: Database, id: number | Placeholder) {
  return {
    record: recordQuery(db, eq(organizations.id, id)),
    changes: loadHistory(db, id),
    penalties: penaltiesQuery(db, id),
    abnormal: abnormalListingsQuery(db, id),
    serious: seriousListingsQuery(db, id),
  };
}

/**
 * Everything an organization's public record shows, as one prepared statement: a page of many short
 * lists paid a round trip, a parse and a plan for each, several times the rows' own cost.
 */
const publicRecordStatement = preparedTogether("public_record", (db) => publicRecordSelects(db, sql.placeholder("id")));

/** The selects of an organization's public record, for an id or a placeholder. */
export function publicRecordSelects(db: Database, id: number | Placeholder) {
  return {
    ...recordWithSanctionsSelects(db, id),
    reports: publishedReportsQuery(db, id),
    checks: publishedChecksQuery(db, id),
    grades: gradesQuery(db, id),
    otherCredit: publicOtherCreditQuery(db, id),
  };
}

/** One organization's public record with its change history, newest first; null when there is none. */
export async function findPublicOrganization(id: number) {
  const rows = await publicRecordStatement(await getDbForKeyedReads(), { id });
  const [row] = rows.record;
  if (!row) return null;
  const o = row.organization;
  const history: HistoryEntry[] = [];
  const grade = currentGrade(rows.grades, shanghaiDate(new Date()));
  for (const entry of rows.changes) {
    const changes = entry.changes.filter((c) => !internalFields.includes(c.field));
    // An event that changed only internal fields changed nothing the public sees.
    if (entry.changes.length && !changes.length) continue;
    history.push({ id: entry.id, at: entry.at, kind: entry.kind, reason: entry.reason, changes });
  }
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    category: o.category,
    uscc: o.uscc,
    filingNumber: o.filingNumber,
    certificateNumber: o.certificateNumber,
    registeringAuthority: o.registeringAuthority,
    supervisingUnit: o.supervisingUnit,
    legalRepresentative: o.legalRepresentative,
    registeredOn: o.registeredOn,
    registeredFunds: o.registeredFunds,
    businessScope: o.businessScope,
    address: o.address,
    status: o.status,
    statusSince: o.statusSince,
    statusReason: o.statusReason,
    street: row.street,
    community: row.community,
    history,
    // Only published conclusions: a conclusion stays internal until the registry publishes the year's results.
    inspections: inspectionsFrom(rows.reports),
    // 年度报告信息: the filed totals and officers of the years whose conclusions are public.
    annualReports: annualReportsFrom(rows.reports),
    // Penalty decisions are public credit information (社会组织信用信息管理办法 art. 5); their documents stay internal.
    listings: creditHistoryFrom(rows.abnormal, rows.serious),
    // Spot checks (行政检查信息) once the registry published their results.
    checks: rows.checks,
    // 社会组织评估: the grade held today, or null (an expired one is not shown).
    evaluation: grade ? { grade: grade.grade, awardedOn: grade.awardedOn, validUntil: grade.validUntil, round: grade.round } : null,
    penalties: rows.penalties.map(({ fileName: _file, amountFen, ...p }) => ({ ...p, amountYuan: amountFen === null ? null : amountFen / 100 })),
    // 其他信用信息: awards and government service contracts in force (withdrawn ones are not shown).
    otherCredit: rows.otherCredit.map(({ amountFen, ...item }) => ({ ...item, amountYuan: amountFen === null ? null : amountFen / 100 })),
  };
}

export type PublicOrganization = NonNullable<Awaited<ReturnType<typeof findPublicOrganization>>>;

export async function publicOrganization(id: number): Promise<PublicOrganization> {
  const record = await findPublicOrganization(id);
  if (!record) notFound("登记簿中没有该社会组织。");
  return record;
}

/* ------------------------------------------------------------------ open data */

/** One organization in the open-data list (docs/api.md): exactly these fields. */
export function openDataItem(item: RegisterListItem) {
  const { id, name, uscc, type, status, registeredOn, street, community } = item;
  return { id, name, uscc, type, status, registeredOn, street, community };
}

const csvColumns = ["id", "name", "uscc", "type", "status", "registeredOn", "street", "community"] as const;

/** Every row with a header row (see toCsv). */
export function registerCsv(items: RegisterListItem[]): string {
  return toCsv(csvColumns, items.map(openDataItem));
}

/** One organization's public record for the open-data API. */
export function openDataRecord(record: PublicOrganization) {
  const { street: streetRef, community: communityRef, history, inspections, ...fields } = record;
  return {
    ...fields,
    street: streetRef?.name ?? null,
    streetCode: streetRef?.code ?? null,
    community: communityRef?.name ?? null,
    communityCode: communityRef?.code ?? null,
    history: history.map((entry) => ({ at: entry.at.toISOString(), kind: entry.kind, reason: entry.reason, changes: entry.changes })),
    inspections,
  };
}

// The /api/v1/organizations routes read these from here.
export { openDataError, openDataHeaders } from "../shared/open-data";
