/**
 * Party-organization coverage of registered organizations: each one's party
 * members and how it is covered (its own branch, a joint branch, or an
 * instructor), the branches, admissions of probationary members, and the
 * coverage figures with their denominators. Officers keep the organizations of
 * their scope (street officers: their street); every write is audited.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, queryRows, type Database } from "../../../db/client.server";
import { inspectionReports, organizationParty, organizations, partyAdmissions, partyBranches, places } from "../../../db/schema";
import type { BranchKind } from "../../../vocabulary";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { districtWide, officerReach, officerReachOrNull } from "../../auth/scope.server";
import { recordAudit } from "../audit/audit.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { coverageOf, coverageRates, coverageRatesOf, partyMembersMax, partyRecordProblems, shouldFormOwnBranch, type Coverage } from "./rules";
import { fieldCharacterProblem } from "../shared/text-input";
import { getSetting } from "../settings/settings.server";
import { readRecordDate, shanghaiDate } from "../shared/time";

/** Registered kinds in normal or abnormal standing: the denominator of both coverages. */
const registeredTypes = ["social_group", "private_non_enterprise", "foundation"] as const;
const activeStatuses = ["normal", "abnormal"] as const;
const staleMessage = "该组织的党建信息已被其他人修改，请刷新页面查看最新内容后再保存。";

function requireManager(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "party:manage")) forbidden();
  return actor;
}

/** The street an officer is limited to, or undefined for the district. */
function scopeStreet(actor: Actor): number | undefined {
  return officerReach(actor).streetId ?? undefined;
}

/** Every registered organization (of the given streets, when given) with its party record and coverage. */
async function coveredOrganizations(db: Database, ...streetIds: Array<number | undefined>) {
  const street = alias(places, "street");
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      streetId: organizations.streetId,
      street: street.name,
      streetCode: street.code,
      formalMembers: organizationParty.formalMembers,
      probationaryMembers: organizationParty.probationaryMembers,
      instructor: organizationParty.instructor,
      branchId: partyBranches.id,
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
        inArray(organizations.type, [...registeredTypes]),
        inArray(organizations.status, [...activeStatuses]),
        ...streetIds.map((id) => (id ? eq(organizations.streetId, id) : undefined)),
      ),
    )
    .orderBy(asc(organizations.name));
  return rows.map((r) => {
    const record = r.hasRecord
      ? { formalMembers: r.formalMembers ?? 0, probationaryMembers: r.probationaryMembers ?? 0, branchKind: r.branchKind ?? null, instructor: r.instructor ?? null }
      : null;
    return { ...r, coverage: coverageOf(record) as Coverage, ownBranchDue: shouldFormOwnBranch(record) };
  });
}

export interface PartyPeriod {
  from: string;
  to: string;
}

/** The /officer/party figures: both coverages against the target, by street and kind, the lists, and the period's branches and admissions. */
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
  const group = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
    const groups = new Map<K, Coverage[]>();
    for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r.coverage]);
    return [...groups.entries()].map(([k, coverages]) => ({ key: k, ...coverageRates(coverages) }));
  };
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
    byStreet: group((r) => r.street ?? "（未定街道）").map((g) => ({ ...g, code: rows.find((r) => (r.street ?? "（未定街道）") === g.key)?.streetCode ?? null })),
    byKind: group((r) => r.type),
    uncovered: rows.filter((r) => r.coverage === "none"),
    ownBranchDue: rows.filter((r) => r.ownBranchDue),
    branchesFounded: founded,
    admissions: { total: admissions.reduce((sum, a) => sum + a.count, 0), items: admissions },
    formalMembers: rows.reduce((sum, r) => sum + (r.formalMembers ?? 0), 0),
    probationaryMembers: rows.reduce((sum, r) => sum + (r.probationaryMembers ?? 0), 0),
  };
}

/** Only the public figures: the two coverages and the target (for /stats and the API). */
export async function publicPartyFigures() {
  const db = await getDb();
  // Tallied in the database by coverageOf's rule: a city has tens of thousands of organizations.
  // Each organization's record is looked up by its key (a lateral join) rather than the whole
  // coverage table hashed: the figure reads indexes only, and is kept until the data changes.
  const [counts] = await queryRows<Record<Coverage, number>>(
    db,
    sql`select
          count(*) filter (where b.kind = 'single')::int as own_branch,
          count(*) filter (where b.kind = 'joint')::int as joint_branch,
          count(*) filter (where b.id is null and coalesce(op.instructor, '') <> '')::int as instructor,
          count(*) filter (where b.id is null and coalesce(op.instructor, '') = '')::int as none
        from ${organizations} o
        left join lateral (
          select p.branch_id, p.instructor from ${organizationParty} p where p.organization_id = o.id limit 1
        ) op on true
        left join ${partyBranches} b on b.id = op.branch_id
        where o.type in ${sql.raw(`(${registeredTypes.map((t) => `'${t}'`).join(", ")})`)}
          and o.status in ${sql.raw(`(${activeStatuses.map((t) => `'${t}'`).join(", ")})`)}`,
  );
  return { target: await getSetting("partyCoverageTarget"), ...coverageRatesOf(counts!) };
}

async function organizationInScope(db: Database, actor: Actor, organizationId: number) {
  if (!isRowId(organizationId)) notFound("找不到该组织。");
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!org || !(registeredTypes as readonly string[]).includes(org.type) || !can(actor, "party:manage", { streetId: org.streetId })) {
    notFound("找不到该组织，或它不在您的管辖范围内。");
  }
  return org;
}

/** One organization's party record, the branches it may join (its street's and district-wide ones), and its admissions. */
export async function partyRecordFor(actor: Actor, organizationId: number) {
  requireManager(actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  const [record] = await db.select().from(organizationParty).where(eq(organizationParty.organizationId, org.id));
  const branches = await db
    .select({ id: partyBranches.id, name: partyBranches.name, kind: partyBranches.kind, members: sql<number>`(select count(*)::int from organization_party op where op.branch_id = ${partyBranches.id})` })
    .from(partyBranches)
    .where(sql`${partyBranches.streetId} is null or ${partyBranches.streetId} = ${org.streetId}`)
    .orderBy(asc(partyBranches.kind), asc(partyBranches.name));
  const admissions = await db.select().from(partyAdmissions).where(eq(partyAdmissions.organizationId, org.id)).orderBy(asc(partyAdmissions.admittedOn));
  const branch = record?.branchId ? branches.find((b) => b.id === record.branchId) : undefined;
  // The members the organization reported in its latest filed annual report, for the officer to accept.
  const latest = await latestFiledReport(db, org.id);
  const reportedCounts = latest ? reportedMembers(latest.report) : null;
  return {
    organization: { id: org.id, name: org.name, type: org.type, streetId: org.streetId },
    record: record ?? null,
    coverage: coverageOf(record ? { ...record, branchKind: branch?.kind ?? null } : null),
    ownBranchDue: shouldFormOwnBranch(record ? { ...record, branchKind: branch?.kind ?? null } : null),
    branches,
    admissions,
    reported: latest && reportedCounts ? { reportId: latest.id, year: latest.year, ...reportedCounts } : null,
  };
}

/** An organization's latest annual report that is filed and standing (submitted or concluded; not a draft, not returned). */
async function latestFiledReport(db: Database, organizationId: number) {
  const [latest] = await db
    .select({ id: inspectionReports.id, year: inspectionReports.year, report: inspectionReports.report })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.organizationId, organizationId), inArray(inspectionReports.state, ["submitted", "concluded"])))
    .orderBy(desc(inspectionReports.year))
    .limit(1);
  return latest ?? null;
}

function reportedMembers(report: Record<string, unknown>): { formalMembers: number; probationaryMembers: number } | null {
  const formalMembers = Number(report.partyFormalMembers);
  const probationaryMembers = Number(report.partyProbationaryMembers);
  if (report.partyFormalMembers == null || report.partyProbationaryMembers == null) return null;
  if (!Number.isInteger(formalMembers) || !Number.isInteger(probationaryMembers) || formalMembers < 0 || probationaryMembers < 0) return null;
  return { formalMembers, probationaryMembers };
}

export interface PartyRecordInput {
  formalMembers: number;
  probationaryMembers: number;
  /** An existing branch, or a new own branch to found for it. */
  branchId: number | null;
  newOwnBranch: { name: string; foundedOn: string; secretary: string | null } | null;
  instructor: string | null;
  /** The record's version as seen; null when it had none. */
  expectedVersion: number | null;
}

export async function savePartyRecord(ctx: ActionContext, organizationId: number, input: PartyRecordInput): Promise<WriteResult<null>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  const instructor = input.instructor?.trim() || null;
  let branchKind: BranchKind | null = null;
  let organizationsInBranch = 0;
  const fieldErrors: Record<string, string[]> = {};
  if (input.newOwnBranch) {
    branchKind = "single";
    if (!input.newOwnBranch.name.trim()) fieldErrors.newBranchName = ["请填写党支部名称"];
    else if (fieldCharacterProblem(input.newOwnBranch.name, "党支部名称")) fieldErrors.newBranchName = ["党支部名称中含有不可见的控制字符"];
    const founded = readRecordDate(input.newOwnBranch.foundedOn, shanghaiDate(ctx.now), "成立日期");
    if ("problem" in founded) fieldErrors.newBranchFoundedOn = [founded.problem];
    const secretary = input.newOwnBranch.secretary ?? "";
    if (secretary.length > 20 || fieldCharacterProblem(secretary, "书记")) fieldErrors.newBranchSecretary = ["书记姓名不超过 20 字，且不含控制字符"];
  } else if (input.branchId !== null) {
    const [branch] = isRowId(input.branchId) ? await db.select().from(partyBranches).where(eq(partyBranches.id, input.branchId)) : [];
    if (!branch || (branch.streetId !== null && branch.streetId !== org.streetId)) fieldErrors.branchId = ["请选择本街道（镇）或全区的党支部"];
    else {
      branchKind = branch.kind;
      const [others] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(organizationParty)
        .where(and(eq(organizationParty.branchId, branch.id), sql`${organizationParty.organizationId} <> ${org.id}`));
      organizationsInBranch = others?.n ?? 0;
    }
  }
  Object.assign(fieldErrors, partyRecordProblems({ ...input, instructor, branchKind, organizationsInBranch }));
  if (instructor && fieldCharacterProblem(instructor, "党建指导员")) fieldErrors.instructor = ["党建指导员姓名中含有不可见的控制字符"];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(organizationParty).where(eq(organizationParty.organizationId, org.id));
    if ((old?.version ?? null) !== input.expectedVersion) return { ok: false, formError: staleMessage };
    let branchId = input.branchId;
    if (input.newOwnBranch) {
      const [branch] = await tx
        .insert(partyBranches)
        .values({
          name: input.newOwnBranch.name.trim(),
          kind: "single",
          foundedOn: input.newOwnBranch.foundedOn,
          streetId: org.streetId,
          secretary: input.newOwnBranch.secretary?.trim() || null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: partyBranches.id });
      branchId = branch!.id;
      await recordAudit(tx, ctx, { action: "party.found_branch", entityType: "party_branch", entityId: branchId, after: { ...input.newOwnBranch, organizationId: org.id } });
    }
    const values = {
      formalMembers: input.formalMembers,
      probationaryMembers: input.probationaryMembers,
      branchId,
      instructor: branchId ? null : instructor,
      source: "officer" as const,
      updatedAt: ctx.now,
      updatedBy: ctx.actor?.userId ?? null,
    };
    if (old) {
      const [claimed] = await tx
        .update(organizationParty)
        .set({ ...values, version: old.version + 1 })
        .where(and(eq(organizationParty.organizationId, org.id), eq(organizationParty.version, old.version)))
        .returning({ id: organizationParty.organizationId });
      if (!claimed) return { ok: false, formError: staleMessage };
    } else {
      await tx.insert(organizationParty).values({ ...values, organizationId: org.id });
    }
    await recordAudit(tx, ctx, { action: "party.save_record", entityType: "organization", entityId: org.id, before: old ?? null, after: values });
    return { ok: true, value: null };
  });
}

export async function createJointBranch(
  ctx: ActionContext,
  input: { name: string; foundedOn: string; streetCode: string | null; secretary: string | null },
): Promise<WriteResult<{ id: number }>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const fieldErrors: Record<string, string[]> = {};
  const name = input.name.trim();
  if (!name) fieldErrors.name = ["请填写联合党支部名称"];
  else if (name.length > 60 || fieldCharacterProblem(name, "名称")) fieldErrors.name = ["名称不超过 60 字，且不含控制字符"];
  const founded = readRecordDate(input.foundedOn, shanghaiDate(ctx.now), "成立日期");
  if ("problem" in founded) fieldErrors.foundedOn = [founded.problem];
  const secretary = input.secretary ?? "";
  if (secretary.length > 20 || fieldCharacterProblem(secretary, "书记")) fieldErrors.secretary = ["书记姓名不超过 20 字，且不含控制字符"];
  let streetId: number | null = null;
  if (input.streetCode) {
    const [street] = await db.select().from(places).where(eq(places.code, input.streetCode)).limit(1);
    // A joint branch serves a street or town (or the district): a community's could never be chosen by any organization.
    if (!street || (street.level !== "street" && street.level !== "town") || !can(actor, "party:manage", { streetId: street.id })) {
      fieldErrors.streetCode = ["请选择您管辖的街道（镇）"];
    } else streetId = street.id;
  } else if (!districtWide(actor)) fieldErrors.streetCode = ["请选择所属街道（镇）"];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    const values = { name, kind: "joint" as const, foundedOn: input.foundedOn, streetId, secretary: input.secretary?.trim() || null, createdAt: ctx.now, updatedAt: ctx.now };
    const [row] = await tx.insert(partyBranches).values(values).returning({ id: partyBranches.id });
    await recordAudit(tx, ctx, { action: "party.found_branch", entityType: "party_branch", entityId: row!.id, after: values });
    return { ok: true, value: { id: row!.id } };
  });
}

export async function recordAdmission(ctx: ActionContext, organizationId: number, input: { admittedOn: string; count: number }): Promise<WriteResult<null>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  const fieldErrors: Record<string, string[]> = {};
  const admitted = readRecordDate(input.admittedOn, shanghaiDate(ctx.now), "接收日期");
  if ("problem" in admitted) fieldErrors.admittedOn = [admitted.problem];
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 100) fieldErrors.count = ["接收人数应为 1 至 100 的整数"];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    await tx.insert(partyAdmissions).values({ organizationId: org.id, admittedOn: input.admittedOn, count: input.count, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now });
    await recordAudit(tx, ctx, { action: "party.admission", entityType: "organization", entityId: org.id, after: input });
    return { ok: true, value: null };
  });
}

/**
 * The party members an organization reported in its annual report become its
 * record once the officer accepts them (its coverage is left to the officer).
 */
export async function acceptReportedMembers(
  ctx: ActionContext,
  organizationId: number,
  reportId: number,
  /** The record's version the officer saw; null when it had none. */
  expectedVersion: number | null,
): Promise<WriteResult<{ formalMembers: number; probationaryMembers: number }>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  // Only the report the record page offers: the organization's latest filed one, not a returned or an older year's.
  const latest = await latestFiledReport(db, org.id);
  if (!latest || !isRowId(reportId) || latest.id !== reportId) notFound("找不到该组织最近一次报送的年度报告，请刷新页面。");
  const counts = reportedMembers(latest.report);
  if (!counts) return { ok: false, formError: "该年度报告没有填写党员人数，无法采用。" };
  if (counts.formalMembers > partyMembersMax || counts.probationaryMembers > partyMembersMax) {
    return { ok: false, formError: `年度报告填报的党员人数超过 ${partyMembersMax} 名，不像是真实数字，请核实后在党建信息中手工录入。` };
  }
  const { formalMembers, probationaryMembers } = counts;
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(organizationParty).where(eq(organizationParty.organizationId, org.id)).for("update");
    if ((old?.version ?? null) !== expectedVersion) {
      return { ok: false, formError: "该组织的党建信息刚被他人修改，请查看最新内容后再决定是否采用年检数据。" };
    }
    const values = { formalMembers, probationaryMembers, source: "inspection" as const, updatedAt: ctx.now, updatedBy: ctx.actor?.userId ?? null };
    if (old) await tx.update(organizationParty).set({ ...values, version: old.version + 1 }).where(eq(organizationParty.organizationId, org.id));
    else await tx.insert(organizationParty).values({ ...values, organizationId: org.id });
    await recordAudit(tx, ctx, {
      action: "party.accept_report",
      entityType: "organization",
      entityId: org.id,
      before: old ? { formalMembers: old.formalMembers, probationaryMembers: old.probationaryMembers } : null,
      after: { ...values, reportId, year: latest.year },
    });
    return { ok: true, value: { formalMembers, probationaryMembers } };
  });
}
