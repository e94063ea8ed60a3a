/**
 * The committees as the public sees them on a community's or village's page:
 * each body's current members by name and post, and the service centre. Read
 * with the rest of the page (places/public.server.ts).
 */
import { eq, type Placeholder } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { committeeTerms, serviceCentres } from "../../../db/schema";
import { byBody, membersQuery, termsQuery, withMembers } from "./queries.server";
import { shanghaiDate } from "../shared/time";

/** The selects of a place's committees and service centre, for an id or a placeholder. */
export function publicCommitteeSelects(db: Database, placeId: number | Placeholder) {
  const ofPlace = eq(committeeTerms.placeId, placeId);
  return {
    terms: termsQuery(db, ofPlace),
    members: membersQuery(db, db.select({ id: committeeTerms.id }).from(committeeTerms).where(ofPlace)),
    serviceCentre: db.select({ floorArea: serviceCentres.floorArea, facilities: serviceCentres.facilities }).from(serviceCentres).where(eq(serviceCentres.placeId, placeId)),
  };
}

type Rows = { [K in keyof ReturnType<typeof publicCommitteeSelects>]: Awaited<ReturnType<typeof publicCommitteeSelects>[K]> };

/** The public's view: each body's current members by name and post, nothing else about them. */
export function publicCommitteesFrom(level: string, rows: Rows, now: Date) {
  const today = shanghaiDate(now);
  return {
    bodies: byBody(level, withMembers(rows.terms, rows.members), today).map(({ body, current }) => ({
      body,
      // The term in office is the latest begun; one recorded ahead of its start is not shown yet.
      term: current
        ? {
            termNumber: current.termNumber,
            startsOn: current.startsOn,
            endsOn: current.endsOn,
            expired: current.standing === "expired",
            members: current.members.map((m) => ({ name: m.name, post: m.post })),
          }
        : null,
    })),
    serviceCentre: rows.serviceCentre[0] ?? null,
  };
}
