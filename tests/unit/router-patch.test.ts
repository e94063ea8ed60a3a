/**
 * scripts/patch-router-matching.mjs keeps React Router's compiled paths: the
 * patched CommonJS build must match exactly as the untouched ES module build
 * does (the browser's), for every kind of path the app's routes use. It also
 * keeps the route ids Remix's partial manifest matches per parent path: the
 * patched manifest must be the untouched one's.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import {
  kept,
  manifestKept,
  manifestOriginal,
  manifestScriptCompact,
  manifestScriptOriginal,
  original,
  patchManifestScript,
  patchPartialManifest,
  patchRouter,
} from "../../scripts/patch-router-matching.mjs";

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

type FogOfWar = { getPartialManifest: (manifest: { routes: Record<string, unknown> }, router: unknown) => { routes: Record<string, unknown> } };

/** Remix's fog-of-war module as npm installs it and patched, written beside the installed one (it requires its siblings). */
function manifestCopies(): { untouched: FogOfWar; patched: FogOfWar; outcome: string; again: string; cleanup: () => void } {
  const installedFile = require.resolve("@remix-run/react/dist/fog-of-war.js");
  const source = fs.readFileSync(installedFile, "utf8").replace(manifestKept, () => manifestOriginal).replace("const partialManifestIds = new WeakMap();\n", "");
  const stamp = `${process.pid}-${Date.now()}`;
  const files = ["untouched", "patched"].map((name) => path.join(path.dirname(installedFile), `fog-of-war.${name}-${stamp}.js`));
  for (const file of files) fs.writeFileSync(file, source);
  const outcome = patchPartialManifest(files[1]!);
  const again = patchPartialManifest(files[1]!);
  return {
    untouched: require(files[0]!) as FogOfWar,
    patched: require(files[1]!) as FogOfWar,
    outcome,
    again,
    cleanup: () => files.forEach((file) => fs.rmSync(file, { force: true })),
  };
}

const manifest = () => ({ routes: Object.fromEntries(["root", "home", "orgs", "org", "officer", "officer-home", "officer-org", "officer-org-credit", "officer-year", "feed", "optional", "Case", "splat"].map((id) => [id, { id }])) });

/** The static router of a document request for `pathname`, as far as the partial manifest reads it. */
function routerAt(pathname: string, withRoutes = routes) {
  return { routes: withRoutes, basename: "/", state: { location: { pathname }, matches: untouched.matchRoutes(routes, pathname) ?? [] } };
}

test("the patched partial manifest names the same routes as the untouched one, and keeps them per path", () => {
  const copies = manifestCopies();
  try {
    expect(copies.outcome).toBe("patched");
    expect(copies.again).toBe("already patched");
    const built = manifest();
    for (let round = 0; round < 2; round++) {
      for (const p of paths) {
        const ids = (m: FogOfWar) => Object.keys(m.getPartialManifest(built, routerAt(p)).routes).sort();
        expect(ids(copies.patched), p).toEqual(ids(copies.untouched));
      }
    }
    // Kept: the same manifest's parent paths are not matched again (no routes to match here, the ids come back).
    const kept = Object.keys(copies.patched.getPartialManifest(built, routerAt("/officer/orgs/7", [])).routes);
    expect(kept).toEqual(expect.arrayContaining(["root", "home", "officer", "officer-home"]));
    // A new build's manifest matches afresh.
    expect(Object.keys(copies.patched.getPartialManifest(manifest(), routerAt("/officer/orgs/7", [])).routes)).not.toContain("officer-home");
  } finally {
    copies.cleanup();
  }
});

test("the installed partial manifest is the patched one (npm install ran the script)", () => {
  expect(fs.readFileSync(require.resolve("@remix-run/react/dist/fog-of-war.js"), "utf8")).toContain("community-registry: partial manifest ids kept");
});

test("the page's partial manifest is written without indentation, and the patch changes nothing else", () => {
  const installedFile = require.resolve("@remix-run/react/dist/components.js");
  const installedSource = fs.readFileSync(installedFile, "utf8");
  expect(installedSource, "npm install ran the script").toContain(manifestScriptCompact);
  const asInstalledByNpm = installedSource.replace(manifestScriptCompact, () => manifestScriptOriginal);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "manifest-script-")), "components.js");
  fs.writeFileSync(file, asInstalledByNpm);
  expect(patchManifestScript(file)).toBe("patched");
  expect(patchManifestScript(file)).toBe("already patched");
  const patched = fs.readFileSync(file, "utf8");
  expect(patched).not.toContain(", null, 2)};`");
  expect(patched.replace(manifestScriptCompact, () => manifestScriptOriginal)).toBe(asInstalledByNpm);
  // Code that has moved on is left alone.
  fs.writeFileSync(file, "export {};\n");
  expect(patchManifestScript(file)).toBe("not needed (Remix's code differs)");
});
