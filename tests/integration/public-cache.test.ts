/**
 * Public figures are kept until the public data changes: one committed change
 * moves the version once, a change to anything the public does not see does
 * not move it, and the kept figures are recomputed after a change. The version
 * is kept in memory, moved by the change's announcement (LISTEN/NOTIFY), and
 * a write this process sent is seen at once.
 */
import { eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, expect, test } from "vitest";
import { databaseKind, getDb } from "../../db/client.server";
import { loginAttempts, organizations } from "../../db/schema";
import { cachedPublic, currentPublicDataVersion, publicDataVersionFromMemory } from "../../app/domain/shared/public-cache.server";
import { until } from "../setup/app-server";
import { publicStats } from "../../app/domain/statistics/public.server";
import { loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

test("a committed transaction that changes public data moves the version once, however many rows it writes", async () => {
  const db = await getDb();
  const before = await currentPublicDataVersion();
  const ids = (await db.select({ id: organizations.id }).from(organizations).limit(5)).map((r) => r.id);
  await db.transaction(async (tx) => {
    await tx.update(organizations).set({ address: "泉州市鲤城区测试路 1 号" }).where(inArray(organizations.id, ids));
    await tx.update(organizations).set({ address: "泉州市鲤城区测试路 2 号" }).where(eq(organizations.id, ids[0]!));
  });
  expect(await currentPublicDataVersion()).toBe(before + 1);
  // Rolled back: nothing moves.
  await db
    .transaction(async (tx) => {
      await tx.update(organizations).set({ address: "不会保存" }).where(eq(organizations.id, ids[0]!));
      throw new Error("rollback");
    })
    .catch(() => undefined);
  expect(await currentPublicDataVersion()).toBe(before + 1);
  // Sign-in attempts are nothing the public sees.
  await db.insert(loginAttempts).values({ ip: "203.0.113.9", username: "x", at: new Date(), succeeded: false });
  expect(await currentPublicDataVersion()).toBe(before + 1);
});

test("kept figures are served until a change, then computed again", async () => {
  const now = new Date();
  const first = await publicStats(now);
  expect(await publicStats(now)).toBe(first);
  const db = await getDb();
  const [normal] = await db.select().from(organizations).where(eq(organizations.status, "normal")).limit(1);
  await db.update(organizations).set({ status: "cancelled", statusSince: "2026-01-05" }).where(eq(organizations.id, normal!.id));
  const after = await publicStats(now);
  expect(after).not.toBe(first);
  expect(after.organizations.byStatus.cancelled).toBe(first.organizations.byStatus.cancelled + 1);
  expect(after.organizations.byStatus.normal).toBe(first.organizations.byStatus.normal - 1);
});

test("a burst of requests for the same figures computes them once", async () => {
  let computed = 0;
  const compute = async () => {
    computed++;
    await new Promise((r) => setTimeout(r, 50));
    return { n: computed };
  };
  const results = await Promise.all(Array.from({ length: 10 }, () => cachedPublic("burst", compute)));
  expect(computed).toBe(1);
  expect(new Set(results).size).toBe(1);
});

/** A change made by another app instance: on PostgreSQL another connection, on PGlite a statement past this process's drizzle. */
async function changeElsewhere(statement: string): Promise<void> {
  if (databaseKind() === "postgres") {
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await other.unsafe(statement);
    } finally {
      await other.end();
    }
    return;
  }
  const db = (await getDb()) as unknown as { $client: { query: (sql: string) => Promise<unknown> } };
  await db.$client.query(statement);
}

test("the version is answered from memory, and a change made elsewhere reaches it by its announcement", async () => {
  await currentPublicDataVersion();
  // Trusted once listening and a moment after this process's own last write.
  await until("the version answered from memory", async () => publicDataVersionFromMemory() || undefined);
  const before = await currentPublicDataVersion();
  await changeElsewhere("update organizations set address = '泉州市鲤城区通知路 1 号' where id = (select min(id) from organizations)");
  await until("the announced version", async () => ((await currentPublicDataVersion()) === before + 1 ? true : undefined), 10_000);
  expect(publicDataVersionFromMemory()).toBe(true);
});

test("a write this process sent is seen at once, without waiting for its announcement", async () => {
  await until("the version answered from memory", async () => publicDataVersionFromMemory() || undefined);
  const before = await currentPublicDataVersion();
  const db = await getDb();
  const [one] = await db.select({ id: organizations.id }).from(organizations).limit(1);
  await db.update(organizations).set({ address: "泉州市鲤城区自写路 2 号" }).where(eq(organizations.id, one!.id));
  expect(publicDataVersionFromMemory()).toBe(false);
  expect(await currentPublicDataVersion()).toBe(before + 1);
});
