/**
 * Running spot checks (双随机一公开): a plan, its draw with a recorded seed, the
 * inspectors' findings, 限期整改 items, the organization's answer, the
 * registry's verification, and the results made public. Every write checks
 * permission and scope, runs in one transaction and writes the audit log.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { checkItems, checkPlans, organizations, rectifications } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { drawChecks, sampleSize } from "./draw";
import type { PlanPost, PlanWork, RectificationAnswer } from "./forms";
import { deadlineProblem, type RectificationVerdict } from "./rules";
import { liveStatuses } from "../organizations/rules";

const stale = { ok: false as const, formError: "该页面已被其他人更新，请刷新后查看最新情况。" };

function requireManager(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "spotcheck:manage")) forbidden();
  return actor;
}

export async function createPlan(ctx: ActionContext, input: PlanPost): Promise<WriteResult<{ id: number }>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(checkPlans)
      .values({
        title: input.title,
        matters: input.matters,
        scope: { types: input.types, streetIds: [...new Set(input.streetIds)] },
        sampleKind: input.sampleKind,
        sampleValue: input.sampleValue,
        inspectors: input.inspectors,
        perCheck: input.perCheck,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, { action: "spotcheck.create_plan", entityType: "check_plan", entityId: plan!.id, after: plan });
    return { ok: true, value: { id: plan!.id } };
  });
}

/** The organizations a plan's scope covers today: registered and not ended, of its kinds and streets, by id. */
async function populationOf(tx: Database, scope: { types: string[]; streetIds: number[] }) {
  const rows = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(organizations.type, scope.types as Array<(typeof organizations.type.enumValues)[number]>),
        inArray(organizations.status, [...liveStatuses]),
        scope.streetIds.length ? inArray(organizations.streetId, scope.streetIds) : undefined,
      ),
    )
    .orderBy(organizations.id);
  return rows.map((r) => r.id);
}

/** Draws once, with a fresh random seed kept on the plan beside the population it drew from. */
async function draw(ctx: ActionContext, planId: number, version: number): Promise<WriteResult<{ drawn: number }>> {
  const actor = requireManager(ctx.actor);
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<{ drawn: number }>> => {
    const [plan] = await tx.select().from(checkPlans).where(eq(checkPlans.id, planId)).for("update");
    if (!plan) notFound("找不到该抽查计划。");
    if (plan.version !== version) return stale;
    if (plan.drawnAt) return { ok: false, formError: "该计划已经抽取，不能重新抽取。" };
    const population = await populationOf(tx, plan.scope);
    const count = sampleSize({ kind: plan.sampleKind, value: plan.sampleValue }, population.length);
    if (!count) return { ok: false, formError: "抽查范围内没有可抽取的组织，请调整计划的范围。" };
    const seed = randomBytes(16).toString("hex");
    const drawn = drawChecks({ seed, population, count, inspectors: plan.inspectors, perCheck: plan.perCheck });
    await tx.update(checkPlans).set({ seed, population, drawnAt: ctx.now, drawnBy: actor.userId, version: plan.version + 1 }).where(eq(checkPlans.id, planId));
    await tx.insert(checkItems).values(drawn.map((d, i) => ({ planId, organizationId: d.organizationId, position: i + 1, inspectors: d.inspectors })));
    await recordAudit(tx, ctx, { action: "spotcheck.draw", entityType: "check_plan", entityId: planId, after: { seed, population: population.length, drawn: drawn.map((d) => d.organizationId) } });
    return { ok: true, value: { drawn: drawn.length } };
  });
}

/** The officer's work on a plan, by intent. */
export async function workOnPlan(ctx: ActionContext, planId: number, input: PlanWork): Promise<WriteResult<unknown>> {
  const actor = requireManager(ctx.actor);
  if (input.intent === "draw") return draw(ctx, planId, input.version);
  const today = shanghaiDate(ctx.now);
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<unknown>> => {
    const [plan] = await tx.select().from(checkPlans).where(eq(checkPlans.id, planId)).for("update");
    if (!plan) notFound("找不到该抽查计划。");
    if (!plan.drawnAt) return { ok: false, formError: "该计划尚未抽取。" };
    const itemOf = async (itemId: number) => {
      const [item] = await tx.select().from(checkItems).where(and(eq(checkItems.id, itemId), eq(checkItems.planId, planId)));
      return item ?? notFound("找不到该检查对象。");
    };
    switch (input.intent) {
      case "finding": {
        if (plan.publishedAt) return { ok: false, formError: "检查结果已公布，不能再修改。" };
        const item = await itemOf(input.itemId);
        if (item.version !== input.version) return stale;
        if (input.finding !== "problems") {
          const [ordered] = await tx.select({ id: rectifications.id }).from(rectifications).where(eq(rectifications.checkItemId, item.id)).limit(1);
          if (ordered) return { ok: false, fieldErrors: { finding: ["已对该组织责令整改，检查结果应为“发现问题”"] } };
        }
        if (input.checkedOn > today) return { ok: false, fieldErrors: { checkedOn: ["检查日期不能晚于今天"] } };
        if (input.checkedOn < shanghaiDate(plan.drawnAt)) return { ok: false, fieldErrors: { checkedOn: ["检查日期不能早于抽取日期"] } };
        const [after] = await tx
          .update(checkItems)
          .set({ finding: input.finding, findings: input.findings, checkedOn: input.checkedOn, recordedBy: actor.userId, recordedAt: ctx.now, version: item.version + 1 })
          .where(eq(checkItems.id, item.id))
          .returning();
        await recordAudit(tx, ctx, { action: "spotcheck.record_finding", entityType: "check_plan", entityId: planId, before: item, after });
        return { ok: true, value: null };
      }
      case "rectification": {
        if (plan.publishedAt) return { ok: false, formError: "检查结果已公布，不能再责令整改；如需后续处理，请另行制定计划。" };
        const item = await itemOf(input.itemId);
        if (item.finding !== "problems") return { ok: false, formError: "请先记录“发现问题”的检查结果，再责令整改。" };
        const problem = deadlineProblem(input.deadline, today);
        if (problem) return { ok: false, fieldErrors: { deadline: [problem] } };
        const [row] = await tx
          .insert(rectifications)
          .values({ checkItemId: item.id, organizationId: item.organizationId, problem: input.problem, deadline: input.deadline, orderedOn: today, orderedBy: actor.userId })
          .returning();
        await recordAudit(tx, ctx, { action: "spotcheck.order_rectification", entityType: "organization", entityId: item.organizationId, after: row });
        return { ok: true, value: null };
      }
      case "verify": {
        const [row] = await tx
          .select({ r: rectifications })
          .from(rectifications)
          .innerJoin(checkItems, eq(checkItems.id, rectifications.checkItemId))
          .where(and(eq(rectifications.id, input.rectificationId), eq(checkItems.planId, planId)))
          .for("update");
        if (!row) notFound("找不到该整改事项。");
        return verifyRectificationIn(tx, ctx, row.r, input);
      }
      case "publish": {
        if (plan.version !== input.version) return stale;
        if (plan.publishedAt) return { ok: false, formError: "检查结果已经公布。" };
        const open = await tx.select({ id: checkItems.id }).from(checkItems).where(and(eq(checkItems.planId, planId), isNull(checkItems.finding)));
        if (open.length) return { ok: false, formError: `还有 ${open.length} 个检查对象未记录检查结果，不能公布。` };
        await tx.update(checkPlans).set({ publishedAt: ctx.now, summary: input.summary, version: plan.version + 1 }).where(eq(checkPlans.id, planId));
        await recordAudit(tx, ctx, { action: "spotcheck.publish", entityType: "check_plan", entityId: planId, after: { summary: input.summary } });
        return { ok: true, value: null };
      }
    }
  });
}

type Rectification = typeof rectifications.$inferSelect;

/** How the audit log names a step on an item, by where the item came from. */
const rectificationAudit = (r: Rectification, step: "answer" | "verify") =>
  r.inspectionReportId !== null ? `inspection.${step}_correction` : `spotcheck.${step}_rectification`;

/**
 * The registry's verification of one item, read and locked by the caller
 * within its scope (a plan's checks, a report's conclusion): done once the
 * organization reported its correction; not done at any time after the deadline.
 */
export async function verifyRectificationIn(
  tx: Database,
  ctx: ActionContext,
  r: Rectification,
  input: { version: number; verdict: RectificationVerdict; note: string },
): Promise<WriteResult<null>> {
  const actor = ctx.actor!;
  const today = shanghaiDate(ctx.now);
  if (r.version !== input.version) return stale;
  if (r.verdict) return { ok: false, formError: "该整改事项已经核实。" };
  if (input.verdict === "done" && !r.answeredOn) return { ok: false, formError: "该组织尚未报告整改情况，不能核实为已完成。" };
  if (input.verdict === "not_done" && !r.answeredOn && today <= r.deadline) return { ok: false, formError: "整改期限尚未届满，组织也未报告整改情况。" };
  const [after] = await tx
    .update(rectifications)
    .set({ verdict: input.verdict, verifiedOn: today, verifiedBy: actor.userId, verificationNote: input.note, version: r.version + 1 })
    .where(eq(rectifications.id, r.id))
    .returning();
  await recordAudit(tx, ctx, { action: rectificationAudit(r, "verify"), entityType: "organization", entityId: r.organizationId, before: r, after });
  return { ok: true, value: null };
}

/** The organization reports how it corrected a problem; it may amend the report until the registry verifies it, dated by the first. */
export async function answerRectification(ctx: ActionContext, input: RectificationAnswer): Promise<WriteResult<null>> {
  const actor = ctx.actor;
  if (!actor || !hasPermission(actor, "rectification:answer") || !actor.organizationId) forbidden();
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<null>> => {
    const [r] = await tx
      .select()
      .from(rectifications)
      .where(and(eq(rectifications.id, input.rectificationId), eq(rectifications.organizationId, actor.organizationId!)))
      .for("update");
    if (!r) notFound("找不到该整改事项。");
    if (r.version !== input.version) return stale;
    if (r.verdict) return { ok: false, formError: "登记管理机关已核实该整改事项，不能再修改整改情况。" };
    const [after] = await tx
      .update(rectifications)
      .set({ answer: input.answer, answeredOn: r.answeredOn ?? shanghaiDate(ctx.now), answeredBy: actor.userId, version: r.version + 1 })
      .where(eq(rectifications.id, r.id))
      .returning();
    await recordAudit(tx, ctx, { action: rectificationAudit(r, "answer"), entityType: "organization", entityId: r.organizationId, before: r, after });
    return { ok: true, value: null };
  });
}
