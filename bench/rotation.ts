/**
 * The rotating mixes of `npm run bench`: every request a different address
 * drawn from the database, so the app's kept pages are measured as readers
 * meet them (mostly misses) rather than at the 100% hit rate of one repeated
 * address. This module draws the address lists (one seed, the same list for
 * the app and the baseline) and runs autocannon over a list; bench/run.ts
 * orchestrates the interleaved rounds and writes the results.
 */
import autocannon from "autocannon";
import type { Rows } from "./targets";

export const rotatingNames = [
  "rotate-search",
  "rotate-org",
  "rotate-village",
  "rotate-posting",
  "rotate-officer-application",
  "rotate-officer-org",
] as const;
export type RotatingName = (typeof rotatingNames)[number];

export interface Address {
  path: string;
  /** ASCII-safe where possible: a string the page of this address (and no other) contains. */
  marker: string;
  /** What the pre-measurement check looks for besides the marker. */
  name?: string;
  title?: string;
  hash?: string;
}

export interface AddressList {
  name: RotatingName;
  /** Rows of that kind in the database (for the search: organization names the fragments were cut from). */
  available: number;
  addresses: Address[];
}

export interface RotatingKind {
  name: RotatingName;
  label: string;
  signedIn: boolean;
  /** Whether bench/baseline-server.ts serves this kind too. */
  baseline: boolean;
}

export const rotatingKinds: Record<RotatingName, RotatingKind> = {
  "rotate-search": {
    name: "rotate-search",
    label: "search /orgs?q=<2–4 characters of a real name>",
    signedIn: false,
    baseline: true,
  },
  "rotate-org": {
    name: "rotate-org",
    label: "organization /orgs/:id",
    signedIn: false,
    baseline: false,
  },
  "rotate-village": {
    name: "rotate-village",
    label: "village /villages/:code",
    signedIn: false,
    baseline: false,
  },
  "rotate-posting": {
    name: "rotate-posting",
    label: "posting /postings/:id",
    signedIn: false,
    baseline: true,
  },
  "rotate-officer-application": {
    name: "rotate-officer-application",
    label: "officer: application /officer/applications/:id",
    signedIn: true,
    baseline: false,
  },
  "rotate-officer-org": {
    name: "rotate-officer-org",
    label: "officer: organization /officer/orgs/:id",
    signedIn: true,
    baseline: false,
  },
};

/** mulberry32: a small seeded generator, so the lists are the same on every run with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hanOnly = /^\p{Script=Han}+$/u;

/**
 * Distinct fragments of 2–4 characters cut from real names: one random cut per
 * name per pass (a random length, then a random start), Han characters only,
 * until `want` are found or the passes stop finding new ones.
 */
export function nameFragments(names: string[], want: number, seed: number): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let pass = 0, stale = 0; out.length < want && stale < 5 && pass < 200; pass++) {
    const before = out.length;
    for (const name of names) {
      const chars = Array.from(name);
      const length = 2 + Math.floor(random() * 3);
      if (chars.length < length) continue;
      const start = Math.floor(random() * (chars.length - length + 1));
      const fragment = chars.slice(start, start + length).join("");
      if (!hanOnly.test(fragment) || seen.has(fragment)) continue;
      seen.add(fragment);
      out.push(fragment);
      if (out.length >= want) break;
    }
    stale = out.length === before ? stale + 1 : 0;
  }
  return out;
}

/** A stable pseudo-random order from the seed, the same on PostgreSQL and PGlite. */
const shuffled = (key: string, seed: number) => `md5(${key}::text || ':${Math.trunc(seed)}')`;

/** Draws up to `want` addresses of each named kind, in a seeded random order. */
export async function drawAddresses(
  rows: Rows,
  names: readonly RotatingName[],
  want: number,
  seed: number,
): Promise<AddressList[]> {
  const limit = Math.trunc(want);
  const count = async (text: string) => Number((await rows<{ n: number }>(text))[0]?.n ?? 0);
  const lists: AddressList[] = [];
  const orgs = names.some((n) => n === "rotate-org" || n === "rotate-officer-org")
    ? await rows<{ id: number; name: string; code: string | null }>(
        `select id, name, coalesce(uscc, filing_number) as code from organizations order by ${shuffled("id", seed)}, id limit ${limit}`,
      )
    : [];
  const organizationCount = names.some((n) => n.endsWith("-org") || n === "rotate-search")
    ? await count("select count(*)::int as n from organizations")
    : 0;
  for (const name of names) {
    if (name === "rotate-search") {
      // Three names per wanted fragment at most: enough for the passes, bounded on a province.
      const source = await rows<{ name: string }>(
        `select name from organizations order by ${shuffled("id", seed)}, id limit ${limit * 3}`,
      );
      const fragments = nameFragments(
        source.map((r) => r.name),
        limit,
        seed,
      );
      lists.push({
        name,
        available: organizationCount,
        addresses: fragments.map((q) => {
          const encoded = new URLSearchParams({ q }).toString();
          // The page's open-data link repeats the query: the app and the baseline alike.
          return {
            path: `/orgs?${encoded}`,
            marker: `organizations?${encoded}&amp;format=csv`,
            name: q,
          };
        }),
      });
    } else if (name === "rotate-org") {
      lists.push({
        name,
        available: organizationCount,
        addresses: orgs.map((o) => ({
          path: `/orgs/${o.id}`,
          marker: o.code ?? o.name,
          name: o.name,
        })),
      });
    } else if (name === "rotate-officer-org") {
      lists.push({
        name,
        available: organizationCount,
        // The officer's record links to its public page.
        addresses: orgs.map((o) => ({
          path: `/officer/orgs/${o.id}`,
          marker: `href="/orgs/${o.id}"`,
          name: o.name,
        })),
      });
    } else if (name === "rotate-village") {
      const places = await rows<{ code: string; name: string }>(
        `select code, name from places where level in ('community', 'village') order by ${shuffled("code", seed)}, code limit ${limit}`,
      );
      lists.push({
        name,
        available: await count(
          `select count(*)::int as n from places where level in ('community', 'village')`,
        ),
        addresses: places.map((p) => ({
          path: `/villages/${p.code}`,
          marker: `/villages/${p.code}/feed.xml`,
          name: p.name,
        })),
      });
    } else if (name === "rotate-posting") {
      const postings = await rows<{ id: number; title: string; hash: string }>(
        `select s.id, v.title, v.content_hash as hash
           from postings s join posting_versions v on v.posting_id = s.id and v.number = s.current_version
          where s.status = 'published'
          order by ${shuffled("s.id", seed)}, s.id limit ${limit}`,
      );
      lists.push({
        name,
        available: await count(
          `select count(*)::int as n from postings where status = 'published'`,
        ),
        addresses: postings.map((p) => ({
          path: `/postings/${p.id}`,
          marker: p.hash,
          title: p.title,
          hash: p.hash,
        })),
      });
    } else {
      // A draft is its applicant's own: officers are not shown another's (a 404).
      const applications = await rows<{ id: number; title: string }>(
        `select id, title from applications where state <> 'draft' order by ${shuffled("id", seed)}, id limit ${limit}`,
      );
      lists.push({
        name,
        available: await count(
          `select count(*)::int as n from applications where state <> 'draft'`,
        ),
        addresses: applications.map((a) => ({
          path: `/officer/applications/${a.id}`,
          marker: `第 ${a.id} 号`,
          title: a.title,
        })),
      });
    }
  }
  return lists;
}

/** `n` addresses spread over the list, for the checks before measuring. */
export function sampleOf<T>(list: T[], n: number): T[] {
  if (list.length <= n) return [...list];
  return Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]!);
}

/**
 * Where each run starts in a list: round r, encoding e of R rounds start at
 * (2r + e) / 2R of the way, the same for the app and the baseline, so the two
 * walk the same addresses and a server's runs overlap only when one serves
 * more than a 2R-th of the list.
 */
export function startOf(length: number, round: number, slot: number, rounds: number, slots = 2): number {
  return Math.floor(((slots * round + slot) * length) / (slots * rounds));
}

/** What one server session has requested so far, per list: a revisit may be served from the app's kept pages. */
export class SessionSeen {
  private seen = new Map<RotatingName, Uint8Array>();
  of(name: RotatingName, length: number): Uint8Array {
    let bits = this.seen.get(name);
    if (!bits) this.seen.set(name, (bits = new Uint8Array(length)));
    return bits;
  }
}

export interface RotationCounts {
  /** Requests sent in the measured period. */
  sent: number;
  /** Distinct addresses among them. */
  distinct: number;
  /** Requests for an address this server session had already been asked for (warm-up and earlier runs included). */
  revisits: number;
  /** 200 answers whose body carries the address's own marker (identity runs). */
  matched: number;
  /** 200 answers without it (after a second look, see run.ts). */
  mismatched: number;
  /** Paths of the answers without the marker, at most 20, for the second look. */
  mismatchedPaths: string[];
  /** Answers sent with Content-Encoding: gzip. */
  gzipped: number;
  /** The app's X-Page-Cache header: pages served kept and rendered. */
  cacheHit: number;
  cacheMiss: number;
}

/**
 * One rotating load: autocannon with a single request whose setupRequest takes
 * the next address of the list (round robin from `cursor.next`), and whose
 * onResponse checks the answer against that address. The context object is
 * per connection and per request (autocannon resets it before each
 * setupRequest; one request in flight per connection), so it links an answer
 * to its address.
 */
export function rotatingLoad(input: {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  addresses: Address[];
  cursor: { next: number };
  seen: Uint8Array;
  gzip: boolean;
  onStart: (instance: autocannon.Instance) => void;
}): Promise<{ result: autocannon.Result; latencies: number[]; counts: RotationCounts }> {
  const { addresses, cursor, seen } = input;
  const n = addresses.length;
  const thisRun = new Uint8Array(n);
  const counts: RotationCounts = {
    sent: 0,
    distinct: 0,
    revisits: 0,
    matched: 0,
    mismatched: 0,
    mismatchedPaths: [],
    gzipped: 0,
    cacheHit: 0,
    cacheMiss: 0,
  };
  type Context = { index?: number };
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: input.url,
        connections: input.connections,
        duration: input.seconds,
        headers: input.headers,
        timeout: 10,
        requests: [
          {
            method: "GET",
            setupRequest: (request, context) => {
              const index = cursor.next++ % n;
              (context as Context).index = index;
              counts.sent++;
              if (!thisRun[index]) {
                thisRun[index] = 1;
                counts.distinct++;
              }
              if (seen[index]) counts.revisits++;
              else seen[index] = 1;
              return { ...request, path: addresses[index]!.path };
            },
            onResponse: (status, body, context, headers) => {
              const index = (context as Context).index;
              const h = (headers ?? {}) as Record<string, string | string[]>;
              const header = (name: string) => String(h[name] ?? h[name.toLowerCase()] ?? "");
              const cache = header("X-Page-Cache");
              if (cache === "hit") counts.cacheHit++;
              else if (cache === "miss") counts.cacheMiss++;
              if (status !== 200 || index === undefined) return;
              if (input.gzip) {
                if (header("Content-Encoding") === "gzip") counts.gzipped++;
              } else if (body.includes(addresses[index]!.marker)) counts.matched++;
              else {
                counts.mismatched++;
                if (counts.mismatchedPaths.length < 20)
                  counts.mismatchedPaths.push(addresses[index]!.path);
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, latencies, counts });
      },
    );
    input.onStart(instance);
    instance.on("response", (_client, _status, _bytes, time) => latencies.push(time));
  });
}

export function median(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
