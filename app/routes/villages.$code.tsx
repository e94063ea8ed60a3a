import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { placeAssociations } from "../domain/communities.server";
import { placeByCode } from "../domain/places.server";
import { placeLevelLabels, placePath } from "../domain/places";
import { CommunityAssociationsPanel } from "../ui/community-associations";
import { PlaceFigures, PlaceTrail } from "../ui/place";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.place.name ?? "社区/村"} - 社区治理与社会组织登记平台` },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const detail = await placeByCode(params.code ?? "");
  if (placePath(detail.place) !== `/villages/${detail.place.code}`) throw redirect(placePath(detail.place));
  return { ...detail, associations: await placeAssociations(detail.place.id) };
}

export default function VillagePage() {
  const { place, parent, organizations, associations } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <PlaceTrail parent={parent} />
      <h1 className="text-2xl font-semibold">{place.name}</h1>
      <p className="text-sm text-slate-500">
        {placeLevelLabels[place.level]}
        {place.level === "village" ? "（村民委员会）" : "（居民委员会）"} · 区划代码 {place.code}
      </p>
      <PlaceFigures place={place} organizations={organizations} />
      <CommunityAssociationsPanel associations={associations} className="mt-6" />
    </main>
  );
}
