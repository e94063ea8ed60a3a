/**
 * Who may touch which posting: the village's clerk (posting:draft) and its
 * supervision committee (posting:review), each only within their own village.
 * Someone else's village reads as not found, so a forgotten check cannot show
 * another village's drafts.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { postingFiles, postings, postingVersions } from "../../../db/schema";
import type { PostingVersionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { ownVillage } from "../../auth/scope.server";
import { forbidden, notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";

export type PostingRow = typeof postings.$inferSelect;
export type VersionRow = typeof postingVersions.$inferSelect;

/** A version still being prepared: at most one per posting. */
export const openStates: PostingVersionState[] = ["draft", "submitted", "returned"];
/** A version the clerk may still change. */
export const editableStates: PostingVersionState[] = ["draft", "returned"];

/** The actor's own village, when the actor holds the permission there. */
export function villageOf(actor: Actor | null, permission: "posting:draft" | "posting:review"): { actor: Actor; placeId: number } {
  if (!actor || !hasPermission(actor, permission)) forbidden();
  const placeId = ownVillage(actor);
  if (placeId === null) forbidden("您的账号没有关联村（社区），请联系管理员。");
  return { actor, placeId };
}

/** The clerk's own village: only a village clerk (posting:draft) keeps its public contacts. */
export function clerkPlace(actor: Actor | null): { actor: Actor; placeId: number } {
  if (!actor || !hasPermission(actor, "posting:draft")) forbidden("只有本村（社区）的村务公开员可以管理公开联系号码。");
  const placeId = ownVillage(actor);
  if (placeId === null) forbidden("您的账号没有关联村（社区），请联系管理员。");
  return { actor, placeId };
}

/**
 * Whether a version in this state is shown to the village's clerk (`drafting`)
 * or to its supervision committee: discarded ones to nobody, and drafts and
 * returned versions (the clerk's to edit again) not to the committee.
 */
export function seesVersion(drafting: boolean, state: PostingVersionState): boolean {
  return state !== "discarded" && (drafting || (state !== "draft" && state !== "returned"));
}

/** Whether the posting has a version the clerk (`drafting`) or the committee sees: without one it is not found for them. */
export async function seesPosting(db: Database, postingId: number, drafting: boolean): Promise<boolean> {
  const states = await db.select({ state: postingVersions.state }).from(postingVersions).where(eq(postingVersions.postingId, postingId));
  return states.some((v) => seesVersion(drafting, v.state));
}

/** The posting, if it belongs to the actor's village; someone else's village reads as not found. */
export async function ownPosting(db: Database, placeId: number, postingId: number): Promise<PostingRow> {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const [row] = await db.select().from(postings).where(eq(postings.id, postingId)).limit(1);
  if (!row || row.placeId !== placeId) notFound("找不到该公开事项。");
  return row;
}

export async function openVersionOf(db: Database, postingId: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(postingVersions)
    .where(and(eq(postingVersions.postingId, postingId), inArray(postingVersions.state, openStates)))
    .limit(1);
  return row ?? null;
}

export async function filesOf(db: Database, versionId: number) {
  return db
    .select({ id: postingFiles.id, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size, sha256: postingFiles.sha256 })
    .from(postingFiles)
    .where(eq(postingFiles.versionId, versionId))
    .orderBy(asc(postingFiles.id));
}
