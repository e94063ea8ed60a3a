/**
 * What the village's clerk and supervisor read: the workbench of their
 * village's postings, one posting with every version and step, its files, and
 * the numbers the village marked as public contacts. Every read is scoped to
 * the actor's own village (access.server.ts).
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type Placeholder } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { postingFiles, postings, postingSteps, postingVersions, publicContactNumbers, users } from "../../../db/schema";
import type { PostingCategory, PostingVersionState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { ownVillage } from "../../auth/scope.server";
import { notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { clerkPlace, editableStates, openStates, ownPosting, seesPosting, seesVersion, villageOf, type PostingRow } from "./access.server";
import { placeCompliance } from "./compliance.server";
import { formatContactDigits, type PublicContactKind } from "./contact-forms";
import { attachmentsNeedCare, findingsDigest, sensitiveFindings, type SensitiveFinding } from "./rules";
import { maskSensitive } from "./sensitive-numbers";

/* ------------------------------------------------------------------ public contacts */

/** The digits of a place's marked numbers, for masking its public pages. */
export async function publicNumbersOf(db: Database, placeId: number): Promise<Set<string>> {
  return numberSet(await publicNumbersQuery(db, placeId));
}

export function publicNumbersQuery(db: Database, placeId: number | Placeholder) {
  return db.select({ digits: publicContactNumbers.digits }).from(publicContactNumbers).where(eq(publicContactNumbers.placeId, placeId));
}

export const numberSet = (rows: Array<{ digits: string }>) => new Set(rows.map((r) => r.digits));

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

/* ------------------------------------------------------------------ the workbench */

/**
 * What the clerk's acknowledgement covers: a short key of the findings shown
 * (masked forms only), sent back with the form, so numbers added since are
 * not covered by a tick given for an earlier list.
 */
export function findingsKey(findings: SensitiveFinding[]): string {
  return createHash("sha256").update(findingsDigest(findings)).digest("hex");
}

export interface WorkbenchItem {
  id: number;
  kind: string;
  category: PostingCategory;
  period: string;
  title: string;
  status: PostingRow["status"];
  openState: PostingVersionState | null;
  openNumber: number | null;
  currentVersion: number | null;
  updatedAt: Date;
}

/** The village's postings for its clerk or supervisor: those in preparation first, then the published. */
export async function villageWorkbench(
  actor: Actor,
  now: Date,
  filters: { page: number; pageSize: number; state?: "draft" | "submitted" | "returned" | "published" | "withdrawn" },
) {
  const permission = hasPermission(actor, "posting:draft") ? "posting:draft" : "posting:review";
  const { placeId } = villageOf(actor, permission);
  const db = await getDb();
  const open = alias(postingVersions, "open_version");
  // A supervisor sees what is submitted to the committee, never the clerk's drafts (a returned version is one again).
  const visibleOpen = permission === "posting:review" ? sql`${open.state} = 'submitted'` : sql`true`;
  const listed = and(
    eq(postings.placeId, placeId),
    sql`(${open.id} is not null or ${postings.status} in ('published', 'withdrawn'))`,
    filters.state === "published" || filters.state === "withdrawn"
      ? and(eq(postings.status, filters.state), sql`${open.id} is null`)
      : filters.state
        ? eq(open.state, filters.state)
        : undefined,
  );
  const rows = await db
    .select({
      id: postings.id,
      kind: postings.kind,
      category: postings.category,
      period: postings.period,
      title: sql<string>`coalesce(${open.title}, ${postings.title})`,
      status: postings.status,
      openState: open.state,
      openNumber: open.number,
      currentVersion: postings.currentVersion,
      updatedAt: postings.updatedAt,
    })
    .from(postings)
    .leftJoin(open, and(eq(open.postingId, postings.id), inArray(open.state, openStates), visibleOpen))
    .where(listed)
    .orderBy(sql`${open.id} is null`, desc(postings.updatedAt), desc(postings.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  const [total] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(postings)
    .leftJoin(open, and(eq(open.postingId, postings.id), inArray(open.state, openStates), visibleOpen))
    .where(listed);
  const [counts] = await db
    .select({
      drafts: sql<number>`count(*) filter (where ${postingVersions.state} = 'draft')::int`,
      submitted: sql<number>`count(*) filter (where ${postingVersions.state} = 'submitted')::int`,
      returned: sql<number>`count(*) filter (where ${postingVersions.state} = 'returned')::int`,
    })
    .from(postingVersions)
    .where(and(eq(postingVersions.placeId, placeId), inArray(postingVersions.state, permission === "posting:review" ? ["submitted"] : openStates)));
  return {
    items: rows satisfies WorkbenchItem[],
    total: total?.value ?? 0,
    counts: { drafts: counts?.drafts ?? 0, submitted: counts?.submitted ?? 0, returned: counts?.returned ?? 0 },
    compliance: await placeCompliance(placeId, now),
  };
}

/** What the posting page shows of a version (its sign-off salt and who wrote it stay on the server). */
const versionColumns = {
  id: postingVersions.id,
  number: postingVersions.number,
  state: postingVersions.state,
  title: postingVersions.title,
  body: postingVersions.body,
  tableRows: postingVersions.tableRows,
  correctionReason: postingVersions.correctionReason,
  createdAt: postingVersions.createdAt,
  submittedAt: postingVersions.submittedAt,
  reviewedAt: postingVersions.reviewedAt,
  reviewerName: postingVersions.reviewerName,
  reviewOpinion: postingVersions.reviewOpinion,
  publishedAt: postingVersions.publishedAt,
  chainSeq: postingVersions.chainSeq,
  contentHash: postingVersions.contentHash,
  version: postingVersions.version,
};

/**
 * One posting as its village's clerk or supervisor sees it: every version in
 * full with its files, the steps, what the number check found, what each may do.
 */
export async function postingWorkspace(actor: Actor, postingId: number) {
  const drafting = hasPermission(actor, "posting:draft");
  const { placeId } = villageOf(actor, drafting ? "posting:draft" : "posting:review");
  const db = await getDb();
  const posting = await ownPosting(db, placeId, postingId);
  const versions = await db
    .select({ ...versionColumns, createdBy: postingVersions.createdBy })
    .from(postingVersions)
    .where(eq(postingVersions.postingId, postingId))
    .orderBy(desc(postingVersions.number));
  const visibleRows = versions.filter((v) => seesVersion(drafting, v.state));
  if (!visibleRows.length) notFound("找不到该公开事项。");
  const files = await db
    .select({ id: postingFiles.id, versionId: postingFiles.versionId, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size })
    .from(postingFiles)
    .where(inArray(postingFiles.versionId, visibleRows.map((v) => v.id)))
    .orderBy(asc(postingFiles.id));
  const visible = visibleRows.map(({ createdBy: _createdBy, ...v }) => ({
    ...v,
    files: files.filter((f) => f.versionId === v.id).map(({ versionId: _versionId, ...f }) => f),
  }));
  const visibleNumbers = new Set(visible.map((v) => v.number));
  const steps = await db
    .select({ id: postingSteps.id, at: postingSteps.at, action: postingSteps.action, versionNumber: postingSteps.versionNumber, actorName: postingSteps.actorName, opinion: postingSteps.opinion })
    .from(postingSteps)
    .where(eq(postingSteps.postingId, postingId))
    .orderBy(asc(postingSteps.at), asc(postingSteps.id));
  const open = visible.find((v) => openStates.includes(v.state)) ?? null;
  const openRow = visibleRows.find((v) => v.id === open?.id);
  const current = visible.find((v) => v.id === posting.currentVersionId) ?? null;
  const findings = open
    ? sensitiveFindings(posting.kind, { ...open, fileNames: open.files.map((f) => f.fileName) }, await publicNumbersOf(db, placeId))
    : [];
  return {
    title: open?.title ?? current?.title ?? posting.title,
    drafting,
    posting: {
      id: posting.id,
      kind: posting.kind,
      category: posting.category,
      retention: posting.retention,
      period: posting.period,
      status: posting.status,
      version: posting.version,
      currentVersion: posting.currentVersion,
      currentHash: posting.currentHash,
      firstPublishedAt: posting.firstPublishedAt,
      publishedAt: posting.publishedAt,
      withdrawnAt: posting.withdrawnAt,
      withdrawnReason: posting.withdrawnReason,
    },
    versions: visible,
    open,
    current,
    steps: steps.filter((step) => visibleNumbers.has(step.versionNumber)),
    findings,
    findingsDigest: findingsKey(findings),
    attachmentsNeedCare: attachmentsNeedCare(posting.kind, open?.files.length ?? 0),
    can: {
      edit: drafting && !!open && editableStates.includes(open.state),
      review: !drafting && open?.state === "submitted" && openRow?.createdBy !== actor.userId,
      correct: drafting && posting.status === "published" && !open,
      withdraw: drafting && posting.status === "published" && !open,
      discard: drafting && !!open && editableStates.includes(open.state),
    },
  };
}

/**
 * The posting as its page shows the actor, asked by the page's actions before
 * they read what was posted: a 403 for whoever is neither its village's clerk
 * nor its supervision committee, a 404 for another village's posting or one
 * with no version the actor sees (a draft, to the committee), as `postingWorkspace`.
 */
export async function postingAccess(actor: Actor, postingId: number): Promise<void> {
  const drafting = hasPermission(actor, "posting:draft");
  const { placeId } = villageOf(actor, drafting ? "posting:draft" : "posting:review");
  const db = await getDb();
  await ownPosting(db, placeId, postingId);
  if (!(await seesPosting(db, postingId, drafting))) notFound("找不到该公开事项。");
}

/** A file of a version the actor may see: the village's own clerk/supervisor any visible version, the public only published ones. */
export async function postingFile(actor: Actor | null, fileId: number) {
  if (!isRowId(fileId)) notFound("找不到该文件。");
  const db = await getDb();
  const [file] = await db
    .select({ file: postingFiles, state: postingVersions.state, placeId: postingVersions.placeId, postingStatus: postings.status })
    .from(postingFiles)
    .innerJoin(postingVersions, eq(postingVersions.id, postingFiles.versionId))
    .innerJoin(postings, eq(postings.id, postingVersions.postingId))
    .where(eq(postingFiles.id, fileId))
    .limit(1);
  if (!file) notFound("找不到该文件。");
  const isPublic = (file.state === "published" || file.state === "superseded") && file.postingStatus !== "unpublished";
  const villageOwn = ownVillage(actor) === file.placeId && file.state !== "discarded";
  const supervisorDraft = villageOwn && (file.state === "draft" || file.state === "returned") && !hasPermission(actor, "posting:draft");
  if (!isPublic && (!villageOwn || supervisorDraft)) notFound("找不到该文件。");
  // Someone else sees the file name masked, as on the public page.
  if (villageOwn) return file.file;
  return { ...file.file, fileName: maskSensitive(file.file.fileName, await publicNumbersOf(db, file.placeId)) };
}
