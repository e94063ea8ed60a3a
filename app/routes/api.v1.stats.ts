import { openDataHeaders } from "../domain/shared/open-data";
import { publicStats } from "../domain/statistics/public.server";

/** GET /api/v1/stats (docs/api.md): the public headline figures; rates are fractions between 0 and 1. */
export async function loader() {
  return Response.json(await publicStats(new Date()), { headers: openDataHeaders });
}
