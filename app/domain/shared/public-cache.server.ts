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
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { publicDataVersion } from "../../../db/schema";

interface Entry {
  version: number;
  value: unknown;
}

const entries = new Map<string, Entry>();
/** One computation per key and version at a time: a burst of requests waits for the first. */
const running = new Map<string, { version: number; promise: Promise<unknown> }>();
const maxEntries = 500;

export async function currentPublicDataVersion(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ version: publicDataVersion.version }).from(publicDataVersion).where(eq(publicDataVersion.id, 1));
  return row?.version ?? 0;
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
