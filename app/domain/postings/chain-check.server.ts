/**
 * The check of every place's hash chain (npm run postings:verify and the
 * tests): recomputed from what is stored, files' hashes from their bytes, and
 * compared with what the public sees and with the append-only audit log.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Database } from "../../../db/client.server";
import { places, postingFiles, postings, postingVersions } from "../../../db/schema";
import { chainContent, verifyChain, type ChainProblem, type StoredLink } from "./chain";

export interface ChainReport {
  places: number;
  versions: number;
  problems: Array<ChainProblem & { placeCode: string; placeName: string }>;
}

/**
 * Recomputes every place's chain from what is stored, files' hashes from their
 * bytes, and names each version whose content, hash or link does not hold.
 */
export async function verifyPostingChains(): Promise<ChainReport> {
  const db = await getDb();
  const placeRows = await db
    .selectDistinct({ id: places.id, code: places.code, name: places.name })
    .from(places)
    .innerJoin(postingVersions, eq(postingVersions.placeId, places.id))
    .where(isNotNull(postingVersions.chainSeq))
    .orderBy(asc(places.code));
  const report: ChainReport = { places: placeRows.length, versions: 0, problems: [] };
  for (const place of placeRows) {
    const versions = await db
      .select({ version: postingVersions, posting: postings })
      .from(postingVersions)
      .innerJoin(postings, eq(postings.id, postingVersions.postingId))
      .where(and(eq(postingVersions.placeId, place.id), isNotNull(postingVersions.chainSeq)))
      .orderBy(asc(postingVersions.chainSeq));
    const files = await db
      .select({ versionId: postingFiles.versionId, fileName: postingFiles.fileName, size: postingFiles.size, content: postingFiles.content })
      .from(postingFiles)
      .where(inArray(postingFiles.versionId, versions.map((v) => v.version.id)))
      .orderBy(asc(postingFiles.id));
    const links: StoredLink[] = versions.map(({ version, posting }) => ({
      versionId: version.id,
      chainSeq: version.chainSeq!,
      contentHash: version.contentHash ?? "",
      previousHash: version.previousHash ?? "",
      content: chainContent(
        posting,
        place.code,
        version,
        files
          .filter((f) => f.versionId === version.id)
          .map((f) => ({ fileName: f.fileName, size: f.content.length, sha256: createHash("sha256").update(f.content).digest("hex") })),
        version.publishedAt ?? new Date(0),
      ),
    }));
    report.versions += links.length;
    for (const problem of verifyChain(links)) report.problems.push({ ...problem, placeCode: place.code, placeName: place.name });
    for (const { version, posting } of versions) {
      const where = { versionId: version.id, postingId: posting.id, number: version.number, placeCode: place.code, placeName: place.name };
      if (version.state !== "published" && version.state !== "superseded") report.problems.push({ ...where, message: `链中的版本状态为“${version.state}”，应为已公开或已被更正` });
    }
  }
  report.problems.push(...(await postingRowProblems(db)), ...(await missingAnchoredVersions(db)));
  return report;
}

/**
 * What the public sees of a posting (its status, title, version and hash) must
 * agree with its newest version in the chain: a posting made to disappear or to
 * show another version is named.
 */
async function postingRowProblems(db: Database): Promise<ChainReport["problems"]> {
  const rows = await queryRows<{
    posting_id: number;
    status: string;
    current_version_id: number | null;
    current_version: number | null;
    current_hash: string | null;
    head_id: number | null;
    head_number: number | null;
    head_hash: string | null;
    code: string;
    name: string;
  }>(db, sql`
    select p.id as posting_id, p.status, p.current_version_id, p.current_version, p.current_hash,
           head.id as head_id, head.number as head_number, head.content_hash as head_hash, pl.code, pl.name
    from postings p
    join places pl on pl.id = p.place_id
    left join lateral (
      select v.id, v.number, v.content_hash from posting_versions v
      where v.posting_id = p.id and v.chain_seq is not null order by v.number desc limit 1
    ) head on true
    where head.id is not null or p.status in ('published', 'withdrawn') or p.first_published_at is not null`);
  const problems: ChainReport["problems"] = [];
  for (const r of rows) {
    const where = { versionId: r.head_id ?? r.current_version_id ?? 0, postingId: r.posting_id, number: r.head_number ?? r.current_version ?? 0, placeCode: r.code, placeName: r.name };
    if (r.head_id === null) problems.push({ ...where, message: "已公开的事项在链中没有任何版本（版本可能被删除）" });
    else if (r.status !== "published" && r.status !== "withdrawn") problems.push({ ...where, message: `已公开的事项状态被改为“${r.status}”，公开页面将看不到它` });
    else if (r.current_version_id !== r.head_id || r.current_version !== r.head_number || r.current_hash !== r.head_hash) {
      problems.push({ ...where, message: "事项显示的当前版本或哈希与链中最新版本不符" });
    }
  }
  return problems;
}

/** Every publication the append-only audit log recorded must still be in the chain: a deleted newest link is named. */
async function missingAnchoredVersions(db: Database): Promise<ChainReport["problems"]> {
  const rows = await queryRows<{ posting_id: string; hash: string; number: number | null; code: string | null; name: string | null }>(db, sql`
    select a.entity_id as posting_id, a.after->>'contentHash' as hash, (a.after->>'version')::int as number, pl.code, pl.name
    from audit_log a
    left join postings p on p.id::text = a.entity_id
    left join places pl on pl.id = p.place_id
    where a.action = 'posting.publish'
      and not exists (select 1 from posting_versions v where v.content_hash = a.after->>'contentHash')`);
  return rows.map((r) => ({
    versionId: 0,
    postingId: Number(r.posting_id),
    number: r.number ?? 0,
    placeCode: r.code ?? "",
    placeName: r.name ?? "（未知）",
    message: `审计日志记录的已公开版本（哈希 ${r.hash.slice(0, 16)}…）在链中已不存在`,
  }));
}
