/**
 * Keeping the credit lists: listing and removal on the 活动异常名录 and the
 * 严重违法失信名单, the proposals the registry's records make and an officer
 * confirms or dismisses in batches, the registered letters of the
 * unreachable-address procedure, and the automatic removal after six months.
 * Every write checks permission and scope, runs in one transaction with the
 * organization's row locked, and writes the audit log.
 */
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { abnormalListings, contactLetters, creditDismissals, organizations, penalties, rectifications, seriousListings } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { recordAudit } from "../audit/commands.server";
import { recordOrganizationChange } from "../organizations/history.server";
import { organizationAccess } from "../organizations/queries.server";
import { isLive } from "../organizations/rules";
import type { ActionContext } from "../shared/context";
import { forbidden, notFound, type WriteResult } from "../shared/errors";
import { addMonths, shanghaiDate } from "../shared/time";
import type { AbnormalRemovalKind, AbnormalTrigger, SeriousTrigger } from "../../../vocabulary";
import {
  abnormalRemovalKindLabels,
  abnormalTriggerLabels,
  automaticRemovalOn,
  lapsingTrigger,
  creditProposals,
  secondLetterProblem,
  seriousTriggerLabels,
  type CreditProposal,
  type OrganizationCredit,
} from "./listings";

/** The name the day's work signs the audit log with. */
export const creditActorName = "信用管理（系统）";

function requireLister(actor: Actor | null): Actor {
  if (!actor || !hasPermission(actor, "credit:list")) forbidden();
  return actor;
}

export interface AbnormalEntry {
  organizationId: number;
  trigger: AbnormalTrigger;
  listedOn: string;
  reason?: string;
  evidence: string | null;
  sourceKey: string | null;
  inspectionYear?: number | null;
  penaltyId?: number | null;
}

/**
 * Lists organizations on grounds, inside the caller's transaction: each one
 * still registered and not yet listed for the same fact; the register shows it
 * as abnormal from the listing date. Returns the ids of those listed.
 */
export async function insertAbnormalListings(tx: Database, ctx: ActionContext, entries: AbnormalEntry[]): Promise<number[]> {
  if (!entries.length) return [];
  const ids = [...new Set(entries.map((e) => e.organizationId))];
  const orgs = new Map((await tx.select().from(organizations).where(inArray(organizations.id, ids)).orderBy(organizations.id).for("update")).map((o) => [o.id, o]));
  const listed: number[] = [];
  for (const entry of entries) {
    const org = orgs.get(entry.organizationId);
    if (!org || !isLive(org.status)) continue;
    const reason = entry.reason?.trim() || abnormalTriggerLabels[entry.trigger];
    const [row] = await tx
      .insert(abnormalListings)
      .values({
        organizationId: org.id,
        listedOn: entry.listedOn,
        trigger: entry.trigger,
        reason,
        evidence: entry.evidence?.trim() || null,
        sourceKey: entry.sourceKey,
        inspectionYear: entry.inspectionYear ?? null,
        penaltyId: entry.penaltyId ?? null,
        listedBy: ctx.actor?.userId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    listed.push(org.id);
    if (org.status === "normal") {
      const after = { status: "abnormal" as const, statusSince: entry.listedOn, statusReason: reason };
      await tx.update(organizations).set({ ...after, updatedAt: ctx.now, version: org.version + 1 }).where(eq(organizations.id, org.id));
      await recordOrganizationChange(tx, ctx, { organizationId: org.id, kind: "status", changes: [{ field: "status", before: org.status, after: "abnormal" }], reason: `列入活动异常名录：${reason}` });
      orgs.set(org.id, { ...org, ...after, version: org.version + 1 });
    }
    await recordAudit(tx, ctx, { action: "organization.list_abnormal", entityType: "organization", entityId: org.id, before: { status: org.status }, after: row, reason });
  }
  return listed;
}

/**
 * Closes listings in force, inside the caller's transaction; when none is left the
 * register shows the organization as normal again (a cancelled or revoked one stays so).
 */
async function closeAbnormalListings(
  tx: Database,
  ctx: ActionContext,
  organizationId: number,
  listingIds: number[] | "all",
  removal: { on: string; kind: AbnormalRemovalKind; reason: string; by: number | null },
): Promise<number> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
  if (!org) notFound("登记簿中没有该社会组织。");
  const closed = await tx
    .update(abnormalListings)
    .set({ removedOn: removal.on, removalKind: removal.kind, removalReason: removal.reason, removedBy: removal.by })
    .where(and(eq(abnormalListings.organizationId, organizationId), isNull(abnormalListings.removedOn), listingIds === "all" ? undefined : inArray(abnormalListings.id, listingIds)))
    .returning();
  if (!closed.length) return 0;
  const [remaining] = await tx.select({ n: sql<number>`count(*)::int` }).from(abnormalListings).where(and(eq(abnormalListings.organizationId, organizationId), isNull(abnormalListings.removedOn)));
  for (const listing of closed) {
    await recordAudit(tx, ctx, { action: "organization.unlist_abnormal", entityType: "organization", entityId: organizationId, before: listing, reason: `${abnormalRemovalKindLabels[removal.kind]}：${removal.reason}`, username: ctx.actor ? undefined : creditActorName });
  }
  if (!remaining?.n && org.status === "abnormal") {
    await tx.update(organizations).set({ status: "normal", statusSince: removal.on, statusReason: null, updatedAt: ctx.now, version: org.version + 1 }).where(eq(organizations.id, organizationId));
    await recordOrganizationChange(tx, ctx, { organizationId, kind: "status", changes: [{ field: "status", before: "abnormal", after: "normal" }], reason: `移出活动异常名录：${removal.reason}` });
  }
  return closed.length;
}

/** Removes one listing after a verified correction, or one made in error, with the reason. */
export async function removeAbnormalListing(ctx: ActionContext, listingId: number, input: { kind: "corrected" | "error"; reason: string }): Promise<WriteResult<null>> {
  const actor = requireLister(ctx.actor);
  const reason = input.reason.trim();
  if (!reason) return { ok: false, fieldErrors: { reason: ["请填写移出原因"] } };
  const db = await getDb();
  const [listing] = await db.select().from(abnormalListings).where(eq(abnormalListings.id, listingId));
  if (!listing) notFound("找不到该列入记录。");
  await organizationAccess(actor, listing.organizationId);
  return db.transaction(async (tx) => {
    const closed = await closeAbnormalListings(tx, ctx, listing.organizationId, [listingId], { on: shanghaiDate(ctx.now), kind: input.kind, reason, by: actor.userId });
    return closed ? { ok: true, value: null } : { ok: false, formError: "该列入记录已经移出，请刷新页面查看。" };
  });
}

export interface SeriousEntry {
  organizationId: number;
  trigger: SeriousTrigger;
  listedOn: string;
  reason?: string;
  evidence: string | null;
  sourceKey: string | null;
  penaltyId?: number | null;
}

/**
 * Lists an organization on the serious-violation list, inside the caller's
 * transaction. Two years on the abnormal list moves it: its abnormal listings
 * close on the same day (第十七条第一项).
 */
async function insertSeriousListing(tx: Database, ctx: ActionContext, entry: SeriousEntry): Promise<boolean> {
  const reason = entry.reason?.trim() || seriousTriggerLabels[entry.trigger];
  const [row] = await tx
    .insert(seriousListings)
    .values({
      organizationId: entry.organizationId,
      listedOn: entry.listedOn,
      trigger: entry.trigger,
      reason,
      evidence: entry.evidence?.trim() || null,
      sourceKey: entry.sourceKey,
      penaltyId: entry.penaltyId ?? null,
      listedBy: ctx.actor?.userId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return false;
  await recordAudit(tx, ctx, { action: "organization.list_serious", entityType: "organization", entityId: entry.organizationId, after: row, reason });
  if (entry.trigger === "two_years_abnormal") {
    await closeAbnormalListings(tx, ctx, entry.organizationId, "all", { on: entry.listedOn, kind: "moved_to_serious", reason: "列入活动异常名录满 2 年，列入严重违法失信名单", by: ctx.actor?.userId ?? null });
  }
  return true;
}

/** Removes a serious-violation listing (the decision annulled, the court's listing lifted), with the reason. */
export async function removeSeriousListing(ctx: ActionContext, listingId: number, input: { reason: string }): Promise<WriteResult<null>> {
  const actor = requireLister(ctx.actor);
  const reason = input.reason.trim();
  if (!reason) return { ok: false, fieldErrors: { reason: ["请填写移出原因"] } };
  const db = await getDb();
  const [listing] = await db.select().from(seriousListings).where(eq(seriousListings.id, listingId));
  if (!listing) notFound("找不到该列入记录。");
  await organizationAccess(actor, listing.organizationId);
  return db.transaction(async (tx) => {
    const [closed] = await tx
      .update(seriousListings)
      .set({ removedOn: shanghaiDate(ctx.now), removalReason: reason, removedBy: actor.userId })
      .where(and(eq(seriousListings.id, listingId), isNull(seriousListings.removedOn)))
      .returning();
    if (!closed) return { ok: false, formError: "该列入记录已经移出，请刷新页面查看。" };
    await recordAudit(tx, ctx, { action: "organization.unlist_serious", entityType: "organization", entityId: listing.organizationId, before: listing, after: closed, reason });
    return { ok: true, value: null };
  });
}

/* ------------------------------------------------------------------ listing by hand */

export interface ManualListing {
  list: "abnormal" | "serious";
  trigger: AbnormalTrigger | SeriousTrigger;
  listedOn: string;
  evidence: string;
}

/**
 * Lists an organization on a ground the registry's records do not hold (no
 * party organization, overdue rectification, a court's listing, fraud in a
 * change registration, others by law), with the evidence relied on.
 */
export async function listByHand(ctx: ActionContext, organizationId: number, input: ManualListing): Promise<WriteResult<null>> {
  const actor = requireLister(ctx.actor);
  await organizationAccess(actor, organizationId);
  if (input.listedOn > shanghaiDate(ctx.now)) return { ok: false, fieldErrors: { listedOn: ["列入日期不能晚于今天"] } };
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<null>> => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
    if (!org) notFound("登记簿中没有该社会组织。");
    if (org.type === "community") return { ok: false, formError: "社区社会组织为备案管理，不列入信用名单。" };
    if (input.list === "abnormal") {
      if (!isLive(org.status)) return { ok: false, formError: "该组织已注销或被撤销登记，不能列入活动异常名录。" };
      const listed = await insertAbnormalListings(tx, ctx, [{ organizationId, trigger: input.trigger as AbnormalTrigger, listedOn: input.listedOn, evidence: input.evidence, sourceKey: null }]);
      return listed.length ? { ok: true, value: null } : { ok: false, formError: "未能列入，请刷新页面后重试。" };
    }
    await insertSeriousListing(tx, ctx, { organizationId, trigger: input.trigger as SeriousTrigger, listedOn: input.listedOn, evidence: input.evidence, sourceKey: null });
    return { ok: true, value: null };
  });
}

/* ------------------------------------------------------------------ proposals */

/**
 * The organizations a proposal may arise for on `today`: those with a penalty, a letter or a
 * rectification, and those on the abnormal list since before the two years' mark (a listing in
 * force from more than 23 months back: a little wide around month ends, where the rule decides).
 * Any other organization has nothing to propose, so the district's whole abnormal list, mostly
 * removed or recent listings, is not read to find that out.
 */
export async function proposableOrganizations(tx: Database, today: string): Promise<number[]> {
  // Their ids come back to be asked for by index in each fact's table: given as a subquery, the planner
  // hashed it and read the whole abnormal list again.
  const rows = await tx
    .select({ id: penalties.organizationId })
    .from(penalties)
    .union(tx.select({ id: contactLetters.organizationId }).from(contactLetters))
    .union(tx.select({ id: rectifications.organizationId }).from(rectifications))
    .union(
      tx
        .select({ id: abnormalListings.organizationId })
        .from(abnormalListings)
        .where(and(isNull(abnormalListings.removedOn), lte(abnormalListings.listedOn, addMonths(today, -23)))),
    );
  return rows.map((r) => r.id);
}

/** `column` is one of `ids`, as one array parameter however many they are (a list of parameters stops at 65,535). */
const anyOf = (column: PgColumn, ids: number[]) => sql`${column} = any(${sql.param(ids)}::int[])`;

/** What the registry knows of these organizations' credit, for `creditProposals`. */
export async function creditFacts(tx: Database, organizationIds: number[]): Promise<OrganizationCredit[]> {
  if (!organizationIds.length) return [];
  const only = (column: PgColumn) => anyOf(column, organizationIds);
  const [pen, abn, ser, let_, dis, rect] = await Promise.all([
    tx.select({ organizationId: penalties.organizationId, id: penalties.id, kind: penalties.kind, amountFen: penalties.amountFen, decidedOn: penalties.decidedOn, decisionNumber: penalties.decisionNumber }).from(penalties).where(only(penalties.organizationId)),
    tx.select({ organizationId: abnormalListings.organizationId, id: abnormalListings.id, trigger: abnormalListings.trigger, listedOn: abnormalListings.listedOn, sourceKey: abnormalListings.sourceKey, removedOn: abnormalListings.removedOn }).from(abnormalListings).where(only(abnormalListings.organizationId)),
    tx.select({ organizationId: seriousListings.organizationId, sourceKey: seriousListings.sourceKey, removedOn: seriousListings.removedOn }).from(seriousListings).where(only(seriousListings.organizationId)),
    tx.select({ organizationId: contactLetters.organizationId, id: contactLetters.id, sentOn: contactLetters.sentOn, returnedOn: contactLetters.returnedOn, trackingNumber: contactLetters.trackingNumber }).from(contactLetters).where(only(contactLetters.organizationId)),
    tx.select({ organizationId: creditDismissals.organizationId, sourceKey: creditDismissals.sourceKey }).from(creditDismissals).where(only(creditDismissals.organizationId)),
    tx
      .select({ organizationId: rectifications.organizationId, id: rectifications.id, problem: rectifications.problem, deadline: rectifications.deadline, answeredOn: rectifications.answeredOn, verdict: rectifications.verdict, verifiedOn: rectifications.verifiedOn })
      .from(rectifications)
      .where(only(rectifications.organizationId)),
  ]);
  const ids = new Set([...pen, ...abn, ...let_, ...rect].map((r) => r.organizationId));
  if (!ids.size) return [];
  const statuses = await tx.select({ id: organizations.id, status: organizations.status }).from(organizations).where(anyOf(organizations.id, [...ids]));
  const group = <T extends { organizationId: number }>(rows: T[]) => {
    const by = new Map<number, T[]>();
    for (const r of rows) by.set(r.organizationId, [...(by.get(r.organizationId) ?? []), r]);
    return (id: number) => by.get(id) ?? [];
  };
  const [p, a, s, l, d, r] = [group(pen), group(abn), group(ser), group(let_), group(dis), group(rect)];
  return statuses.map((o) => ({
    organizationId: o.id,
    live: isLive(o.status),
    penalties: p(o.id),
    abnormal: a(o.id),
    serious: s(o.id),
    letters: l(o.id),
    rectifications: r(o.id),
    dismissed: d(o.id).map((x) => x.sourceKey),
  }));
}

/** A proposal as a form names it: the organization and the fact. */
export const proposalKey = (p: Pick<CreditProposal, "organizationId" | "sourceKey" | "list">) => `${p.list}|${p.organizationId}|${p.sourceKey}`;

function parseProposalKey(key: string): { list: string; organizationId: number; sourceKey: string } | null {
  const [list, id, ...rest] = key.split("|");
  const organizationId = Number(id);
  return list && Number.isInteger(organizationId) && rest.length ? { list, organizationId, sourceKey: rest.join("|") } : null;
}

/** The proposals still open among the ones a form names, read again inside the transaction that acts on them. */
async function openProposals(tx: Database, keys: string[], today: string) {
  const wanted = new Set(keys);
  const ids = [...new Set(keys.map(parseProposalKey).flatMap((k) => (k ? [k.organizationId] : [])))];
  if (!ids.length) return [];
  // Serialises the batch with any other on these organizations: a fact is listed once.
  await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.id, ids)).orderBy(organizations.id).for("update");
  return (await creditFacts(tx, ids)).flatMap((org) => creditProposals(org, today)).filter((p) => wanted.has(proposalKey(p)));
}

/**
 * Confirms a reviewed batch of proposals, each listed on the date given (not
 * before its fact arose, not in the future). Proposals decided meanwhile by
 * someone else are skipped and counted.
 */
export async function confirmProposals(ctx: ActionContext, input: { keys: string[]; listedOn: string }): Promise<WriteResult<{ listed: number; skipped: number }>> {
  const actor = requireLister(ctx.actor);
  const today = shanghaiDate(ctx.now);
  if (!input.keys.length) return { ok: false, fieldErrors: { keys: ["请至少勾选一条建议"] } };
  if (input.listedOn > today) return { ok: false, fieldErrors: { listedOn: ["列入日期不能晚于今天"] } };
  await assertInScope(actor, input.keys);
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<{ listed: number; skipped: number }>> => {
    const open = await openProposals(tx, input.keys, today);
    const early = open.find((p) => p.arose > input.listedOn);
    if (early) return { ok: false, fieldErrors: { listedOn: [`列入日期不能早于所依据事实发生之日（${early.arose}）`] } };
    let listed = 0;
    for (const p of open) {
      const entry = { organizationId: p.organizationId, listedOn: input.listedOn, evidence: p.evidence, sourceKey: p.sourceKey, penaltyId: p.penaltyId };
      const done = p.list === "abnormal" ? (await insertAbnormalListings(tx, ctx, [{ ...entry, trigger: p.trigger as AbnormalTrigger }])).length > 0 : await insertSeriousListing(tx, ctx, { ...entry, trigger: p.trigger as SeriousTrigger });
      if (done) listed++;
    }
    return { ok: true, value: { listed, skipped: input.keys.length - listed } };
  });
}

/** Dismisses proposals with the reason (the decision annulled, already handled elsewhere): not proposed again. */
export async function dismissProposals(ctx: ActionContext, input: { keys: string[]; reason: string }): Promise<WriteResult<{ dismissed: number }>> {
  const actor = requireLister(ctx.actor);
  const reason = input.reason.trim();
  if (!input.keys.length) return { ok: false, fieldErrors: { keys: ["请至少勾选一条建议"] } };
  if (!reason) return { ok: false, fieldErrors: { reason: ["请填写不予列入的理由"] } };
  await assertInScope(actor, input.keys);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const open = await openProposals(tx, input.keys, shanghaiDate(ctx.now));
    for (const p of open) {
      await tx.insert(creditDismissals).values({ organizationId: p.organizationId, sourceKey: p.sourceKey, reason, dismissedBy: actor.userId, dismissedAt: ctx.now }).onConflictDoNothing();
      await recordAudit(tx, ctx, { action: "credit.dismiss_proposal", entityType: "organization", entityId: p.organizationId, before: p, reason });
    }
    return { ok: true, value: { dismissed: open.length } };
  });
}

async function assertInScope(actor: Actor, keys: string[]): Promise<void> {
  for (const id of new Set(keys.map(parseProposalKey).flatMap((k) => (k ? [k.organizationId] : [])))) await organizationAccess(actor, id);
}

/* ------------------------------------------------------------------ the letters */

/** Records a registered letter sent to the organization's registered address. */
export async function recordLetter(ctx: ActionContext, organizationId: number, input: { sentOn: string; trackingNumber: string }): Promise<WriteResult<{ id: number }>> {
  const actor = requireLister(ctx.actor);
  await organizationAccess(actor, organizationId);
  const today = shanghaiDate(ctx.now);
  if (input.sentOn > today) return { ok: false, fieldErrors: { sentOn: ["寄出日期不能晚于今天"] } };
  const db = await getDb();
  return db.transaction(async (tx): Promise<WriteResult<{ id: number }>> => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
    if (!org) notFound("登记簿中没有该社会组织。");
    if (org.type === "community") return { ok: false, formError: "社区社会组织为备案管理，不适用本程序。" };
    if (!isLive(org.status)) return { ok: false, formError: "该组织已注销或被撤销登记，无需寄送联络信函。" };
    if (!org.address) return { ok: false, formError: "登记簿中没有该组织的住所，请先更正登记信息。" };
    const earlier = await tx.select().from(contactLetters).where(eq(contactLetters.organizationId, organizationId));
    // A second letter follows a first that came back unsigned, within the window.
    const first = earlier.filter((l) => l.returnedOn && l.sentOn < input.sentOn).sort((a, b) => b.sentOn.localeCompare(a.sentOn))[0];
    const gapProblem = first ? secondLetterProblem(first.sentOn, input.sentOn) : null;
    if (gapProblem) return { ok: false, fieldErrors: { sentOn: [gapProblem] } };
    const [row] = await tx
      .insert(contactLetters)
      .values({ organizationId, address: org.address, sentOn: input.sentOn, trackingNumber: input.trackingNumber.trim(), recordedBy: actor.userId, recordedAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx, { action: "credit.record_letter", entityType: "organization", entityId: organizationId, after: row });
    return { ok: true, value: { id: row!.id } };
  });
}

/** Records that a letter came back unsigned. */
export async function recordLetterReturned(ctx: ActionContext, letterId: number, input: { returnedOn: string }): Promise<WriteResult<null>> {
  const actor = requireLister(ctx.actor);
  const db = await getDb();
  const [letter] = await db.select().from(contactLetters).where(eq(contactLetters.id, letterId));
  if (!letter) notFound("找不到该信函。");
  await organizationAccess(actor, letter.organizationId);
  if (input.returnedOn > shanghaiDate(ctx.now)) return { ok: false, fieldErrors: { returnedOn: ["退回日期不能晚于今天"] } };
  if (input.returnedOn < letter.sentOn) return { ok: false, fieldErrors: { returnedOn: ["退回日期不能早于寄出日期"] } };
  return db.transaction(async (tx) => {
    const [row] = await tx.update(contactLetters).set({ returnedOn: input.returnedOn }).where(and(eq(contactLetters.id, letterId), isNull(contactLetters.returnedOn))).returning();
    if (!row) return { ok: false, formError: "该信函已登记退回。" };
    await recordAudit(tx, ctx, { action: "credit.letter_returned", entityType: "organization", entityId: letter.organizationId, before: letter, after: row });
    return { ok: true, value: null };
  });
}

/* ------------------------------------------------------------------ the day's work */

/**
 * Removes the listings whose six months have run with nothing to correct
 * (第十三条), dated the day they became due. Run with the calendar, under its
 * lock; running it twice on a day removes nothing the second time.
 */
export async function removeExpiredListings(tx: Database, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const ctx: ActionContext = { actor: null, ip: null, now };
  // Only an organization with a lapsing listing in force can have one due (its index, migration 0039);
  // its other listings in force tell when it was last listed.
  const lapsing = tx
    .select({ organizationId: abnormalListings.organizationId })
    .from(abnormalListings)
    .where(and(isNull(abnormalListings.removedOn), eq(abnormalListings.trigger, lapsingTrigger)));
  const inForce = await tx
    .select()
    .from(abnormalListings)
    .where(and(isNull(abnormalListings.removedOn), inArray(abnormalListings.organizationId, lapsing)));
  const byOrg = new Map<number, typeof inForce>();
  for (const l of inForce) byOrg.set(l.organizationId, [...(byOrg.get(l.organizationId) ?? []), l]);
  let removed = 0;
  for (const [organizationId, listings] of byOrg) {
    const due = listings.flatMap((l) => {
      const on = automaticRemovalOn(l, listings);
      return on && on <= today ? [{ id: l.id, on }] : [];
    });
    if (!due.length) continue;
    removed += await closeAbnormalListings(tx, ctx, organizationId, due.map((d) => d.id), {
      on: due[0]!.on,
      kind: "six_months",
      reason: `列入满 6 个月，无需整改（《社会组织信用信息管理办法》第十三条）`,
      by: null,
    });
  }
  return removed;
}
