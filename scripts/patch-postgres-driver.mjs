/**
 * Run by `npm install` (postinstall). postgres.js 3.4.x batches small writes
 * behind a setImmediate; when the connection closes first (the database goes
 * away mid-transaction), the deferred write dereferences a null socket and the
 * TypeError, thrown from a timer, ends the whole process — one dropped
 * connection taking the service down. Upstream: porsager/postgres issues #1066,
 * #1154, #1208, fix proposed in PR #1209 (open when this was written). Until a
 * release carries it, this applies the same guard: a write with no socket
 * rejects the waiting queries with CONNECTION_CLOSED (the app answers 503), and
 * a closed connection forgets its pending write so it can flush again after it
 * reconnects. Idempotent; says so and changes nothing when the driver already
 * has a guard or its code has moved on.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const marker = "/* community-registry: null-socket guard */";

const unguarded = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const guarded = `  function nextWrite(fn) {
    ${marker}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

// In closed(): the cancelled timer must also be forgotten, or the connection never schedules a write again.
const closedUnpatched = `    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)`;
const closedPatched = `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)`;

export function patchDriver(file) {
  const source = fs.readFileSync(file, "utf8");
  if (source.includes(marker)) return "already patched";
  if (!source.includes(unguarded) || !source.includes(closedUnpatched)) return "not needed (the driver's code differs)";
  fs.writeFileSync(file, source.replace(unguarded, guarded).replace(closedUnpatched, closedPatched));
  return "patched";
}

const driver = path.join(root, "node_modules/postgres");
if (fs.existsSync(driver)) {
  for (const relative of ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"]) {
    const file = path.join(driver, relative);
    if (fs.existsSync(file)) console.log(`postgres driver ${relative}: ${patchDriver(file)}`);
  }
}
