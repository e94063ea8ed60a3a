/**
 * Reading spot checks: the registry's plans and their work, the organization's
 * own rectification items, and what the public sees — every drawn plan with its
 * seed and population so the draw can be replayed, and the findings once published.
 */
import { and, asc, desc, eq, inArray, isNotNull, type Placeholder } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { checkItems, checkPlans, inspectionReports, organizations, places, rectifications } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { forbidden, notFound } from "../shared/errors";
import { formatDate, shanghaiDate } from "../shared/time";
import { drawChecks, drawRule, sampleSize } from "./draw";
import { rectificationState } from "./rules";

type Plan = typeof checkPlans.$inferSelect;

function requireManager(actor: Actor) {
  if (!hasPermission(actor, "spotcheck:manage")) forbidden();
}

/** Whether the draw a plan stored is the one its seed and population give: anyone can run the same rule. */
function replayMatches(plan: Plan, items: Array<{ organizationId: number; inspectors: string[]; position: number }>): boolean | null {
  if (!plan.seed || !plan.population) return null;
  const replay = drawChecks({
    seed: plan.seed,
    population: plan.population,
    count: sampleSize({ kind: plan.sampleKind, value: plan.sampleValue }, plan.population.length),
    inspectors: plan.inspectors,
    perCheck: plan.perCheck,
  });
  const stored = [...items].sort((a, b) => a.position - b.position);
  return replay.length === stored.length && replay.every((d, i) => d.organizationId === stored[i]!.organizationId && d.inspectors.join("、") === stored[i]!.inspectors.join("、"));
}

async function itemsOf(planIds: number[]) {
  if (!planIds.length) return [];
  const db = await getDb();
  return db
    .select({ item: checkItems, name: organizations.name, type: organizations.type, uscc: organizations.uscc })
    .from(checkItems)
    .innerJoin(organizations, eq(organizations.id, checkItems.organizationId))
    .where(inArray(checkItems.planId, planIds))
    .orderBy(asc(checkItems.planId), asc(checkItems.position));
}

/** The registry's plans, newest first, with how far each has got. */
export async function planListPage(actor: Actor, now: Date) {
  requireManager(actor);
  const db = await getDb();
  const plans = await db.select().from(checkPlans).orderBy(desc(checkPlans.createdAt), desc(checkPlans.id));
  const items = await itemsOf(plans.map((p) => p.id));
  const rects = items.length ? await db.select().from(rectifications).where(inArray(rectifications.checkItemId, items.map((i) => i.item.id))) : [];
  const today = shanghaiDate(now);
  const streets = await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.level, ["street", "town"])).orderBy(asc(places.code));
  return {
    plans: plans.map((p) => {
      const mine = items.filter((i) => i.item.planId === p.id);
      const itemIds = new Set(mine.map((i) => i.item.id));
      const open = rects.filter((r) => itemIds.has(r.checkItemId ?? 0)).map((r) => rectificationState(r, today));
      return {
        id: p.id,
        title: p.title,
        createdAt: p.createdAt,
        drawnAt: p.drawnAt,
        publishedAt: p.publishedAt,
        drawn: mine.length,
        checked: mine.filter((i) => i.item.finding).length,
        problems: mine.filter((i) => i.item.finding === "problems").length,
        rectifying: open.filter((s) => s === "open" || s === "answered").length,
        answered: open.filter((s) => s === "answered").length,
        overdue: open.filter((s) => s === "overdue" || s === "not_done").length,
      };
    }),
    streets,
  };
}

/** One plan for the registry: the draw, each organization's finding and its rectification items with their state. */
export async function planPage(actor: Actor, planId: number, now: Date) {
  requireManager(actor);
  const db = await getDb();
  const [plan] = await db.select().from(checkPlans).where(eq(checkPlans.id, planId));
  if (!plan) notFound("找不到该抽查计划。");
  const items = await itemsOf([planId]);
  const rects = items.length ? await db.select().from(rectifications).where(inArray(rectifications.checkItemId, items.map((i) => i.item.id))).orderBy(asc(rectifications.id)) : [];
  const today = shanghaiDate(now);
  const streets = plan.scope.streetIds.length ? await db.select({ name: places.name }).from(places).where(inArray(places.id, plan.scope.streetIds)) : [];
  return {
    plan,
    streets: streets.map((s) => s.name),
    rule: drawRule,
    replayed: replayMatches(plan, items.map((i) => i.item)),
    items: items.map(({ item, name, type }) => ({
      ...item,
      name,
      type,
      rectifications: rects.filter((r) => r.checkItemId === item.id).map((r) => ({ ...r, state: rectificationState(r, today) })),
    })),
    today,
  };
}

/** The public list of plans drawn, newest first. */
export async function publicPlans() {
  const db = await getDb();
  const plans = await db.select().from(checkPlans).where(isNotNull(checkPlans.drawnAt)).orderBy(desc(checkPlans.drawnAt), desc(checkPlans.id));
  const items = await itemsOf(plans.map((p) => p.id));
  return plans.map((p) => ({
    id: p.id,
    title: p.title,
    matters: p.matters,
    drawnAt: p.drawnAt!,
    publishedAt: p.publishedAt,
    drawn: items.filter((i) => i.item.planId === p.id).length,
    population: p.population?.length ?? 0,
  }));
}

/**
 * One drawn plan as the public sees it: the scope, the seed and the ids of the
 * organizations that could be drawn (to replay the draw), the organizations and
 * inspectors drawn, and — once the registry publishes — each finding and the summary.
 */
export async function publicPlan(planId: number) {
  const db = await getDb();
  const [plan] = await db.select().from(checkPlans).where(and(eq(checkPlans.id, planId), isNotNull(checkPlans.drawnAt)));
  if (!plan) notFound("找不到该抽查计划，或尚未抽取。");
  const items = await itemsOf([planId]);
  const streets = plan.scope.streetIds.length ? await db.select({ name: places.name }).from(places).where(inArray(places.id, plan.scope.streetIds)) : [];
  const published = !!plan.publishedAt;
  const rects = published && items.length ? await db.select().from(rectifications).where(inArray(rectifications.checkItemId, items.map((i) => i.item.id))) : [];
  return {
    id: plan.id,
    title: plan.title,
    matters: plan.matters,
    types: plan.scope.types,
    streets: streets.map((s) => s.name),
    sample: { kind: plan.sampleKind, value: plan.sampleValue },
    perCheck: plan.perCheck,
    inspectors: plan.inspectors,
    seed: plan.seed!,
    population: plan.population ?? [],
    drawnAt: plan.drawnAt!,
    publishedAt: plan.publishedAt,
    summary: published ? plan.summary : null,
    rule: drawRule,
    replayed: replayMatches(plan, items.map((i) => i.item)),
    items: items.map(({ item, name, type, uscc }) => ({
      position: item.position,
      organizationId: item.organizationId,
      name,
      type,
      uscc,
      inspectors: item.inspectors,
      finding: published ? item.finding : null,
      findings: published ? item.findings : null,
      checkedOn: published ? item.checkedOn : null,
      rectifications: rects.filter((r) => r.checkItemId === item.id).map((r) => ({ problem: r.problem, deadline: r.deadline, verdict: r.verdict, verifiedOn: r.verifiedOn })),
    })),
  };
}

/** The organization's own rectification items, the open ones first: a check's findings, or a published 基本合格. */
export async function ownRectifications(actor: Actor, now: Date) {
  if (!hasPermission(actor, "rectification:answer") || !actor.organizationId) return [];
  const db = await getDb();
  const rows = await db
    .select({
      r: rectifications,
      plan: checkPlans.title,
      checkedOn: checkItems.checkedOn,
      findings: checkItems.findings,
      inspectionYear: inspectionReports.year,
      publishedAt: inspectionReports.publishedAt,
    })
    .from(rectifications)
    .leftJoin(checkItems, eq(checkItems.id, rectifications.checkItemId))
    .leftJoin(checkPlans, eq(checkPlans.id, checkItems.planId))
    .leftJoin(inspectionReports, eq(inspectionReports.id, rectifications.inspectionReportId))
    .where(eq(rectifications.organizationId, actor.organizationId))
    .orderBy(asc(rectifications.deadline), asc(rectifications.id));
  const today = shanghaiDate(now);
  return rows
    .map(({ r, plan, checkedOn, findings, inspectionYear, publishedAt }) => ({
      ...r,
      ...rectificationSource({ plan, checkedOn, findings, inspectionYear, publishedAt }),
      state: rectificationState(r, today),
    }))
    .sort((a, b) => Number(!!a.verdict) - Number(!!b.verdict));
}

/** Where an item came from, in the words its pages use: the check plan and what it found, or the inspection year and its conclusion. */
function rectificationSource(s: { plan: string | null; checkedOn: string | null; findings: string | null; inspectionYear: number | null; publishedAt: Date | null }) {
  if (s.inspectionYear !== null) {
    return { plan: `${s.inspectionYear} 年度年检基本合格`, origin: `${s.inspectionYear} 年度年检结论为基本合格（${formatDate(s.publishedAt)}公布）`, link: `/org/inspections/${s.inspectionYear}` };
  }
  return { plan: s.plan ?? "", origin: `检查情况：${s.findings ?? ""}`, link: null };
}

/** An organization's spot checks whose results are public, newest first: for its public record. */
export function publishedChecksQuery(db: Database, organizationId: number | Placeholder) {
  return db
    .select({ planId: checkPlans.id, title: checkPlans.title, publishedAt: checkPlans.publishedAt, finding: checkItems.finding, findings: checkItems.findings, checkedOn: checkItems.checkedOn })
    .from(checkItems)
    .innerJoin(checkPlans, eq(checkPlans.id, checkItems.planId))
    .where(and(eq(checkItems.organizationId, organizationId), isNotNull(checkPlans.publishedAt)))
    .orderBy(desc(checkPlans.publishedAt));
}
