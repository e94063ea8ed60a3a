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
import crypto from "node:crypto";
import { flashCookieName } from "./auth/flash.server";
import { currentPublicDataVersion } from "./domain/shared/public-cache.server";
import { shanghaiDate } from "./domain/shared/time";

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

interface KeptPage {
  version: number;
  headers: Record<string, string>;
  body: string;
  bytes: number;
}

const pages = new Map<string, KeptPage>();
let keptBytes = 0;

/** A GET of a public page by someone not signed in (with a session, pages show who is signed in; with a flash message, what was just done). */
export function isCacheablePublicRequest(method: string, path: string, cookie: string | null): boolean {
  if (method !== "GET" || process.env.PUBLIC_PAGE_CACHE === "0") return false;
  if (cookie?.includes("cr_session=") || cookie?.includes(`${flashCookieName}=`)) return false;
  const pathname = path.split("?")[0]!;
  return cacheablePaths.some((p) => p.test(pathname));
}

/** `url` is the full address (scheme, host, path, query); pages change with the date too (what is due, what is "today"). */
function keyOf(url: string, now: Date): string {
  return `${shanghaiDate(now)} ${url}`;
}

export type Lookup = { kind: "hit"; headers: Record<string, string>; body: string } | { kind: "miss"; version: number; key: string } | { kind: "skip" };

/** The kept page for `url` if the public data has not changed since it was rendered. */
export async function lookupPublicPage(url: string, now = new Date()): Promise<Lookup> {
  let version: number;
  try {
    version = await currentPublicDataVersion();
  } catch {
    // The database is away: let the app answer (its 503 page), keep nothing.
    return { kind: "skip" };
  }
  const key = keyOf(url, now);
  const page = pages.get(key);
  if (page && page.version === version) {
    // Most recently used last.
    pages.delete(key);
    pages.set(key, page);
    return { kind: "hit", headers: page.headers, body: page.body };
  }
  return { kind: "miss", version, key };
}

/** Keeps a rendered page (a 200 that sets no cookie), dropping the least recently used beyond the size limit. */
export function keepPublicPage(key: string, version: number, status: number, headers: Headers, body: string): void {
  if (status !== 200 || headers.has("set-cookie")) return;
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!transferHeaders.has(name.toLowerCase())) kept[name] = value;
  });
  const bytes = body.length * 2 + 512;
  if (bytes > maxBytes / 8) return;
  const old = pages.get(key);
  if (old) {
    keptBytes -= old.bytes;
    pages.delete(key);
  }
  pages.set(key, { version, headers: kept, body, bytes });
  keptBytes += bytes;
  for (const [oldest, page] of pages) {
    if (keptBytes <= maxBytes) break;
    pages.delete(oldest);
    keptBytes -= page.bytes;
  }
}

/** The page as sent: this response's nonce in place of the placeholder. */
export function withNonce(body: string, nonce: string): string {
  return body.replaceAll(nonceSentinel, nonce);
}

/** For tests. */
export function keptPublicPages(): number {
  return pages.size;
}
