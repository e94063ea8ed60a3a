/**
 * Computed public figures kept in each app instance until the public data
 * changes. Every committed change to what public pages show moves one counter
 * in the database (public_data_version, moved by deferred triggers), so each
 * instance asks for that one row and recomputes only when it moved: correct
 * across any number of instances, and one cheap query instead of aggregates
 * over a city's register and half a million posting versions.
 *
 * Why this is safe: the version is read before computing. A change committed
 * while computing is already in the figures and moves the version, so the next
 * read recomputes once more; a change committed later moves it as well. The
 * cached figures are never older than the version they are stored under.
 *
 * The version itself is kept in memory: each move is announced (NOTIFY
 * public_data_version, migration 0034) and the instance LISTENs. The memory is
 * trusted only while the listen is in place (read afresh each time it is
 * (re)established, so nothing announced while it was down is missed) and not
 * within a moment of a write this process sent (whose announcement may still
 * be on its way: its author must see it at once). Otherwise, and as the
 * fallback when listening is impossible, the row is read per request, as it
 * was before; a slow re-read every half minute guards against a silently
 * lost connection.
 *
 * With a read replica (DATABASE_REPLICA_URL) public pages are rendered from
 * the replica, so the version they are kept under must be one the replica has
 * replayed: the row is read where public reads go, and an announced version
 * (sent by the primary) is taken only once the replica has caught up with the
 * primary; a page is never kept under a version newer than its data.
 */
import { eq } from "drizzle-orm";
import { getDb, getPrimaryDb, onLocalWrite, replicaCaughtUp, replicaConfigured, watchChannel } from "../../../db/client.server";
import type { Database } from "../../../db/client.server";
import { publicDataVersion } from "../../../db/schema";

interface Entry {
  version: number;
  value: unknown;
}

const entries = new Map<string, Entry>();
/** One computation per key and version at a time: a burst of requests waits for the first. */
const running = new Map<string, { version: number; promise: Promise<unknown> }>();
const maxEntries = 500;

const channel = "public_data_version";
/** How long after this process sends a write the row is read rather than the memory trusted. */
const ownWriteMs = 2000;
const recheckMs = 30_000;

/**
 * `version` is the highest seen since the listen was (re)established, from notifications and reads
 * alike; it is trusted once a read made after the listen has come back (`ready`).
 */
const known = { version: 0, ready: false, listening: false, lastOwnWrite: 0, generation: 0, watching: false };
let recheck: NodeJS.Timeout | undefined;
/** Announced versions waiting for the replica; one wait at a time, for the highest announced. */
const replay = { announced: 0, waiting: false };

/** The version the data this request reads has reached (the replica's, for a public read while it serves them). */
async function readVersion(db?: Database): Promise<number> {
  db ??= await getDb();
  const [row] = await db.select({ version: publicDataVersion.version }).from(publicDataVersion).where(eq(publicDataVersion.id, 1));
  return row?.version ?? 0;
}

/**
 * Reads the row for the memory; a read that overlapped a lost connection is not trusted. With a
 * replica, the primary's row, once the replica has caught up with it (what was announced before the
 * listen was in place is replayed too).
 */
async function refresh(): Promise<void> {
  const generation = known.generation;
  try {
    const version = replicaConfigured() ? await readVersion(await getPrimaryDb()).then(async (v) => (await replicaCaughtUp(), v)) : await readVersion();
    if (generation !== known.generation || !known.listening) return;
    known.version = Math.max(known.version, version);
    known.ready = true;
  } catch {
    forget();
  }
}

function forget(): void {
  replay.announced = 0;
  known.listening = false;
  known.ready = false;
  known.version = 0;
  known.generation++;
}

function startWatching(): void {
  if (known.watching) return;
  known.watching = true;
  void watchChannel(channel, {
    listening: () => {
      forget();
      known.listening = true;
      void refresh();
      clearInterval(recheck);
      recheck = setInterval(() => void refresh(), recheckMs).unref();
    },
    lost: (closed) => {
      forget();
      clearInterval(recheck);
      // The database was closed: the next request watches the one opened next.
      if (closed) known.watching = false;
    },
    notified: (payload) => {
      const version = Number(payload);
      if (!known.listening || !Number.isSafeInteger(version)) return;
      if (!replicaConfigured()) known.version = Math.max(known.version, version);
      else adoptOnceReplayed(version);
    },
  }).catch(() => (known.watching = false));
}

function adoptOnceReplayed(version: number): void {
  replay.announced = Math.max(replay.announced, version);
  if (replay.waiting) return;
  replay.waiting = true;
  void (async () => {
    try {
      while (replay.announced > known.version) {
        const generation = known.generation;
        const target = replay.announced;
        await replicaCaughtUp();
        if (generation !== known.generation) return;
        known.version = Math.max(known.version, target);
      }
    } finally {
      replay.waiting = false;
    }
  })();
}

onLocalWrite(() => (known.lastOwnWrite = Date.now()));

function trusted(now: number): boolean {
  return known.listening && known.ready && now - known.lastOwnWrite > ownWriteMs;
}

/** The public data version: from memory when that is sure to be current, else from the database. */
export async function currentPublicDataVersion(now = Date.now()): Promise<number> {
  startWatching();
  return trusted(now) ? known.version : readVersion();
}

/** For tests: whether the version is now answered from memory. */
export function publicDataVersionFromMemory(now = Date.now()): boolean {
  return trusted(now);
}

/** `compute()`'s value for `key`, computed again only when the public data has changed since. */
export async function cachedPublic<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await currentPublicDataVersion();
  const hit = entries.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const inFlight = running.get(key);
  if (inFlight && inFlight.version === version) return inFlight.promise as Promise<T>;
  const promise = compute().then(
    (value) => {
      // Keep the newest: a slow computation for an older version does not replace a newer one.
      const current = entries.get(key);
      if (!current || current.version <= version) {
        entries.delete(key);
        entries.set(key, { version, value });
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
  );
  running.set(key, { version, promise });
  try {
    return await promise;
  } finally {
    if (running.get(key)?.promise === promise) running.delete(key);
  }
}

/** For tests: forget everything kept. */
export function clearPublicCache(): void {
  entries.clear();
  running.clear();
}
