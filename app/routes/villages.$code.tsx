import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { publicVillagePage } from "../domain/places/public.server";
import { VillagePage, villageFeedHref, villageTitle } from "../ui/village-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: villageTitle(data?.place.name) },
  // The feed's address depends on the place, which the links export cannot see.
  ...(data ? [{ tagName: "link", rel: "alternate", type: "application/atom+xml", title: `${data.place.name} 村务公开`, href: villageFeedHref(data.place.code) }] : []),
];

export function loader({ params }: LoaderFunctionArgs) {
  return publicVillagePage(params.code ?? "");
}

export default function Village() {
  return <VillagePage page={useLoaderData<typeof loader>()} />;
}
