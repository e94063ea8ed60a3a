import { pingDatabase } from "../../../db/client.server";

/** Whether the database answers within `timeoutMs`: what /healthz reports to load balancers and monitors. */
export function databaseAnswers(timeoutMs: number): Promise<boolean> {
  return pingDatabase(timeoutMs);
}
