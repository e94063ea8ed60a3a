/**
 * On a real server: the verify command run as a separate process names a
 * tampered version, and two publications in one village at the same moment
 * still form one unbroken chain (the place's row lock orders them).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../../db/client.server";
import { postingVersions } from "../../../db/schema";
import { createPosting, reviewPosting, submitPosting } from "../../../app/domain/postings/commands.server";
import { verifyPostingChains } from "../../../app/domain/postings/chain-check.server";
import { shanghaiDate } from "../../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../../setup/demo";

const run = promisify(execFile);
beforeAll(loadDemoDistrict);

async function submitted(title: string) {
  const clerk = await demoActor("clerk");
  const now = new Date();
  const made = await createPosting(contextOf(clerk, now), { kind: "general_notice", period: shanghaiDate(now), title, body: "公告内容" });
  if (!made.ok) throw new Error(JSON.stringify(made));
  const sent = await submitPosting(contextOf(clerk, now), made.value.id, { expectedVersion: 1, acknowledgeSensitive: false });
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return made.value.id;
}

test("two approvals in the same village at once both publish, one after the other in the chain", async () => {
  const supervisor = await demoActor("supervisor");
  const [a, b] = await Promise.all([submitted("公告甲"), submitted("公告乙")]);
  const results = await Promise.all(
    [a, b].map((id) => reviewPosting(contextOf(supervisor, new Date()), id, { expectedVersion: 2, decision: "approve", opinion: "同意公开" })),
  );
  expect(results.map((r) => r.ok)).toEqual([true, true]);
  expect((await verifyPostingChains()).problems).toEqual([]);
});

test("npm run postings:verify names a version changed behind the application's back", async () => {
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, EMBEDDED_AUTO_PREPARE: "0" };
  const clean = await run("npx", ["tsx", "scripts/verify-postings.ts"], { env });
  expect(clean.stdout).toContain("哈希链完整");

  const db = await getDb();
  const [victim] = await db.select().from(postingVersions).where(eq(postingVersions.state, "published")).limit(1);
  await db.execute(sql`alter table posting_versions disable trigger posting_versions_published_fixed`);
  try {
    await db.update(postingVersions).set({ title: `${victim!.title}（已改）` }).where(eq(postingVersions.id, victim!.id));
  } finally {
    await db.execute(sql`alter table posting_versions enable trigger posting_versions_published_fixed`);
  }
  const failed = await run("npx", ["tsx", "scripts/verify-postings.ts"], { env }).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toContain(`公开事项 #${victim!.postingId} 第 ${victim!.number} 版（版本记录 ${victim!.id}）`);
});
