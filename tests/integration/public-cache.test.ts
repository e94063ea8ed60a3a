/**
 * Public figures are kept until the public data changes: one committed change
 * moves the version once, a change to anything the public does not see does
 * not move it, and the kept figures are recomputed after a change.
 */
import { eq, inArray } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { loginAttempts, organizations } from "../../db/schema";
import { cachedPublic, currentPublicDataVersion } from "../../app/domain/shared/public-cache.server";
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
