/**
 * Committees of communities and villages: terms with their members and
 * elections, the service centre, and a community's "五位一体" joint meetings.
 * Officers keep them for the places in their scope (street officers: their
 * street); the public sees current members' names and posts only.
 */
import { and, asc, desc, eq, gt, inArray, lte, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../db/client.server";
import {
  committeeMembers,
  committeeTerms,
  jointMeetings,
  places,
  serviceCentres,
  type CommitteeBody,
} from "../../db/schema";
import { can, hasPermission, scopeOf, type Actor } from "../auth/permissions";
import { recordAudit } from "./audit.server";
import {
  bodiesOf,
  endingSoonDays,
  jointMeetingParties,
  termProblems,
  termStanding,
  type MemberInput,
  type TermInput,
} from "./committee-rules";
import type { ActionContext } from "./context";
import { forbidden, notFound, type WriteResult } from "./errors";
import { isRowId } from "./ids";
import { fieldCharacterProblem } from "./text-input";
import { parseIsoDate, shanghaiDate } from "./time";

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
    .orderBy(asc(committeeTerms.placeId), asc(committeeTerms.body), desc(committeeTerms.startsOn));
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

/** Each body of a place with its terms, newest first, the current one's standing on `today`. */
function byBody(level: string, terms: TermWithMembers[], today: string) {
  return bodiesOf(level).map((body) => {
    const own = terms.filter((t) => t.body === body);
    const latestBegun = own.find((t) => t.startsOn <= today) ?? own[0] ?? null;
    return {
      body,
      current: latestBegun
        ? { ...latestBegun, standing: termStanding(latestBegun, today, true) }
        : null,
      past: own.filter((t) => t !== latestBegun),
    };
  });
}

/** Everything an officer keeps for one community or village. */
export async function committeeWorkspace(actor: Actor, code: string, now: Date) {
  const db = await getDb();
  const { place, parent } = await placeInScope(db, actor, code);
  const today = shanghaiDate(now);
  const [centre] = await db
    .select()
    .from(serviceCentres)
    .where(eq(serviceCentres.placeId, place.id));
  const meetings =
    place.level === "community"
      ? await db
          .select()
          .from(jointMeetings)
          .where(eq(jointMeetings.placeId, place.id))
          .orderBy(desc(jointMeetings.heldOn), desc(jointMeetings.id))
          .limit(50)
      : [];
  return {
    place,
    parent,
    bodies: byBody(place.level, await termsOf(db, [place.id]), today),
    serviceCentre: centre ?? null,
    meetings,
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
      // A term not yet begun is not shown as the one in office.
      term:
        current && current.standing !== "future"
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
  const scope = scopeOf(actor);
  if (scope.kind !== "district" && scope.kind !== "street") forbidden();
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
        scope.kind === "street" ? eq(parent.id, scope.streetId) : undefined,
        // A term already followed by a newer one of the same body is history, not due.
        notExists(
          db
            .select({ id: later.id })
            .from(later)
            .where(
              and(
                eq(later.placeId, committeeTerms.placeId),
                eq(later.body, committeeTerms.body),
                gt(later.termNumber, committeeTerms.termNumber),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(committeeTerms.endsOn));
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
  // The supervision committee is checked against the villagers' committee in office.
  const villageCommittee =
    body === "supervision"
      ? (
          byBody(place.level, await termsOf(db, [place.id]), today).find(
            (b) => b.body === "villagers",
          )?.current?.members ?? []
        ).map((m) => ({
          name: m.name,
          post: m.post,
          partySecretary: m.partySecretary,
        }))
      : [];
  const problems = termProblems(body, { ...input, members }, villageCommittee);
  for (const m of members) {
    const bad = fieldCharacterProblem(m.name, "成员姓名");
    if (bad) (problems.members ??= []).push(bad);
  }
  if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };

  return db.transaction(async (tx) => {
    const values = {
      termNumber: input.termNumber,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      electedOn: input.electedOn,
      eligibleVoters: input.eligibleVoters,
      votesCast: input.votesCast,
      updatedAt: ctx.now,
    };
    const [clash] = await tx
      .select({ id: committeeTerms.id })
      .from(committeeTerms)
      .where(
        and(
          eq(committeeTerms.placeId, place.id),
          eq(committeeTerms.body, body),
          eq(committeeTerms.termNumber, input.termNumber),
        ),
      );
    if (clash && clash.id !== input.termId)
      return {
        ok: false,
        fieldErrors: { termNumber: [`第 ${input.termNumber} 届已有记录，请修改该届而不是新建`] },
      };

    let termId: number;
    let before: unknown = null;
    if (input.termId !== undefined) {
      if (!isRowId(input.termId) || input.expectedVersion === undefined)
        return { ok: false, formError: staleMessage };
      const [old] = await tx
        .select()
        .from(committeeTerms)
        .where(
          and(
            eq(committeeTerms.id, input.termId),
            eq(committeeTerms.placeId, place.id),
            eq(committeeTerms.body, body),
          ),
        );
      if (!old) notFound("找不到该届记录。");
      const [claimed] = await tx
        .update(committeeTerms)
        .set({ ...values, version: old.version + 1 })
        .where(
          and(eq(committeeTerms.id, old.id), eq(committeeTerms.version, input.expectedVersion)),
        )
        .returning({ id: committeeTerms.id });
      if (!claimed) return { ok: false, formError: staleMessage };
      before = {
        ...old,
        members: await tx
          .select({ name: committeeMembers.name, post: committeeMembers.post })
          .from(committeeMembers)
          .where(eq(committeeMembers.termId, old.id)),
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
      await tx
        .insert(committeeMembers)
        .values(
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
      action: input.termId === undefined ? "committee.new_term" : "committee.change_term",
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
  if (
    facilities.length > 30 ||
    facilities.some((f) => f.length > 30 || fieldCharacterProblem(f, "设施"))
  ) {
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
  const heldOn = parseIsoDate(input.heldOn);
  if (!heldOn) fieldErrors.heldOn = ["请填写会议日期，如 2026-05-20"];
  else if (heldOn > shanghaiDate(ctx.now)) fieldErrors.heldOn = ["会议日期不能晚于今天"];
  const parties = jointMeetingParties.filter((p) => input.parties.includes(p));
  if (parties.length < 2) fieldErrors.parties = ["请勾选参加会议的各方，至少两方"];
  const topics = input.topics.trim();
  const decisions = input.decisions.trim();
  if (!topics) fieldErrors.topics = ["请填写会议议题"];
  else if (topics.length > 2000) fieldErrors.topics = ["议题不能超过 2000 字"];
  if (!decisions) fieldErrors.decisions = ["请填写会议决定事项"];
  else if (decisions.length > 4000) fieldErrors.decisions = ["决定事项不能超过 4000 字"];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(jointMeetings)
      .values({
        placeId: place.id,
        heldOn: heldOn!,
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
      after: { heldOn, parties, topics },
    });
    return { ok: true, value: { id: row!.id } };
  });
}
