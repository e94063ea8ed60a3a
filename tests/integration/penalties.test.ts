/**
 * 行政处罚 recorded by the registry: validated against the regulations, public on
 * the organization's record and in the open data (its document internal), and a
 * revocation that changes the register's status in the same transaction.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, organizationChanges, organizations, penalties } from "../../db/schema";
import { recordPenalty } from "../../app/domain/credit/commands.server";
import { penaltiesOf, penaltyDocumentFor } from "../../app/domain/credit/queries.server";
import type { PenaltyPost } from "../../app/domain/credit/forms";
import { findPublicOrganization, openDataRecord } from "../../app/domain/organizations/public.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const pdf = { name: "决定书.pdf", content: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") };
const now = new Date();
const today = shanghaiDate(now);

async function registered(type: "social_group" | "private_non_enterprise", skip = 0) {
  const db = await getDb();
  const rows = await db.select().from(organizations).where(and(eq(organizations.type, type), eq(organizations.status, "normal"))).orderBy(organizations.id);
  return rows[skip]!;
}

const decision = (n: number, patch: Partial<PenaltyPost> = {}): PenaltyPost => ({
  kind: "warning",
  facts: "未按规定办理负责人变更登记，经责令改正仍未改正。",
  legalBasis: "《社会团体登记管理条例》第三十条第一款第（六）项",
  decisionNumber: `鲤民罚决字〔测试〕${n}号`,
  decidedOn: today,
  authority: "鲤城区民政局",
  ...patch,
});

test("a warning is recorded with its document, public on the record and in the open data, the document for officers only", async () => {
  const org = await registered("social_group", 3);
  const officer = await demoActor("officer");
  const recorded = await recordPenalty(contextOf(officer, now), org.id, decision(1), pdf);
  expect(recorded).toMatchObject({ ok: true });
  if (!recorded.ok) return;
  const mine = await penaltiesOf(org.id);
  expect(mine[0]).toMatchObject({ kind: "warning", decisionNumber: "鲤民罚决字〔测试〕1号", consequence: "abnormal", fileName: "决定书.pdf" });
  const record = (await findPublicOrganization(org.id))!;
  expect(record.penalties[0]).toEqual({
    id: recorded.value.id,
    kind: "warning",
    amountYuan: null,
    suspendedFrom: null,
    suspendedUntil: null,
    facts: "未按规定办理负责人变更登记，经责令改正仍未改正。",
    legalBasis: "《社会团体登记管理条例》第三十条第一款第（六）项",
    decisionNumber: "鲤民罚决字〔测试〕1号",
    decidedOn: today,
    authority: "鲤城区民政局",
  });
  expect(JSON.stringify(openDataRecord(record))).not.toContain("决定书.pdf");
  // The document: the district officer; not an association, nor a street officer outside the organization's street.
  expect((await penaltyDocumentFor(officer, recorded.value.id)).sha256).toMatch(/^[0-9a-f]{64}$/);
  await expect(penaltyDocumentFor(await demoActor("assoc"), recorded.value.id)).rejects.toMatchObject({ status: 404 });
  const street = await demoActor("street");
  if (org.streetId !== street.placeId) await expect(penaltyDocumentFor(street, recorded.value.id)).rejects.toMatchObject({ status: 404 });
  // Audited; the status unchanged.
  const db = await getDb();
  expect((await db.select().from(auditLog).where(and(eq(auditLog.action, "penalty.record"), eq(auditLog.entityId, String(org.id))))).length).toBe(1);
  expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0]!.status).toBe("normal");
});

test("what a decision must say: the amount of a fine, the period of a suspension, a date not after today, a document, a number used once", async () => {
  const org = await registered("private_non_enterprise", 2);
  const ctx = contextOf(await demoActor("officer"), now);
  expect(await recordPenalty(ctx, org.id, decision(2, { kind: "fine" }), pdf)).toEqual({ ok: false, fieldErrors: { amount: ["罚款须写明金额"] } });
  expect(await recordPenalty(ctx, org.id, decision(2, { kind: "suspension" }), pdf)).toMatchObject({ ok: false, fieldErrors: { suspendedFrom: ["限期停止活动须写明起始日期"] } });
  expect(await recordPenalty(ctx, org.id, decision(2, { decidedOn: "2999-01-01" }), pdf)).toEqual({ ok: false, fieldErrors: { decidedOn: ["决定日期不能晚于今天"] } });
  expect(await recordPenalty(ctx, org.id, decision(2), null)).toEqual({ ok: false, fieldErrors: { document: ["请上传行政处罚决定书（PDF 或图片）"] } });
  expect(await recordPenalty(ctx, org.id, decision(2), { name: "决定书.exe", content: new TextEncoder().encode("MZ not a pdf") })).toMatchObject({ ok: false, fieldErrors: { document: [expect.any(String)] } });
  expect(await recordPenalty(ctx, org.id, decision(2, { kind: "fine", amount: 20_000 }), pdf)).toMatchObject({ ok: true });
  expect(await recordPenalty(ctx, org.id, decision(2), pdf)).toEqual({ ok: false, fieldErrors: { decisionNumber: ["该文号的处罚决定已经录入"] } });
  // The same decision entered twice at once: one is recorded.
  const both = await Promise.all([recordPenalty(ctx, org.id, decision(3), pdf), recordPenalty(ctx, org.id, decision(3), pdf)]);
  expect(both.filter((r) => r.ok)).toHaveLength(1);
  expect(both.find((r) => !r.ok)).toEqual({ ok: false, fieldErrors: { decisionNumber: ["该文号的处罚决定已经录入"] } });
  const fine = (await penaltiesOf(org.id)).find((p) => p.kind === "fine");
  expect(fine).toMatchObject({ amountFen: 2_000_000, consequence: "abnormal" });
});

test("a revocation ends the registration in the same transaction: status, history and audit together; no penalty after it", async () => {
  const org = await registered("social_group", 5);
  const ctx = contextOf(await demoActor("officer"), now);
  const revoked = await recordPenalty(ctx, org.id, decision(4, { kind: "revocation", legalBasis: "《社会团体登记管理条例》第三十条第一款第（一）项" }), pdf);
  expect(revoked).toMatchObject({ ok: true });
  const db = await getDb();
  const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(after).toMatchObject({ status: "revoked", statusSince: today, statusReason: "撤销登记（鲤民罚决字〔测试〕4号）", version: org.version + 1 });
  const [change] = await db.select().from(organizationChanges).where(eq(organizationChanges.organizationId, org.id)).orderBy(organizationChanges.id).then((rows) => rows.slice(-1));
  expect(change).toMatchObject({ kind: "status", reason: "行政处罚：撤销登记（鲤民罚决字〔测试〕4号）" });
  expect((await findPublicOrganization(org.id))!.status).toBe("revoked");
  expect(await recordPenalty(ctx, org.id, decision(5), pdf)).toEqual({ ok: false, fieldErrors: { kind: ["该组织已撤销登记，不能再作出行政处罚决定"] } });
  expect((await db.select().from(penalties).where(eq(penalties.organizationId, org.id))).map((p) => p.kind)).toEqual(["revocation"]);
});

test("only the district registry records penalties: a street officer, an administrator, an association are refused", async () => {
  const org = await registered("social_group", 6);
  for (const username of ["street", "admin", "assoc", "supervising"]) {
    await expect(recordPenalty(contextOf(await demoActor(username), now), org.id, decision(9), pdf)).rejects.toMatchObject({ status: 403 });
  }
  expect(await penaltiesOf(org.id)).toEqual([]);
});

test("the demo has the registry's four decisions, dated before the day it loaded", async () => {
  const db = await getDb();
  const rows = await db.select({ kind: penalties.kind, decidedOn: penalties.decidedOn, amountFen: penalties.amountFen }).from(penalties).where(eq(penalties.recordedBy, (await demoActor("officer")).userId));
  const demo = rows.filter((r) => r.decidedOn < today);
  // A fine under and one over 50,000 yuan, two warnings (one of them listed and removed after six months).
  expect(demo.map((r) => `${r.kind}:${r.amountFen ?? ""}`).sort()).toEqual(["fine:2000000", "fine:8000000", "warning:", "warning:"]);
});
