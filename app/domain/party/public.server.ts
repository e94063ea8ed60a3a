/**
 * The party-coverage figures anyone may read (/stats and the open-data API):
 * the two coverages of the whole district and the target, nothing about any
 * one organization.
 */
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "../../../db/client.server";
import { organizationParty, organizations, partyBranches } from "../../../db/schema";
import { getSetting } from "../settings/queries.server";
import { coverageRatesOf, coveredStatuses, coveredTypes, type Coverage } from "./rules";

/** Only the public figures: the two coverages and the target. */
export async function publicPartyFigures() {
  const db = await getDb();
  // Tallied in the database by coverageOf's rule: a city has tens of thousands of organizations.
  // Each organization's record is looked up by its key (a lateral join) rather than the whole
  // coverage table hashed: the figure reads indexes only, and is kept until the data changes.
  const [counts] = await queryRows<Record<Coverage, number>>(
    db,
    sql`select
          count(*) filter (where b.kind = 'single')::int as own_branch,
          count(*) filter (where b.kind = 'joint')::int as joint_branch,
          count(*) filter (where b.id is null and coalesce(op.instructor, '') <> '')::int as instructor,
          count(*) filter (where b.id is null and coalesce(op.instructor, '') = '')::int as none
        from ${organizations} o
        left join lateral (
          select p.branch_id, p.instructor from ${organizationParty} p where p.organization_id = o.id limit 1
        ) op on true
        left join ${partyBranches} b on b.id = op.branch_id
        where o.type in ${sql.raw(`(${coveredTypes.map((t) => `'${t}'`).join(", ")})`)}
          and o.status in ${sql.raw(`(${coveredStatuses.map((t) => `'${t}'`).join(", ")})`)}`,
  );
  return { target: await getSetting("partyCoverageTarget"), ...coverageRatesOf(counts!) };
}
