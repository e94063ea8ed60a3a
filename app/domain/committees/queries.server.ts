/**
 * Committees of communities and villages: terms with their members and
 * elections, the service centre, and a community's "五位一体" joint meetings.
 * Officers keep them for the places in their scope (street officers: their
 * street); the public sees current members' names and posts only.
 */
import { and, asc, count, desc, eq, gt, inArray, lte, notExists, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { committeeMembers, committeeTerms, jointMeetings, places, serviceCentres } from "../../../db/schema";
import type { CommitteeBody } from "../../../vocabulary";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, withinReach } from "../../auth/scope.server";
import { recordAudit } from "../audit/audit.server";
import {
  arrangeTerms,
  bodiesOf,
  deleteReasonLength,
  endingSoonDays,
  jointMeetingParties,
  maxMeetingsShown,
  meetingsPageSize,
  seatWarnings,
  termProblemsInPlace,
  termStanding,
  textCharacterProblem,
  type MemberInput,
  type RecordedTerm,
  type TermInput,
} from "./rules";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import { readRecordDate, shanghaiDate } from "../shared/time";

type Place = typeof places.$inferSelect;
const staleMessage = "该记录已被其他人修改，请刷新页面查看最新内容后再保存。";

/** The community or village, if the actor may keep its committees; otherwise not found. */
async function placeInScope(
  db: Database,
  actor: Actor | null,
  code: string,
): Promise<{ place: Place; parent: Place | null }> {
  if (!actor || !hasPermission(actor, "committee:manage")) forbidden();
  const [place] = /^\d{12}$/.test(code)
    ? await db.select().from(places).where(eq(places.code, code)).limit(1)
    : [];
  if (!place || !bodiesOf(place.level).length) notFound("找不到该社区或村。");
  if (!can(actor, "committee:manage", { streetId: place.parentId }))
    notFound("找不到该社区或村，或它不在您的管辖范围内。");
  const [parent] = place.parentId
    ? await db.select().from(places).where(eq(places.id, place.parentId)).limit(1)
    : [];
  return { place, parent: parent ?? null };
}

async function termsOf(db: Database, placeIds: number[]) {
  if (!placeIds.length) return [];
  const terms = await db
    .select()
    .from(committeeTerms)
    .where(inArray(committeeTerms.placeId, placeIds))
    .orderBy(
      asc(committeeTerms.placeId),
      asc(committeeTerms.body),
      desc(committeeTerms.startsOn),
      desc(committeeTerms.termNumber),
    );
  const members = terms.length
    ? await db
        .select()
        .from(committeeMembers)
        .where(
          inArray(
            committeeMembers.termId,
            terms.map((t) => t.id),
          ),
        )
        .orderBy(asc(committeeMembers.sortOrder), asc(committeeMembers.id))
    : [];
  return terms.map((t) => ({ ...t, members: members.filter((m) => m.termId === t.id) }));
}

type TermWithMembers = Awaited<ReturnType<typeof termsOf>>[number];

/** Each body of a place with its terms in the one order (committee-rules' arrangeTerms). */
function byBody(level: string, terms: TermWithMembers[], today: string) {
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

/**
 * Everything an officer keeps for one community or village: each body's terms,
 * the conflicts between terms already recorded (warned of on the page), the
 * service centre, and the latest `meetings` joint meetings with their total.
 */
export async function committeeWorkspace(
  actor: Actor,
  code: string,
  now: Date,
  options: { meetings?: number } = {},
) {
  const db = await getDb();
  const { place, parent } = await placeInScope(db, actor, code);
  const today = shanghaiDate(now);
  const [centre] = await db
    .select()
    .from(serviceCentres)
    .where(eq(serviceCentres.placeId, place.id));
  const shown = Math.min(
    Math.max(options.meetings ?? meetingsPageSize, meetingsPageSize),
    maxMeetingsShown,
  );
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
  const recorded = asRecorded(terms);
  return {
    place,
    parent,
    bodies: byBody(place.level, terms, today),
    recorded,
    warnings: seatWarnings(recorded),
    serviceCentre: centre ?? null,
    meetings,
    meetingTotal: meetingTotal?.value ?? 0,
    today,
  };
}

/** The public's view: each body's current members by name and post, nothing else about them. */
export async function publicCommittees(placeId: number, level: string, now: Date) {
  const db = await getDb();
  const today = shanghaiDate(now);
  const [centre] = await db
    .select({ floorArea: serviceCentres.floorArea, facilities: serviceCentres.facilities })
    .from(serviceCentres)
    .where(eq(serviceCentres.placeId, placeId));
  return {
    bodies: byBody(level, await termsOf(db, [placeId]), today).map(({ body, current }) => ({
      body,
      // The term in office is the latest begun; one recorded ahead of its start is not shown yet.
      term: current
        ? {
            termNumber: current.termNumber,
            startsOn: current.startsOn,
            endsOn: current.endsOn,
            expired: current.standing === "expired",
            members: current.members.map((m) => ({ name: m.name, post: m.post })),
          }
        : null,
    })),
    serviceCentre: centre ?? null,
  };
}

/** Terms that end within six months or have ended without a successor, for the places in the officer's scope. */
export async function termsDueForElection(actor: Actor, now: Date) {
  if (!hasPermission(actor, "committee:manage")) forbidden();
  const reach = officerReach(actor);
  const db = await getDb();
  const today = shanghaiDate(now);
  const horizon = shanghaiDate(new Date(now.getTime() + endingSoonDays * 86_400_000));
  const parent = alias(places, "parent");
  const later = alias(committeeTerms, "later");
  const rows = await db
    .select({
      term: committeeTerms,
      place: { code: places.code, name: places.name, level: places.level },
      street: parent.name,
      streetCode: parent.code,
    })
    .from(committeeTerms)
    .innerJoin(places, eq(places.id, committeeTerms.placeId))
    .innerJoin(parent, eq(parent.id, places.parentId))
    .where(
      and(
        lte(committeeTerms.endsOn, horizon),
        withinReach(reach, parent.id),
        // A term followed by a newer one of the same body (in the one order: start date, then
        // number) is history or has its successor recorded: no election is due.
        notExists(
          db
            .select({ id: later.id })
            .from(later)
            .where(
              and(
                eq(later.placeId, committeeTerms.placeId),
                eq(later.body, committeeTerms.body),
                or(
                  gt(later.startsOn, committeeTerms.startsOn),
                  and(
                    eq(later.startsOn, committeeTerms.startsOn),
                    gt(later.termNumber, committeeTerms.termNumber),
                  ),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(committeeTerms.endsOn), asc(places.code), asc(committeeTerms.body));
  return rows.map((r) => ({ ...r, standing: termStanding(r.term, today, true) }));
}

/* ------------------------------------------------------------------ writes */

export interface SaveTermInput extends TermInput {
  /** An existing term to change, with the version the officer saw; absent for a new term (换届). */
  termId?: number;
  expectedVersion?: number;
}

function cleanMembers(members: MemberInput[]): MemberInput[] {
  return members.map((m) => ({ ...m, name: m.name.trim() })).filter((m) => m.name);
}

/**
 * The place's row, locked for the rest of the transaction: committee writes of
 * one place take turns, so two officers saving the villagers' committee and
 * the supervision committee at once cannot each pass the check the other breaks.
 */
async function lockPlace(tx: Database, placeId: number) {
  await tx.select({ id: places.id }).from(places).where(eq(places.id, placeId)).for("update");
}

/** A term of this place's body by id; undefined when it is another's, or was deleted meanwhile. */
async function termOfBody(tx: Database, placeId: number, body: (typeof committeeTerms.$inferSelect)["body"], termId: number) {
  const [term] = await tx
    .select()
    .from(committeeTerms)
    .where(and(eq(committeeTerms.id, termId), eq(committeeTerms.placeId, placeId), eq(committeeTerms.body, body)));
  return term;
}

/** The terms the rules compare a term with: every body's, as recorded now. */
async function recordedTerms(db: Database, placeId: number): Promise<RecordedTerm[]> {
  return asRecorded(await termsOf(db, [placeId]));
}

export async function saveTerm(
  ctx: ActionContext,
  code: string,
  body: CommitteeBody,
  input: SaveTermInput,
): Promise<WriteResult<{ termId: number }>> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  if (!bodiesOf(place.level).includes(body)) notFound("该社区或村没有这一组织。");
  const members = cleanMembers(input.members);
  const today = shanghaiDate(ctx.now);
  if (input.termId !== undefined && (!isRowId(input.termId) || input.expectedVersion === undefined))
    return { ok: false, formError: staleMessage };

  return db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const recorded = await recordedTerms(tx, place.id);
    let old: typeof committeeTerms.$inferSelect | undefined;
    if (input.termId !== undefined) {
      old = await termOfBody(tx, place.id, body, input.termId);
      // Deleted meanwhile, or never this body's: the page the officer typed into is stale.
      if (!old) return { ok: false, formError: staleMessage };
      if (old.version !== input.expectedVersion) return { ok: false, formError: staleMessage };
    }
    // The rules see the place's terms as they are inside this transaction.
    const problems = termProblemsInPlace(
      body,
      { ...input, members },
      { today, recorded, termId: old?.id },
    );
    if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };

    const values = {
      termNumber: input.termNumber,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      electedOn: input.electedOn,
      eligibleVoters: input.eligibleVoters,
      votesCast: input.votesCast,
      updatedAt: ctx.now,
    };
    let termId: number;
    let before: unknown = null;
    if (old) {
      const [claimed] = await tx
        .update(committeeTerms)
        .set({ ...values, version: old.version + 1 })
        .where(and(eq(committeeTerms.id, old.id), eq(committeeTerms.version, old.version)))
        .returning({ id: committeeTerms.id });
      if (!claimed) return { ok: false, formError: staleMessage };
      before = {
        ...old,
        members: recorded.find((t) => t.id === old.id)?.members ?? [],
      };
      await tx.delete(committeeMembers).where(eq(committeeMembers.termId, old.id));
      termId = old.id;
    } else {
      const [created] = await tx
        .insert(committeeTerms)
        .values({ ...values, placeId: place.id, body, createdAt: ctx.now })
        .returning({ id: committeeTerms.id });
      termId = created!.id;
    }
    if (members.length) {
      await tx.insert(committeeMembers).values(
        members.map((m, i) => ({
          termId,
          name: m.name,
          post: m.post,
          partySecretary: m.partySecretary,
          sortOrder: i,
        })),
      );
    }
    await recordAudit(tx, ctx, {
      action: old ? "committee.change_term" : "committee.new_term",
      entityType: "committee_term",
      entityId: termId,
      before,
      after: {
        place: place.code,
        body,
        ...values,
        members: members.map((m) => ({
          name: m.name,
          post: m.post,
          partySecretary: m.partySecretary,
        })),
      },
    });
    return { ok: true, value: { termId } };
  });
}

/**
 * Removes a term recorded by mistake (a wrong body, a duplicate, an election
 * that did not take place), with the officer's reason. The audit entry keeps
 * the term and its members as they were, so nothing is lost for good.
 */
export async function deleteTerm(
  ctx: ActionContext,
  code: string,
  body: CommitteeBody,
  input: { termId: number; expectedVersion: number; reason: string },
): Promise<WriteResult<{ termNumber: number }>> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  if (!bodiesOf(place.level).includes(body)) notFound("该社区或村没有这一组织。");
  const reason = input.reason.trim();
  const reasonProblem = !reason
    ? "请填写删除原因，如“届次录入错误”"
    : reason.length < deleteReasonLength.min
      ? `删除原因至少 ${deleteReasonLength.min} 个字`
      : reason.length > deleteReasonLength.max
        ? `删除原因不能超过 ${deleteReasonLength.max} 字`
        : textCharacterProblem(reason, "删除原因");
  if (reasonProblem) return { ok: false, fieldErrors: { reason: [reasonProblem] } };
  if (!isRowId(input.termId) || !isRowId(input.expectedVersion))
    return { ok: false, formError: staleMessage };

  return db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const old = await termOfBody(tx, place.id, body, input.termId);
    if (!old || old.version !== input.expectedVersion) return { ok: false, formError: staleMessage };
    const members = await tx
      .select({
        name: committeeMembers.name,
        post: committeeMembers.post,
        partySecretary: committeeMembers.partySecretary,
      })
      .from(committeeMembers)
      .where(eq(committeeMembers.termId, old.id))
      .orderBy(asc(committeeMembers.sortOrder), asc(committeeMembers.id));
    await tx.delete(committeeMembers).where(eq(committeeMembers.termId, old.id));
    const [removed] = await tx
      .delete(committeeTerms)
      .where(and(eq(committeeTerms.id, old.id), eq(committeeTerms.version, old.version)))
      .returning({ id: committeeTerms.id });
    if (!removed) throw new Error("committee term changed while locked");
    await recordAudit(tx, ctx, {
      action: "committee.delete_term",
      entityType: "committee_term",
      entityId: old.id,
      before: { place: place.code, ...old, members },
      after: null,
      reason,
    });
    return { ok: true, value: { termNumber: old.termNumber } };
  });
}

export async function saveServiceCentre(
  ctx: ActionContext,
  code: string,
  input: { floorArea: number | null; facilities: string[]; expectedVersion: number | null },
): Promise<WriteResult<null>> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  const fieldErrors: Record<string, string[]> = {};
  if (
    input.floorArea !== null &&
    (!Number.isInteger(input.floorArea) || input.floorArea < 0 || input.floorArea > 100_000)
  ) {
    fieldErrors.floorArea = ["建筑面积应为 0 至 100000 之间的整数（平方米）"];
  }
  const facilities = input.facilities.map((f) => f.trim()).filter(Boolean);
  const characters = facilities.map((f) => fieldCharacterProblem(f, "服务设施")).find(Boolean);
  if (characters) fieldErrors.facilities = [characters];
  else if (facilities.length > 30 || facilities.some((f) => f.length > 30)) {
    fieldErrors.facilities = ["设施最多 30 项，每项不超过 30 字"];
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(serviceCentres)
      .where(eq(serviceCentres.placeId, place.id));
    if ((old?.version ?? null) !== input.expectedVersion)
      return { ok: false, formError: staleMessage };
    const values = { floorArea: input.floorArea, facilities, updatedAt: ctx.now };
    if (old) {
      const [claimed] = await tx
        .update(serviceCentres)
        .set({ ...values, version: old.version + 1 })
        .where(and(eq(serviceCentres.placeId, place.id), eq(serviceCentres.version, old.version)))
        .returning({ placeId: serviceCentres.placeId });
      if (!claimed) return { ok: false, formError: staleMessage };
    } else {
      await tx.insert(serviceCentres).values({ ...values, placeId: place.id });
    }
    await recordAudit(tx, ctx, {
      action: "committee.service_centre",
      entityType: "place",
      entityId: place.code,
      before: old ?? null,
      after: values,
    });
    return { ok: true, value: null };
  });
}

export async function recordJointMeeting(
  ctx: ActionContext,
  code: string,
  input: { heldOn: string; parties: string[]; topics: string; decisions: string },
): Promise<WriteResult<{ id: number }>> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  if (place.level !== "community") notFound("“五位一体”联席会议只适用于社区。");
  const fieldErrors: Record<string, string[]> = {};
  const today = shanghaiDate(ctx.now);
  const held = readRecordDate(input.heldOn, today, "会议日期");
  const heldOn = "date" in held ? held.date : null;
  if ("problem" in held) fieldErrors.heldOn = [held.problem];
  const parties = jointMeetingParties.filter((p) => input.parties.includes(p));
  if (parties.length < 2) fieldErrors.parties = ["请勾选参加会议的各方，至少两方"];
  const topics = input.topics.trim();
  const decisions = input.decisions.trim();
  const topicsCharacters = textCharacterProblem(topics, "议题");
  const decisionsCharacters = textCharacterProblem(decisions, "决定事项");
  if (!topics) fieldErrors.topics = ["请填写会议议题"];
  else if (topicsCharacters) fieldErrors.topics = [topicsCharacters];
  else if (topics.length > 2000) fieldErrors.topics = ["议题不能超过 2000 字"];
  if (!decisions) fieldErrors.decisions = ["请填写会议决定事项"];
  else if (decisionsCharacters) fieldErrors.decisions = [decisionsCharacters];
  else if (decisions.length > 4000) fieldErrors.decisions = ["决定事项不能超过 4000 字"];
  if (Object.keys(fieldErrors).length || !heldOn) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(jointMeetings)
      .values({
        placeId: place.id,
        heldOn,
        parties,
        topics,
        decisions,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: ctx.now,
      })
      .returning({ id: jointMeetings.id });
    await recordAudit(tx, ctx, {
      action: "committee.joint_meeting",
      entityType: "place",
      entityId: place.code,
      after: { id: row!.id, heldOn, parties, topics, decisions },
    });
    return { ok: true, value: { id: row!.id } };
  });
}
