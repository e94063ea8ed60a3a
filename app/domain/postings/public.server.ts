/**
 * Postings as anyone may read them: published and withdrawn postings only,
 * every personal number masked but for those the village marked as its public
 * contacts. The home page's list is kept until the public data changes.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, getDbForKeyedReads, type Database } from "../../../db/client.server";
import { places, postingFiles, postings, postingVersions, publicContactNumbers } from "../../../db/schema";
import type { PostingCategory } from "../../../vocabulary";
import { notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { escapeLike } from "../shared/like";
import { cappedTotal, publicCountCap } from "../shared/paging";
import { preparedTogether } from "../shared/select-together.server";
import { cachedPublic } from "../shared/public-cache.server";
import { numberSet, publicNumbersByPlace, publicNumbersQuery } from "./queries.server";
import { publicQuestionsFrom, publicQuestionsQuery } from "../questions/queries.server";
import { pickVersion } from "./compare";
import { parseVersionParam } from "./query";
import { maskedContent, parsePeriod } from "./rules";
import { maskSensitive } from "./sensitive-numbers";

export interface PublicPostingFilters {
  street?: string;
  village?: string;
  category?: PostingCategory;
  period?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const street = alias(places, "street");

function publicConditions(filters: Omit<PublicPostingFilters, "page" | "pageSize">): SQL[] | null {
  const conditions: SQL[] = [sql`${postings.status} in ('published', 'withdrawn')`];
  if (filters.category) conditions.push(eq(postings.category, filters.category));
  if (filters.village) conditions.push(eq(places.code, filters.village));
  if (filters.street) conditions.push(eq(street.code, filters.street));
  if (filters.period) {
    const period = parsePeriod(filters.period);
    if (!period) return null;
    conditions.push(gte(postings.periodStart, period.start), lte(postings.periodStart, period.end));
  }
  if (filters.q) conditions.push(sql`${postings.title} ilike ${`%${escapeLike(filters.q)}%`}`);
  return conditions;
}

const publicColumns = {
  id: postings.id,
  placeId: postings.placeId,
  category: postings.category,
  kind: postings.kind,
  period: postings.period,
  title: postings.title,
  status: postings.status,
  version: postings.currentVersion,
  hash: postings.currentHash,
  publishedAt: postings.publishedAt,
  firstPublishedAt: postings.firstPublishedAt,
  withdrawnAt: postings.withdrawnAt,
  villageCode: places.code,
  village: places.name,
  street: street.name,
  streetCode: street.code,
};

/**
 * Published and withdrawn postings, newest first, with personal numbers masked.
 * `pageSize: null` returns every match (CSV). `count`: "exact" for open data,
 * "capped" (up to publicCountCap) for the pages, "none" for a short list.
 */
export async function publicPostings(
  filters: Omit<PublicPostingFilters, "pageSize"> & { pageSize: number | null },
  count: "exact" | "capped" | "none" = "capped",
) {
  const conditions = publicConditions(filters);
  if (!conditions) return { items: [], total: 0, badPeriod: true };
  const db = await getDb();
  const where = and(...conditions);
  const query = db
    .select(publicColumns)
    .from(postings)
    .innerJoin(places, eq(places.id, postings.placeId))
    .innerJoin(street, eq(street.id, postings.streetId))
    .where(where)
    .orderBy(desc(postings.publishedAt), desc(postings.id));
  const cap = count === "capped" ? publicCountCap : undefined;
  const matches = db
    .select({ one: sql`1` })
    .from(postings)
    .innerJoin(places, eq(places.id, postings.placeId))
    .innerJoin(street, eq(street.id, postings.streetId))
    .where(where);
  const [rows, counted] = await Promise.all([
    filters.pageSize === null ? query : query.limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize),
    count === "none"
      ? Promise.resolve(null)
      : db
          .select({ value: sql<number>`count(*)::int` })
          .from((cap ? matches.limit(cap + 1) : matches).as("matches"))
          .then(([row]) => row?.value ?? 0),
  ]);
  const numbers = await publicNumbersByPlace(db, rows.map((r) => r.placeId));
  const items = rows.map((r) => ({ ...r, title: maskSensitive(r.title, numbers.get(r.placeId)) }));
  return { items, ...cappedTotal(counted ?? items.length, cap), badPeriod: false };
}

/**
 * The selects a public posting page runs, unexecuted, for a posting id or a placeholder: the app
 * reads them (with the questions) in one prepared statement (publicPostingPageStatement), the
 * benchmark's bare baseline runs the very same SQL as three statements.
 */
export function publicPostingQueries(db: Database, postingId: number | Placeholder) {
  const shownVersions = and(eq(postingVersions.postingId, postingId), inArray(postingVersions.state, ["published", "superseded"]));
  return {
    posting: db
      .select({
        posting: postings,
        place: places,
        street: { name: street.name, code: street.code, level: street.level },
        // The village's marked public contacts, shown unmasked on its pages.
        publicNumbers: sql<string[]>`array(select ${publicContactNumbers.digits} from ${publicContactNumbers} where ${publicContactNumbers.placeId} = ${postings.placeId})`,
      })
      .from(postings)
      .innerJoin(places, eq(places.id, postings.placeId))
      .innerJoin(street, eq(street.id, postings.streetId))
      .where(eq(postings.id, postingId))
      .limit(1),
    versions: db.select().from(postingVersions).where(shownVersions).orderBy(desc(postingVersions.number)),
    files: db
      .select({ id: postingFiles.id, versionId: postingFiles.versionId, fileName: postingFiles.fileName, contentType: postingFiles.contentType, size: postingFiles.size, sha256: postingFiles.sha256 })
      .from(postingFiles)
      .where(inArray(postingFiles.versionId, db.select({ id: postingVersions.id }).from(postingVersions).where(shownVersions)))
      .orderBy(asc(postingFiles.id)),
  };
}

/** A posting with its questions in one statement, prepared once per database (the API and the print view leave the questions aside). */
const publicPostingPageStatement = preparedTogether("public_posting_page", (db) => publicPostingPageSelects(db, sql.placeholder("id")));

export function publicPostingPageSelects(db: Database, postingId: number | Placeholder) {
  return { ...publicPostingQueries(db, postingId), questions: publicQuestionsQuery(db, postingId) };
}

/** One published or withdrawn posting for everyone: every published version masked, newest first, with its hash and sign-off. */
export async function publicPosting(postingId: number) {
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  return publicPostingFrom(await publicPostingPageStatement(await getDbForKeyedReads(), { id: postingId }));
}

type PostingRows = Awaited<ReturnType<typeof publicPostingPageStatement>>;

function publicPostingFrom({ posting: [row], versions, files }: PostingRows) {
  if (!row || (row.posting.status !== "published" && row.posting.status !== "withdrawn")) notFound("找不到该公开事项。");
  const { posting } = row;
  const numbers = new Set(row.publicNumbers);
  return {
    posting: {
      id: posting.id,
      category: posting.category,
      kind: posting.kind,
      retention: posting.retention,
      period: posting.period,
      periodKind: posting.periodKind,
      status: posting.status,
      currentVersion: posting.currentVersion,
      firstPublishedAt: posting.firstPublishedAt,
      publishedAt: posting.publishedAt,
      withdrawnAt: posting.withdrawnAt,
      withdrawnReason: posting.withdrawnReason ? maskSensitive(posting.withdrawnReason, numbers) : null,
    },
    place: { code: row.place.code, name: row.place.name, level: row.place.level },
    street: row.street,
    versions: versions.map((v) => ({
      ...maskedContent(posting.kind, { title: v.title, body: v.body, tableRows: v.tableRows ?? null }, numbers),
      number: v.number,
      correctionReason: v.correctionReason ? maskSensitive(v.correctionReason, numbers) : null,
      publishedAt: v.publishedAt!,
      reviewedAt: v.reviewedAt,
      reviewerName: v.reviewerName,
      reviewOpinion: v.reviewOpinion ? maskSensitive(v.reviewOpinion, numbers) : null,
      contentHash: v.contentHash!,
      previousHash: v.previousHash!,
      chainSeq: v.chainSeq!,
      files: files.filter((f) => f.versionId === v.id).map((f) => ({ ...f, fileName: maskSensitive(f.fileName, numbers) })),
    })),
  };
}

/**
 * Everything a posting's public page shows, for the version asked for (`?version=`, else the
 * current one): the React page and the reading page (app/reading) both render this one value.
 */
export async function publicPostingPage(postingId: number, versionParam: string | null) {
  const requested = parseVersionParam(versionParam);
  if (requested === null) notFound("版本号无效。");
  if (!isRowId(postingId)) notFound("找不到该公开事项。");
  const rows = await publicPostingPageStatement(await getDbForKeyedReads(), { id: postingId });
  const { posting, place, street, versions } = publicPostingFrom(rows);
  const questions = publicQuestionsFrom(rows.questions);
  const picked = pickVersion(versions, posting.currentVersion, requested) ?? notFound(`该公开事项没有已公开的第 ${requested} 版。`);
  return {
    posting,
    place,
    street,
    shown: picked.shown,
    previous: picked.previous,
    isCurrent: picked.shown.number === posting.currentVersion,
    history: versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt, correctionReason: v.correctionReason, contentHash: v.contentHash })),
    questions,
  };
}

export type PublicPostingPage = Awaited<ReturnType<typeof publicPostingPage>>;

/** A place's postings (published and withdrawn) for its public page and feed, newest period first. */
export async function placePostings(placeId: number, limit = 200) {
  const db = await getDb();
  const selects = placePostingSelects(db, placeId, limit);
  const [rows, numbers] = await Promise.all([selects.postings, selects.publicNumbers]);
  return placePostingsFrom(rows, numbers);
}

/** A place's newest published and withdrawn postings, with the numbers its titles may show (placePostingsFrom masks the rest). */
export function placePostingSelects(db: Database, placeId: number | Placeholder, limit: number | Placeholder) {
  return {
    postings: placePostingsQuery(db, placeId, limit),
    publicNumbers: publicNumbersQuery(db, placeId),
  };
}

function placePostingsQuery(db: Database, placeId: number | Placeholder, limit: number | Placeholder) {
  return db
    .select({
      id: postings.id,
      category: postings.category,
      kind: postings.kind,
      period: postings.period,
      periodStart: postings.periodStart,
      title: postings.title,
      status: postings.status,
      version: postings.currentVersion,
      hash: postings.currentHash,
      publishedAt: postings.publishedAt,
      withdrawnAt: postings.withdrawnAt,
      withdrawnReason: postings.withdrawnReason,
    })
    .from(postings)
    .where(and(eq(postings.placeId, placeId), sql`${postings.status} in ('published', 'withdrawn')`))
    .orderBy(desc(postings.periodStart), desc(postings.publishedAt), desc(postings.id))
    .limit(limit);
}

export function placePostingsFrom(rows: Awaited<ReturnType<typeof placePostingsQuery>>, publicNumbers: Array<{ digits: string }>) {
  const numbers = numberSet(publicNumbers);
  return rows.map((r) => ({
    ...r,
    title: maskSensitive(r.title, numbers),
    withdrawnReason: r.withdrawnReason ? maskSensitive(r.withdrawnReason, numbers) : null,
  }));
}

/** The newest postings for the home page, kept until the public data changes. */
export function latestPostings(limit = 8) {
  return cachedPublic(`latestPostings:${limit}`, async () => (await publicPostings({ page: 1, pageSize: limit }, "none")).items);
}
