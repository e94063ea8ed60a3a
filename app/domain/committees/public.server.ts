/**
 * The committees as the public sees them on a community's or village's page:
 * each body's current members by name and post, and the service centre.
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { serviceCentres } from "../../../db/schema";
import { byBody, termsOf } from "./queries.server";
import { shanghaiDate } from "../shared/time";

/** The public's view: each body's current members by name and post, nothing else about them. */
export async function publicCommittees(placeId: number, level: string, now: Date) {
  const db = await getDb();
  const today = shanghaiDate(now);
  const [centre] = await db
    .select({ floorArea: serviceCentres.floorArea, facilities: serviceCentres.facilities })
    .from(serviceCentres)
    .where(eq(serviceCentres.placeId, placeId));
  return {
    bodies: byBody(level, await termsOf(db, [placeId]), today).map(({ body, current }) => ({
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
    serviceCentre: centre ?? null,
  };
}
