/**
 * Knows whether the database (the primary) is reachable. A request that failed because the
 * database went away marks it down; while down, requests get a friendly 503
 * without touching it, and a ping (at most every two seconds) brings the app
 * back by itself as soon as the database returns.
 */
import { getDb, isDatabaseUnavailableError, mayBeReplicaFailure, pingDatabase } from "../../../db/client.server";

let down = false;
let lastCheck = 0;
let checking: Promise<boolean> | undefined;

export function noteFailure(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  // A public read on the replica: the request is run again on the primary (server.mjs), which marks it down if it fails too.
  if (!mayBeReplicaFailure()) down = true;
  return true;
}

export async function databaseAvailable(now = Date.now()): Promise<boolean> {
  if (!down) return true;
  if (now - lastCheck < 2000) return false;
  lastCheck = now;
  checking ??= pingDatabase(1500).finally(() => {
    checking = undefined;
  });
  down = !(await checking);
  return !down;
}

/** Opens the database at start; a server that is down now only makes the app start in 503 mode. */
export async function prepareDatabase(): Promise<void> {
  try {
    await getDb();
    if (!(await pingDatabase(3000))) down = true;
  } catch (error) {
    if (!isDatabaseUnavailableError(error)) throw error;
    console.warn("数据库暂不可用，应用以维护模式启动，数据库恢复后自动恢复服务。");
    down = true;
  }
}
