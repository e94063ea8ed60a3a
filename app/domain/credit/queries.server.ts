/**
 * Reading credit information: an organization's penalty decisions, public on
 * its record; their decision documents for the officers whose scope covers it.
 */
import { desc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { penalties } from "../../../db/schema";
import { hasPermission, type Actor } from "../../auth/permissions";
import { organizationAccess } from "../organizations/queries.server";
import { notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { creditConsequence } from "./penalties";

/** An organization's penalty decisions, newest first, without their documents' content: public. */
export async function penaltiesOf(organizationId: number) {
  const db = await getDb();
  const rows = await db
    .select({
      id: penalties.id,
      kind: penalties.kind,
      amountFen: penalties.amountFen,
      suspendedFrom: penalties.suspendedFrom,
      suspendedUntil: penalties.suspendedUntil,
      facts: penalties.facts,
      legalBasis: penalties.legalBasis,
      decisionNumber: penalties.decisionNumber,
      decidedOn: penalties.decidedOn,
      authority: penalties.authority,
      fileName: penalties.fileName,
    })
    .from(penalties)
    .where(eq(penalties.organizationId, organizationId))
    .orderBy(desc(penalties.decidedOn), desc(penalties.id));
  return rows.map((p) => ({ ...p, consequence: creditConsequence(p) }));
}

/** A decision document, for officers whose scope covers its organization; 404 otherwise. */
export async function penaltyDocumentFor(actor: Actor, id: number) {
  if (!isRowId(id) || !hasPermission(actor, "organization:read_internal")) notFound("找不到该文件。");
  const db = await getDb();
  const [row] = await db.select().from(penalties).where(eq(penalties.id, id));
  if (!row) notFound("找不到该文件。");
  await organizationAccess(actor, row.organizationId);
  return row;
}
