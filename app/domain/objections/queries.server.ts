/**
 * Reading objections: the organization's own, with the registry's answers; the
 * registry's worklist, open ones by due day, overdue ones flagged.
 */
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { creditObjections, organizations } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, withinReach } from "../../auth/scope.server";
import { forbidden } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { isOverdue, type ObjectionView } from "./rules";

function viewCondition(view: ObjectionView, today: string): SQL | undefined {
  const open = inArray(creditObjections.state, ["filed", "upheld"]);
  if (view === "open") return open;
  if (view === "closed") return inArray(creditObjections.state, ["dismissed", "corrected"]);
  if (view === "overdue")
    return or(
      and(eq(creditObjections.state, "filed"), lt(creditObjections.answerDueOn, today)),
      and(eq(creditObjections.state, "upheld"), lt(creditObjections.correctionDueOn, today)),
    );
  return undefined;
}

/** The association's objections, newest first, with the registry's answers. */
export async function ownObjections(actor: Actor, now: Date) {
  if (!hasPermission(actor, "credit:object") || !actor.organizationId) return { objections: [], organizationId: null };
  const db = await getDb();
  const rows = await db
    .select()
    .from(creditObjections)
    .where(eq(creditObjections.organizationId, actor.organizationId))
    .orderBy(desc(creditObjections.filedAt), desc(creditObjections.id));
  const today = shanghaiDate(now);
  return { objections: rows.map((o) => ({ ...o, overdue: isOverdue(o, today) })), organizationId: actor.organizationId };
}

/** The registry's worklist in one view, a page at a time: open ones by the day the next step is due, closed ones newest first. */
export async function officerObjections(actor: Actor, view: ObjectionView, now: Date, paging: { page: number; pageSize: number }) {
  if (!hasPermission(actor, "credit:record")) forbidden();
  const today = shanghaiDate(now);
  const db = await getDb();
  const due = sql`coalesce(${creditObjections.correctionDueOn}, ${creditObjections.answerDueOn})`;
  const where = and(withinReach(officerReach(actor), organizations.streetId), viewCondition(view, today));
  const [rows, [counted]] = await Promise.all([
    db
      .select({ objection: creditObjections, organizationName: organizations.name })
      .from(creditObjections)
      .innerJoin(organizations, eq(organizations.id, creditObjections.organizationId))
      .where(where)
      .orderBy(...(view === "closed" || view === "all" ? [desc(creditObjections.filedAt)] : [asc(due)]), desc(creditObjections.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(creditObjections)
      .innerJoin(organizations, eq(organizations.id, creditObjections.organizationId))
      .where(where),
  ]);
  return {
    objections: rows.map(({ objection, organizationName }) => ({ ...objection, organizationName, overdue: isOverdue(objection, today) })),
    total: counted?.total ?? 0,
  };
}

/** Open objections and those of them overdue: the officers' dashboard line. */
export async function objectionWorkCount(actor: Actor, now: Date): Promise<{ open: number; overdue: number }> {
  if (!hasPermission(actor, "credit:record")) return { open: 0, overdue: 0 };
  const today = shanghaiDate(now);
  const db = await getDb();
  const [row] = await db
    .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${viewCondition("overdue", today)}))::int` })
    .from(creditObjections)
    .innerJoin(organizations, eq(organizations.id, creditObjections.organizationId))
    .where(and(withinReach(officerReach(actor), organizations.streetId), viewCondition("open", today)));
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}
