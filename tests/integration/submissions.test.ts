/**
 * One-time submission keys: a write claims its form's key in its own
 * transaction, so the same submission sent again changes nothing and is
 * answered as the first was, while a submission that wrote nothing (refused,
 * or rolled back) leaves its key free for the corrected one.
 */
import { eq, like } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, postings, submissionKeys } from "../../db/schema";
import type { ActionContext } from "../../app/domain/shared/context";
import { createPosting } from "../../app/domain/postings/commands.server";
import { changeOwnPassword } from "../../app/domain/users/commands.server";
import { demoPassword } from "../../app/setup/demo";
import { previousMonth } from "../../app/domain/postings/rules";
import { earlierSubmission, noteSubmissionLocation } from "../../app/domain/shared/submissions.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

let clerk: Awaited<ReturnType<typeof demoActor>>;

beforeAll(async () => {
  await loadDemoDistrict();
  clerk = await demoActor("clerk");
});

/** A context whose submission answers a repeat with a 303 to the stored place, or to "/village/postings". */
function keyed(key: string, now = new Date()): ActionContext {
  return {
    ...contextOf(clerk, now),
    submission: {
      key,
      userId: clerk.userId,
      path: "/village/postings/new",
      replay: (location) => new Response(null, { status: 303, headers: { Location: location ?? "/village/postings" } }),
    },
  };
}

const lastMonth = (now: Date) => previousMonth(shanghaiDate(now)).key;

async function draft(ctx: ActionContext, title: string) {
  return createPosting(ctx, { kind: "finance_monthly", period: lastMonth(ctx.now), title, body: "本月收支情况。" });
}

async function postingsTitled(title: string) {
  const db = await getDb();
  return db.select({ id: postings.id }).from(postings).where(like(postings.title, title));
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the write to be answered as a repeat");
}

test("the same submission twice writes once; the repeat is answered with where the first went", async () => {
  const first = await draft(keyed("repeatKey0000000001"), "重复提交测试一");
  expect(first.ok).toBe(true);
  await noteSubmissionLocation("repeatKey0000000001", `/village/postings/${first.ok ? first.value.id : 0}?notice=created`);

  const answer = (await thrown(draft(keyed("repeatKey0000000001"), "重复提交测试一"))) as Response;
  expect(answer).toBeInstanceOf(Response);
  expect(answer.status).toBe(303);
  expect(answer.headers.get("Location")).toBe(`/village/postings/${first.ok ? first.value.id : 0}?notice=created`);
  expect(await postingsTitled("重复提交测试一")).toHaveLength(1);
  expect(await earlierSubmission("repeatKey0000000001", clerk.userId)).toEqual({ location: expect.stringContaining("/village/postings/") });
  // Another user's lookup of the same key finds nothing.
  expect(await earlierSubmission("repeatKey0000000001", clerk.userId + 1)).toBeNull();
});

test("the repeated write leaves no trace: no second posting, no second audit entry", async () => {
  const db = await getDb();
  const count = async () => (await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "posting.create"))).length;
  const before = await count();
  const ok = await draft(keyed("repeatKey0000000002"), "重复提交测试二");
  expect(ok.ok).toBe(true);
  await thrown(draft(keyed("repeatKey0000000002"), "重复提交测试二"));
  expect(await count()).toBe(before + 1);
});

test("a refused submission leaves its key free: corrected and sent again, it is saved", async () => {
  const refused = await createPosting(keyed("repeatKey0000000003"), { kind: "finance_monthly", period: "", title: "", body: "" });
  expect(refused.ok).toBe(false);
  const db = await getDb();
  expect(await db.select().from(submissionKeys).where(eq(submissionKeys.key, "repeatKey0000000003"))).toHaveLength(0);
  const saved = await draft(keyed("repeatKey0000000003"), "重复提交测试三");
  expect(saved.ok).toBe(true);
  expect(await postingsTitled("重复提交测试三")).toHaveLength(1);
});

test("a refused attempt that the audit log records (a wrong current password) leaves its key free too", async () => {
  const db = await getDb();
  const wrong = await changeOwnPassword(keyed("repeatKey0000000006"), { currentPassword: "not-the-password", newPassword: "Harbour-Lantern-58" });
  expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["当前密码不正确"] } });
  expect(await db.select().from(auditLog).where(eq(auditLog.action, "user.password_check_failed"))).toHaveLength(1);
  expect(await db.select().from(submissionKeys).where(eq(submissionKeys.key, "repeatKey0000000006"))).toHaveLength(0);
  // The same form, corrected, with the same key (a refused form's page keeps its key): saved, not answered as a repeat.
  expect(await changeOwnPassword(keyed("repeatKey0000000006"), { currentPassword: demoPassword, newPassword: "Harbour-Lantern-58" })).toMatchObject({ ok: true });
  expect(await db.select().from(submissionKeys).where(eq(submissionKeys.key, "repeatKey0000000006"))).toHaveLength(1);
});

test("two sendings of one submission at the same moment write once", async () => {
  const results = await Promise.allSettled([draft(keyed("repeatKey0000000004"), "重复提交测试四"), draft(keyed("repeatKey0000000004"), "重复提交测试四")]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect((rejected.reason as Response).status).toBe(303);
  expect(await postingsTitled("重复提交测试四")).toHaveLength(1);
});

test("without a key every sending is its own write, as before", async () => {
  expect((await draft(contextOf(clerk), "无键提交")).ok).toBe(true);
  expect((await draft(contextOf(clerk), "无键提交")).ok).toBe(true);
  expect(await postingsTitled("无键提交")).toHaveLength(2);
});

test("keys older than two days are cleared by later writes", async () => {
  const db = await getDb();
  const longAgo = new Date(Date.now() - 3 * 86_400_000);
  await db.insert(submissionKeys).values({ key: "oldKey000000000000001", userId: clerk.userId, path: "/x", createdAt: longAgo, wrote: true });
  expect((await draft(keyed("repeatKey0000000005"), "清理测试")).ok).toBe(true);
  expect(await db.select().from(submissionKeys).where(eq(submissionKeys.key, "oldKey000000000000001"))).toHaveLength(0);
});
