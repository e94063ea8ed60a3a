/**
 * An organization's record and a place's page as reading pages: the React
 * pages' own components (app/ui/public-record.tsx, app/ui/village-page.tsx)
 * rendered to static markup from the same domain value, without Remix's
 * document, its route matching, hydration data or scripts. These pages hold
 * too many shared parts (credit lists, committees, posting timelines) to be
 * written twice; React's rendering of them is a small part of a miss's cost.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import type { ReactElement } from "react";
import type { PublicOrganization } from "../domain/organizations/public.server";
import type { PublicVillagePage } from "../domain/places/public.server";
import { PublicRecordPage, publicRecordTitle } from "../ui/public-record";
import { VillagePage, villageFeedHref, villageTitle } from "../ui/village-page";
import { html, trusted, type Html } from "./html";

function markup(location: string, page: ReactElement): Html {
  return trusted(renderToStaticMarkup(<StaticRouter location={location}>{page}</StaticRouter>));
}

export function recordReading(record: PublicOrganization) {
  return { title: publicRecordTitle(record.name), main: markup(`/orgs/${record.id}`, <PublicRecordPage record={record} />) };
}

export function villageReading(page: PublicVillagePage) {
  const { place } = page;
  return {
    title: villageTitle(place.name),
    head: html`<link rel="alternate" type="application/atom+xml" title="${place.name} 村务公开" href="${villageFeedHref(place.code)}"/>`,
    main: markup(`/villages/${place.code}`, <VillagePage page={page} />),
  };
}
