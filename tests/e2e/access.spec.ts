import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, sessionToken, test, type DemoUser } from "./fixtures";

/**
 * The route-by-role access matrix. Each row is one URL and what every visitor
 * gets when they ask for it directly (no redirects followed):
 * - 200, 400, 403, 404: that status;
 * - "login": 302 to /login?redirectTo=<the path asked for>;
 * - { redirect: "/x" }: 302 to that path.
 * Later issues add rows here; every cell must be filled in.
 * Organization ids depend on the seed, so "{org:<street code>}" in a path stands
 * for the first organization of that street in the open-data API.
 */
type Expected = 200 | 400 | 403 | 404 | "login" | { redirect: string };
type Visitor = "anonymous" | DemoUser;
type Row = { path: string; note?: string } & Record<Visitor, Expected>;

const visitors: readonly Visitor[] = ["anonymous", "admin", "officer", "street", "assoc", "clerk", "supervisor"];

/** The same answer for everyone. */
const all = (expected: Expected): Record<Visitor, Expected> => ({
  anonymous: expected,
  admin: expected,
  officer: expected,
  street: expected,
  assoc: expected,
  clerk: expected,
  supervisor: expected,
});

/** Signed in: each demo user's own area. */
const ownArea: Record<DemoUser, Expected> = {
  admin: { redirect: "/officer" },
  officer: { redirect: "/officer" },
  street: { redirect: "/officer" },
  assoc: { redirect: "/org" },
  clerk: { redirect: "/village" },
  supervisor: { redirect: "/village" },
};

/** Protected: anonymous visitors go to /login, signed-in users get 403 unless listed. */
const onlyFor = (allowed: Partial<Record<DemoUser, Expected>>): Record<Visitor, Expected> => ({
  anonymous: "login",
  admin: 403,
  officer: 403,
  street: 403,
  assoc: 403,
  clerk: 403,
  supervisor: 403,
  ...allowed,
});

const accessMatrix: Row[] = [
  // Public pages
  { path: "/", ...all(200) },
  { path: "/healthz", ...all(200) },
  { path: "/login", anonymous: 200, ...ownArea },
  { path: "/logout", note: "GET only goes home", ...all({ redirect: "/" }) },
  { path: "/login/code", note: "without a half-finished sign-in: back to the password", anonymous: { redirect: "/login" }, ...ownArea },
  { path: "/login/enrol", note: "without a half-finished sign-in; signed in, it says so", ...all(200), anonymous: { redirect: "/login" } },
  { path: "/places/350502001000", note: "开元街道", ...all(200) },
  { path: "/villages/350502100201", note: "大良村", ...all(200) },
  { path: "/places/350502100201", note: "a village lives under /villages", ...all({ redirect: "/villages/350502100201" }) },
  { path: "/villages/350502001000", note: "a street lives under /places", ...all({ redirect: "/places/350502001000" }) },
  { path: "/places/999", note: "unknown code", ...all(404) },
  { path: "/no-such-page", ...all(404) },
  { path: "/orgs", note: "public register", ...all(200) },
  { path: "/orgs?q=%E5%8D%8F%E4%BC%9A&type=social_group&status=normal&street=350502001000", ...all(200) },
  { path: "/orgs?type=club&page=abc", note: "unreadable filters are left out", ...all(200) },
  { path: "/orgs/{org:350502002000}", note: "an organization of 鲤中街道", ...all(200) },
  { path: "/orgs/999999", note: "no such organization", ...all(404) },
  { path: "/orgs/abc", note: "not an id", ...all(404) },
  { path: "/orgs/2147483648", note: "beyond PostgreSQL's integer: no row has it", ...all(404) },
  { path: "/orgs?q=%00", note: "a NUL byte is refused before it reaches the database", ...all(400) },
  { path: "/?q=a%00b", ...all(400) },

  { path: "/stats", note: "public statistics", ...all(200) },

  // Open data (JSON, no login)
  { path: "/api/v1/stats", ...all(200) },
  { path: "/api/v1/organizations", ...all(200) },
  { path: "/api/v1/organizations?format=csv&status=cancelled", ...all(200) },
  { path: "/api/v1/organizations?type=club", note: "bad parameter", ...all(400) },
  { path: "/api/v1/organizations?pageSize=101", note: "bad parameter", ...all(400) },
  { path: "/api/v1/organizations?q=%00", note: "a NUL byte", ...all(400) },
  { path: "/api/v1/organizations/{org:350502002000}", ...all(200) },
  { path: "/api/v1/organizations/999999", ...all(404) },
  { path: "/api/v1/organizations/2147483648", ...all(404) },

  // Any signed-in user
  { path: "/post-login", anonymous: "login", ...ownArea },
  {
    path: "/account/password",
    ...onlyFor({ admin: 200, officer: 200, street: 200, assoc: 200, clerk: 200, supervisor: 200 }),
  },
  { path: "/account/security", note: "one's second factor", ...onlyFor({ admin: 200, officer: 200, street: 200, assoc: 200, clerk: 200, supervisor: 200 }) },
  { path: "/account/verify?redirectTo=%2Fofficer", note: "proving who one is again", ...onlyFor({ admin: 200, officer: 200, street: 200, assoc: 200, clerk: 200, supervisor: 200 }) },

  // Registry officers (area:officer)
  { path: "/officer", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/audit", note: "audit:read, not street", ...onlyFor({ admin: 200, officer: 200 }) },
  { path: "/officer/audit?from=2026-01-01&to=2026-01-31", ...onlyFor({ admin: 200, officer: 200 }) },
  { path: "/officer/audit?from=0000-01-01", note: "a year no date has: the problem beside the filter", ...onlyFor({ admin: 400, officer: 400 }) },
  { path: "/officer/audit?from=2026-02-30&to=2026-03-31", note: "a day February does not have", ...onlyFor({ admin: 400, officer: 400 }) },
  { path: "/officer/users", note: "user:manage", ...onlyFor({ admin: 200 }) },
  { path: "/officer/users/new", ...onlyFor({ admin: 200 }) },
  { path: "/officer/security", note: "the second-factor requirement per role: user:manage", ...onlyFor({ admin: 200 }) },
  { path: "/officer/users/1", ...onlyFor({ admin: 200 }) },
  { path: "/officer/users/999999", note: "no such account", ...onlyFor({ admin: 404 }) },
  { path: "/officer/users/abc", note: "not an id", ...onlyFor({ admin: 404 }) },
  { path: "/officer/users/2147483648", note: "beyond PostgreSQL's integer", ...onlyFor({ admin: 404 }) },
  { path: "/officer/orgs", note: "organization:read_internal", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/orgs?street=350502002000", note: "a street officer's scope still applies", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/orgs/{org:350502001000}", note: "in 开元街道, the street officer's own", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/orgs/{org:350502002000}", note: "in 鲤中街道: not the street officer's", ...onlyFor({ admin: 200, officer: 200, street: 404 }) },
  { path: "/officer/orgs/999999", note: "no such organization", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/orgs/2147483648", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/applications", note: "the queue", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/applications?kind=filing&state=accepted&overdue=1&street=350502001000", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/applications?kind=club&page=abc", note: "unreadable filters are left out", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/applications/4", note: "demo: an establishment in 开元街道, accepted", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/applications/9", note: "demo: a change in another street", ...onlyFor({ admin: 200, officer: 200, street: 404 }) },
  { path: "/officer/applications/999999", note: "no such application", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/applications/2147483648", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/applications/new", note: "POST only; GET goes to the queue", ...all({ redirect: "/officer/applications" }) },
  { path: "/officer/communities", note: "一居多会", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/communities?street=350502002000", note: "鲤中街道: not the street officer's", ...onlyFor({ admin: 200, officer: 200, street: 404 }) },
  { path: "/officer/communities/350502001001", note: "a community of 开元街道: its committee", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/communities/350502100201", note: "大良村: not the street officer's", ...onlyFor({ officer: 200, street: 404 }) },
  { path: "/officer/communities/350502001000", note: "a street has no committee page", ...onlyFor({ officer: 404, street: 404 }) },
  { path: "/officer/communities/abc", ...onlyFor({ officer: 404, street: 404 }) },
  { path: "/officer/inspections", note: "the inspection years", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/inspections/2025", note: "demo: the open year; a street officer's figures are the street's", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/inspections/2025?state=club", note: "an unreadable filter is left out", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/inspections/2024?state=concluded", note: "demo: a concluded year", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/officer/inspections/2031", note: "a year not opened", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/inspections/abc", note: "not a year", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/inspections/2025/reports/999999", note: "no such report", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/inspections/2025/reports/abc", note: "not a report id", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/inspections/2025/reports/2147483648", ...onlyFor({ admin: 404, officer: 404, street: 404 }) },
  { path: "/officer/abnormal", note: "the abnormal-activity list", ...onlyFor({ admin: 200, officer: 200, street: 200 }) },
  { path: "/applications/1/files/1", note: "an attachment: 404 unless its application is visible and the file exists", anonymous: "login", admin: 404, officer: 404, street: 404, assoc: 404, clerk: 404, supervisor: 404 },

  // Association users
  { path: "/org", ...onlyFor({ assoc: 200 }) },
  { path: "/org/applications/1", note: "demo: a preparatory group's draft, not the demo association's", ...onlyFor({ assoc: 404 }) },
  { path: "/org/applications/999999", ...onlyFor({ assoc: 404 }) },
  { path: "/org/applications/2147483648", ...onlyFor({ assoc: 404 }) },
  { path: "/org/applications/new", note: "not an application id", ...onlyFor({ assoc: 404 }) },
  { path: "/org/inspections", note: "the association's inspection years", ...onlyFor({ assoc: 200 }) },
  { path: "/org/inspections/2024", note: "demo: a concluded year, read-only", ...onlyFor({ assoc: 200 }) },
  { path: "/org/inspections/2031", note: "a year not opened", ...onlyFor({ assoc: 404 }) },
  { path: "/inspections/files/999999", note: "an annual report's attachment", anonymous: "login", admin: 404, officer: 404, street: 404, assoc: 404, clerk: 404, supervisor: 404 },
  { path: "/inspections/files/2147483648", anonymous: "login", admin: 404, officer: 404, street: 404, assoc: 404, clerk: 404, supervisor: 404 },

  // Village-affairs postings, public
  { path: "/postings", ...all(200) },
  { path: "/postings?street=350502100000&village=350502100201&category=finance&period=2025", ...all(200) },
  { path: "/postings?category=club&page=abc", note: "unreadable filters are left out", ...all(200) },
  { path: "/postings/{posting:350502100201}", note: "a published posting of 大良村", ...all(200) },
  { path: "/postings/{posting:350502100201}?version=9", note: "no such version", ...all(404) },
  { path: "/postings/{posting:350502100201}/print", note: "the A4 notice-board view", ...all(200) },
  { path: "/postings/1", note: "demo: 大良村's draft is nobody's to read in public", ...all(404) },
  { path: "/postings/2", note: "demo: awaiting review, not public", ...all(404) },
  { path: "/postings/999999", ...all(404) },
  { path: "/postings/abc", ...all(404) },
  { path: "/postings/2147483648", ...all(404) },
  { path: "/postings/files/999999", note: "a posting's attachment", ...all(404) },
  { path: "/villages/350502100201/feed.xml", note: "Atom feed", ...all(200) },
  { path: "/villages/999999999999/feed.xml", ...all(404) },
  { path: "/api/v1/postings", ...all(200) },
  { path: "/api/v1/postings?village=350502100201&category=finance&format=csv", ...all(200) },
  { path: "/api/v1/postings?category=club", note: "bad parameter", ...all(400) },
  { path: "/api/v1/postings?period=0000-01", note: "a period in a year no date has", ...all(400) },
  { path: "/api/v1/postings/{posting:350502100201}", ...all(200) },
  { path: "/api/v1/postings/1", note: "a draft", ...all(404) },

  // Party coverage (party:manage)
  { path: "/officer/party", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/party?street=350502100000&from=2026-01-01&to=2026-06-30", note: "汝湖镇: not the street officer's", ...onlyFor({ officer: 200, street: 404 }) },
  { path: "/officer/party?from=2026-06-30&to=2026-01-01", note: "a period ending before it starts", ...onlyFor({ officer: 400, street: 400 }) },
  { path: "/officer/party?from=0000-01-01", note: "a year no date has", ...onlyFor({ officer: 400, street: 400 }) },

  // Statistics reports (party:manage and posting:monitor)
  { path: "/officer/reports", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/reports?from=2026-01-01&to=2026-06-30&street=350502100000", note: "汝湖镇: not the street officer's", ...onlyFor({ officer: 200, street: 404 }) },
  { path: "/officer/reports?from=2026-06-30&to=2026-01-01", note: "a period ending before it starts", ...onlyFor({ officer: 400, street: 400 }) },
  { path: "/officer/reports?from=2026-02-30&to=2026-06-30", note: "a day February does not have", ...onlyFor({ officer: 400, street: 400 }) },
  { path: "/officer/reports.csv?from=0000-01-01&to=2026-06-30", ...onlyFor({ officer: 400, street: 400 }) },
  { path: "/officer/reports.csv?from=2026-01-01&to=2026-06-30", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/reports.xlsx?from=2026-01-01&to=2026-06-30", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/reports.xlsx?from=2026-06-30&to=2026-01-01", note: "a period ending before it starts", ...onlyFor({ officer: 400, street: 400 }) },

  // Importing spreadsheets: organizations need organization:correct, communities place:manage
  { path: "/officer/import", ...onlyFor({ admin: 200, officer: 200 }) },
  { path: "/officer/import/template.xlsx?kind=organizations", note: "the administrator imports communities only", ...onlyFor({ officer: 200 }) },
  { path: "/officer/import/template.csv?kind=organizations", ...onlyFor({ officer: 200 }) },
  { path: "/officer/import/template.xlsx?kind=communities", ...onlyFor({ admin: 200, officer: 200 }) },
  { path: "/officer/import/template.csv?kind=club", note: "an unknown kind", ...onlyFor({ admin: 400, officer: 400 }) },
  { path: "/officer/import/999999", note: "no such batch; another officer's is the same", ...onlyFor({ admin: 404, officer: 404 }) },
  { path: "/officer/import/abc", note: "not a batch id", ...onlyFor({ admin: 404, officer: 404 }) },
  { path: "/officer/import/2147483648", ...onlyFor({ admin: 404, officer: 404 }) },
  { path: "/officer/import/999999/problems.csv", ...onlyFor({ admin: 404, officer: 404 }) },
  { path: "/officer/import/999999/confirm", note: "POST only; a visit to one's own batch goes to its page", ...onlyFor({ admin: 404, officer: 404 }) },

  // Officers watching posting compliance (posting:monitor)
  { path: "/officer/postings", ...onlyFor({ officer: 200, street: 200 }) },
  { path: "/officer/postings?year=2025&street=350502100000", note: "汝湖镇: not the street officer's", ...onlyFor({ officer: 200, street: 404 }) },
  { path: "/officer/postings?year=1999", note: "a year before the platform's", ...onlyFor({ officer: 400, street: 400 }) },

  // Village clerks and supervisors
  { path: "/village", ...onlyFor({ clerk: 200, supervisor: 200 }) },
  { path: "/village/postings", ...onlyFor({ clerk: 200, supervisor: 200 }) },
  { path: "/village/postings/new", note: "posting:draft", ...onlyFor({ clerk: 200 }) },
  { path: "/village/postings/1", note: "demo: the clerk's draft, unseen by the supervisor", ...onlyFor({ clerk: 200, supervisor: 404 }) },
  { path: "/village/postings/2", note: "demo: awaiting the supervisor", ...onlyFor({ clerk: 200, supervisor: 200 }) },
  { path: "/village/postings/{posting:350502100201}", note: "published, own village", ...onlyFor({ clerk: 200, supervisor: 200 }) },
  { path: "/village/postings/{posting:350502100202}", note: "another village's", ...onlyFor({ clerk: 404, supervisor: 404 }) },
  { path: "/village/postings/999999", ...onlyFor({ clerk: 404, supervisor: 404 }) },
  { path: "/village/contacts", note: "posting:draft: the village's public contact numbers", ...onlyFor({ clerk: 200 }) },
  { path: "/village/postings/2147483648", ...onlyFor({ clerk: 404, supervisor: 404 }) },
];

const resolvedIds = new Map<string, number>();

/**
 * The path with "{org:<street code>}" replaced by the id of that street's first
 * organization, and "{posting:<village code>}" by that village's latest posting.
 */
async function resolvePath(request: APIRequestContext, path: string): Promise<string> {
  const placeholder = /\{(org|posting):(\d{12})\}/.exec(path);
  if (!placeholder) return path;
  const [, kind, code] = placeholder as unknown as [string, string, string];
  let id = resolvedIds.get(placeholder[0]);
  if (id === undefined) {
    const query = kind === "org" ? `/api/v1/organizations?street=${code}&pageSize=1` : `/api/v1/postings?village=${code}&pageSize=1`;
    const body = (await (await request.get(query)).json()) as { items: Array<{ id: number }> };
    id = body.items[0]!.id;
    resolvedIds.set(placeholder[0], id);
  }
  return path.replace(placeholder[0], String(id));
}

function cookieFor(visitor: Visitor): Record<string, string> {
  return visitor === "anonymous" ? {} : { Cookie: `cr_session=${sessionToken(visitor)}` };
}

function describe(expected: Expected): string {
  if (expected === "login") return "302 → /login";
  if (typeof expected === "object") return `302 → ${expected.redirect}`;
  return String(expected);
}

function get(request: APIRequestContext, path: string, visitor: Visitor): Promise<APIResponse> {
  return request.get(path, { headers: cookieFor(visitor), maxRedirects: 0 });
}

/** Where a redirect points, as a path with its query. */
function locationOf(response: APIResponse, baseURL: string): URL {
  return new URL(response.headers()["location"] ?? "", baseURL);
}

for (const row of accessMatrix) {
  test(`GET ${row.path}${row.note ? ` (${row.note})` : ""}`, async ({ request, baseURL }) => {
    const path = await resolvePath(request, row.path);
    for (const visitor of visitors) {
      const expected = row[visitor];
      const response = await get(request, path, visitor);
      const cell = `${path} as ${visitor}: expected ${describe(expected)}`;
      if (typeof expected === "number") {
        expect.soft(response.status(), cell).toBe(expected);
        continue;
      }
      expect.soft(response.status(), cell).toBe(302);
      const location = locationOf(response, baseURL!);
      expect.soft(location.origin, cell).toBe(new URL(baseURL!).origin);
      if (expected === "login") {
        expect.soft(location.pathname, cell).toBe("/login");
        expect.soft(location.searchParams.get("redirectTo"), cell).toBe(path);
      } else {
        expect.soft(`${location.pathname}${location.search}`, cell).toBe(expected.redirect);
      }
    }
  });
}

test("the data requests of client-side navigation follow the same matrix", async ({ request, baseURL }) => {
  // Remix fetches /<path>.data when the browser navigates; it must refuse exactly what the page refuses.
  const protectedRows = accessMatrix.filter((row) => row.anonymous === "login" && row.path !== "/post-login");
  for (const row of protectedRows) {
    const path = await resolvePath(request, row.path);
    const [pathname, search] = path.split("?");
    const dataPath = `${pathname}.data${search ? `?${search}` : ""}`;
    for (const visitor of visitors) {
      const expected = row[visitor];
      const response = await get(request, dataPath, visitor);
      const cell = `${dataPath} as ${visitor}: expected ${describe(expected)}`;
      if (typeof expected === "number") {
        expect.soft(response.status(), cell).toBe(expected);
      } else if (expected === "login") {
        // Single fetch answers a redirect as 202 with the target in the body.
        expect.soft(response.status(), cell).toBe(202);
        const body = await response.text();
        expect.soft(body, cell).toContain("SingleFetchRedirect");
        expect.soft(body, cell).toContain(`/login?redirectTo=${encodeURIComponent(path)}`);
      }
      expect.soft(new URL(response.url()).origin, cell).toBe(new URL(baseURL!).origin);
    }
  }
});

test("/healthz answers JSON with status ok", async ({ request }) => {
  const response = await request.get("/healthz", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ status: "ok" });
});

test("a 403 for a signed-in user keeps the session: they are not sent to /login", async ({ request }) => {
  const response = await get(request, "/officer/users", "street");
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"] ?? "").not.toContain("cr_session=;");
  expect(await response.text()).toContain("无权访问");
});
