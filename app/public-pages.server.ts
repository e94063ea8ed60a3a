/**
 * Whole public pages kept per app instance until the public data changes.
 * Anonymous readers of the register and the village postings all see the same
 * page for the same address on the same day, so a page rendered once serves
 * every reader until the public data version moves (domain/shared/public-cache.server.ts
 * explains why that is correct across instances). Rendering, not the database,
 * is most of a page's cost; a kept page costs one one-row query.
 *
 * Each response still gets its own CSP nonce: pages are rendered with a secret
 * placeholder that is replaced by the response's nonce on the way out.
 */
import crypto, { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { flashCookieName } from "./auth/flash.server";
import { hasCookie, recentWriteCookieName } from "./auth/read-routing";
import { sessionCookieName } from "./auth/session-rules";
import { noteFailure } from "./domain/shared/availability.server";
import { currentPublicDataVersion } from "./domain/shared/public-cache.server";
import { shanghaiDate } from "./domain/shared/time";
import { readingKey, readingPage } from "./reading/pages.server";

/** Unguessable, so no text a user writes into a page can be turned into the nonce. */
export const nonceSentinel = `cr${crypto.randomBytes(18).toString("hex")}`;

/** The public pages kept: the register, its records, postings, places, the statistics. */
const cacheablePaths = [
  /^\/$/,
  /^\/orgs$/,
  /^\/orgs\/\d{1,10}$/,
  /^\/postings$/,
  /^\/postings\/\d{1,10}(\/print)?$/,
  /^\/villages\/\d{12}$/,
  /^\/places\/\d{12}$/,
  /^\/stats$/,
  /^\/api\/v1\/stats$/,
];

const maxBytes = Number(process.env.PUBLIC_PAGE_CACHE_MB ?? 32) * 1024 * 1024;
/** Headers that describe one transfer, not the page. */
const transferHeaders = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "date"]);

/**
 * A kept page: a reading page (no scripts, so no nonce) as sent, compressed once if a browser asked
 * for it compressed (`gzip`) or else as it is (`plain`); a React page as text holding the nonce
 * placeholder (`body`), compressed per response.
 */
interface KeptPage {
  version: number;
  headers: Record<string, string>;
  body: string | null;
  plain: Buffer | null;
  gzip: Buffer | null;
  bytes: number;
}

const pages = new Map<string, KeptPage>();
let keptBytes = 0;

/**
 * A GET of a public page by someone not signed in (with a session, pages show who is signed in; with
 * a flash message, what was just done; after sending something, with a replica, their own change).
 */
export function isCacheablePublicRequest(method: string, path: string, cookie: string | null): boolean {
  if (method !== "GET" || process.env.PUBLIC_PAGE_CACHE === "0") return false;
  if (cookie && [sessionCookieName, flashCookieName, recentWriteCookieName].some((name) => hasCookie(cookie, name))) return false;
  const pathname = path.split("?")[0]!;
  return cacheablePaths.some((p) => p.test(pathname));
}

/**
 * `url` is the full address (scheme, host, path, query): a React page that prints its own address (the
 * notice-board print view) must never be kept under a Host header someone else sent. A reading page
 * is keyed by what it reads of the address only (`reading`). Pages change with the date too (what is
 * due, "today").
 */
function keyOf(url: string, reading: string | null, now: Date): string {
  return `${shanghaiDate(now)} ${reading ?? url}`;
}

function kept(key: string, version: number): KeptPage | undefined {
  const page = pages.get(key);
  if (!page || page.version !== version) return undefined;
  // Most recently used last.
  pages.delete(key);
  pages.set(key, page);
  return page;
}

function keep(key: string, page: KeptPage): void {
  if (page.bytes > maxBytes / 8) return;
  const old = pages.get(key);
  if (old) {
    keptBytes -= old.bytes;
    pages.delete(key);
  }
  pages.set(key, page);
  keptBytes += page.bytes;
  for (const [oldest, dropped] of pages) {
    if (keptBytes <= maxBytes) break;
    pages.delete(oldest);
    keptBytes -= dropped.bytes;
  }
}

export interface PublicAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What the answer depends on of the request besides its address. */
export interface PublicClient {
  acceptsGzip: boolean;
  nonce: string;
  /** The If-None-Match header: the validators of the copies the client (or a proxy) holds. */
  ifNoneMatch?: string | null;
}

/**
 * A reading page (no script, no nonce, nothing of the reader) may be kept by a shared cache in front
 * of the app (deploy/nginx.conf) for PUBLIC_SHARED_MAX_AGE seconds (30 by default), and served stale
 * as long again while it asks again; a browser asks every time (a reader who reloads after a change
 * sees it), and an unchanged page is answered 304.
 */
export const readingCacheControl = ((seconds: number) => `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${seconds}`)(
  sharedMaxAge(process.env.PUBLIC_SHARED_MAX_AGE),
);

function sharedMaxAge(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 30;
  const seconds = Number(setting);
  if (Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600) return seconds;
  console.warn(`PUBLIC_SHARED_MAX_AGE 应为 0 到 3600 之间的整数秒（当前为“${setting}”），按 30 秒处理。`);
  return 30;
}

/**
 * The answer to an anonymous GET of a public page (isCacheablePublicRequest): the kept page if the
 * public data has not changed since it was made; else a reading page (app/reading) or, for the
 * other pages, Remix's (`renderWithRemix`, given the nonce placeholder), kept when it is a 200 that
 * sets no cookie. Null when the database is away: the caller lets the app answer (its 503 page).
 * Without `renderWithRemix` it answers reading pages only, and null for anything Remix would write.
 */
export async function answerPublicPage(
  address: string,
  client: PublicClient,
  renderWithRemix: ((nonce: string) => Promise<Response>) | null,
  now = new Date(),
): Promise<PublicAnswer | null> {
  const url = new URL(address);
  const readingAddress = readingKey(url);
  if (!renderWithRemix && !readingAddress) return null;
  let version: number;
  try {
    version = await currentPublicDataVersion(now.getTime());
  } catch {
    return null;
  }
  const key = keyOf(address, readingAddress, now);
  const hit = kept(key, version);
  // Without Remix, only a reading page (made whole, no nonce) can be answered.
  if (hit && (renderWithRemix || hit.body === null)) return sent(hit, client, "hit");
  let reading: Awaited<ReturnType<typeof readingPage>> = null;
  try {
    reading = readingAddress ? await readingPage(url) : null;
  } catch (error) {
    // The database went away (the version was known from memory): Remix answers with its 503 page.
    if (noteFailure(error)) return null;
    throw error;
  }
  if (reading) {
    const etag = `W/"${createHash("sha1").update(reading.body).digest("base64url")}"`;
    const headers = { ...reading.headers, Vary: "Accept-Encoding", ETag: etag, "Cache-Control": readingCacheControl };
    const page: KeptPage = client.acceptsGzip
      ? { version, headers, body: null, plain: null, gzip: gzipped(reading.body), bytes: 0 }
      : { version, headers, body: null, plain: Buffer.from(reading.body), gzip: null, bytes: 0 };
    page.bytes = (page.gzip ?? page.plain)!.length + 512;
    keep(key, page);
    return sent(page, client, "miss");
  }
  if (!renderWithRemix) return null;
  const response = await renderWithRemix(nonceSentinel);
  const body = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!transferHeaders.has(name.toLowerCase())) headers[name] = value;
  });
  if (response.status === 200 && !response.headers.has("set-cookie")) keep(key, { version, headers, body, plain: null, gzip: null, bytes: body.length * 2 + 512 });
  return { status: response.status, headers: { ...headers, "X-Page-Cache": "miss" }, body: withNonce(body, client.nonce) };
}

function sent(page: KeptPage, client: PublicClient, cache: "hit" | "miss"): PublicAnswer {
  const headers = { ...page.headers, "X-Page-Cache": cache };
  if (page.body !== null) return { status: 200, headers, body: withNonce(page.body, client.nonce) };
  if (holds(client.ifNoneMatch, page.headers.ETag)) return { status: 304, headers, body: "" };
  if (!client.acceptsGzip) return { status: 200, headers, body: page.plain ?? gunzipSync(page.gzip!) };
  if (!page.gzip) {
    // Kept as it is for a reader who did not ask for compression; most browsers do, so keep it compressed from now on.
    page.gzip = gzipped(page.plain!);
    keptBytes += page.gzip.length - page.plain!.length;
    page.bytes += page.gzip.length - page.plain!.length;
    page.plain = null;
  }
  return { status: 200, headers: { ...headers, "Content-Encoding": "gzip" }, body: page.gzip };
}

/**
 * A page compressed, in a buffer of its own size: zlib returns a short result as a view into its
 * 16 KB output piece, so a kept 4 KB page held 16 KB, and the store four times the memory it counted.
 */
export function gzipped(page: string | Buffer): Buffer {
  const zipped = gzipSync(page);
  return zipped.byteLength === zipped.buffer.byteLength ? zipped : Buffer.copyBytesFrom(zipped);
}

/** Whether an If-None-Match header names `etag` (weak comparison, as for a GET). */
function holds(ifNoneMatch: string | null | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** The page as sent: this response's nonce in place of the placeholder. */
export function withNonce(body: string, nonce: string): string {
  return body.replaceAll(nonceSentinel, nonce);
}

/** For tests. */
export function keptPublicPages(): number {
  return pages.size;
}
