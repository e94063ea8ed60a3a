/**
 * A community's or village's public page (/villages/:code): the place, its
 * committees, its community associations and its recent postings. The React
 * page and the reading page (app/reading) both render this one value.
 */
import { redirect } from "@remix-run/node";
import { placeAssociations } from "../committees/coverage.server";
import { publicCommittees } from "../committees/public.server";
import { placeCompliance } from "../postings/compliance.server";
import { placePostings } from "../postings/public.server";
import { placeByCode } from "./queries.server";
import { placePath, villagePostingLimit } from "./rules";

/** The page of the place with division code `code`; a street's or the district's code is sent to its own page. */
export async function publicVillagePage(code: string, now = new Date()) {
  const detail = await placeByCode(code);
  if (placePath(detail.place) !== `/villages/${detail.place.code}`) throw redirect(placePath(detail.place));
  const [associations, postings, compliance, committees] = await Promise.all([
    placeAssociations(detail.place.id),
    placePostings(detail.place.id, villagePostingLimit),
    placeCompliance(detail.place.id, now),
    publicCommittees(detail.place.id, detail.place.level, now),
  ]);
  return { ...detail, associations, postings, compliance, committees };
}

export type PublicVillagePage = Awaited<ReturnType<typeof publicVillagePage>>;
