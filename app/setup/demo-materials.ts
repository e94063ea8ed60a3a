/**
 * The materials of the demo's submitted applications: a small PDF for each
 * required material of each one's list, attached before it was submitted, as
 * the submission now requires (applications/materials.ts).
 */
import { createHash } from "node:crypto";
import type { applicationFiles } from "../../db/schema";
import { applicationMaterials } from "../domain/applications/materials";
import type { ApplicationKind } from "../../vocabulary";

/** A one-page PDF standing in for a scanned document. */
const scannedPdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const sha256 = createHash("sha256").update(scannedPdf).digest("hex");

export function demoMaterialFiles(
  app: { id: number; kind: ApplicationKind; proposed: Record<string, unknown>; applicantUserId: number | null },
  organization: Parameters<typeof applicationMaterials>[1],
  uploadedAt: Date,
): Array<typeof applicationFiles.$inferInsert> {
  return applicationMaterials(app, organization)
    .filter((m) => m.required)
    .map((m) => ({
      applicationId: app.id,
      material: m.key,
      fileName: `${m.name}.pdf`,
      contentType: "application/pdf",
      size: scannedPdf.length,
      sha256,
      content: scannedPdf,
      uploadedBy: app.applicantUserId,
      uploadedAt,
    }));
}
