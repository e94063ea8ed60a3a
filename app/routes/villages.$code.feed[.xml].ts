import type { LoaderFunctionArgs } from "@remix-run/node";
import { postingFeed } from "../domain/postings/feed";
import { placeByCode } from "../domain/places/queries.server";
import { placePostings } from "../domain/postings/public.server";
import { answeringInvalidData } from "../domain/shared/invalid-data.server";

const notFoundFeed = () =>
  new Response("找不到该社区（村），无法提供村务公开订阅。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /villages/:code/feed.xml (docs/api.md): the Atom feed of a village's or community's postings. */
export const loader = answeringInvalidData(async ({ request, params }: LoaderFunctionArgs) => {
  const detail = await placeByCode(params.code ?? "").catch((error: unknown) => {
    if (error instanceof Response && error.status === 404) return null;
    throw error;
  });
  if (!detail || (detail.place.level !== "village" && detail.place.level !== "community")) return notFoundFeed();
  const { place } = detail;
  const xml = postingFeed({
    origin: new URL(request.url).origin,
    place: { code: place.code, name: place.name },
    postings: await placePostings(place.id),
    now: new Date(),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
});
