/**
 * What a change application changes in the register, one rule for the
 * submission's check, the decision that writes the register and the page that
 * shows 原登记 → 申请变更为. Pure, so the browser may import it.
 */

/** The record fields a change application may alter (the rest of a change's fields explains it). */
export const changeableFields = ["name", "supervisingUnit", "legalRepresentative", "address", "registeredFunds", "businessScope", "contactPhone"] as const;
export type ChangeableField = (typeof changeableFields)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields the applicant asks to change, with their new values: those given
 * that differ from `from`, the register as it stood when the application began
 * (so an officer's correction made since is not undone by a field left as it was).
 */
export function requestedChanges(proposal: Record<string, unknown>, from: Record<string, unknown> | null | undefined): Partial<Record<ChangeableField, unknown>> {
  const changes: Partial<Record<ChangeableField, unknown>> = {};
  for (const field of changeableFields) {
    const value = proposal[field];
    if (value !== undefined && !same(value, from?.[field])) changes[field] = value;
  }
  return changes;
}

export interface ChangeRow {
  field: string;
  /** 原登记: the register before the decision. */
  before: unknown;
  /** 申请变更为: the new value; undefined where the field stays as it was (不变). */
  after: unknown;
}

/**
 * One row per field for the 原登记 → 申请变更为 table. `register` is the record
 * before the decision (kept with a decided application, the live record while
 * one is open); `baseline` what the applicant started from. A field that is not
 * a register field (the reason for the change) has no 原登记 and shows as asked.
 */
export function changeRows(
  fields: readonly string[],
  proposal: Record<string, unknown>,
  register: Record<string, unknown> | null | undefined,
  baseline?: Record<string, unknown> | null,
): ChangeRow[] {
  const requested = requestedChanges(proposal, baseline ?? register) as Record<string, unknown>;
  return fields.map((field) => {
    if (!(changeableFields as readonly string[]).includes(field)) return { field, before: undefined, after: proposal[field] };
    const before = register?.[field];
    const asked = field in requested && !same(requested[field], before);
    return { field, before, after: asked ? requested[field] : undefined };
  });
}

/** The register's changeable fields as they stand, kept with a change application when it is decided. */
export function registerSnapshot(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(changeableFields.map((f) => [f, record[f] ?? null]));
}
