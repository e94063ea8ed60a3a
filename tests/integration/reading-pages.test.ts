/**
 * The reading pages (app/reading) and the React pages they stand in for show
 * the same facts: the production server is asked for the same addresses by a
 * reader who is not signed in (the reading page, no script at all) and by a
 * signed-in officer (the React page), and the text and links of the two
 * pages' <main> must agree, for every kind of posting the demo district has
 * (finance tables with totals, corrected versions with their changes,
 * withdrawn postings, answered questions), for searches of the register
 * with every filter, paging and no results, for organizations' records of
 * every type and status and with credit information, and for the pages of
 * communities and villages.
 */
import { and, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { abnormalListings, committeeTerms, evaluations, organizations, otherCreditItems, penalties, places, postingQuestions, postings } from "../../db/schema";
import { startServedDemo, type ServedDemo } from "../setup/served-demo";

interface Facts {
  postings: number[];
  corrected: Array<{ id: number; versions: number }>;
  names: string[];
  street: string;
  /** A published posting, open to questions. */
  askable: number;
  /** Organizations of every type and status, and some with penalties, listings, grades and awards. */
  records: number[];
  /** Communities and villages, with committees and without. */
  places: string[];
}

let demo: ServedDemo<Facts>;

beforeAll(async () => {
  demo = await startServedDemo<Facts>({
    sessionsPerUser: 1,
    // One worker: the kept pages are each process's own, and two tests ask for a page kept by the request before.
    env: { WEB_CONCURRENCY: "1" },
    prepare: async (db) => {
      const pick = async (where: ReturnType<typeof and>, limit = 3) =>
        (await db.select({ id: postings.id }).from(postings).where(where).limit(limit)).map((r) => r.id);
      const open = inArray(postings.status, ["published", "withdrawn"]);
      const asked = (await db.selectDistinct({ id: postingQuestions.postingId }).from(postingQuestions).where(isNotNull(postingQuestions.answer)).limit(3)).map((r) => r.id);
      const corrected = await db
        .select({ id: postings.id, versions: postings.currentVersion })
        .from(postings)
        .where(and(open, gt(postings.currentVersion, 1)))
        .limit(3);
      const ids = [
        ...(await pick(and(open, eq(postings.category, "finance"))!)),
        ...(await pick(and(open, eq(postings.category, "party"))!)),
        ...(await pick(eq(postings.status, "withdrawn"))),
        ...corrected.map((c) => c.id),
        ...asked,
      ];
      const names = (await db.select({ name: organizations.name }).from(organizations).orderBy(sql`random()`).limit(3)).map((r) => r.name);
      const [street] = await db.select({ code: places.code }).from(places).where(eq(places.level, "street")).limit(1);
      const [askable] = await pick(eq(postings.status, "published"), 1);
      const kinds = await db
        .selectDistinctOn([organizations.type, organizations.status], { id: organizations.id })
        .from(organizations)
        .orderBy(organizations.type, organizations.status, organizations.id);
      const credited = await Promise.all(
        [penalties, abnormalListings, evaluations, otherCreditItems].map((table) =>
          db.select({ id: table.organizationId }).from(table).limit(1).then((r) => r.map((row) => row.id)),
        ),
      );
      const governed = await db.selectDistinct({ code: places.code }).from(places).innerJoin(committeeTerms, eq(committeeTerms.placeId, places.id)).limit(2);
      const plain = await db.select({ code: places.code }).from(places).where(inArray(places.level, ["community", "village"])).orderBy(sql`random()`).limit(3);
      return {
        postings: [...new Set(ids)],
        corrected: corrected.map((c) => ({ id: c.id, versions: c.versions ?? 1 })),
        names,
        street: street!.code,
        askable: askable!,
        records: [...new Set([...kinds.map((k) => k.id), ...credited.flat()])],
        places: [...new Set([...governed, ...plain].map((p) => p.code))],
      };
    },
  });
}, 180_000);

afterAll(() => demo?.stop());

/** The text of a page's <main>, tags and comments taken out and white space ignored, and its links. */
function mainOf(page: string) {
  const main = /<main[\s\S]*?<\/main>/.exec(page)?.[0] ?? "";
  const text = main
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, "");
  const links = [...main.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  return { text, links };
}

async function bothWays(path: string) {
  const base = demo.server.base;
  const anonymous = await fetch(`${base}${path}`);
  const signedIn = await fetch(`${base}${path}`, { headers: { Cookie: `cr_session=${demo.sessions.officer[0]}` } });
  expect(anonymous.status, path).toBe(200);
  expect(signedIn.status, path).toBe(200);
  const reading = await anonymous.text();
  const react = await signedIn.text();
  // The one is the reading page, the other React's.
  expect(reading, path).not.toContain("<script");
  expect(react, path).toContain("<script");
  return { reading: mainOf(reading), react: mainOf(react) };
}

/** A page whose two renderings show the same (and some) text and the same links. */
async function expectSameEitherWay(path: string) {
  const { reading, react } = await bothWays(path);
  expect(reading.text.length, path).toBeGreaterThan(200);
  expect(reading.text, path).toBe(react.text);
  expect(reading.links, path).toEqual(react.links);
}

test("a posting's page reads the same to a reader who is not signed in as to one who is, in every version", async () => {
  const paths = demo.facts.postings.map((id) => `/postings/${id}`);
  for (const { id, versions } of demo.facts.corrected) for (let v = 1; v < versions; v++) paths.push(`/postings/${id}?version=${v}`);
  expect(demo.facts.corrected.length).toBeGreaterThan(0);
  expect(paths.length).toBeGreaterThan(6);
  for (const path of paths) await expectSameEitherWay(path);
});

test("the register's search reads the same either way, with every filter, on later pages and with no result", async () => {
  const fragment = (name: string) => encodeURIComponent(name.slice(2, 5));
  const paths = [
    "/orgs",
    "/orgs?page=2",
    "/orgs?type=social_group&status=normal",
    "/orgs?status=cancelled",
    "/orgs?grade=5",
    `/orgs?street=${demo.facts.street}&pageSize=5&page=2`,
    `/orgs?q=${encodeURIComponent("不存在的组织名称")}`,
    "/orgs?type=nonsense&utm_source=x",
    ...demo.facts.names.map((name) => `/orgs?q=${fragment(name)}`),
  ];
  for (const path of paths) {
    const { reading, react } = await bothWays(path);
    expect(reading.text, path).toBe(react.text);
    expect(reading.links, path).toEqual(react.links);
  }
  // The search found what was asked for (the comparison above is not between two empty pages).
  const found = await bothWays(`/orgs?q=${encodeURIComponent(demo.facts.names[0]!)}`);
  expect(found.reading.text).toContain(demo.facts.names[0]!.replace(/\s+/g, ""));
});

test("an organization's record reads the same either way, for every type and status and with its credit information", async () => {
  expect(demo.facts.records.length).toBeGreaterThan(6);
  for (const id of demo.facts.records) await expectSameEitherWay(`/orgs/${id}`);
});

test("a community's or village's page reads the same either way, with its committees, associations and postings", async () => {
  expect(demo.facts.places.length).toBeGreaterThan(2);
  for (const code of demo.facts.places) await expectSameEitherWay(`/villages/${code}`);
  // The page names its feed, as React's does; a street's code is sent to the street's page, as before.
  const page = await (await fetch(`${demo.server.base}/villages/${demo.facts.places[0]}`)).text();
  expect(page).toContain(`<link rel="alternate" type="application/atom+xml"`);
  const street = await fetch(`${demo.server.base}/villages/${demo.facts.street}`, { redirect: "manual" });
  expect(street.status).toBe(302);
  expect((await fetch(`${demo.server.base}/orgs/99999999`)).status).toBe(404);
});

test("a reading page's address keeps only what the page reads: unknown parameters share the kept page", async () => {
  const base = demo.server.base;
  const first = await fetch(`${base}/orgs?status=normal&from=newsletter`);
  const second = await fetch(`${base}/orgs?status=normal&utm_campaign=spring`);
  expect(first.status).toBe(200);
  expect(second.headers.get("x-page-cache")).toBe("hit");
  expect(await second.text()).toBe(await first.text());
  // A version that is no number is refused as before, not served as the current one.
  expect((await fetch(`${base}/postings/${demo.facts.postings[0]}?version=abc`)).status).toBe(404);
});

test("a reading page is kept compressed and sent compressed to a browser that asks for it", async () => {
  const base = demo.server.base;
  const path = `/postings/${demo.facts.postings[1]}`;
  const plain = await (await fetch(`${base}${path}`, { headers: { "Accept-Encoding": "identity" } })).text();
  const zipped = await fetch(`${base}${path}`, { headers: { "Accept-Encoding": "gzip" } });
  expect(zipped.headers.get("content-encoding")).toBe("gzip");
  expect(zipped.headers.get("x-page-cache")).toBe("hit");
  // fetch inflates it: the same page either way.
  expect(await zipped.text()).toBe(plain);
});

test("a reading page says how long a shared cache may keep it, and answers 304 to a copy that is still current", async () => {
  const base = demo.server.base;
  const path = `/postings/${demo.facts.postings[2]}`;
  const first = await fetch(`${base}${path}`);
  const etag = first.headers.get("etag");
  expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=30");
  const again = await fetch(`${base}${path}`, { headers: { "If-None-Match": etag! } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe("");
  // Another page's validator is not this page's.
  expect((await fetch(`${base}/postings/${demo.facts.postings[3]}`, { headers: { "If-None-Match": etag! } })).status).toBe(200);
  // A signed-in reader's page is nobody else's: no shared cache keeps it.
  const signedIn = await fetch(`${base}${path}`, { headers: { Cookie: `cr_session=${demo.sessions.officer[0]}`, "If-None-Match": etag! } });
  expect(signedIn.status).toBe(200);
  expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
});

test("a question asked on a posting gives its reading page a new validator at once", async () => {
  const base = demo.server.base;
  const id = demo.facts.askable;
  const before = await fetch(`${base}/postings/${id}`);
  const etag = before.headers.get("etag")!;
  const waiting = (text: string) => Number(/目前有 (\d+) 条质询正在等待答复/.exec(text)?.[1] ?? 0);
  const waitingBefore = waiting(await before.text());
  const asked = await fetch(`${base}/postings/${id}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: "王五", village: "本村第二村民小组", question: "这一项的金额是怎么算的？" }),
  });
  expect(asked.status).toBe(200);
  const after = await fetch(`${base}/postings/${id}`, { headers: { "If-None-Match": etag } });
  expect(after.status).toBe(200);
  expect(after.headers.get("etag")).not.toBe(etag);
  expect(waiting(await after.text())).toBe(waitingBefore + 1);
});
