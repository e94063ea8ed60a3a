/**
 * The install works on the Linux servers the bureau runs (x64, and the arm64
 * and loong64 machines of government machine rooms): every native package has
 * a build for each in the lockfile, or a WebAssembly stand-in that is
 * installed everywhere and actually works. README "Platforms".
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

type LockEntry = { version?: string; cpu?: string[]; os?: string[]; optional?: boolean; optionalDependencies?: Record<string, string> };
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as { optionalDependencies?: Record<string, string> };

/** Every copy of `name` in the lockfile (esbuild comes in several versions, nested under their users). */
function copiesOf(name: string): [string, LockEntry][] {
  return Object.entries(lock.packages).filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
}

/** The package in `entry`'s optional dependencies that is built for linux on `cpu`, if the lockfile has one. */
function nativeBuildFor(path: string, entry: LockEntry, cpu: string): string | undefined {
  const prefix = path.slice(0, path.lastIndexOf("node_modules/"));
  return Object.keys(entry.optionalDependencies ?? {}).find((dependency) => {
    const built = lock.packages[`${path}/node_modules/${dependency}`] ?? lock.packages[`${prefix}node_modules/${dependency}`] ?? lock.packages[`node_modules/${dependency}`];
    return built?.cpu?.includes(cpu) && built.os?.includes("linux") && !/musl|android/.test(dependency);
  });
}

/** A WebAssembly stand-in: in the lockfile, at the native package's version, and for no cpu in particular (so installed everywhere). */
function standIn(name: string, version: string | undefined): boolean {
  const entry = lock.packages[`node_modules/${name}`];
  return Boolean(entry && !entry.cpu && !entry.os && entry.version === version);
}

const natives: { name: string; wasm?: string }[] = [
  { name: "esbuild" },
  { name: "rollup" },
  { name: "@tailwindcss/oxide", wasm: "@tailwindcss/oxide-wasm32-wasi" },
  { name: "lightningcss", wasm: "lightningcss-wasm" },
  { name: "@node-rs/argon2", wasm: "@node-rs/argon2-wasm32-wasi" },
];

describe("the lockfile", () => {
  test.each(natives)("$name has an arm64 and a loong64 build for Linux, or a WebAssembly stand-in, in every copy", ({ name, wasm }) => {
    const copies = copiesOf(name);
    expect(copies.length).toBeGreaterThan(0);
    for (const [path, entry] of copies) {
      expect(nativeBuildFor(path, entry, "x64"), `${path}: x64`).toBeDefined();
      for (const cpu of ["arm64", "loong64"]) {
        const covered = nativeBuildFor(path, entry, cpu) !== undefined || (wasm !== undefined && standIn(wasm, entry.version));
        expect(covered, `${path}@${entry.version} on linux-${cpu}`).toBe(true);
      }
    }
  });

  test("lists every platform's builds, not only the machine's it was written on", () => {
    for (const build of ["@rollup/rollup-darwin-arm64", "@rollup/rollup-win32-x64-msvc", "@rollup/rollup-linux-arm64-musl", "@tailwindcss/oxide-darwin-arm64", "lightningcss-win32-x64-msvc", "@esbuild/linux-loong64"]) {
      expect(lock.packages[`node_modules/${build}`], build).toBeDefined();
    }
  });

  test("the stand-ins this project adds are pinned to their native package's version", () => {
    expect(manifest.optionalDependencies?.["lightningcss-wasm"]).toBe(lock.packages["node_modules/lightningcss"]?.version);
    expect(manifest.optionalDependencies?.["@node-rs/argon2-wasm32-wasi"]).toBe(lock.packages["node_modules/@node-rs/argon2"]?.version);
  });
});

describe("the WebAssembly builds, forced as on a machine with no native ones", () => {
  test("hash passwords, scan for Tailwind classes and optimise CSS", async () => {
    // "error": the packages' own loaders throw rather than quietly using the native build.
    const run = () =>
      promisify(execFile)(process.execPath, ["tests/setup/wasm-builds.mjs"], {
        env: { ...process.env, NAPI_RS_FORCE_WASI: "error" },
        timeout: 60_000,
      });
    // Rarely, on a busy machine, a thread of emnapi's WASI runtime dies
    // with "memory access out of bounds" before anything is computed; a second process is
    // run then (and only then). A wrong result, or a second crash, still fails.
    const { stdout } = await run().catch((error: { stderr?: string }) => {
      if (!/RuntimeError: memory access out of bounds/.test(error.stderr ?? "")) throw error;
      return run();
    });
    const result = JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
    expect(result).toMatchObject({ engine: "wasm", verified: true, refused: false, scanned: true });
    expect(result.lightningcss).toContain("/node_modules/lightningcss-wasm/");
    expect(result.css).toMatch(/^\.a\{color:red;margin:0\}\s*$/);
  }, 90_000);
});
