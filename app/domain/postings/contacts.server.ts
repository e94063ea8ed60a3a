/**
 * A village's public contact numbers (公开联系号码). Every mobile and bank-card
 * number in a posting is masked on public pages; a number the village's clerk
 * marks here (a hotline, the supervision committee's phone, the collective's
 * account for donations) is shown in full on that village's public pages, and
 * only there. Marking and removing a mark are the clerk's, checked, done in one
 * transaction and audited with who did it; the stored titles the public lists
 * read are masked again in that transaction, and a trigger moves the public
 * data version so kept public pages are rendered again.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { postings, postingVersions, publicContactNumbers, users } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { ownVillage } from "../../auth/scope.server";
import { recordAudit } from "../audit/audit.server";
import type { ActionContext } from "../shared/context";
import { forbidden, type WriteResult } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { formatContactDigits, publicContactSchema, readContactNumber, type PublicContactKind } from "./contact-forms";
import { maskSensitive, type PublicNumbers } from "./sensitive-numbers";

/** The clerk's own village: only a village clerk (posting:draft) keeps its public contacts. */
function clerkPlace(actor: Actor | null): { actor: Actor; placeId: number } {
  if (!actor || !hasPermission(actor, "posting:draft")) forbidden("只有本村（社区）的村务公开员可以管理公开联系号码。");
  const placeId = ownVillage(actor);
  if (placeId === null) forbidden("您的账号没有关联村（社区），请联系管理员。");
  return { actor, placeId };
}

/** The digits of a place's marked numbers, for masking its public pages. */
export async function publicNumbersOf(db: Database, placeId: number): Promise<Set<string>> {
  const rows = await db.select({ digits: publicContactNumbers.digits }).from(publicContactNumbers).where(eq(publicContactNumbers.placeId, placeId));
  return new Set(rows.map((r) => r.digits));
}

/** The same for several places at once (a list of postings across villages). */
export async function publicNumbersByPlace(db: Database, placeIds: number[]): Promise<Map<number, Set<string>>> {
  const byPlace = new Map<number, Set<string>>();
  const distinct = [...new Set(placeIds)];
  if (!distinct.length) return byPlace;
  const rows = await db
    .select({ placeId: publicContactNumbers.placeId, digits: publicContactNumbers.digits })
    .from(publicContactNumbers)
    .where(inArray(publicContactNumbers.placeId, distinct));
  for (const r of rows) byPlace.set(r.placeId, (byPlace.get(r.placeId) ?? new Set()).add(r.digits));
  return byPlace;
}

export interface PublicContact {
  id: number;
  kind: PublicContactKind;
  digits: string;
  /** Grouped for reading. */
  display: string;
  label: string;
  markedAt: Date;
  markedBy: string | null;
}

/** The clerk's village's marked numbers, oldest first. */
export async function listPublicContacts(actor: Actor): Promise<PublicContact[]> {
  const { placeId } = clerkPlace(actor);
  const db = await getDb();
  const rows = await db
    .select({
      id: publicContactNumbers.id,
      kind: publicContactNumbers.kind,
      digits: publicContactNumbers.digits,
      label: publicContactNumbers.label,
      markedAt: publicContactNumbers.markedAt,
      markedBy: users.displayName,
    })
    .from(publicContactNumbers)
    .leftJoin(users, eq(users.id, publicContactNumbers.markedBy))
    .where(eq(publicContactNumbers.placeId, placeId))
    .orderBy(asc(publicContactNumbers.markedAt), asc(publicContactNumbers.id));
  return rows.map((r) => ({ ...r, display: formatContactDigits(r.kind, r.digits) }));
}

/**
 * The titles of a place's public postings as lists show them, masked again
 * with its marked numbers; the full title stays in the published version.
 */
async function remaskPublicTitles(tx: Database, placeId: number, numbers: PublicNumbers): Promise<void> {
  const rows = await tx
    .select({ id: postings.id, shown: postings.title, title: postingVersions.title })
    .from(postings)
    .innerJoin(postingVersions, eq(postingVersions.id, postings.currentVersionId))
    .where(and(eq(postings.placeId, placeId), inArray(postings.status, ["published", "withdrawn"])));
  for (const row of rows) {
    const title = maskSensitive(row.title, numbers);
    if (title !== row.shown) await tx.update(postings).set({ title }).where(eq(postings.id, row.id));
  }
}

/** Marks a mobile or bank-card number to be shown in full on the clerk's village's public pages. */
export async function markPublicContact(ctx: ActionContext, input: { number: string; label: string }): Promise<WriteResult<{ id: number }>> {
  const { actor, placeId } = clerkPlace(ctx.actor);
  const parsed = publicContactSchema.safeParse(input);
  const read = readContactNumber(input.number);
  if (!parsed.success || !read.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error?.issues ?? []) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const { kind, digits } = read.value;
  const label = parsed.data.label;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ label: publicContactNumbers.label })
      .from(publicContactNumbers)
      .where(and(eq(publicContactNumbers.placeId, placeId), eq(publicContactNumbers.digits, digits)));
    if (existing) return { ok: false, fieldErrors: { number: [`该号码已标记为公开（${existing.label}）`] } };
    // Of two clerks marking the same number at once, the unique index refuses the second.
    const [marked] = await tx
      .insert(publicContactNumbers)
      .values({ placeId, kind, digits, label, markedBy: actor.userId, markedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: publicContactNumbers.id });
    if (!marked) return { ok: false, fieldErrors: { number: ["该号码已标记为公开"] } };
    await recordAudit(tx, ctx, {
      action: "public_contact.mark",
      entityType: "public_contact",
      entityId: marked.id,
      after: { placeId, kind, digits, label },
    });
    await remaskPublicTitles(tx, placeId, await publicNumbersOf(tx, placeId));
    return { ok: true, value: { id: marked.id } };
  });
}

/** Removes a mark: the number is masked again on the village's public pages. */
export async function unmarkPublicContact(ctx: ActionContext, id: number): Promise<WriteResult<null>> {
  const { placeId } = clerkPlace(ctx.actor);
  if (!isRowId(id)) return { ok: false, formError: "找不到该号码，可能已被取消公开。" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Another village's mark reads as not there.
    const [removed] = await tx
      .delete(publicContactNumbers)
      .where(and(eq(publicContactNumbers.id, id), eq(publicContactNumbers.placeId, placeId)))
      .returning();
    if (!removed) return { ok: false, formError: "找不到该号码，可能已被取消公开。" };
    await recordAudit(tx, ctx, {
      action: "public_contact.unmark",
      entityType: "public_contact",
      entityId: removed.id,
      before: { placeId, kind: removed.kind, digits: removed.digits, label: removed.label, markedBy: removed.markedBy, markedAt: removed.markedAt },
    });
    await remaskPublicTitles(tx, placeId, await publicNumbersOf(tx, placeId));
    return { ok: true, value: null };
  });
}
