/**
 * The register as officers read it: the search and the record, scoped to what
 * the officer may see; and the organization an association user acts for. The
 * search and the record's reads are shared with the public register
 * (public.server.ts), which shows public fields only (docs/glossary.md).
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL, type Placeholder } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { organizationChanges, organizationNameGrams, organizations, places } from "../../../db/schema";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReachOrNull, ownOrganization as organizationOfAccount, withinReach } from "../../auth/scope.server";
import { forbidden, notFound } from "../shared/errors";
import { escapeLike } from "../shared/like";
import { searchGrams } from "../shared/name-grams";
import { cappedTotal } from "../shared/paging";
import type { RegisterQuery } from "./forms";
import { normalizeUscc } from "./uscc";
import { holdsGrade } from "../evaluations/queries.server";
import { shanghaiDate } from "../shared/time";
import { preparedFor } from "../shared/prepared.server";

const street = alias(places, "street");
const community = alias(places, "community");

/* ------------------------------------------------------------------ search */

const listColumns = {
  id: organizations.id,
  name: organizations.name,
  uscc: organizations.uscc,
  filingNumber: organizations.filingNumber,
  type: organizations.type,
  status: organizations.status,
  statusSince: organizations.statusSince,
  registeredOn: organizations.registeredOn,
  street: street.name,
  community: community.name,
};

export interface RegisterPage {
  items: RegisterListItem[];
  page: number;
  pageSize: number;
  /** Matches counted; when `totalIsCapped`, there are more than this. */
  total: number;
  totalIsCapped?: boolean;
}

/**
 * The search's values go to the database as named parameters (placeholders), so that every search of
 * one shape (which conditions it has) is one statement: the public search prepares each shape once
 * (onePage), as building a drizzle query costs more CPU than the database spends answering it.
 */
const value = (name: string) => sql.placeholder(name);

/** The search text as an 18-character code, looked up exactly; null for a fragment of a name or a filing number. */
function codeOf(q: string): string | null {
  const code = normalizeUscc(q);
  return /^[0-9A-Z]{18}$/.test(code) ? code : null;
}

/**
 * A code is looked up exactly; anything else is a fragment of the name or a
 * filing number. The name's pieces (name-grams.ts) let the GIN index find
 * candidates for fragments of any length; ILIKE confirms them.
 */
function textCondition(q: string, values: Record<string, unknown>): SQL {
  const code = codeOf(q);
  if (code) {
    values.code = code;
    return eq(organizations.uscc, value("code"));
  }
  Object.assign(values, { grams: searchGrams(q), pattern: `%${escapeLike(q)}%`, filingNumber: q });
  const inName = and(sql`"organizations"."name_grams" @> ${value("grams")}::text[]`, ilike(organizations.name, value("pattern")));
  return or(inName, eq(organizations.filingNumber, value("filingNumber")))!;
}

/**
 * A search: its conditions, and for a fragment of one or two characters the piece of names to read
 * in name order (organization_name_grams). A common piece such as 鲤 or 城区 is in thousands of names,
 * which share a prefix and so come together in the register's order, often near its end: walking the
 * register by name until a page of them is found passed some 27,000 names at city scale, and finding
 * them all to sort them is as slow for 会 or 社区. Their own list, in name order, gives the page at
 * once. (Such a fragment is never a whole filing number, which is always longer: the rows read are
 * those whose name holds the piece.)
 */
export interface RegisterSearch {
  where: SQL | undefined;
  gram: boolean;
  /** The parameters' values, by placeholder name. */
  values: Record<string, unknown>;
  /** Which conditions it has, for sharing statements; null within an officer's scope, which is written into the statement. */
  shape: string | null;
}

/** The search's conditions, and the officer's scope when there is one. */
export function registerSearch(query: Omit<RegisterQuery, "page" | "pageSize">, scope?: SQL): RegisterSearch {
  const uscc = query.q ? codeOf(query.q) !== null : false;
  const grams = query.q && !uscc ? searchGrams(query.q) : [];
  const gram = grams.length === 1 && [...query.q!].length <= 2;
  const values: Record<string, unknown> = gram ? { gram: grams[0] } : {};
  // The piece's list holds exactly the names with the fragment in them: the text condition would only
  // lead the planner to gather and sort every match again.
  const where = searchWhere(gram ? { ...query, q: undefined } : query, values, scope);
  const text = !query.q ? "" : uscc ? "code" : gram ? "gram" : "text";
  const filters = (["type", "status", "street", "grade"] as const).filter((name) => query[name] !== undefined);
  return { where, gram, values, shape: scope ? null : [text, ...filters].join(",") };
}

function searchWhere(query: Omit<RegisterQuery, "page" | "pageSize">, values: Record<string, unknown>, scope?: SQL): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(textCondition(query.q, values));
  if (query.type) {
    values.type = query.type;
    conditions.push(eq(organizations.type, value("type")));
  }
  if (query.status) {
    values.status = query.status;
    conditions.push(eq(organizations.status, value("status")));
  }
  if (query.street) {
    values.street = query.street;
    conditions.push(inArray(organizations.streetId, sql`(select ${places.id} from ${places} where ${places.code} = ${value("street")})`));
  }
  if (query.grade) {
    Object.assign(values, { grade: query.grade, today: shanghaiDate(new Date()) });
    conditions.push(holdsGrade(organizations.id, value("grade"), value("today")));
  }
  return and(...conditions, scope);
}

/** What an officer may see of the register: the whole district, or their own street or town. */
function officerScope(actor: Actor): SQL | undefined {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const reach = officerReachOrNull(actor);
  return reach ? withinReach(reach, organizations.streetId) : sql`false`;
}

/** The rows of `search` in the register's order (name, then id): from the piece's own list when there is one. Run with `search.values`. */
export function listQuery(db: Database, search: RegisterSearch) {
  const query = matching(db.select(listColumns).from(organizations).$dynamic(), search)
    .leftJoin(street, eq(street.id, organizations.streetId))
    .leftJoin(community, eq(community.id, organizations.placeId))
    .where(search.where);
  return search.gram
    ? query.orderBy(asc(organizationNameGrams.name), asc(organizationNameGrams.organizationId))
    : query.orderBy(asc(organizations.name), asc(organizations.id));
}

/**
 * Joins the piece's list (one row per organization whose name holds it), when the search has one. The
 * selection is explicit, so the join changes no row's shape (hence the cast back).
 */
function matching<Q extends PgSelect>(query: Q, search: RegisterSearch): Q {
  if (!search.gram) return query;
  return query.innerJoin(organizationNameGrams, and(eq(organizationNameGrams.organizationId, organizations.id), eq(organizationNameGrams.gram, value("gram")))) as unknown as Q;
}

export type RegisterListItem = Awaited<ReturnType<typeof listQuery>>[number];

/**
 * One page of a search and the count of its matches (up to `cap` + 1 when capped): the statements a
 * search runs, with the page's placement as the parameters `limit` and `offset` (pageValues).
 */
export function pageQueries(db: Database, search: RegisterSearch, cap?: number) {
  const matches = matching(db.select({ one: sql`1` }).from(organizations).$dynamic(), search).where(search.where);
  return {
    items: listQuery(db, search).limit(value("limit")).offset(value("offset")),
    total: cap
      ? db.select({ value: count() }).from(matches.limit(cap + 1).as("matches"))
      : db.select({ value: count() }).from(matches.as("matches")),
  };
}

/** The parameters of one page of `search`. */
export function pageValues(search: RegisterSearch, page: number, pageSize: number): Record<string, unknown> {
  return { ...search.values, limit: pageSize, offset: (page - 1) * pageSize };
}

/** A search's statements by shape and count cap, prepared once per database. */
const preparedSearches = preparedFor(() => new Map<string, ReturnType<typeof prepareSearch>>());

function prepareSearch(db: Database, search: RegisterSearch, cap: number | undefined) {
  const q = pageQueries(db, search, cap);
  const name = `register_search_${search.shape}_${cap ?? "all"}`.replace(/\W/g, "_");
  return { items: q.items.prepare(`${name}_items`), total: q.total.prepare(`${name}_total`) };
}

function preparedSearch(db: Database, search: RegisterSearch, cap: number | undefined) {
  const statements = preparedSearches(db);
  const key = `${search.shape} ${cap ?? ""}`;
  let prepared = statements.get(key);
  if (!prepared) {
    prepared = prepareSearch(db, search, cap);
    statements.set(key, prepared);
  }
  return prepared;
}

export async function onePage(search: RegisterSearch, page: number, pageSize: number, cap?: number): Promise<RegisterPage> {
  const db = await getDb();
  const q = search.shape === null ? pageQueries(db, search, cap) : preparedSearch(db, search, cap);
  const values = pageValues(search, page, pageSize);
  const [items, [total]] = await Promise.all([q.items.execute(values), q.total.execute(values)]);
  return { items, page, pageSize, ...cappedTotal(total?.value ?? 0, cap) };
}

/** The officers' register: the same search within the officer's scope. */
export async function searchOfficerRegister(actor: Actor, query: RegisterQuery): Promise<RegisterPage> {
  return onePage(registerSearch(query, officerScope(actor)), query.page, query.pageSize);
}

/* ------------------------------------------------------------------ records */

/** One record with its street and community (code, name, level); null when there is none. */
export async function loadRecord(db: Database, where: SQL | undefined) {
  const [row] = await recordQuery(db, where);
  return row ?? null;
}

export function recordQuery(db: Database, where: SQL | undefined) {
  return db
    .select({
      organization: organizations,
      street: { code: street.code, name: street.name, level: street.level },
      community: { code: community.code, name: community.name, level: community.level },
    })
    .from(organizations)
    .leftJoin(street, eq(street.id, organizations.streetId))
    .leftJoin(community, eq(community.id, organizations.placeId))
    .where(where)
    .limit(1);
}

/** A record's change history, newest first, with who made each change. */
export function loadHistory(db: Database, organizationId: number | Placeholder) {
  return db
    .select()
    .from(organizationChanges)
    .where(eq(organizationChanges.organizationId, organizationId))
    .orderBy(desc(organizationChanges.at), desc(organizationChanges.id));
}

/** The record for an officer, and whether the officer may correct it; outside the officer's scope it does not exist. */
export async function officerRecord(actor: Actor, id: number) {
  const row = await loadRecord(await getDb(), and(eq(organizations.id, id), officerScope(actor)));
  if (!row) notFound("登记簿中没有该社会组织，或不在您的管辖范围内。");
  return { ...row, canCorrect: can(actor, "organization:correct", { streetId: row.organization.streetId }) };
}

/**
 * The record as an officer's page reads it, asked by the page's actions before
 * they read what was posted: outside the officer's scope it is a 404 whatever the form.
 */
export async function organizationAccess(actor: Actor, id: number): Promise<void> {
  const scope = officerScope(actor);
  const db = await getDb();
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, id), scope)).limit(1);
  if (!row) notFound("登记簿中没有该社会组织，或不在您的管辖范围内。");
}

/* ------------------------------------------------------------------ acting for an organization */

/**
 * The organization an association user acts for; null for a preparatory
 * group's account that has none yet; nothing for anyone else.
 */
export async function ownOrganization(actor: Actor) {
  if (actor.role !== "association") notFound();
  const organizationId = organizationOfAccount(actor);
  if (organizationId === null) return null;
  const db = await getDb();
  const [row] = await db
    .select({ organization: organizations, place: places })
    .from(organizations)
    .leftJoin(places, eq(places.id, organizations.placeId))
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!row) notFound("找不到您所属的社会组织。");
  return row;
}

/** Finds an organization by its USCC or filing number (admins link association accounts this way). */
export async function organizationByCode(code: string) {
  const db = await getDb();
  const trimmed = code.trim();
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(or(eq(organizations.uscc, trimmed.toUpperCase()), eq(organizations.filingNumber, trimmed)))
    .limit(1);
  return row ?? null;
}
