/**
 * Reading the committees of communities and villages: terms with their
 * members and elections, the service centre, and a community's "五位一体"
 * joint meetings. Officers keep them for the places in their scope (street
 * officers: their street); public.server.ts has what the public sees.
 */
import { and, asc, count, desc, eq, inArray, lte, not, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { committeeMembers, committeeTerms, jointMeetings, places, serviceCentres } from "../../../db/schema";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, officerReachOrNull, withinReach } from "../../auth/scope.server";
import { mergeFieldErrors, type FieldErrors, type RefusedTerm } from "./forms";
import {
  arrangeTerms,
  bodiesOf,
  endingSoonDays,
  maxMeetingsShown,
  meetingsPageSize,
  seatWarnings,
  termProblemsInPlace,
  termStanding,
  type RecordedTerm,
} from "./rules";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound } from "../shared/errors";
import { shanghaiDate } from "../shared/time";

type Place = typeof places.$inferSelect;

/** The community or village, if the actor may keep its committees; otherwise not found. */
export async function placeInScope(db: Database, actor: Actor | null, code: string): Promise<{ place: Place; parent: Place | null }> {
  if (!actor || !hasPermission(actor, "committee:manage")) forbidden();
  const [place] = /^\d{12}$/.test(code) ? await db.select().from(places).where(eq(places.code, code)).limit(1) : [];
  if (!place || !bodiesOf(place.level).length) notFound("找不到该社区或村。");
  if (!can(actor, "committee:manage", { streetId: place.parentId })) notFound("找不到该社区或村，或它不在您的管辖范围内。");
  const [parent] = place.parentId ? await db.select().from(places).where(eq(places.id, place.parentId)).limit(1) : [];
  return { place, parent: parent ?? null };
}

/**
 * The community or village as its committee page reads it, asked by the page's
 * actions before they read what was posted: outside the officer's street it is a 404.
 */
export async function committeeAccess(actor: Actor, code: string): Promise<void> {
  await placeInScope(await getDb(), actor, code);
}

export async function termsOf(db: Database, placeIds: number[]) {
  if (!placeIds.length) return [];
  const terms = await termsQuery(db, inArray(committeeTerms.placeId, placeIds));
  const members = terms.length ? await membersQuery(db, terms.map((t) => t.id)) : [];
  return withMembers(terms, members);
}

/** The terms `where` picks, each place's bodies in order, the latest term first. */
export function termsQuery(db: Database, where: SQL) {
  return db
    .select()
    .from(committeeTerms)
    .where(where)
    .orderBy(asc(committeeTerms.placeId), asc(committeeTerms.body), desc(committeeTerms.startsOn), desc(committeeTerms.termNumber));
}

/** The members of the terms given (ids, or a select of them), in their order. */
export function membersQuery(db: Database, termIds: number[] | SQLWrapper) {
  return db.select().from(committeeMembers).where(inArray(committeeMembers.termId, termIds)).orderBy(asc(committeeMembers.sortOrder), asc(committeeMembers.id));
}

export function withMembers(terms: Awaited<ReturnType<typeof termsQuery>>, members: Awaited<ReturnType<typeof membersQuery>>) {
  return terms.map((t) => ({ ...t, members: members.filter((m) => m.termId === t.id) }));
}

type TermWithMembers = Awaited<ReturnType<typeof termsOf>>[number];

/** Each body of a place with its terms in the one order (rules' arrangeTerms). */
export function byBody(level: string, terms: TermWithMembers[], today: string) {
  return bodiesOf(level).map((body) => ({
    body,
    ...arrangeTerms(
      terms.filter((t) => t.body === body),
      today,
    ),
  }));
}

function asRecorded(terms: TermWithMembers[]): RecordedTerm[] {
  return terms.map((t) => ({
    id: t.id,
    body: t.body,
    termNumber: t.termNumber,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    members: t.members.map((m) => ({ name: m.name, post: m.post, partySecretary: m.partySecretary })),
  }));
}

/** The terms the rules compare a term with: every body's, as recorded now. */
export async function recordedTerms(db: Database, placeId: number): Promise<RecordedTerm[]> {
  return asRecorded(await termsOf(db, [placeId]));
}

/**
 * Everything an officer keeps for one community or village: each body's terms,
 * the conflicts between terms already recorded (warned of on the page), the
 * service centre, and the latest `meetings` joint meetings with their total.
 */
export async function committeeWorkspace(actor: Actor, code: string, now: Date, options: { meetings?: number } = {}) {
  const db = await getDb();
  const { place, parent } = await placeInScope(db, actor, code);
  const today = shanghaiDate(now);
  const [centre] = await db.select().from(serviceCentres).where(eq(serviceCentres.placeId, place.id));
  // "更多" asks for more; anything unreadable shows the first page.
  const asked = Number.isSafeInteger(options.meetings) ? options.meetings! : meetingsPageSize;
  const shown = Math.min(Math.max(asked, meetingsPageSize), maxMeetingsShown);
  const community = place.level === "community";
  const [meetings, [meetingTotal]] = community
    ? await Promise.all([
        db
          .select()
          .from(jointMeetings)
          .where(eq(jointMeetings.placeId, place.id))
          .orderBy(desc(jointMeetings.heldOn), desc(jointMeetings.id))
          .limit(shown),
        db.select({ value: count() }).from(jointMeetings).where(eq(jointMeetings.placeId, place.id)),
      ])
    : [[], [{ value: 0 }]];
  const terms = await termsOf(db, [place.id]);
  return {
    place,
    parent,
    bodies: byBody(place.level, terms, today),
    warnings: seatWarnings(asRecorded(terms)),
    serviceCentre: centre ?? null,
    meetings,
    meetingTotal: meetingTotal?.value ?? 0,
    today,
  };
}

/** Terms that end within six months or have ended without a successor, for the places in the officer's scope (or one street of it). */
export async function termsDueForElection(actor: Actor, now: Date, filter: { streetCode?: string } = {}) {
  if (!hasPermission(actor, "committee:manage")) forbidden();
  const reach = officerReach(actor);
  const db = await getDb();
  const today = shanghaiDate(now);
  const horizon = shanghaiDate(new Date(now.getTime() + endingSoonDays * 86_400_000));
  const parent = alias(places, "parent");
  const narrowed = reach.streetId !== null || filter.streetCode !== undefined;
  // The terms first, from their own index; then their places. Joined in one statement, the planner
  // expects thousands of terms and reads every place to hash them (15,000 at province scale).
  const terms = await db
    .select()
    .from(committeeTerms)
    .where(
      and(
        lte(committeeTerms.endsOn, horizon),
        // A term followed by a newer one of the same body (in the one order: start date, then
        // number) is history or has its successor recorded: no election is due. The database keeps
        // the mark (migration 0038), so the latest terms are read by end date alone.
        not(committeeTerms.succeeded),
        narrowed
          ? inArray(
              committeeTerms.placeId,
              db
                .select({ id: places.id })
                .from(places)
                .innerJoin(parent, eq(parent.id, places.parentId))
                .where(and(withinReach(reach, parent.id), filter.streetCode === undefined ? undefined : eq(parent.code, filter.streetCode))),
            )
          : undefined,
      ),
    );
  const placeIds = [...new Set(terms.map((t) => t.placeId))];
  const placeRows = placeIds.length
    ? await db
        .select({ id: places.id, code: places.code, name: places.name, level: places.level, street: parent.name, streetCode: parent.code })
        .from(places)
        .innerJoin(parent, eq(parent.id, places.parentId))
        .where(inArray(places.id, placeIds))
    : [];
  const placeOf = new Map(placeRows.map((p) => [p.id, p]));
  return terms
    .flatMap((term) => {
      const place = placeOf.get(term.placeId);
      return place ? [{ term, place: { code: place.code, name: place.name, level: place.level }, street: place.street, streetCode: place.streetCode }] : [];
    })
    .sort((a, b) => a.term.endsOn.localeCompare(b.term.endsOn) || a.place.code.localeCompare(b.place.code) || a.term.body.localeCompare(b.term.body))
    .map((r) => ({ ...r, standing: termStanding(r.term, today, true) }));
}

/**
 * The elections to prepare, for the 一居多会 page: null for those who do not
 * keep committees (an administrator sees the figures only). Committees are
 * kept by district and street officers.
 */
export async function electionReminders(actor: Actor, now: Date, streetCode?: string) {
  if (!hasPermission(actor, "committee:manage") || officerReachOrNull(actor) === null) return null;
  return termsDueForElection(actor, now, { streetCode });
}

/**
 * What a form the schema refused is told besides. It is refused as a write
 * would be for a place outside the officer's scope (not found) rather than
 * saying what was wrong with it; and a term's rules, checked as the command
 * checks them, are told beside what could not be read, so every problem is
 * told at once. Without a term number there is no place in the body's order
 * to check: only the other bodies are compared.
 */
export async function refusedFormProblems(ctx: ActionContext, code: string, refused: RefusedTerm | null): Promise<FieldErrors | null> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  if (!refused) return null;
  if (!bodiesOf(place.level).includes(refused.body)) notFound("该社区或村没有这一组织。");
  const recorded = await recordedTerms(db, place.id);
  const numberRead = !refused.errors.termNumber;
  const rules = termFormErrors(
    termProblemsInPlace(refused.body, refused.term, {
      today: shanghaiDate(ctx.now),
      recorded: numberRead ? recorded : recorded.filter((t) => t.body !== refused.body),
      termId: refused.termId,
    }),
  );
  for (const field of Object.keys(refused.errors)) if (field !== "member") delete rules[field];
  return mergeFieldErrors(refused.errors, rules);
}

/** The rules' problems of a term by the form's fields: the rules' "members" is the grid the form posts as `member.<row>.<cell>`. */
export function termFormErrors(problems: FieldErrors): FieldErrors {
  const { members, ...rest } = problems;
  return members ? { ...rest, member: members } : rest;
}
