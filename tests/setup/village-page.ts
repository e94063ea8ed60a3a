/**
 * Parts of a community's or village's public page (publicVillagePage) by the
 * place's id, for tests that look at one part: the page reads them together.
 */
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { places } from "../../db/schema";
import { publicVillagePage } from "../../app/domain/places/public.server";

async function pageOf(placeId: number, now?: Date) {
  const db = await getDb();
  const [place] = await db.select({ code: places.code }).from(places).where(eq(places.id, placeId));
  if (!place) throw new Error(`no place ${placeId}`);
  return publicVillagePage(place.code, now);
}

/** The counted community social organizations the page shows, against the target. */
export async function placeAssociations(placeId: number) {
  return (await pageOf(placeId)).associations;
}

/** The committees the page shows; `level` is the place's, checked here. */
export async function publicCommittees(placeId: number, level: string, now: Date) {
  const page = await pageOf(placeId, now);
  if (page.place.level !== level) throw new Error(`place ${placeId} is a ${page.place.level}, not a ${level}`);
  return page.committees;
}
