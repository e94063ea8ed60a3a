#!/usr/bin/env node
/**
 * Runs npm scripts at the same time and fails if any of them fails: `npm test`
 * runs the integration tests and the browser tests together. The browser tests
 * spend most of their time waiting on the browser and the server, the
 * integration tests keep the CPUs busy; one after the other they took ten
 * minutes longer. Each line of output is prefixed with its script's name.
 *
 *   node scripts/run-together.mjs test:integration test:e2e:built
 */
import { spawn } from "node:child_process";
import readline from "node:readline";

const scripts = process.argv.slice(2);
if (!scripts.length) {
  console.error("usage: node scripts/run-together.mjs <npm script>...");
  process.exit(2);
}

const width = Math.max(...scripts.map((s) => s.length));
const children = [];

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    children.push(child);
    const prefix = `[${script.padEnd(width)}] `;
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(prefix + line + "\n"));
    }
    child.on("close", (code, signal) => resolve({ script, code: code ?? 1, signal, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

// Ctrl-C or a CI timeout stops every script, not only this process.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(130);
  });
}

const results = await Promise.all(scripts.map(run));
for (const r of results) {
  console.log(`${r.code === 0 ? "✓" : "✗"} ${r.script}: ${r.code === 0 ? "passed" : `failed (${r.signal ?? `exit ${r.code}`})`} in ${r.seconds} s`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
