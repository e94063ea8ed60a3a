/**
 * Applications in integration tests: a preparatory group's account (an
 * association user without an organization, the one who may apply for
 * establishment), a social group's proposal that passes every check, the
 * required materials attached as the applicant would before submitting,
 * without touching the application's version (so a test's versions read as
 * the steps it takes), and the application's row as stored.
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { applicationFiles, applications, places, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import type { Actor } from "../../app/auth/permissions";
import type { Proposal } from "../../app/domain/applications/forms";
import { applicationDetail } from "../../app/domain/applications/queries.server";
import { storedAttachment } from "../../app/domain/shared/attachments.server";

let made = 0;

/** A new preparatory group's account, as an actor: it may apply for establishment. */
export async function preparatoryActor(name = "筹备组"): Promise<Actor> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ username: `prep-${process.pid}-${++made}-${Date.now().toString(36)}`, displayName: name, passwordHash: "unusable", role: "association" })
    .returning();
  return actorFromUser(user!, "test-session");
}

/** A social group under the demo's 业务主管单位, in 东街社区, that meets every rule of establishment. */
export async function groupProposal(name: string): Promise<Proposal> {
  const db = await getDb();
  const [place] = await db.select().from(places).where(eq(places.name, "东街社区"));
  return {
    name,
    type: "social_group",
    registrationRoute: "supervised",
    supervisingUnit: "鲤城区文化体育和旅游局",
    legalRepresentative: "陈明",
    address: "泉州市鲤城区中山路 100 号",
    registeredFunds: 50_000,
    businessScope: "组织会员开展文艺交流和公益演出",
    placeId: place!.id,
    individualMembers: 80,
    unitMembers: 0,
    contactPhone: "13905951234",
  };
}

/** The application as stored now (its state and version after the steps taken). */
export async function applicationRow(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  if (!row) throw new Error(`no application ${id}`);
  return row;
}

export const scannedPdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Attaches a small PDF for each required material the application still lacks; returns their keys. */
export async function attachRequiredMaterials(actor: Actor, id: number, now = new Date()): Promise<string[]> {
  const db = await getDb();
  const detail = await applicationDetail(actor, id, now);
  const missing = detail.materials.filter((m) => m.required && !m.files.length);
  for (const m of missing) {
    await db.insert(applicationFiles).values({ applicationId: id, material: m.key, ...storedAttachment({ name: `${m.name}.pdf`, content: scannedPdf }, actor.userId, now) });
  }
  return missing.map((m) => m.key);
}

/** The materials attached to an application, by key. */
export async function attachedMaterials(id: number): Promise<Array<string | null>> {
  const db = await getDb();
  return (await db.select({ material: applicationFiles.material }).from(applicationFiles).where(eq(applicationFiles.applicationId, id))).map((r) => r.material);
}
