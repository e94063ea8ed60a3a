/**
 * The register of social organizations: the public search and record (public
 * fields only, docs/glossary.md), the officers' search and record (scoped to what the
 * officer may see), and the officers' corrections of a record.
 */
import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { organizationChanges, organizations, places } from "../../../db/schema";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReachOrNull, withinReach } from "../../auth/scope.server";
import { recordAudit } from "../audit/audit.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { publishedInspections } from "../inspections/public.server";
import { escapeLike } from "../shared/like";
import { searchGrams } from "../shared/name-grams";
import { cappedTotal, publicCountCap } from "../shared/paging";
import { cachedPublic } from "../shared/public-cache.server";
import { toCsv } from "../shared/open-data";
import { diffFields, recordOrganizationChange, type FieldChange } from "./history.server";
import { isFiled, usccKindOf } from "./rules";
import type { CorrectionInput, RegisterQuery } from "./forms";
import { duplicateField, duplicateMessages, liveNameTaken } from "./integrity.server";
import { normalizeUscc, usccProblems } from "./uscc";

type Organization = typeof organizations.$inferSelect;
type FieldErrors = Record<string, string[]>;

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
 * An 18-character code is looked up exactly; anything else is a fragment of
 * the name or a filing number. The name's pieces (name-grams.ts) let the GIN
 * index find candidates for fragments of any length; ILIKE confirms them.
 */
function textCondition(q: string): SQL {
  const code = normalizeUscc(q);
  if (/^[0-9A-Z]{18}$/.test(code)) return eq(organizations.uscc, code);
  const grams = sql.join(
    searchGrams(q).map((g) => sql`${g}`),
    sql`, `,
  );
  const inName = and(sql`"organizations"."name_grams" @> array[${grams}]::text[]`, ilike(organizations.name, `%${escapeLike(q)}%`));
  return or(inName, eq(organizations.filingNumber, q))!;
}

/** The search's conditions, and the officer's scope when there is one. */
function searchWhere(query: Omit<RegisterQuery, "page" | "pageSize">, scope?: SQL): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(textCondition(query.q));
  if (query.type) conditions.push(eq(organizations.type, query.type));
  if (query.status) conditions.push(eq(organizations.status, query.status));
  if (query.street) {
    conditions.push(
      inArray(organizations.streetId, sql`(select ${places.id} from ${places} where ${places.code} = ${query.street})`),
    );
  }
  return and(...conditions, scope);
}

/** What an officer may see of the register: the whole district, or their own street or town. */
function officerScope(actor: Actor): SQL | undefined {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const reach = officerReachOrNull(actor);
  return reach ? withinReach(reach, organizations.streetId) : sql`false`;
}

function listQuery(db: Database, where: SQL | undefined) {
  return db
    .select(listColumns)
    .from(organizations)
    .leftJoin(street, eq(street.id, organizations.streetId))
    .leftJoin(community, eq(community.id, organizations.placeId))
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export type RegisterListItem = Awaited<ReturnType<typeof listQuery>>[number];

/** One page of a search and the count of its matches (up to `cap` + 1 when capped): the statements a search runs. */
function pageQueries(db: Database, where: SQL | undefined, page: number, pageSize: number, cap?: number) {
  const matches = db.select({ one: sql`1` }).from(organizations).where(where);
  return {
    items: listQuery(db, where)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    total: cap
      ? db.select({ value: count() }).from(matches.limit(cap + 1).as("matches"))
      : db.select({ value: count() }).from(organizations).where(where),
  };
}

async function onePage(where: SQL | undefined, page: number, pageSize: number, cap?: number): Promise<RegisterPage> {
  const q = pageQueries(await getDb(), where, page, pageSize, cap);
  const [items, [total]] = await Promise.all([q.items, q.total]);
  return { items, page, pageSize, ...cappedTotal(total?.value ?? 0, cap) };
}

/** The public register: every organization, whatever its status (a cancelled one stays findable). */
export function searchPublicRegister(query: RegisterQuery, options: { countCap?: number | null } = {}): Promise<RegisterPage> {
  const cap = options.countCap === undefined ? publicCountCap : options.countCap;
  return onePage(searchWhere(query), query.page, query.pageSize, cap ?? undefined);
}

/** The statements the public search runs, unexecuted: the benchmark's bare baseline runs the very same SQL. */
export async function publicRegisterQueries(query: RegisterQuery) {
  return pageQueries(await getDb(), searchWhere(query), query.page, query.pageSize, publicCountCap);
}

/** Every matching row, not one page: the open-data CSV. */
export async function allPublicRegisterRows(query: Omit<RegisterQuery, "page" | "pageSize">): Promise<RegisterListItem[]> {
  return listQuery(await getDb(), searchWhere(query));
}

/** The officers' register: the same search within the officer's scope. */
export async function searchOfficerRegister(actor: Actor, query: RegisterQuery): Promise<RegisterPage> {
  return onePage(searchWhere(query, officerScope(actor)), query.page, query.pageSize);
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

async function loadRecord(db: Database, where: SQL | undefined) {
  const [row] = await db
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
  return row ?? null;
}

async function loadHistory(db: Database, organizationId: number) {
  return db
    .select()
    .from(organizationChanges)
    .where(eq(organizationChanges.organizationId, organizationId))
    .orderBy(desc(organizationChanges.at), desc(organizationChanges.id));
}

/** One organization's public record with its change history, newest first; null when there is none. */
export async function findPublicOrganization(id: number) {
  const db = await getDb();
  const row = await loadRecord(db, eq(organizations.id, id));
  if (!row) return null;
  const o = row.organization;
  const history: HistoryEntry[] = [];
  const [entries, inspections] = await Promise.all([loadHistory(db, id), publishedInspections(id)]);
  for (const entry of entries) {
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
    inspections,
  };
}

export type PublicOrganization = NonNullable<Awaited<ReturnType<typeof findPublicOrganization>>>;

export async function publicOrganization(id: number): Promise<PublicOrganization> {
  const record = await findPublicOrganization(id);
  if (!record) notFound("登记簿中没有该社会组织。");
  return record;
}

/** The whole record for an officer, with who made each change; outside the officer's scope it does not exist. */
export async function officerOrganization(actor: Actor, id: number) {
  const scope = officerScope(actor);
  const db = await getDb();
  const row = await loadRecord(db, and(eq(organizations.id, id), scope));
  if (!row) notFound("登记簿中没有该社会组织，或不在您的管辖范围内。");
  const history = await loadHistory(db, id);
  return {
    ...row,
    history,
    canCorrect: can(actor, "organization:correct", { streetId: row.organization.streetId }),
  };
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

/* ------------------------------------------------------------------ corrections */

/** The fields a correction may change; "place" is the community or village as its name reads. */
const correctedFields = [
  "name",
  "uscc",
  "usccAcceptedReason",
  "filingNumber",
  "certificateNumber",
  "registeringAuthority",
  "supervisingUnit",
  "legalRepresentative",
  "address",
  "registeredFunds",
  "businessScope",
  "category",
  "contactPhone",
  "place",
] as const;

const staleMessage = "该记录已被其他人修改，您的更正未保存。请刷新页面，在最新内容上重新更正。";
/** The record's community or village as a reader knows it: "开元街道象峰社区". */
async function placeLabel(db: Database, placeId: number | null): Promise<string | null> {
  if (placeId == null) return null;
  const parent = alias(places, "parent");
  const [row] = await db
    .select({ name: places.name, parentName: parent.name })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(eq(places.id, placeId));
  return row ? `${row.parentName ?? ""}${row.name}` : null;
}

/** The community or village chosen, and the street or town that follows from it. */
async function resolvePlace(
  db: Database,
  organization: Organization,
  placeId: number | undefined,
  errors: FieldErrors,
): Promise<{ placeId: number | null; streetId: number | null }> {
  if (placeId === undefined) {
    if (isFiled(organization.type)) errors.placeId = ["社区社会组织须备案在一个社区或村"];
    return { placeId: null, streetId: null };
  }
  const [place] = await db.select().from(places).where(eq(places.id, placeId)).limit(1);
  if (!place || (place.level !== "community" && place.level !== "village")) {
    errors.placeId = ["请选择一个社区或村"];
    return { placeId: null, streetId: null };
  }
  return { placeId: place.id, streetId: place.parentId };
}

/** The code fields a kind uses: a USCC for registered kinds, a filing number and a category for filed ones. */
function codeValues(organization: Organization, input: CorrectionInput, errors: FieldErrors) {
  if (isFiled(organization.type)) {
    if (input.uscc) errors.uscc = ["社区社会组织为备案组织，不设统一社会信用代码"];
    if (input.certificateNumber) errors.certificateNumber = ["社区社会组织为备案组织，不设登记证书"];
    if (input.registeredFunds !== undefined) errors.registeredFunds = ["社区社会组织为备案组织，不登记注册资金"];
    if (!input.filingNumber) errors.filingNumber = ["请输入备案号"];
    if (!input.category) errors.category = ["请选择类别"];
    return {
      uscc: null,
      usccAcceptedReason: null,
      filingNumber: input.filingNumber ?? null,
      category: input.category ?? null,
      certificateNumber: null,
      registeredFunds: null,
    };
  }
  if (input.filingNumber) errors.filingNumber = ["依法登记的社会组织不设备案号"];
  if (input.category) errors.category = ["类别仅适用于社区社会组织"];
  const code = normalizeUscc(input.uscc ?? "");
  return {
    uscc: code || null,
    usccAcceptedReason: usccAcceptance(organization, code, input, errors),
    filingNumber: null,
    category: null,
    certificateNumber: input.certificateNumber ?? null,
    registeredFunds: input.registeredFunds ?? null,
  };
}

/**
 * A code that fails a check is refused with what is wrong, unless it is an
 * early pilot code (18 permitted characters of the right kind whose check
 * character does not compute) that the officer accepts with a recorded reason.
 * Returns the reason to store.
 */
function usccAcceptance(organization: Organization, code: string, input: CorrectionInput, errors: FieldErrors): string | null {
  if (!code) {
    errors.uscc = ["请输入统一社会信用代码"];
    return null;
  }
  const problems = usccProblems(code, usccKindOf[organization.type]);
  if (!problems.length) return null;
  const reason = input.usccAcceptedReason?.trim() ?? "";
  if (input.acceptLegacyUscc) {
    const legacy = problems.every((p) => p.code === "check" || p.code === "org_code_check");
    if (!legacy) {
      errors.uscc = [...problems.map((p) => p.message), "只有校验码不符的早期代码可以核准接受，长度、字符或类型有误的代码不能接受"];
      return null;
    }
    if (reason.length < 4) {
      errors.usccAcceptedReason = ["接受未通过校验的代码，须写明核准说明（如核实依据、批准文件）"];
      return null;
    }
    return reason;
  }
  // A code accepted earlier stays accepted while it is not changed.
  if (code === organization.uscc && organization.usccAcceptedReason) return organization.usccAcceptedReason;
  errors.uscc = problems.map((p) => p.message);
  return null;
}

/** Names and codes that another organization already holds. */
async function duplicates(db: Database, before: Organization, after: Pick<Organization, "name" | "uscc" | "filingNumber">) {
  const errors: FieldErrors = {};
  const others = ne(organizations.id, before.id);
  const live = before.status === "normal" || before.status === "abnormal";
  const exists = async (condition: SQL) =>
    (await db.select({ id: organizations.id }).from(organizations).where(and(condition, others)).limit(1)).length > 0;
  if (live && after.name !== before.name && (await liveNameTaken(db, after.name, before.id))) {
    errors.name = [duplicateMessages.name];
  }
  if (after.uscc && after.uscc !== before.uscc && (await exists(eq(organizations.uscc, after.uscc)))) {
    errors.uscc = [duplicateMessages.uscc];
  }
  if (after.filingNumber && after.filingNumber !== before.filingNumber && (await exists(eq(organizations.filingNumber, after.filingNumber)))) {
    errors.filingNumber = [duplicateMessages.filingNumber];
  }
  return errors;
}

/**
 * An officer corrects a record: with a reason, on the version they loaded.
 * The record, one history entry and one audit row are written together, or
 * nothing is.
 */
export async function correctOrganization(
  ctx: ActionContext,
  id: number,
  input: CorrectionInput,
): Promise<WriteResult<{ version: number }>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "organization:correct")) forbidden();
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<WriteResult<{ version: number }>> => {
      const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).limit(1);
      if (!before || !can(actor, "organization:correct", { streetId: before.streetId })) {
        notFound("登记簿中没有该社会组织，或不在您的管辖范围内。");
      }
      if (before.version !== input.version) return { ok: false, formError: staleMessage };

      const errors: FieldErrors = {};
      const codes = codeValues(before, input, errors);
      const where = await resolvePlace(tx, before, input.placeId, errors);
      if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };

      const values = {
        name: input.name,
        ...codes,
        registeringAuthority: input.registeringAuthority ?? null,
        supervisingUnit: input.supervisingUnit ?? null,
        legalRepresentative: input.legalRepresentative ?? null,
        address: input.address ?? null,
        businessScope: input.businessScope ?? null,
        contactPhone: input.contactPhone ?? null,
        ...where,
      };
      const [placeBefore, placeAfter] = await Promise.all([placeLabel(tx, before.placeId), placeLabel(tx, where.placeId)]);
      const changes = diffFields({ ...before, place: placeBefore }, { ...values, place: placeAfter }, correctedFields);
      if (!changes.length) return { ok: false, formError: "表单内容与登记簿一致，没有需要更正的事项。" };

      const clashes = await duplicates(tx, before, values);
      if (Object.keys(clashes).length) return { ok: false, fieldErrors: clashes };

      const [after] = await tx
        .update(organizations)
        .set({ ...values, updatedAt: ctx.now, version: before.version + 1 })
        .where(and(eq(organizations.id, id), eq(organizations.version, input.version)))
        .returning();
      if (!after) return { ok: false, formError: staleMessage };
      await recordOrganizationChange(tx, ctx, { organizationId: id, kind: "correction", changes, reason: input.reason });
      await recordAudit(tx, ctx, {
        action: "organization.correct",
        entityType: "organization",
        entityId: id,
        before,
        after,
        reason: input.reason,
      });
      return { ok: true, value: { version: after.version } };
    });
  } catch (error) {
    const field = duplicateField(error);
    if (field) return { ok: false, fieldErrors: { [field]: [duplicateMessages[field]] } };
    throw error;
  }
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
