/**
 * Party-organization coverage of registered organizations, as officers read
 * it: each organization's party members and how it is covered (its own
 * branch, a joint branch, or an instructor), the branches, admissions of
 * probationary members, and the coverage figures with their denominators.
 * Officers see the organizations of their scope (street officers: their street).
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type Placeholder } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { inspectionReports, organizationParty, organizations, partyAdmissions, partyBranches, places } from "../../../db/schema";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, officerReachOrNull } from "../../auth/scope.server";
import { getSetting } from "../settings/queries.server";
import { forbidden, notFound } from "../shared/errors";
import { cachedPublic } from "../shared/public-cache.server";
import { isRowId } from "../shared/ids";
import type { PartyPeriod } from "./forms";
import { coverageOf, coverageRates, coveredStatuses, coveredTypes, shouldFormOwnBranch, type Coverage, type CoveredType, type RateFigure } from "./rules";

/** The officer keeping party records; anyone else is refused. Shared with the commands. */
export function requireManager(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "party:manage")) forbidden();
  return actor;
}

/** The street an officer is limited to, or undefined for the district. */
function scopeStreet(actor: Actor): number | undefined {
  return officerReach(actor).streetId ?? undefined;
}

/** A registered organization in the actor's scope, or the 404 page. Shared with the commands. */
export async function organizationInScope(db: Database, actor: Actor, organizationId: number) {
  if (!isRowId(organizationId)) notFound("找不到该组织。");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!org || !keepsPartyRecord(actor, org)) {
    notFound("找不到该组织，或它不在您的管辖范围内。");
  }
  return org;
}

/** Every registered organization (of the given streets, when given) with its party record and coverage, by name. */
async function coveredOrganizations(db: Database, ...streetIds: Array<number | undefined>) {
  const street = alias(places, "street");
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      street: street.name,
      streetCode: street.code,
      streetOrder: street.sortOrder,
      formalMembers: organizationParty.formalMembers,
      probationaryMembers: organizationParty.probationaryMembers,
      instructor: organizationParty.instructor,
      branchName: partyBranches.name,
      branchKind: partyBranches.kind,
      hasRecord: organizationParty.organizationId,
    })
    .from(organizations)
    .leftJoin(street, eq(street.id, organizations.streetId))
    .leftJoin(organizationParty, eq(organizationParty.organizationId, organizations.id))
    .leftJoin(partyBranches, eq(partyBranches.id, organizationParty.branchId))
    .where(
      and(
        inArray(organizations.type, [...coveredTypes]),
        inArray(organizations.status, [...coveredStatuses]),
        ...streetIds.map((id) => (id ? eq(organizations.streetId, id) : undefined)),
      ),
    )
    .orderBy(asc(organizations.name));
  return rows.map((r) => {
    const record = r.hasRecord
      ? { formalMembers: r.formalMembers ?? 0, probationaryMembers: r.probationaryMembers ?? 0, branchKind: r.branchKind ?? null, instructor: r.instructor ?? null }
      : null;
    return { ...r, coverage: coverageOf(record), ownBranchDue: shouldFormOwnBranch(record) };
  });
}

type CoveredRow = Awaited<ReturnType<typeof coveredOrganizations>>[number];

const unknownStreet = "（未定街道）";

/** Streets as officers list them (the places' order), organizations without a street last. */
function byStreetOrder(a: CoveredRow, b: CoveredRow): number {
  const order = (r: CoveredRow) => [r.streetOrder ?? Infinity, r.streetCode ?? "\uffff"] as const;
  const [ao, ac] = order(a);
  const [bo, bc] = order(b);
  return ao - bo || (ac < bc ? -1 : ac > bc ? 1 : 0);
}

/** An organization in a list of the overview. */
function listed(r: CoveredRow) {
  return { id: r.id, name: r.name, street: r.street, type: r.type as CoveredType, formalMembers: r.formalMembers ?? 0, coverage: r.coverage, branchName: r.branchName };
}

/** The two coverages of each group, in the order the groups first appear. */
function ratesBy<K extends string>(rows: CoveredRow[], key: (r: CoveredRow) => K) {
  const groups = new Map<K, Coverage[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r.coverage]);
  return [...groups.entries()].map(([k, coverages]) => ({ key: k, ...coverageRates(coverages) }));
}

/**
 * The /officer/party figures: both coverages against the target, by street
 * (in the places' order) and by every registered kind, the organizations still
 * uncovered (by street) and those due an own branch (those already in a joint
 * branch first: they only need to move), and the period's branches and admissions.
 */
export async function partyOverview(actor: Actor, input: { streetCode?: string | null; period: PartyPeriod }) {
  requireManager(actor);
  const db = await getDb();
  let streetId: number | undefined;
  if (input.streetCode) {
    const [street] = await db.select().from(places).where(eq(places.code, input.streetCode)).limit(1);
    if (!street || (street.level !== "street" && street.level !== "town") || !can(actor, "party:manage", { streetId: street.id })) {
      notFound("找不到该街道（镇），或它不在您的管辖范围内。");
    }
    streetId = street.id;
  }
  const rows = await coveredOrganizations(db, scopeStreet(actor), streetId);
  const inStreetOrder = [...rows].sort(byStreetOrder);
  const byKind = new Map(ratesBy(rows, (r) => r.type as CoveredType).map((k) => [k.key, k]));
  const none: RateFigure = { covered: 0, total: 0, rate: 0 };
  const branchStreet = officerReachOrNull(actor)?.streetId ?? streetId;
  const founded = await db
    .select({ id: partyBranches.id, name: partyBranches.name, kind: partyBranches.kind, foundedOn: partyBranches.foundedOn, secretary: partyBranches.secretary })
    .from(partyBranches)
    .where(and(gte(partyBranches.foundedOn, input.period.from), lte(partyBranches.foundedOn, input.period.to), branchStreet ? eq(partyBranches.streetId, branchStreet) : undefined))
    .orderBy(asc(partyBranches.foundedOn));
  const admissions = await db
    .select({ organizationId: partyAdmissions.organizationId, name: organizations.name, admittedOn: partyAdmissions.admittedOn, count: partyAdmissions.count })
    .from(partyAdmissions)
    .innerJoin(organizations, eq(organizations.id, partyAdmissions.organizationId))
    .where(
      and(
        gte(partyAdmissions.admittedOn, input.period.from),
        lte(partyAdmissions.admittedOn, input.period.to),
        ...[scopeStreet(actor), streetId].map((id) => (id ? eq(organizations.streetId, id) : undefined)),
      ),
    )
    .orderBy(asc(partyAdmissions.admittedOn));
  const [branchCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partyBranches)
    .where(and(lte(partyBranches.foundedOn, input.period.to), branchStreet ? eq(partyBranches.streetId, branchStreet) : undefined));
  return {
    target: await getSetting("partyCoverageTarget"),
    /** Branches founded by the period's end. */
    branchesTotal: branchCount?.n ?? 0,
    total: coverageRates(rows.map((r) => r.coverage)),
    byStreet: ratesBy(inStreetOrder, (r) => r.street ?? unknownStreet).map((g) => ({
      ...g,
      code: rows.find((r) => (r.street ?? unknownStreet) === g.key)?.streetCode ?? null,
    })),
    // Every kind, so a kind with nothing to cover still shows as such.
    byKind: coveredTypes.map((type) => byKind.get(type) ?? { key: type, organizational: none, work: none }),
    uncovered: inStreetOrder.filter((r) => r.coverage === "none").map(listed),
    ownBranchDue: rows
      .filter((r) => r.ownBranchDue)
      .map(listed)
      .sort((a, b) => Number(b.coverage === "joint_branch") - Number(a.coverage === "joint_branch")),
    branchesFounded: founded,
    admissions: { total: admissions.reduce((sum, a) => sum + a.count, 0), items: admissions },
    formalMembers: rows.reduce((sum, r) => sum + (r.formalMembers ?? 0), 0),
    probationaryMembers: rows.reduce((sum, r) => sum + (r.probationaryMembers ?? 0), 0),
  };
}

/**
 * One organization's party section: its record, its coverage, the branches it
 * may join (of its street's and district-wide ones, with how many each covers),
 * its admissions, and the members its latest filed annual report gave. Read
 * with the rest of the officer's record page (organizations/officer-record.server.ts),
 * for an id or a placeholder; partyRecordFrom shapes their rows.
 */
export function partySelects(db: Database, organizationId: number | Placeholder) {
  return {
    party: db
      .select({
        formalMembers: organizationParty.formalMembers,
        probationaryMembers: organizationParty.probationaryMembers,
        branchId: organizationParty.branchId,
        instructor: organizationParty.instructor,
        source: organizationParty.source,
        updatedAt: organizationParty.updatedAt,
        version: organizationParty.version,
      })
      .from(organizationParty)
      .where(eq(organizationParty.organizationId, organizationId)),
    admissions: db
      .select({ id: partyAdmissions.id, admittedOn: partyAdmissions.admittedOn, count: partyAdmissions.count })
      .from(partyAdmissions)
      .where(eq(partyAdmissions.organizationId, organizationId))
      .orderBy(asc(partyAdmissions.admittedOn)),
    latestReport: latestFiledReportQuery(db, organizationId),
  };
}

type PartyRows = { [K in keyof ReturnType<typeof partySelects>]: Awaited<ReturnType<typeof partySelects>[K]> };

/** The party section of `org` (a registered organization the actor manages) from its rows. */
export async function partyRecordFrom(org: { streetId: number | null }, rows: PartyRows) {
  const [record] = rows.party;
  // Another organization's own branch cannot cover this one: the choices are joint branches, its own,
  // and own branches left covering none (a street has hundreds of branches, most of them taken).
  const branches = (await streetBranches(org.streetId)).filter((b) => b.kind === "joint" || b.id === record?.branchId || b.members === 0);
  const branch = record?.branchId ? (branches.find((b) => b.id === record.branchId) ?? null) : null;
  const covered = record ? { ...record, branchKind: branch?.kind ?? null } : null;
  // The members the organization reported in its latest filed annual report, for the officer to accept.
  const [latest] = rows.latestReport;
  const reportedCounts = latest ? reportedMembers(latest.report) : null;
  return {
    record: record ?? null,
    coverage: coverageOf(covered),
    ownBranchDue: shouldFormOwnBranch(covered),
    branch,
    branches,
    admissions: rows.admissions,
    reported: latest && reportedCounts ? { reportId: latest.id, year: latest.year, ...reportedCounts } : null,
  };
}

/** Whether the actor keeps the party record of an organization of this type and street. */
export function keepsPartyRecord(actor: Actor, org: { type: string; streetId: number | null }): boolean {
  return (coveredTypes as readonly string[]).includes(org.type) && can(actor, "party:manage", { streetId: org.streetId });
}

/**
 * The branches of a street and the district's own (no street), with how many organizations each
 * covers, kept until the public data changes (coverage and branches move it). Which of a street's
 * hundreds of branches cover none took a scan of every organization's coverage on each record page.
 */
function streetBranches(streetId: number | null) {
  return cachedPublic(`partyBranches:${streetId ?? "district"}`, async () => {
    const db = await getDb();
    return db
      .select({ id: partyBranches.id, name: partyBranches.name, kind: partyBranches.kind, members: sql<number>`(select count(*)::int from organization_party op where op.branch_id = ${partyBranches.id})` })
      .from(partyBranches)
      .where(streetId === null ? isNull(partyBranches.streetId) : or(isNull(partyBranches.streetId), eq(partyBranches.streetId, streetId)))
      .orderBy(asc(partyBranches.kind), asc(partyBranches.name));
  });
}

/** An organization's latest annual report that is filed and standing (submitted or concluded; not a draft, not returned). Shared with the commands. */
export async function latestFiledReport(db: Database, organizationId: number) {
  const [latest] = await latestFiledReportQuery(db, organizationId);
  return latest ?? null;
}

function latestFiledReportQuery(db: Database, organizationId: number | Placeholder) {
  return db
    .select({ id: inspectionReports.id, year: inspectionReports.year, report: inspectionReports.report })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.organizationId, organizationId), inArray(inspectionReports.state, ["submitted", "concluded"])))
    .orderBy(desc(inspectionReports.year))
    .limit(1);
}

/** The member counts an annual report gave, or null when it gave none that can be read. Shared with the commands. */
export function reportedMembers(report: Record<string, unknown>): { formalMembers: number; probationaryMembers: number } | null {
  const formalMembers = Number(report.partyFormalMembers);
  const probationaryMembers = Number(report.partyProbationaryMembers);
  if (report.partyFormalMembers == null || report.partyProbationaryMembers == null) return null;
  if (!Number.isInteger(formalMembers) || !Number.isInteger(probationaryMembers) || formalMembers < 0 || probationaryMembers < 0) return null;
  return { formalMembers, probationaryMembers };
}
