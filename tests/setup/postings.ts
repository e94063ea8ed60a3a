/**
 * Postings in integration tests: a posting's open version (the one being
 * drafted or reviewed), and the clerk and supervisor of a second village, for
 * checking that one village's staff cannot reach another's postings.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { places, postingVersions, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import type { Actor } from "../../app/auth/permissions";

/** The version of a posting still in the clerk's or the committee's hands. */
export async function openVersion(id: number) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(postingVersions)
    .where(
      and(
        eq(postingVersions.postingId, id),
        sql`${postingVersions.state} in ('draft', 'submitted', 'returned')`,
      ),
    );
  if (!row) throw new Error(`posting ${id} has no open version`);
  return row;
}

/** A clerk and a supervisor of the demo's second village (350502100202), as actors. */
export async function secondVillageStaff(): Promise<{ clerk: Actor; supervisor: Actor }> {
  const db = await getDb();
  const [village] = await db.select().from(places).where(eq(places.code, "350502100202"));
  const [clerk, supervisor] = await db
    .insert(users)
    .values([
      {
        username: "clerk-2",
        displayName: "第二村村务员",
        role: "village_clerk",
        placeId: village!.id,
        passwordHash: "x",
      },
      {
        username: "supervisor-2",
        displayName: "第二村监督员",
        role: "village_supervisor",
        placeId: village!.id,
        passwordHash: "x",
      },
    ])
    .returning();
  return { clerk: actorFromUser(clerk!, "s-c2"), supervisor: actorFromUser(supervisor!, "s-s2") };
}
