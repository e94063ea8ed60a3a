/**
 * Reading 社会组织评估: the registry's rounds with their applications, the
 * organization's rounds open to it, and the grade an organization holds today
 * (public on its record and in the register's search).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { evaluationRounds, evaluations, organizations } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { forbidden, notFound } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { applicationProblem, currentGrade } from "./rules";

export async function roundsPage(actor: Actor) {
  if (!hasPermission(actor, "evaluation:manage")) forbidden();
  const db = await getDb();
  const rounds = await db.select().from(evaluationRounds).orderBy(desc(evaluationRounds.createdAt), desc(evaluationRounds.id));
  const counts = await db
    .select({ roundId: evaluations.roundId, applied: sql<number>`count(*)::int`, graded: sql<number>`count(${evaluations.awardedOn})::int` })
    .from(evaluations)
    .groupBy(evaluations.roundId);
  return rounds.map((r) => ({ ...r, applied: counts.find((c) => c.roundId === r.id)?.applied ?? 0, graded: counts.find((c) => c.roundId === r.id)?.graded ?? 0 }));
}

export async function roundPage(actor: Actor, roundId: number, now: Date) {
  if (!hasPermission(actor, "evaluation:manage")) forbidden();
  const db = await getDb();
  const [round] = await db.select().from(evaluationRounds).where(eq(evaluationRounds.id, roundId));
  if (!round) notFound("找不到该轮评估。");
  const applicants = await db
    .select({ evaluation: evaluations, name: organizations.name, type: organizations.type, uscc: organizations.uscc })
    .from(evaluations)
    .innerJoin(organizations, eq(organizations.id, evaluations.organizationId))
    .where(eq(evaluations.roundId, roundId))
    .orderBy(asc(evaluations.appliedOn), asc(evaluations.id));
  return { round, applicants, today: shanghaiDate(now) };
}

/** The rounds an organization may apply to or has applied to, newest first, with why it may not apply. */
export async function ownEvaluations(actor: Actor, now: Date) {
  if (!hasPermission(actor, "evaluation:apply") || !actor.organizationId) return { rounds: [], grade: null };
  const db = await getDb();
  const today = shanghaiDate(now);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  if (!org) return { rounds: [], grade: null };
  const [rounds, mine] = await Promise.all([
    db.select().from(evaluationRounds).orderBy(desc(evaluationRounds.applyUntil)),
    db.select().from(evaluations).where(eq(evaluations.organizationId, org.id)),
  ]);
  return {
    grade: currentGrade(mine, today),
    rounds: rounds
      .map((r) => {
        const applied = mine.find((e) => e.roundId === r.id) ?? null;
        return { ...r, applied, problem: applied ? null : applicationProblem(org, r, today, false) };
      })
      .filter((r) => r.applied || r.applyUntil >= today),
  };
}

/** The grade an organization holds today, with when it was awarded and how long it is valid: public. */
export async function gradeOf(organizationId: number, now: Date) {
  return currentGrade(await gradesQuery(await getDb(), organizationId), shanghaiDate(now));
}

/** Every grade awarded to an organization, for currentGrade. */
export function gradesQuery(db: Database, organizationId: number | Placeholder) {
  return db.select({ grade: evaluations.grade, awardedOn: evaluations.awardedOn, validUntil: evaluations.validUntil, round: evaluationRounds.title }).from(evaluations).innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluations.roundId)).where(and(eq(evaluations.organizationId, organizationId), isNotNull(evaluations.awardedOn)));
}

/**
 * The register's filter by grade: organizations whose latest grade still valid
 * on the day is this one (an expired grade no longer counts; a newer one replaces an older).
 */
export function holdsGrade(organizationId: PgColumn, grade: number | Placeholder, today: string | Placeholder): SQL {
  return sql`exists (
    select 1 from ${evaluations} e
    where e.organization_id = ${organizationId} and e.grade = ${grade} and e.awarded_on <= ${today} and e.valid_until >= ${today}
      and not exists (
        select 1 from ${evaluations} later
        where later.organization_id = e.organization_id and later.grade > 0 and later.awarded_on > e.awarded_on and later.awarded_on <= ${today} and later.valid_until >= ${today}
      )
  )`;
}

/** The grades the given organizations hold today (for a page of search results). */
export async function gradesOf(organizationIds: number[], now: Date): Promise<Map<number, number>> {
  if (!organizationIds.length) return new Map();
  const db = await getDb();
  const today = shanghaiDate(now);
  const rows = await db
    .select({ organizationId: evaluations.organizationId, grade: evaluations.grade, awardedOn: evaluations.awardedOn, validUntil: evaluations.validUntil })
    .from(evaluations)
    .where(and(inArray(evaluations.organizationId, organizationIds), lte(evaluations.awardedOn, today), gte(evaluations.validUntil, today)));
  const byOrg = new Map<number, number>();
  for (const id of organizationIds) {
    const g = currentGrade(rows.filter((r) => r.organizationId === id), today);
    if (g) byOrg.set(id, g.grade);
  }
  return byOrg;
}
