/**
 * Reading pages: the register's search, an organization's record, a place's
 * page and a posting's page for readers who are not signed in, written as
 * HTML from the domain's values without Remix's document pipeline (server.mjs
 * asks here before handing a public GET to Remix). These are the
 * pages every reader asks something different of, so most requests miss the
 * kept pages, and React's document pipeline costs several times the
 * database's work. Anything else (a page that is not found, a signed-in
 * reader, a form's answer) is Remix's.
 */
import { parseRegisterQuery, registerSearchParams } from "../domain/organizations/forms";
import { publicOrganization, publicRegisterPage } from "../domain/organizations/public.server";
import { publicVillagePage } from "../domain/places/public.server";
import { parseVersionParam } from "../domain/postings/query";
import { publicPostingPage } from "../domain/postings/public.server";
import { isRowId } from "../domain/shared/ids";
import { readingDocument } from "./document.server";
import { postingMain, postingTitle } from "./posting";
import { recordReading, villageReading } from "./records.server";
import { registerMain, registerTitle } from "./register";

const headers = { "Content-Type": "text/html; charset=utf-8" };

const postingPath = /^\/postings\/(\d{1,10})$/;
const recordPath = /^\/orgs\/(\d{1,10})$/;
const villagePath = /^\/villages\/(\d{12})$/;

/**
 * What a reading page at `url` depends on, as a key for the kept pages (parameters the page does
 * not read are left out, so they cannot multiply its copies); null when `url` is no reading page.
 */
export function readingKey(url: URL): string | null {
  if (url.pathname === "/orgs") {
    const { query } = parseRegisterQuery(url.searchParams);
    const search = registerSearchParams(query);
    search.set("page", String(query.page));
    search.set("pageSize", String(query.pageSize));
    return `/orgs?${search}`;
  }
  // A record and a place read nothing of the query.
  if (recordPath.test(url.pathname) || villagePath.test(url.pathname)) return url.pathname;
  const posting = postingPath.exec(url.pathname);
  const version = parseVersionParam(url.searchParams.get("version"));
  // A version that is no number is Remix's to refuse.
  if (posting && version !== null) return `/postings/${Number(posting[1])}?version=${version ?? ""}`;
  return null;
}

/** The reading page for `url` (a reading page's address), or null when Remix should answer (not found, a bad version). */
export async function readingPage(url: URL): Promise<{ body: string; headers: Record<string, string> } | null> {
  try {
    if (url.pathname === "/orgs") {
      const page = await publicRegisterPage(url.searchParams);
      return { body: await readingDocument(registerTitle, "/orgs", registerMain(page)), headers };
    }
    const record = recordPath.exec(url.pathname);
    if (record) {
      if (!isRowId(Number(record[1]))) return null;
      const { title, main } = recordReading(await publicOrganization(Number(record[1])));
      return { body: await readingDocument(title, "/orgs", main), headers };
    }
    const village = villagePath.exec(url.pathname);
    if (village) {
      const { title, head, main } = villageReading(await publicVillagePage(village[1]!));
      return { body: await readingDocument(title, "/villages", main, head), headers };
    }
    const posting = postingPath.exec(url.pathname);
    if (!posting || !isRowId(Number(posting[1]))) return null;
    const page = await publicPostingPage(Number(posting[1]), url.searchParams.get("version"));
    return { body: await readingDocument(postingTitle(page), "/postings", postingMain(page)), headers };
  } catch (error) {
    // notFound() and its kin throw a Response: Remix renders that page with its error boundary.
    if (error instanceof Response) return null;
    throw error;
  }
}
