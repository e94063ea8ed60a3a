/**
 * Run by `npm install` (postinstall). React Router's matching compiles every
 * route's path into a regular expression on every match: Remix matches a
 * document request four times and more (the server's routes, the static
 * handler's query, the partial manifest for each parent path, the render),
 * and each time every one of the app's ~110 route paths is compiled again.
 * Profiled on the officers' organization page, compilePath alone took 2–6 %
 * of the process's CPU. A path compiles to the same expression every time
 * (the expression has no state: it is used with .match, never with /g), so
 * this keeps each compiled path. Only the CommonJS build is patched: that is
 * the one the server loads; the browser's bundle is untouched. Idempotent;
 * says so and changes nothing when the code has moved on.
 *
 * Remix's partial manifest (lazy route discovery) matches every parent path of
 * each page's address against the request's routes, ranking all of them each
 * time (about 5 % of an officer page's CPU). Which routes a path matches is
 * fixed for a build, so the second patch keeps the matched route ids per path,
 * per manifest (a new build in development brings a new manifest).
 *
 * Remix writes that partial manifest into every React page indented by two
 * spaces (5.5 KB of an officer's page, 2.5 KB of it indentation); the third
 * patch writes the same JSON without the indentation.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const marker = "/* community-registry: compiled paths kept */";

export const original = `function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) {
    caseSensitive = false;
  }
  if (end === void 0) {
    end = true;
  }`;
export const kept = `${marker}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) {
    caseSensitive = false;
  }
  if (end === void 0) {
    end = true;
  }
  const key = (caseSensitive ? "1" : "0") + (end ? "1" : "0") + path;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    // Bounded: route paths are few, but matchPath may be called with any pattern.
    if (compiledPaths.size >= 1000) compiledPaths.clear();
    compiled = compilePathAnew(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathAnew(path, caseSensitive, end) {`;

export function patchRouter(file) {
  const source = fs.readFileSync(file, "utf8");
  if (source.includes(marker)) return "already patched";
  if (source.split(original).length !== 2) return "not needed (the router's code differs)";
  fs.writeFileSync(file, source.replace(original, kept));
  return "patched";
}

const manifestMarker = "/* community-registry: partial manifest ids kept */";

export const manifestOriginal = `  paths.forEach(path => {
    let matches = router.matchRoutes(router$1.routes, path, router$1.basename);
    if (matches) {
      matches.forEach(m => routeIds.add(m.route.id));
    }
  });`;
export const manifestKept = `  ${manifestMarker}
  let idsByPath = partialManifestIds.get(manifest);
  if (!idsByPath) partialManifestIds.set(manifest, idsByPath = new Map());
  paths.forEach(path => {
    let key = (router$1.basename || "") + "\\0" + path;
    let ids = idsByPath.get(key);
    if (!ids) {
      let matches = router.matchRoutes(router$1.routes, path, router$1.basename);
      ids = matches ? matches.map(m => m.route.id) : [];
      // Bounded: parent paths of addresses with ids are many.
      if (idsByPath.size >= 1000) idsByPath.clear();
      idsByPath.set(key, ids);
    }
    ids.forEach(id => routeIds.add(id));
  });`;
const manifestFunction = "function getPartialManifest(manifest, router$1) {";

export function patchPartialManifest(file) {
  const source = fs.readFileSync(file, "utf8");
  if (source.includes(manifestMarker)) return "already patched";
  if (source.split(manifestOriginal).length !== 2 || source.split(manifestFunction).length !== 2) return "not needed (Remix's code differs)";
  fs.writeFileSync(
    file,
    source
      // As functions: the code holds "$1", which a replacement string would read as a pattern.
      .replace(manifestFunction, () => `const partialManifestIds = new WeakMap();\n${manifestFunction}`)
      .replace(manifestOriginal, () => manifestKept),
  );
  return "patched";
}

export const manifestScriptOriginal = "`window.__remixManifest = ${JSON.stringify(fogOfWar.getPartialManifest(manifest, router), null, 2)};`";
export const manifestScriptCompact = "`window.__remixManifest = ${JSON.stringify(fogOfWar.getPartialManifest(manifest, router))};`";

export function patchManifestScript(file) {
  const source = fs.readFileSync(file, "utf8");
  if (source.includes(manifestScriptCompact)) return "already patched";
  if (source.split(manifestScriptOriginal).length !== 2) return "not needed (Remix's code differs)";
  fs.writeFileSync(file, source.replace(manifestScriptOriginal, () => manifestScriptCompact));
  return "patched";
}

const file = path.join(root, "node_modules/@remix-run/router/dist/router.cjs.js");
const manifestFile = path.join(root, "node_modules/@remix-run/react/dist/fog-of-war.js");
const componentsFile = path.join(root, "node_modules/@remix-run/react/dist/components.js");
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (fs.existsSync(file)) console.log(`@remix-run/router dist/router.cjs.js: ${patchRouter(file)}`);
  if (fs.existsSync(manifestFile)) console.log(`@remix-run/react dist/fog-of-war.js: ${patchPartialManifest(manifestFile)}`);
  if (fs.existsSync(componentsFile)) console.log(`@remix-run/react dist/components.js: ${patchManifestScript(componentsFile)}`);
}
