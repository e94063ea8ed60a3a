/** Place rules the browser may use too. */
import type { PlaceLevel } from "../../../vocabulary";

/** A place as stored (db/schema/places.ts), spelled out so that the browser needs nothing of the schema. */
export interface Place {
  id: number;
  code: string;
  name: string;
  level: PlaceLevel;
  parentId: number | null;
  households: number | null;
  population: number | null;
  sortOrder: number;
}

export const placeLevelLabels: Record<PlaceLevel, string> = {
  district: "区",
  street: "街道",
  town: "镇",
  community: "社区",
  village: "村",
};

/** Communities and villages have their own public page at /villages/:code; streets and towns at /places/:code. */
export function placePath(place: Pick<Place, "code" | "level">): string {
  return place.level === "community" || place.level === "village"
    ? `/villages/${place.code}`
    : `/places/${place.code}`;
}

/** Postings listed on a place's public page: about two years of monthly finances and quarterly affairs; the full list is one link away (and a city village has hundreds). */
export const villagePostingLimit = 60;
