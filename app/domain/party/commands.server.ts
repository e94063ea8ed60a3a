/**
 * The writes of party building: an organization's record, a joint branch, an
 * admission of probationary members, the members an annual report gave, and
 * the coverage target. Each checks the officer's permission and scope, the
 * rules that need the database, writes, and appends to the audit log in one
 * transaction; what the officer can fix comes back as a refusal beside its field.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { organizationParty, partyAdmissions, partyBranches, places } from "../../../db/schema";
import type { BranchKind } from "../../../vocabulary";
import { can } from "../../auth/permissions";
import { districtWide } from "../../auth/scope.server";
import { recordAudit } from "../audit/commands.server";
import { updateSetting } from "../settings/commands.server";
import type { ActionContext } from "../shared/context";
import { notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import { readRecordDate, shanghaiDate } from "../shared/time";
import type { AdmissionValue, CoverageTargetValue, JointBranchValue, PartyRecordValue } from "./forms";
import { latestFiledReport, organizationInScope, reportedMembers, requireManager } from "./queries.server";
import { partyMembersMax, partyRecordProblems } from "./rules";

const staleMessage = "该组织的党建信息已被其他人修改，请刷新页面查看最新内容后再保存。";

/** What savePartyRecord takes: an existing branch or a new own branch to found for it, and the record's version as seen (null when it had none). */
export type PartyRecordInput = PartyRecordValue;

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
  const { branchId: branchProblems, ...problems } = partyRecordProblems({ ...input, instructor, branchKind, organizationsInBranch });
  Object.assign(fieldErrors, problems);
  // An own branch to be founded is chosen as the coverage, not from the branch list: its problems go beside that choice.
  if (branchProblems) fieldErrors[input.newOwnBranch ? "coverage" : "branchId"] = branchProblems;
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

export async function createJointBranch(ctx: ActionContext, input: JointBranchValue): Promise<WriteResult<{ id: number }>> {
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

export async function recordAdmission(ctx: ActionContext, organizationId: number, input: AdmissionValue): Promise<WriteResult<null>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  const fieldErrors: Record<string, string[]> = {};
  const admitted = readRecordDate(input.admittedOn, shanghaiDate(ctx.now), "接收日期");
  if ("problem" in admitted) fieldErrors.admittedOn = [admitted.problem];
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 100) fieldErrors.count = ["接收人数应为 1 至 100 的整数"];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const admission = { admittedOn: input.admittedOn, count: input.count };
  return db.transaction(async (tx) => {
    await tx.insert(partyAdmissions).values({ organizationId: org.id, ...admission, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now });
    await recordAudit(tx, ctx, { action: "party.admission", entityType: "organization", entityId: org.id, after: admission });
    return { ok: true, value: null };
  });
}

/**
 * The party members an organization reported in its annual report become its
 * record once the officer accepts them (its coverage is left to the officer).
 * Only the report the record page offers may be accepted: the organization's
 * latest filed one, not a returned or an older year's.
 */
export async function acceptReportedMembers(
  ctx: ActionContext,
  organizationId: number,
  input: {
    reportId: number;
    /** The record's version the officer saw; null when it had none. */
    expectedVersion: number | null;
  },
): Promise<WriteResult<{ formalMembers: number; probationaryMembers: number }>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  const org = await organizationInScope(db, actor, organizationId);
  const latest = await latestFiledReport(db, org.id);
  if (!latest || !isRowId(input.reportId) || latest.id !== input.reportId) notFound("找不到该组织最近一次报送的年度报告，请刷新页面。");
  const counts = reportedMembers(latest.report);
  if (!counts) return { ok: false, formError: "该年度报告没有填写党员人数，无法采用。" };
  if (counts.formalMembers > partyMembersMax || counts.probationaryMembers > partyMembersMax) {
    return { ok: false, formError: `年度报告填报的党员人数超过 ${partyMembersMax} 名，不像是真实数字，请核实后在党建信息中手工录入。` };
  }
  const { formalMembers, probationaryMembers } = counts;
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(organizationParty).where(eq(organizationParty.organizationId, org.id)).for("update");
    if ((old?.version ?? null) !== input.expectedVersion) {
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
      after: { ...values, reportId: input.reportId, year: latest.year },
    });
    return { ok: true, value: { formalMembers, probationaryMembers } };
  });
}

/**
 * The district's coverage target, as a fraction: a district setting, changed
 * with the reason and against the value the officer saw (the settings module
 * checks the permission and a recent re-verification, and audits the change).
 */
export function setCoverageTarget(ctx: ActionContext, input: CoverageTargetValue): Promise<WriteResult<number>> {
  return updateSetting(ctx, "partyCoverageTarget", input.partyCoverageTarget, { reason: input.reason, expected: input.expected });
}
