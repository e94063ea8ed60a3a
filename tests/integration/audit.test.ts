import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog } from "../../db/schema";
import { listAudit } from "../../app/domain/audit/queries.server";
import { recordAudit } from "../../app/domain/audit/commands.server";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

test("the audit log is append-only: rows cannot be updated or deleted, even by raw SQL", async () => {
  const db = await getDb();
  const officer = await demoActor("officer");
  await db.transaction((tx) => recordAudit(tx, contextOf(officer), { action: "test.event", entityType: "thing", entityId: 1 }));
  await expect(db.update(auditLog).set({ action: "tampered" })).rejects.toThrow();
  await expect(db.delete(auditLog)).rejects.toThrow();
  await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
  const rows = await db.select().from(auditLog);
  expect(rows.some((r) => r.action === "test.event")).toBe(true);
  expect(rows.some((r) => r.action === "tampered")).toBe(false);
});

test("an audit row written in a transaction that fails is rolled back with the change", async () => {
  const db = await getDb();
  await expect(
    db.transaction(async (tx) => {
      await recordAudit(tx, contextOf(null), { action: "test.rolled_back" });
      throw new Error("the change failed");
    }),
  ).rejects.toThrow("the change failed");
  const rows = await db.select().from(auditLog);
  expect(rows.some((r) => r.action === "test.rolled_back")).toBe(false);
});

test("officers with audit:read filter the log; a street officer is refused", async () => {
  const db = await getDb();
  const day = new Date("2026-03-10T04:00:00Z");
  // Actors are read before the transaction: inside it, only `tx` may be used.
  const [admin, officer] = [await demoActor("admin"), await demoActor("officer")];
  await db.transaction(async (tx) => {
    await recordAudit(tx, contextOf(admin, day), { action: "user.create", entityType: "user", entityId: 77 });
    await recordAudit(tx, contextOf(officer, new Date("2026-03-12T04:00:00Z")), { action: "user.update", entityType: "user", entityId: 77 });
  });
  const byAction = await listAudit(officer, { action: "user.create", page: 1, pageSize: 50 });
  expect(byAction.rows.every((r) => r.action === "user.create")).toBe(true);
  const byEntity = await listAudit(officer, { entityType: "user", entityId: "77", page: 1, pageSize: 50 });
  expect(byEntity.total).toBe(2);
  expect(byEntity.rows[0]?.action).toBe("user.update"); // newest first
  const byDay = await listAudit(officer, { from: new Date("2026-03-10T00:00:00+08:00"), to: new Date("2026-03-11T00:00:00+08:00"), page: 1, pageSize: 50 });
  expect(byDay.rows.map((r) => r.action)).toEqual(["user.create"]);
  const byActor = await listAudit(officer, { actor: "admi", page: 1, pageSize: 50 });
  expect(byActor.rows.every((r) => r.actorUsername === "admin")).toBe(true);
  await expect(listAudit(await demoActor("street"), { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });
});
