/**
 * The install's native builds and their WebAssembly stand-ins (README
 * "Platforms"). esbuild and rollup publish a build for every Linux the bureau
 * runs (x64, arm64, loong64); Tailwind's oxide and @node-rs/argon2 fall back
 * by themselves to their wasm32-wasi packages where no native build exists
 * (loong64). Lightning CSS, which Tailwind's Vite plugin imports for the
 * production CSS, has neither a loong64 build nor a fallback of its own: this
 * module points the `lightningcss` import at `lightningcss-wasm` (same API,
 * same version) when the native build cannot load.
 *
 * NAPI_RS_FORCE_WASI=true (or =error), the switch the other two packages
 * honour, forces the WebAssembly builds here as well, so the fallbacks can be
 * tried on any machine (tests/unit/platform.test.ts does).
 */
import { createRequire, register } from "node:module";

const require = createRequire(import.meta.url);

/** Whether the WebAssembly builds were asked for instead of the native ones. */
export function wasmForced(env = process.env) {
  return env.NAPI_RS_FORCE_WASI === "true" || env.NAPI_RS_FORCE_WASI === "error";
}

/**
 * Which Lightning CSS later imports get: "native", or "wasm" after registering
 * this module's resolve hook. Call before importing @tailwindcss/vite.
 */
export function chooseLightningCss() {
  // Once per process: Vite loads its config (and a bundled copy of this module) more than once.
  const chosen = Symbol.for("community-registry.lightningcss");
  if (globalThis[chosen]) return globalThis[chosen];
  let engine = "wasm";
  if (!wasmForced()) {
    try {
      require("lightningcss");
      engine = "native";
    } catch {
      // No build for this platform (or it would not load): the WebAssembly one.
    }
  }
  if (engine === "wasm") {
    register(import.meta.url);
    console.log(`Lightning CSS：${wasmForced() ? "按 NAPI_RS_FORCE_WASI" : "本平台无可用的原生构建，"}使用 WebAssembly 版（lightningcss-wasm）`);
  }
  globalThis[chosen] = engine;
  return engine;
}

/** Module resolve hook (runs in Node's loader thread once registered). */
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === "lightningcss" ? "lightningcss-wasm" : specifier, context);
}
