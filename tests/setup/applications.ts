/**
 * Applications in integration tests: a preparatory group's account (an
 * association user without an organization, the one who may apply for
 * establishment), and the required materials attached as the applicant would
 * before submitting, without touching the application's version (so a test's
 * versions read as the steps it takes).
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { applicationFiles, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import type { Actor } from "../../app/auth/permissions";
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
