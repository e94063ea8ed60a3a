/**
 * Writing applications and community filings. Every step checks the workflow
 * table, claims the application by its version (two officers deciding at once:
 * one wins, the other is told), writes the step and the audit row, and, for an
 * approval, the register, all in one transaction.
 */
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { applicationFiles, applications, applicationSteps, organizations, places, users } from "../../../db/schema";
import type { ApplicationKind, ApplicationState, OrganizationType, UnitDecision } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import { changeableFields, pickProposal, submissionProblems, type DecisionPost, type Proposal, type ProposalPost } from "./forms";
import {
  decisionLabel,
  applicantEditRefusal,
  kindLabels,
  openStates,
  refusal,
  startableKinds,
  transitionFor,
  unitReviewNeeded,
  unitReviewRefusal,
  type ApplicationAction,
} from "./rules";
import { loadVisible } from "./queries.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { storedAttachment, uploadProblems, type Upload } from "../shared/attachments.server";
import { diffFields, recordOrganizationChange } from "../organizations/history.server";
import { usccKindOf } from "../organizations/rules";
import { shanghaiDate } from "../shared/time";
import { getSetting } from "../settings/queries.server";
import { decisionDueOn, decisionPeriod } from "./periods";
import { applicationMaterials, handoverProblem, handoverRecord, isMaterialOf, materialsNotice, missingMaterials, missingMaterialsProblem } from "./materials";
import { registerSnapshot, requestedChanges } from "./changes";
import { isRowId } from "../shared/ids";
import { escapeLike } from "../shared/like";
import { duplicateField, duplicateMessages, liveNameTaken } from "../organizations/integrity.server";
import { normalizeUscc, usccProblems } from "../organizations/uscc";

type Application = typeof applications.$inferSelect;
type Organization = typeof organizations.$inferSelect;
type FieldErrors = Record<string, string[]>;

const editableStates: ApplicationState[] = ["draft", "returned"];


/**
 * Claims an application for an applicant's change inside the transaction: only
 * while it is still a draft or returned, so nothing slips in after submission.
 */
async function claimForApplicant(tx: Database, id: number, now: Date): Promise<boolean> {
  const [claimed] = await tx
    .update(applications)
    .set({ version: sql`${applications.version} + 1`, updatedAt: now })
    .where(and(eq(applications.id, id), inArray(applications.state, editableStates)))
    .returning({ id: applications.id });
  return !!claimed;
}

const staleMessage = "该申请已被其他人处理或修改，请刷新页面查看最新状态后再操作。";

/* ------------------------------------------------------------------ starting */

export async function startApplication(
  ctx: ActionContext,
  input: { kind: ApplicationKind },
): Promise<WriteResult<{ id: number }>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const { kind } = input;
  const permission = kind === "filing" ? "application:file_community" : "application:apply";
  if (!hasPermission(actor, permission)) forbidden();
  const db = await getDb();

  let organization: Organization | undefined;
  if (kind === "establishment" && actor.organizationId) {
    const [own] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
    if (own && !startableKinds(own).includes("establishment")) {
      return { ok: false, formError: `您的账号代表已登记的社会组织（${own.name}），不能再申请成立登记；登记事项有变化的，请申请变更登记。` };
    }
  }
  if (kind === "change" || kind === "cancellation") {
    if (!actor.organizationId) return { ok: false, formError: "您的账号尚未关联已登记的社会组织，不能申请变更或注销。" };
    [organization] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
    if (!organization || organization.type === "community") notFound("找不到您所属的已登记社会组织。");
    if (organization.status === "cancelled" || organization.status === "revoked") {
      return { ok: false, formError: "该组织已注销或被撤销登记，不能再申请。" };
    }
    // One open application of a kind at a time: a second would race the first.
    const [open] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.organizationId, organization.id),
          eq(applications.kind, kind),
          inArray(applications.state, ["draft", ...openStates]),
        ),
      )
      .limit(1);
    if (open) return { ok: true, value: { id: open.id } };
  }
  const streetId = kind === "filing" ? actor.placeId : (organization?.streetId ?? null);
  // A change starts from the register's values, so the applicant confirms rather than retypes.
  const proposed: Proposal =
    kind === "change" && organization
      ? (Object.fromEntries(
          changeableFields.filter((f) => organization[f] != null).map((f) => [f, organization[f]]),
        ) as Proposal)
      : {};
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(applications)
      .values({
        kind,
        state: "draft",
        organizationId: organization?.id ?? null,
        streetId,
        placeId: organization?.placeId ?? null,
        applicantUserId: actor.userId,
        title: organization?.name ?? `（未命名）${kindLabels[kind]}`,
        proposed,
        baseline: kind === "change" ? proposed : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await tx.insert(applicationSteps).values(step(ctx, created!.id, "create", null, "draft"));
    await recordAudit(tx, ctx, { action: "application.create", entityType: "application", entityId: created!.id, after: created });
    return { ok: true, value: { id: created!.id } };
  });
}

function step(ctx: ActionContext, applicationId: number, action: string, from: ApplicationState | null, to: ApplicationState, reason?: string | null) {
  return {
    applicationId,
    at: ctx.now,
    action,
    fromState: from,
    toState: to,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    actorRole: ctx.actor?.role ?? null,
    reason: reason ?? null,
  };
}

/* ------------------------------------------------------------------ drafts */

/** Where the proposed community or village sits; for a filing it must be in the officer's own street. */
async function resolvePlace(
  db: Database,
  actor: Actor,
  kind: ApplicationKind,
  placeId: number | undefined,
): Promise<{ ok: true; placeId: number | null; streetId: number | null } | { ok: false; fieldErrors: FieldErrors }> {
  if (placeId === undefined) return { ok: true, placeId: null, streetId: kind === "filing" ? actor.placeId : null };
  const [place] = await db.select().from(places).where(eq(places.id, placeId)).limit(1);
  if (!place || (place.level !== "community" && place.level !== "village")) {
    return { ok: false, fieldErrors: { placeId: ["请选择一个社区或村"] } };
  }
  if (kind === "filing" && place.parentId !== actor.placeId) {
    return { ok: false, fieldErrors: { placeId: ["只能为本街道（镇）的社区或村录入备案"] } };
  }
  return { ok: true, placeId: place.id, streetId: place.parentId };
}

export async function saveProposal(
  ctx: ActionContext,
  id: number,
  input: { version: number; proposal: Proposal },
): Promise<WriteResult<Application>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const app = await loadVisible(db, actor, id);
  if (app.version !== input.version) return { ok: false, formError: staleMessage };
  const refused = applicantEditRefusal(actor.role, app);
  if (refused) return { ok: false, formError: refused };
  const proposal = pickProposal(app.kind, input.proposal);
  const where = await resolvePlace(db, actor, app.kind, proposal.placeId);
  if (!where.ok) return where;
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(applications)
      .set({
        proposed: proposal,
        title: proposal.name || app.title,
        ...(app.kind === "establishment" || app.kind === "filing"
          ? { placeId: where.placeId, streetId: where.streetId }
          : {}),
        updatedAt: ctx.now,
        version: app.version + 1,
      })
      .where(and(eq(applications.id, id), eq(applications.version, input.version), inArray(applications.state, editableStates)))
      .returning();
    if (!saved) return { ok: false, formError: staleMessage };
    await recordAudit(tx, ctx, {
      action: "application.save",
      entityType: "application",
      entityId: id,
      before: app.proposed,
      after: proposal,
    });
    return { ok: true, value: saved };
  });
}

/**
 * The applicant's form: the draft saved as typed, and, for "submit" or
 * "resubmit", submitted in the same go. A submission refused after the save
 * says so (`draftSaved`): what was typed is kept either way.
 */
export async function saveApplication(
  ctx: ActionContext,
  id: number,
  input: ProposalPost,
): Promise<WriteResult<{ submitted: boolean }> & { draftSaved?: boolean }> {
  const { intent, version, ...proposal } = input;
  const saved = await saveProposal(ctx, id, { version, proposal });
  if (!saved.ok) return saved;
  if (intent === "save") return { ok: true, value: { submitted: false } };
  const stepped = await takeStep(ctx, id, { action: intent, version: saved.value.version });
  if (!stepped.ok) return { ok: false, fieldErrors: stepped.fieldErrors, formError: `草稿已保存，但未能提交：${stepped.formError ?? ""}`, draftSaved: true };
  return { ok: true, value: { submitted: true } };
}

/* ------------------------------------------------------------------ steps */

export interface ApprovalDetails {
  uscc?: string;
  certificateNumber?: string;
  usccAcceptedReason?: string;
  /** A cancellation: the items handed back to the registry. */
  returned?: readonly string[];
}

/** Raised inside a transaction to undo it and answer the user instead. */
class Refused extends Error {
  constructor(readonly result: { ok: false; fieldErrors?: FieldErrors; formError?: string }) {
    super("refused");
  }
}

export async function takeStep(
  ctx: ActionContext,
  id: number,
  input: { action: ApplicationAction; version: number; reason?: string; approval?: ApprovalDetails },
): Promise<WriteResult<Application>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const app = await loadVisible(db, actor, id);
  // A stale page first: whoever acted since the officer loaded it is the news, not the state it left.
  if (app.version !== input.version) return { ok: false, formError: staleMessage };
  const why = refusal(app.kind, app.state, input.action, actor.role, input.reason);
  if (why) return { ok: false, formError: why };
  // The registry takes up an establishment only with the consent of the unit it names now.
  const unit = input.action === "accept" ? unitReviewNeeded(app.kind, app.proposed as Proposal) : null;
  const withoutConsent = input.action === "accept" ? unitReviewRefusal(app.kind, app.proposed as Proposal, app) : null;
  if (withoutConsent) return { ok: false, formError: withoutConsent };

  const current = app.organizationId
    ? (await db.select().from(organizations).where(eq(organizations.id, app.organizationId)))[0]
    : undefined;
  if (current && (current.status === "cancelled" || current.status === "revoked")) {
    return { ok: false, formError: "该组织已注销或被撤销登记，申请不能再办理。" };
  }
  if (input.action === "submit" || input.action === "resubmit") {
    const problems = submissionProblems(app.kind, app.proposed as Proposal, app.baseline ?? current, shanghaiDate(ctx.now));
    const duplicate = await duplicateNameProblem(db, app, current);
    if (duplicate) problems.name = [...(problems.name ?? []), duplicate];
    const files = await db.select({ material: applicationFiles.material }).from(applicationFiles).where(eq(applicationFiles.applicationId, id));
    const unattached = missingMaterialsProblem(missingMaterials(applicationMaterials(app, current), files));
    const incomplete = Object.keys(problems).length > 0;
    if (incomplete || unattached) {
      return {
        ok: false,
        fieldErrors: incomplete ? problems : undefined,
        formError: [incomplete ? "申请内容不完整或不符合条件，请按提示修改后再提交。" : "", unattached ?? ""].join(""),
      };
    }
  }

  const transition = transitionFor(input.action);
  try {
    return await db.transaction(async (tx) => {
      const acceptedAt = input.action === "accept" ? ctx.now : app.acceptedAt;
      const [claimed] = await tx
        .update(applications)
        .set({
          state: transition.to,
          updatedAt: ctx.now,
          version: app.version + 1,
          ...(input.action === "submit" || input.action === "resubmit" ? { submittedAt: ctx.now } : {}),
          ...(input.action === "accept" ? { acceptedAt, dueOn: await acceptanceDueOn(tx, app, current, ctx.now) } : {}),
          ...(input.action === "approve" || input.action === "reject" ? { decidedAt: ctx.now } : {}),
        })
        .where(
          and(
            eq(applications.id, id),
            eq(applications.version, input.version),
            eq(applications.state, app.state),
            unit ? and(eq(applications.unitName, unit), eq(applications.unitDecision, "consented")) : undefined,
          ),
        )
        .returning();
      if (!claimed) throw new Refused({ ok: false, formError: staleMessage });
      let result: Application = claimed;
      if (input.action === "approve") {
        const { organizationId, before } = await writeRegister(tx, ctx, app, input.approval ?? {});
        const [linked] = await tx
          .update(applications)
          .set({ organizationId, ...(app.kind === "change" && before ? { registerAtDecision: registerSnapshot(before) } : {}) })
          .where(eq(applications.id, id))
          .returning();
        result = linked!;
      } else if (input.action === "reject" && app.kind === "change" && current) {
        const [kept] = await tx.update(applications).set({ registerAtDecision: registerSnapshot(current) }).where(eq(applications.id, id)).returning();
        result = kept!;
      }
      await tx.insert(applicationSteps).values(step(ctx, id, input.action, app.state, transition.to, input.reason));
      await recordAudit(tx, ctx, {
        action: `application.${input.action}`,
        entityType: "application",
        entityId: id,
        before: { state: app.state },
        after: { state: transition.to },
        reason: input.reason ?? null,
      });
      return { ok: true as const, value: result };
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

/**
 * The 业务主管单位's review of an establishment that names it, while it waits
 * for 受理: consent, or not with its reasons. Once per unit: an application
 * that comes to name another unit is reviewed again by that one. The
 * application's version is left alone, so a registry officer's open page stays
 * good; 受理 itself checks the consent in the same statement that takes it.
 */
export async function reviewAsUnit(
  ctx: ActionContext,
  id: number,
  input: { decision: UnitDecision; opinion?: string },
): Promise<WriteResult<Application>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "application:consent")) forbidden();
  const db = await getDb();
  const app = await loadVisible(db, actor, id);
  const unit = unitReviewNeeded(app.kind, app.proposed as Proposal);
  if (!unit || unit !== actor.supervisingUnit?.trim()) notFound("找不到该申请。");
  const opinion = (input.opinion ?? "").trim();
  if (input.decision === "withheld" && !opinion) return { ok: false, fieldErrors: { opinion: ["不同意须写明理由"] } };
  if (app.state !== "submitted") return { ok: false, formError: "申请已不在等待受理的阶段，不能再审查。" };
  if (app.unitName === unit && app.unitDecision) return { ok: false, formError: "本单位已审查过该申请。" };
  return db.transaction(async (tx) => {
    const [reviewed] = await tx
      .update(applications)
      .set({ unitName: unit, unitDecision: input.decision, unitDecidedAt: ctx.now, unitOpinion: opinion || null, updatedAt: ctx.now })
      .where(
        and(
          eq(applications.id, id),
          eq(applications.state, "submitted"),
          sql`(${applications.unitName} is distinct from ${unit} or ${applications.unitDecision} is null)`,
        ),
      )
      .returning();
    if (!reviewed) return { ok: false, formError: "申请刚被处理或已审查，请刷新页面查看最新状态。" };
    await tx.insert(applicationSteps).values(step(ctx, id, input.decision, "submitted", "submitted", opinion || null));
    await recordAudit(tx, ctx, {
      action: `application.unit_${input.decision === "consented" ? "consent" : "withhold"}`,
      entityType: "application",
      entityId: id,
      before: { unitName: app.unitName, unitDecision: app.unitDecision },
      after: { unitName: unit, unitDecision: input.decision },
      reason: opinion || null,
    });
    return { ok: true, value: reviewed };
  });
}

/**
 * The registry's decision from the application's page; an approval carries the code and certificate it
 * registers, or, for a cancellation, what was handed back; a return names every missing material at once.
 */
export async function decideApplication(ctx: ActionContext, id: number, input: DecisionPost): Promise<WriteResult<{ notice: string }>> {
  let reason = input.reason || undefined;
  if (input.decision === "return") {
    const notice = materialsNotice(input.missing, input.reason);
    if (!notice) return { ok: false, fieldErrors: { reason: ["请勾选需补正的材料，或写明需补正的事项（一次性告知）"] } };
    reason = notice;
  }
  const result = await takeStep(ctx, id, {
    action: input.decision,
    version: input.version,
    reason,
    approval: {
      uscc: input.uscc || undefined,
      certificateNumber: input.certificateNumber || undefined,
      usccAcceptedReason: input.usccAcceptedReason || undefined,
      returned: input.returned,
    },
  });
  if (!result.ok) return result;
  // A refusal is named by whether the application had been accepted (不予受理 or 不予登记).
  const label = decisionLabel(result.value.kind, input.decision, result.value.acceptedAt ? "accepted" : "submitted");
  return { ok: true, value: { notice: input.decision === "reject" ? `已作出${label}的决定，理由和救济途径已告知申请人。` : `已${label}。` } };
}


async function duplicateNameProblem(db: Database, app: Application, current: Organization | undefined): Promise<string | null> {
  const name = (app.proposed as Proposal).name;
  if (!name || name === current?.name) return null;
  return (await liveNameTaken(db, name, current?.id)) ? "登记簿中已有同名的社会组织，请更换名称" : null;
}

/**
 * Writes an approved application into the register and its history; returns the
 * organization's id and, for a change or cancellation, its record just before.
 */
async function writeRegister(
  tx: Database,
  ctx: ActionContext,
  app: Application,
  approval: ApprovalDetails,
): Promise<{ organizationId: number; before?: Organization }> {
  const proposal = app.proposed as Proposal;
  if (app.kind === "establishment" || app.kind === "filing") return { organizationId: await createOrganization(tx, ctx, app, proposal, approval) };
  // Read and lock the record inside the transaction, so a correction cannot land in between.
  const [current] = app.organizationId
    ? await tx.select().from(organizations).where(eq(organizations.id, app.organizationId)).for("update")
    : [];
  if (!current) throw new Refused({ ok: false, formError: "找不到该申请所涉及的社会组织。" });
  if (current.status !== "normal" && current.status !== "abnormal") {
    throw new Refused({ ok: false, formError: "该组织已注销或被撤销登记，不能再准予。" });
  }
  const today = shanghaiDate(ctx.now);
  let updates: Partial<Organization>;
  let kind: "cancellation" | "change";
  let fields: readonly string[];
  if (app.kind === "cancellation") {
    kind = "cancellation";
    const handover = handoverProblem(current.type, approval.returned ?? []);
    if (handover) throw new Refused({ ok: false, fieldErrors: { returned: [handover] } });
    const liquidation = proposal.liquidationCompletedOn ? `清算于 ${proposal.liquidationCompletedOn} 完成；` : "";
    updates = { status: "cancelled", statusSince: today, statusReason: `${proposal.cancellationReason ?? "申请注销"}（${liquidation}${handoverRecord(current.type)}）` };
    fields = ["status", "statusSince", "statusReason"];
  } else {
    // Only what the applicant changed from the register as it stood when they began: an officer's
    // correction made since then is not undone.
    kind = "change";
    updates = requestedChanges(proposal, app.baseline) as Partial<Organization>;
    fields = changeableFields;
    if (updates.name && (await liveNameTaken(tx, updates.name, current.id))) {
      throw new Refused({ ok: false, formError: "登记簿中已有同名的社会组织，不能准予名称变更。" });
    }
  }
  const [after] = await tx
    .update(organizations)
    .set({ ...updates, updatedAt: ctx.now, version: current.version + 1 })
    .where(and(eq(organizations.id, current.id), eq(organizations.version, current.version)))
    .returning();
  if (!after) throw new Refused({ ok: false, formError: "该组织的登记信息刚被修改，请刷新后重试。" });
  const changes = diffFields(current, after, fields);
  await recordOrganizationChange(tx, ctx, {
    organizationId: current.id,
    kind,
    changes,
    applicationId: app.id,
    reason: (kind === "cancellation" ? proposal.cancellationReason : proposal.changeReason) ?? null,
  });
  await recordAudit(tx, ctx, {
    action: `organization.${kind}`,
    entityType: "organization",
    entityId: current.id,
    before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
    after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    reason: `申请第 ${app.id} 号`,
  });
  return { organizationId: current.id, before: current };
}

/** A new organization from an approved establishment or filing, with its first history entry. */
async function createOrganization(
  tx: Database,
  ctx: ActionContext,
  app: Application,
  proposal: Proposal,
  approval: ApprovalDetails,
): Promise<number> {
  const today = shanghaiDate(ctx.now);
  const filed = app.kind === "filing";
  const type: Organization["type"] = filed ? "community" : (proposal.type ?? "social_group");
  const uscc = filed ? null : normalizeUscc(approval.uscc ?? "");
  if (!filed) {
    const problems = usccProblems(uscc ?? "", usccKindOf[type]);
    const legacyOnly = problems.every((p) => p.code === "check" || p.code === "org_code_check");
    if (problems.length && !(legacyOnly && approval.usccAcceptedReason?.trim())) {
      throw new Refused({
        ok: false,
        fieldErrors: {
          uscc: problems.map((p) => p.message).concat(legacyOnly ? ["如确为早期试点赋予的代码，请填写接受理由"] : []),
        },
      });
    }
    if (!approval.certificateNumber?.trim()) {
      throw new Refused({ ok: false, fieldErrors: { certificateNumber: ["请填写登记证书编号"] } });
    }
  }
  const [street] = app.streetId ? await tx.select().from(places).where(eq(places.id, app.streetId)) : [];
  const [district] = await tx.select().from(places).where(eq(places.level, "district")).limit(1);
  const values = {
    name: proposal.name!,
    type,
    uscc,
    filingNumber: filed ? (await nextFilingNumbers(tx, street?.name ?? "", today, 1))[0]! : null,
    certificateNumber: filed ? null : approval.certificateNumber!.trim(),
    registeringAuthority: filed ? (street?.name ?? null) : `${district?.name ?? ""}民政局`,
    supervisingUnit: proposal.supervisingUnit ?? null,
    legalRepresentative: proposal.legalRepresentative ?? null,
    address: proposal.address ?? null,
    registeredFunds: proposal.registeredFunds ?? null,
    businessScope: proposal.businessScope ?? null,
    category: filed ? (proposal.category ?? null) : null,
    contactPhone: proposal.contactPhone ?? null,
    usccAcceptedReason: filed ? null : approval.usccAcceptedReason?.trim() || null,
    status: "normal" as const,
    registeredOn: today,
    placeId: app.placeId,
    streetId: app.streetId,
  };
  const created = await insertOrRefuse(tx, values);
  await recordOrganizationChange(tx, ctx, {
    organizationId: created.id,
    kind: filed ? "filing" : "establishment",
    changes: diffFields({}, created, ["name", "uscc", "filingNumber", "legalRepresentative", "address", "supervisingUnit", "registeredFunds", "businessScope", "category"]),
    applicationId: app.id,
    reason: kindLabels[app.kind],
  });
  await recordAudit(tx, ctx, { action: `organization.${filed ? "file" : "register"}`, entityType: "organization", entityId: created.id, after: created, reason: `申请第 ${app.id} 号` });
  // A preparatory group's account acts for the organization it founded.
  if (!filed && app.applicantUserId) {
    const [linked] = await tx
      .update(users)
      .set({ organizationId: created.id })
      .where(and(eq(users.id, app.applicantUserId), sql`${users.organizationId} is null`))
      .returning({ id: users.id, username: users.username });
    if (linked) {
      await recordAudit(tx, ctx, { action: "user.link_organization", entityType: "user", entityId: linked.id, before: { organizationId: null }, after: { organizationId: created.id }, reason: `成立登记准予（申请第 ${app.id} 号）` });
    }
  }
  return created.id;
}

async function insertOrRefuse(tx: Database, values: typeof organizations.$inferInsert): Promise<Organization> {
  // A savepoint keeps the transaction usable when a unique index refuses the row.
  try {
    return await tx.transaction(async (sp) => (await sp.insert(organizations).values(values).returning())[0]!);
  } catch (error) {
    const field = duplicateField(error);
    if (!field) throw error;
    if (field === "uscc") throw new Refused({ ok: false, fieldErrors: { uscc: [duplicateMessages.uscc] } });
    throw new Refused({ ok: false, formError: `${duplicateMessages[field]}，不能准予。` });
  }
}

/**
 * "开元街道社备〔2026〕003号": one more than the street's highest this year, and
 * the `count` after it (an import files many at once). A lock per street and
 * year keeps two approvals at once from taking the same number.
 */
export async function nextFilingNumbers(tx: Database, streetName: string, today: string, count: number): Promise<string[]> {
  const prefix = `${streetName}社备〔${today.slice(0, 4)}〕`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${prefix}))`);
  const taken = await tx
    .select({ filingNumber: organizations.filingNumber })
    .from(organizations)
    .where(like(organizations.filingNumber, `${escapeLike(prefix)}%`));
  const highest = Math.max(0, ...taken.map((t) => Number(/(\d+)号$/.exec(t.filingNumber ?? "")?.[1] ?? 0)));
  return Array.from({ length: count }, (_, i) => `${prefix}${String(highest + 1 + i).padStart(3, "0")}号`);
}

/* ------------------------------------------------------------------ files */

/** Uploads files as one material of the application's list (or 其他材料). */
export async function attachFiles(
  ctx: ActionContext,
  id: number,
  files: Upload[],
  input: { material?: string },
): Promise<WriteResult<number>> {
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const app = await loadVisible(db, actor, id);
  const refused = applicantEditRefusal(actor.role, app);
  if (refused) return { ok: false, formError: refused };
  const organization = app.organizationId ? (await db.select().from(organizations).where(eq(organizations.id, app.organizationId)))[0] : undefined;
  const material = input.material ?? "";
  if (!isMaterialOf(applicationMaterials(app, organization), material)) return { ok: false, fieldErrors: { material: ["请选择所上传的是哪一项材料"] } };
  const problems = uploadProblems(files);
  if (problems.length) return { ok: false, fieldErrors: { files: problems } };
  return db.transaction(async (tx) => {
    if (!(await claimForApplicant(tx, id, ctx.now))) return { ok: false, formError: staleMessage };
    for (const file of files) {
      const [stored] = await tx
        .insert(applicationFiles)
        .values({ applicationId: id, material, ...storedAttachment(file, actor.userId, ctx.now) })
        .returning({ id: applicationFiles.id, fileName: applicationFiles.fileName, size: applicationFiles.size, sha256: applicationFiles.sha256, material: applicationFiles.material });
      await recordAudit(tx, ctx, { action: "application.attach", entityType: "application", entityId: id, after: stored });
    }
    return { ok: true, value: files.length };
  });
}

export async function removeFile(ctx: ActionContext, id: number, input: { fileId: number }): Promise<WriteResult<null>> {
  const { fileId } = input;
  const actor = ctx.actor;
  if (!actor) forbidden();
  const db = await getDb();
  const app = await loadVisible(db, actor, id);
  const refused = applicantEditRefusal(actor.role, app);
  if (refused) return { ok: false, formError: refused };
  if (!isRowId(fileId)) notFound("找不到该文件。");
  return db.transaction(async (tx) => {
    if (!(await claimForApplicant(tx, id, ctx.now))) return { ok: false, formError: staleMessage };
    const [removed] = await tx
      .delete(applicationFiles)
      .where(and(eq(applicationFiles.id, fileId), eq(applicationFiles.applicationId, id)))
      .returning({ id: applicationFiles.id, fileName: applicationFiles.fileName, sha256: applicationFiles.sha256 });
    if (!removed) notFound("找不到该文件。");
    await recordAudit(tx, ctx, { action: "application.remove_file", entityType: "application", entityId: id, before: removed });
    return { ok: true, value: null };
  });
}

/** The statutory last day to decide, counted from the day of acceptance by the application's kind (periods.ts). */
async function acceptanceDueOn(tx: Database, app: Application, current: typeof organizations.$inferSelect | undefined, now: Date): Promise<string> {
  const type = (app.proposed as Proposal).type ?? current?.type ?? null;
  return decisionDueOn(decisionPeriod(app.kind, type as OrganizationType | null), shanghaiDate(now), await getSetting("publicHolidays", tx));
}
