import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route";

/** The committee page's data as the loader hands it over: the domain's workspace. */
export type CommitteePageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type BodyData = CommitteePageData["bodies"][number];
export type Term = BodyData["past"][number];
export type Warning = CommitteePageData["warnings"][number];
