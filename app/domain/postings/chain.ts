/**
 * The integrity chain of a place's published postings. Each published version
 * is hashed (SHA-256) over its canonical content together with the hash of the
 * place's previous published version, so changing, removing or reordering any
 * stored version breaks every later link and the check names it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { PostingTableRows } from "../../../vocabulary";

/** The hash before a place's first published version. */
export const genesisHash = "0".repeat(64);

/** Everything a published version says; what the hash covers. */
export interface ChainContent {
  postingId: number;
  placeCode: string;
  category: string;
  kind: string;
  period: string;
  number: number;
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  correctionReason: string | null;
  files: Array<{ name: string; sha256: string; size: number }>;
  /** The supervision committee's sign-off, shown beside the posting. */
  review: { name: string | null; opinion: string | null; at: Date | null };
  publishedAt: Date;
  /**
   * A random value per version, stored but never shown. Without it the public
   * hash, computed over the unmasked content, would let anyone recover a masked
   * ID or mobile number by trying the few candidates its visible digits leave.
   */
  salt: string;
}

/** The stored posting and version fields a hash covers (a row of postings and of posting_versions will do). */
export interface ChainedPosting {
  id: number;
  category: string;
  kind: string;
  period: string;
}
export interface ChainedVersion {
  number: number;
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  correctionReason: string | null;
  reviewerName: string | null;
  reviewOpinion: string | null;
  reviewedAt: Date | null;
  salt: string | null;
}

/** The content a published version's hash covers, read from what is stored. */
export function chainContent(
  posting: ChainedPosting,
  placeCode: string,
  version: ChainedVersion,
  files: Array<{ fileName: string; sha256: string; size: number }>,
  publishedAt: Date,
): ChainContent {
  return {
    postingId: posting.id,
    placeCode,
    category: posting.category,
    kind: posting.kind,
    period: posting.period,
    number: version.number,
    title: version.title,
    body: version.body,
    tableRows: version.tableRows ?? null,
    correctionReason: version.correctionReason ?? null,
    files: files.map((f) => ({ name: f.fileName, sha256: f.sha256, size: f.size })),
    review: { name: version.reviewerName ?? null, opinion: version.reviewOpinion ?? null, at: version.reviewedAt ?? null },
    publishedAt,
    salt: version.salt ?? "",
  };
}

/** JSON with keys in a fixed order at every depth, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalContent(content: ChainContent, previousHash: string): string {
  return canonicalJson({
    format: 1,
    posting: content.postingId,
    place: content.placeCode,
    category: content.category,
    kind: content.kind,
    period: content.period,
    version: content.number,
    title: content.title,
    body: content.body,
    table: content.tableRows,
    correctionReason: content.correctionReason,
    files: content.files,
    review: { name: content.review.name, opinion: content.review.opinion, at: content.review.at?.toISOString() ?? null },
    publishedAt: content.publishedAt.toISOString(),
    salt: content.salt,
    previousHash,
  });
}

/** A new version's salt: 256 random bits as hex. */
export function newSalt(): string {
  return randomBytes(32).toString("hex");
}

export function versionHash(content: ChainContent, previousHash: string): string {
  return createHash("sha256").update(canonicalContent(content, previousHash), "utf8").digest("hex");
}

export interface StoredLink {
  versionId: number;
  chainSeq: number;
  contentHash: string;
  previousHash: string;
  content: ChainContent;
}

export interface ChainProblem {
  versionId: number;
  postingId: number;
  number: number;
  message: string;
}

/** Recomputes one place's chain in order; names every version whose content, hash or link does not hold. */
export function verifyChain(links: StoredLink[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const ordered = [...links].sort((a, b) => a.chainSeq - b.chainSeq);
  let expectedPrevious = genesisHash;
  ordered.forEach((link, i) => {
    const where = { versionId: link.versionId, postingId: link.content.postingId, number: link.content.number };
    if (link.chainSeq !== i + 1) problems.push({ ...where, message: `链序号应为 ${i + 1}，实为 ${link.chainSeq}（链中有版本缺失）` });
    if (link.previousHash !== expectedPrevious) problems.push({ ...where, message: "前一版本哈希与链中前一版本不符" });
    const recomputed = versionHash(link.content, link.previousHash);
    if (recomputed !== link.contentHash) problems.push({ ...where, message: "存储的内容与其哈希不符（内容可能被改动）" });
    const before = ordered[i - 1];
    if (before && link.content.publishedAt < before.content.publishedAt) {
      problems.push({ ...where, message: "公开时间早于链中前一版本（顺序可能被改动）" });
    }
    expectedPrevious = link.contentHash;
  });
  return problems;
}
