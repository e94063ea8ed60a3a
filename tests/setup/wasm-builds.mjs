/**
 * Run by tests/unit/platform.test.ts in a process of its own with
 * NAPI_RS_FORCE_WASI=error: uses each native package's WebAssembly build as a
 * machine without native builds would, and prints what came out as JSON.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chooseLightningCss } from "../../platform/natives.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

const engine = chooseLightningCss();
const argon2 = require("@node-rs/argon2");
const hash = await argon2.hash("社区登记-测试口令");
const { Scanner } = require("@tailwindcss/oxide");
const candidates = new Scanner({ sources: [{ base: path.join(root, "app/ui"), pattern: "**/*.tsx", negated: false }] }).scan();
const { optimize } = await import("@tailwindcss/node");
console.log(
  JSON.stringify({
    engine,
    lightningcss: import.meta.resolve("lightningcss"),
    verified: await argon2.verify(hash, "社区登记-测试口令"),
    refused: await argon2.verify(hash, "另一个口令"),
    scanned: candidates.includes("rounded"),
    css: optimize(".a { color: red; } .a { margin: 0 }", { minify: true }).code,
  }),
);
