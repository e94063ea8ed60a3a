/**
 * scripts/patch-router-matching.mjs keeps React Router's compiled paths: the
 * patched CommonJS build must match exactly as the untouched ES module build
 * does (the browser's), for every kind of path the app's routes use.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { kept, original, patchRouter } from "../../scripts/patch-router-matching.mjs";

type Router = typeof import("@remix-run/router");
/** The ES module build, which the patch leaves alone. */
const untouched = (await import("../../node_modules/@remix-run/router/dist/router.js" as string)) as Router;

const require = createRequire(import.meta.url);
const installed = require.resolve("@remix-run/router");

/** A fresh copy of the router as npm installs it (the patch taken out if the install put it in), then patched. */
function patchedCopy(): { router: Router; outcome: string; again: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "router-patch-"));
  const file = path.join(dir, "router.cjs.js");
  fs.writeFileSync(file, fs.readFileSync(installed, "utf8").replace(kept, original));
  const outcome = patchRouter(file);
  const again = patchRouter(file);
  return { router: require(file) as Router, outcome, again };
}

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "orgs", path: "orgs" },
      { id: "org", path: "orgs/:id" },
      { id: "officer", path: "officer", children: [
        { id: "officer-home", index: true },
        { id: "officer-org", path: "orgs/:id" },
        { id: "officer-org-credit", path: "orgs/:id_/credit" },
        { id: "officer-year", path: "inspections/:year/reports/:reportId" },
      ] },
      { id: "feed", path: "villages/:code/feed.xml" },
      { id: "optional", path: "stats/:year?" },
      { id: "Case", path: "Upper", caseSensitive: true },
      { id: "splat", path: "*" },
    ],
  },
];

const paths = ["/", "/orgs", "/orgs/12", "/ORGS/12/", "/officer", "/officer/orgs/7", "/officer/orgs/7_/credit", "/officer/inspections/2025/reports/3", "/villages/350502001001/feed.xml", "/stats", "/stats/2024", "/Upper", "/upper", "/no/such/page", "/orgs/%E9%B2%A4"];

const summary = (matches: ReturnType<Router["matchRoutes"]>) => matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null;

test("the patched router matches every path as the untouched one does, every time", () => {
  const { router, outcome, again } = patchedCopy();
  expect(outcome).toBe("patched");
  expect(again).toBe("already patched");
  for (let round = 0; round < 3; round++) {
    for (const p of paths) expect(summary(router.matchRoutes(routes, p)), p).toEqual(summary(untouched.matchRoutes(routes, p)));
  }
  // matchPath with the same pattern, to the end or not, and with or without case.
  for (const pattern of [{ path: "/orgs/:id" }, { path: "/orgs", end: false }, { path: "/Upper", caseSensitive: true }]) {
    for (const p of paths) expect(router.matchPath(pattern, p), `${pattern.path} ${p}`).toEqual(untouched.matchPath(pattern, p));
  }
});

test("a path is compiled once: matching again builds no regular expression", () => {
  const { router } = patchedCopy();
  for (const p of paths) router.matchRoutes(routes, p);
  const Original = globalThis.RegExp;
  let built = 0;
  globalThis.RegExp = new Proxy(Original, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
  try {
    for (const p of paths) router.matchRoutes(routes, p);
    expect(built).toBe(0);
    // The untouched router compiles every route path again each time.
    untouched.matchRoutes(routes, "/officer/orgs/7");
    expect(built).toBeGreaterThan(5);
  } finally {
    globalThis.RegExp = Original;
  }
});

test("the installed router is the patched one (npm install ran the script)", () => {
  expect(fs.readFileSync(installed, "utf8")).toContain("community-registry: compiled paths kept");
});
