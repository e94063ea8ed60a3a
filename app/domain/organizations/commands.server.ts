/**
 * The officers' corrections of a register record: with a reason, on the version
 * they loaded; the record, one history entry and one audit row in one transaction.
 */
import { and, eq, ne, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { organizations, places } from "../../../db/schema";
import { can, hasPermission } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { diffFields, recordOrganizationChange } from "./history.server";
import { isFiled, usccKindOf, isLive, registeredCategoryProblem } from "./rules";
import type { CorrectionInput } from "./forms";
import { duplicateField, duplicateMessages, liveNameTaken } from "./integrity.server";
import { normalizeUscc, usccProblems } from "./uscc";

type Organization = typeof organizations.$inferSelect;
type FieldErrors = Record<string, string[]>;

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

/**
 * The code fields a kind uses: a USCC for registered kinds, a filing number and a category for filed ones.
 * A registered social group or private non-enterprise unit may carry a category too, as the
 * community social organization of its community or village (registeredCategoryProblem, once the place is known).
 */
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
  const code = normalizeUscc(input.uscc ?? "");
  return {
    uscc: code || null,
    usccAcceptedReason: usccAcceptance(organization, code, input, errors),
    filingNumber: null,
    category: input.category ?? null,
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
  const live = isLive(before.status);
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
      const categoryProblem = registeredCategoryProblem({ type: before.type, category: codes.category, placeId: input.placeId });
      if (categoryProblem) errors[categoryProblem.field] ??= [categoryProblem.message];
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
