/**
 * Writing the committees of a community or village: a new term (换届) or a
 * change to one, deleting a term recorded by mistake, the service centre, a
 * "五位一体" joint meeting; and the district's 一居多会 target. Each takes a
 * form as its schema (forms.ts) read it, checks the officer's scope and the
 * rules against what is recorded, writes, and appends to the audit log in
 * one transaction.
 */
import { and, asc, eq, getTableColumns } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { committeeMembers, committeeTerms, jointMeetings, places, serviceCentres } from "../../../db/schema";
import { recordAudit } from "../audit/commands.server";
import { updateSetting } from "../settings/commands.server";
import { targetSettingOf, type AssociationTargetForm } from "./coverage";
import type { DeleteTermForm, JointMeetingForm, ServiceCentreForm, TermForm } from "./forms";
import { placeInScope, recordedTerms, termFormErrors } from "./queries.server";
import { bodiesOf, deleteReasonLength, jointMeetingParties, termProblemsInPlace, textCharacterProblem, type CommitteeBody, type MemberInput, type TermInput } from "./rules";
import type { ActionContext } from "../shared/context";
import { notFound, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { fieldCharacterProblem } from "../shared/text-input";
import { readRecordDate, shanghaiDate } from "../shared/time";

const staleMessage = "该记录已被其他人修改，请刷新页面查看最新内容后再保存。";

function cleanMembers(members: readonly MemberInput[]): MemberInput[] {
  return members.map((m) => ({ ...m, name: m.name.trim() })).filter((m) => m.name);
}

/** The place, if the actor keeps its committees and it has this body; otherwise not found. */
async function placeWithBody(db: Database, ctx: ActionContext, code: string, body: CommitteeBody) {
  const { place } = await placeInScope(db, ctx.actor, code);
  if (!bodiesOf(place.level).includes(body)) notFound("该社区或村没有这一组织。");
  return place;
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
// A term as recorded, for the audit's before and after: without the database's own succession mark.
const { succeeded: _succeeded, ...recordedColumns } = getTableColumns(committeeTerms);

async function termOfBody(tx: Database, placeId: number, body: CommitteeBody, termId: number) {
  const [term] = await tx
    .select(recordedColumns)
    .from(committeeTerms)
    .where(and(eq(committeeTerms.id, termId), eq(committeeTerms.placeId, placeId), eq(committeeTerms.body, body)));
  return term;
}

/** A new term of a body (换届), or a change to one against the version the officer saw. */
export async function saveTerm(ctx: ActionContext, code: string, input: TermForm): Promise<WriteResult<{ termId: number }>> {
  const db = await getDb();
  const { body } = input;
  const place = await placeWithBody(db, ctx, code, body);
  const change = input.intent === "change-term" ? { termId: input.termId, version: input.version } : null;
  if (change && (!isRowId(change.termId) || !isRowId(change.version))) return { ok: false, formError: staleMessage };
  const members = cleanMembers(input.member);
  const term: TermInput = {
    termNumber: input.termNumber,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    electedOn: input.electedOn,
    eligibleVoters: input.eligibleVoters,
    votesCast: input.votesCast,
    members,
  };
  const today = shanghaiDate(ctx.now);

  return db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const recorded = await recordedTerms(tx, place.id);
    let old: Awaited<ReturnType<typeof termOfBody>>;
    if (change) {
      old = await termOfBody(tx, place.id, body, change.termId);
      // Deleted meanwhile, or never this body's: the page the officer typed into is stale.
      if (!old || old.version !== change.version) return { ok: false, formError: staleMessage };
    }
    // The rules see the place's terms as they are inside this transaction.
    const problems = termFormErrors(termProblemsInPlace(body, term, { today, recorded, termId: old?.id }));
    if (Object.keys(problems).length) return { ok: false, fieldErrors: problems };

    const values = {
      termNumber: term.termNumber,
      startsOn: term.startsOn,
      endsOn: term.endsOn,
      electedOn: term.electedOn,
      eligibleVoters: term.eligibleVoters,
      votesCast: term.votesCast,
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
      before = { ...old, members: recorded.find((t) => t.id === old.id)?.members ?? [] };
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
        .values(members.map((m, i) => ({ termId, name: m.name, post: m.post, partySecretary: m.partySecretary, sortOrder: i })));
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
        members: members.map((m) => ({ name: m.name, post: m.post, partySecretary: m.partySecretary })),
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
export async function deleteTerm(ctx: ActionContext, code: string, input: Omit<DeleteTermForm, "intent">): Promise<WriteResult<{ termNumber: number }>> {
  const db = await getDb();
  const place = await placeWithBody(db, ctx, code, input.body);
  const reason = input.reason.trim();
  const reasonProblem = !reason
    ? "请填写删除原因，如“届次录入错误”"
    : reason.length < deleteReasonLength.min
      ? `删除原因至少 ${deleteReasonLength.min} 个字`
      : reason.length > deleteReasonLength.max
        ? `删除原因不能超过 ${deleteReasonLength.max} 字`
        : textCharacterProblem(reason, "删除原因");
  if (reasonProblem) return { ok: false, fieldErrors: { reason: [reasonProblem] } };
  if (!isRowId(input.termId) || !isRowId(input.version)) return { ok: false, formError: staleMessage };

  return db.transaction(async (tx) => {
    await lockPlace(tx, place.id);
    const old = await termOfBody(tx, place.id, input.body, input.termId);
    if (!old || old.version !== input.version) return { ok: false, formError: staleMessage };
    const members = await tx
      .select({ name: committeeMembers.name, post: committeeMembers.post, partySecretary: committeeMembers.partySecretary })
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

/** The service centre's floor area and facilities, against the version the officer saw (null: not yet recorded). */
export async function saveServiceCentre(ctx: ActionContext, code: string, input: Omit<ServiceCentreForm, "intent">): Promise<WriteResult<null>> {
  const db = await getDb();
  const { place } = await placeInScope(db, ctx.actor, code);
  const fieldErrors: Record<string, string[]> = {};
  if (input.floorArea !== null && (!Number.isInteger(input.floorArea) || input.floorArea < 0 || input.floorArea > 100_000)) {
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
    const [old] = await tx.select().from(serviceCentres).where(eq(serviceCentres.placeId, place.id));
    if ((old?.version ?? null) !== input.version) return { ok: false, formError: staleMessage };
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

/** A community's "五位一体" joint meeting: a day up to today, at least two of the five parties, its topics and decisions. */
export async function recordJointMeeting(ctx: ActionContext, code: string, input: Omit<JointMeetingForm, "intent">): Promise<WriteResult<{ id: number }>> {
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
      .values({ placeId: place.id, heldOn, parties, topics, decisions, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now })
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

/**
 * The district's 一居多会 target: a district setting, changed with the reason
 * and against the value the officer saw (the settings module checks the
 * permission and a recent re-verification, and audits the change).
 */
export function setAssociationTarget(ctx: ActionContext, input: AssociationTargetForm): Promise<WriteResult<number>> {
  return updateSetting(ctx, targetSettingOf(input.level), input.associationTarget, { reason: input.reason, expected: input.expected });
}
