/**
 * An organization's record as the officer's page shows it: the record, who
 * changed what, its penalties and credit listings, and its party section, read
 * in one prepared statement as the public record is (public.server.ts). The
 * page ran a statement per list (eleven), each parsed and planned on its own.
 */
import { sql, type Placeholder } from "drizzle-orm";
import { getDbForKeyedReads, type Database } from "../../../db/client.server";
import { can, hasPermission, type Actor } from "../../auth/permissions";
import { officerReachOrNull, reaches } from "../../auth/scope.server";
import { creditHistoryFrom, penaltiesFrom } from "../credit/queries.server";
import { keepsPartyRecord, partyRecordFrom, partySelects } from "../party/queries.server";
import { forbidden, notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { preparedTogether } from "../shared/select-together.server";
import { recordWithSanctionsSelects } from "./public.server";

/** The selects of the officer's record page, for an id or a placeholder. */
export function officerRecordSelects(db: Database, id: number | Placeholder) {
  return { ...recordWithSanctionsSelects(db, id), ...partySelects(db, id) };
}

const officerRecordStatement = preparedTogether("officer_record", (db) => officerRecordSelects(db, sql.placeholder("id")));

/**
 * The whole record for an officer: outside the officer's scope it does not exist (404); the party
 * section only for an officer who keeps party records, of a registered organization (else null).
 */
export async function officerRecordPage(actor: Actor, id: number) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  const missing = "登记簿中没有该社会组织，或不在您的管辖范围内。";
  const reach = officerReachOrNull(actor);
  if (!reach || !isRowId(id)) notFound(missing);
  const rows = await officerRecordStatement(await getDbForKeyedReads(), { id });
  const [record] = rows.record;
  // The statement reads by id alone; the scope is the officer's reach over the record's street.
  if (!record || !reaches(reach, record.organization.streetId)) notFound(missing);
  const { organization } = record;
  return {
    ...record,
    canCorrect: can(actor, "organization:correct", { streetId: organization.streetId }),
    history: rows.changes,
    penalties: penaltiesFrom(rows.penalties),
    listings: creditHistoryFrom(rows.abnormal, rows.serious),
    party: keepsPartyRecord(actor, organization) ? await partyRecordFrom(organization, rows) : null,
  };
}
