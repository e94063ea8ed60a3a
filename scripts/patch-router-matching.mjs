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

const file = path.join(root, "node_modules/@remix-run/router/dist/router.cjs.js");
if (process.argv[1] === fileURLToPath(import.meta.url) && fs.existsSync(file)) console.log(`@remix-run/router dist/router.cjs.js: ${patchRouter(file)}`);
