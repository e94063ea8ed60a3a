import type { Database } from "../../db/client.server";
import { organizationChanges, type organizationChangeKinds } from "../../db/schema";
import type { ActionContext } from "./context";

export type FieldChange = { field: string; before: unknown; after: unknown };

/** The fields whose values differ between two versions of a record. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** Appends one event to an organization's history; call it in the transaction that changes the record. */
export async function recordOrganizationChange(
  tx: Database,
  ctx: ActionContext,
  entry: {
    organizationId: number;
    kind: (typeof organizationChangeKinds)[number];
    changes: FieldChange[];
    applicationId?: number | null;
    reason?: string | null;
  },
): Promise<void> {
  await tx.insert(organizationChanges).values({
    organizationId: entry.organizationId,
    at: ctx.now,
    kind: entry.kind,
    changes: entry.changes,
    applicationId: entry.applicationId ?? null,
    reason: entry.reason ?? null,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
  });
}
