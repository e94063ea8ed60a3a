import type { Database } from "../../../db/client.server";
import { organizationChanges } from "../../../db/schema";
import type { organizationChangeKinds } from "../../../vocabulary";
import type { ActionContext } from "../shared/context";

export type FieldChange = { field: string; before: unknown; after: unknown };

/** The fields whose values differ between two versions of a record. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

export interface OrganizationChangeEntry {
  organizationId: number;
  kind: (typeof organizationChangeKinds)[number];
  changes: FieldChange[];
  applicationId?: number | null;
  reason?: string | null;
}

/** Appends one event to an organization's history; call it in the transaction that changes the record. */
export async function recordOrganizationChange(tx: Database, ctx: ActionContext, entry: OrganizationChangeEntry): Promise<void> {
  await recordOrganizationChanges(tx, ctx, [entry]);
}

/** Appends many events in one statement (an import's organizations), in the same transaction as their records. */
export async function recordOrganizationChanges(tx: Database, ctx: ActionContext, entries: readonly OrganizationChangeEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.insert(organizationChanges).values(
    entries.map((entry) => ({
      organizationId: entry.organizationId,
      at: ctx.now,
      kind: entry.kind,
      changes: entry.changes,
      applicationId: entry.applicationId ?? null,
      reason: entry.reason ?? null,
      actorUserId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.displayName ?? null,
    })),
  );
}
