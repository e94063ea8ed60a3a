/**
 * Reading villagers' questions: the answered ones under a public posting, the
 * village's own list to answer, the town officer's list of overdue questions,
 * and the counts per village for the compliance grid.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { places, postingQuestions, postings } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, ownVillage, withinReach } from "../../auth/scope.server";
import { forbidden, notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { addDays, shanghaiDate, startOfShanghaiDay } from "../shared/time";
import { questionRoleOf } from "./commands.server";
import { answerDays, answerDueOn, countQuestion, emptyQuestionCounts, publicAskerName, questionState, type QuestionCounts, type QuestionFilter } from "./rules";

type QuestionRow = typeof postingQuestions.$inferSelect;

/** The day the village answered (whichever answer came first), or null. */
function answeredOn(q: Pick<QuestionRow, "answeredAt" | "committeeAnsweredAt">): string | null {
  const times = [q.answeredAt, q.committeeAnsweredAt].filter((t): t is Date => t !== null).map((t) => t.getTime());
  return times.length ? shanghaiDate(new Date(Math.min(...times))) : null;
}

function datesOf(q: Pick<QuestionRow, "askedAt" | "answeredAt" | "committeeAnsweredAt" | "hiddenAt">) {
  return { askedOn: shanghaiDate(q.askedAt), answeredOn: answeredOn(q), hidden: q.hiddenAt !== null };
}

/** A question as the village and officers read it. */
function describe(q: QuestionRow, today: string) {
  const dates = datesOf(q);
  return {
    id: q.id,
    version: q.version,
    postingId: q.postingId,
    askerName: q.askerName,
    askerVillage: q.askerVillage,
    question: q.question,
    askedAt: q.askedAt,
    dueOn: answerDueOn(dates.askedOn),
    state: questionState(dates, today),
    answer: q.answer,
    answeredAt: q.answeredAt,
    answererName: q.answererName,
    committeeAnswer: q.committeeAnswer,
    committeeAnsweredAt: q.committeeAnsweredAt,
    committeeAnswererName: q.committeeAnswererName,
    hiddenAt: q.hiddenAt,
    hiddenReason: q.hiddenReason,
  };
}

/**
 * Under a public posting: the answered questions, oldest first, with the
 * asker named as 张某 and the dates; and how many wait for an answer (from
 * the rows of publicQuestionsQuery, which the posting's page reads with it).
 */
export function publicQuestionsFrom(rows: Awaited<ReturnType<typeof publicQuestionsQuery>>) {
  const answered = rows
    .filter((q) => q.answer !== null || q.committeeAnswer !== null)
    .map((q) => ({
      id: q.id,
      asker: publicAskerName(q.askerName),
      askerVillage: q.askerVillage,
      question: q.question,
      askedAt: q.askedAt,
      answer: q.answer,
      answeredAt: q.answeredAt,
      committeeAnswer: q.committeeAnswer,
      committeeAnsweredAt: q.committeeAnsweredAt,
    }));
  return { answered, waiting: rows.length - answered.length };
}

/** A posting's questions not hidden, oldest first. */
export function publicQuestionsQuery(db: Database, postingId: number | Placeholder) {
  return db
    .select({
      id: postingQuestions.id,
      askerName: postingQuestions.askerName,
      askerVillage: postingQuestions.askerVillage,
      question: postingQuestions.question,
      askedAt: postingQuestions.askedAt,
      answer: postingQuestions.answer,
      answeredAt: postingQuestions.answeredAt,
      committeeAnswer: postingQuestions.committeeAnswer,
      committeeAnsweredAt: postingQuestions.committeeAnsweredAt,
    })
    .from(postingQuestions)
    .where(and(eq(postingQuestions.postingId, postingId), isNull(postingQuestions.hiddenAt)))
    .orderBy(asc(postingQuestions.askedAt), asc(postingQuestions.id));
}

/** The posting a question is asked on, as its public page shows it: published or withdrawn, else not found. */
export async function requirePublicPosting(postingId: number): Promise<void> {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const db = await getDb();
  const [row] = await db.select({ status: postings.status }).from(postings).where(eq(postings.id, postingId));
  if (!row || (row.status !== "published" && row.status !== "withdrawn")) notFound("找不到该公开事项。");
}

function filterCondition(filter: QuestionFilter, today: string): SQL | undefined {
  const unanswered = and(isNull(postingQuestions.answeredAt), isNull(postingQuestions.committeeAnsweredAt), isNull(postingQuestions.hiddenAt));
  // Asked before this instant: the answer period (asked day + 10) is over today.
  const overdueBefore = startOfShanghaiDay(addDays(today, -answerDays));
  switch (filter) {
    case "open":
      return unanswered;
    case "overdue":
      return and(unanswered, lt(postingQuestions.askedAt, overdueBefore));
    case "answered":
      return and(isNull(postingQuestions.hiddenAt), sql`(${postingQuestions.answeredAt} is not null or ${postingQuestions.committeeAnsweredAt} is not null)`);
    case "hidden":
      return sql`${postingQuestions.hiddenAt} is not null`;
    case "all":
      return undefined;
  }
}

const listLimit = 200;

async function listQuestions(where: SQL | undefined, today: string) {
  const db = await getDb();
  const street = alias(places, "street");
  const rows = await db
    .select({ question: postingQuestions, postingTitle: postings.title, placeName: places.name, placeCode: places.code, streetName: street.name })
    .from(postingQuestions)
    .innerJoin(postings, eq(postings.id, postingQuestions.postingId))
    .innerJoin(places, eq(places.id, postingQuestions.placeId))
    .innerJoin(street, eq(street.id, postings.streetId))
    .where(where)
    // Unanswered first, the longest waiting at the top.
    .orderBy(sql`(${postingQuestions.answeredAt} is null and ${postingQuestions.committeeAnsweredAt} is null and ${postingQuestions.hiddenAt} is null) desc`, asc(postingQuestions.askedAt), desc(postingQuestions.id))
    .limit(listLimit + 1);
  return {
    items: rows.slice(0, listLimit).map((r) => ({ ...describe(r.question, today), postingTitle: r.postingTitle, place: { name: r.placeName, code: r.placeCode }, streetName: r.streetName })),
    truncated: rows.length > listLimit,
  };
}

/** The village's questions for its clerk or supervision committee, with what the actor may do to them. */
export async function villageQuestions(actor: Actor, filter: QuestionFilter, now: Date) {
  const placeId = ownVillage(actor);
  if (placeId === null || !(hasPermission(actor, "posting:draft") || hasPermission(actor, "posting:review"))) forbidden();
  const today = shanghaiDate(now);
  const list = await listQuestions(and(eq(postingQuestions.placeId, placeId), filterCondition(filter, today)), today);
  const [place] = await (await getDb()).select({ parentId: places.parentId }).from(places).where(eq(places.id, placeId));
  return { ...list, role: questionRoleOf(actor, { placeId, streetId: place?.parentId ?? -1 }), counts: await countsOf([placeId], null, today).then((m) => m.get(placeId) ?? emptyQuestionCounts()) };
}

/** The town's (or district's) questions for an officer: by default those unanswered past the ten days. */
export async function officerQuestions(actor: Actor, filter: QuestionFilter, now: Date) {
  if (!hasPermission(actor, "posting:monitor")) forbidden();
  const today = shanghaiDate(now);
  return listQuestions(and(withinReach(officerReach(actor), postings.streetId), filterCondition(filter, today)), today);
}

/** How many questions in the officer's reach are unanswered past the period (the officer's to-do). */
export async function overdueQuestionCount(actor: Actor, now: Date): Promise<number> {
  if (!hasPermission(actor, "posting:monitor")) return 0;
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(postingQuestions)
    .innerJoin(postings, eq(postings.id, postingQuestions.postingId))
    .where(and(withinReach(officerReach(actor), postings.streetId), filterCondition("overdue", shanghaiDate(now))));
  return row?.n ?? 0;
}

/** How many of the village's questions wait for the actor's answer (the workbench's to-do). */
export async function waitingQuestionCount(placeId: number): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(postingQuestions)
    .where(and(eq(postingQuestions.placeId, placeId), filterCondition("open", "9999-12-31")));
  return row?.n ?? 0;
}

/**
 * Asked, answered, answered on time and overdue, per village, for questions
 * asked in `year` (or ever, with null): the compliance grid's columns.
 */
export async function countsOf(placeIds: number[], year: number | null, today: string): Promise<Map<number, QuestionCounts>> {
  const db = await getDb();
  const rows = await db
    .select({
      placeId: postingQuestions.placeId,
      askedAt: postingQuestions.askedAt,
      answeredAt: postingQuestions.answeredAt,
      committeeAnsweredAt: postingQuestions.committeeAnsweredAt,
      hiddenAt: postingQuestions.hiddenAt,
    })
    .from(postingQuestions)
    .where(
      and(
        inArray(postingQuestions.placeId, placeIds.length ? placeIds : [-1]),
        year === null ? undefined : gte(postingQuestions.askedAt, startOfShanghaiDay(`${year}-01-01`)),
        year === null ? undefined : lt(postingQuestions.askedAt, startOfShanghaiDay(`${year + 1}-01-01`)),
      ),
    );
  const counts = new Map<number, QuestionCounts>();
  for (const q of rows) counts.set(q.placeId, countQuestion(counts.get(q.placeId) ?? emptyQuestionCounts(), datesOf(q), today));
  return counts;
}
