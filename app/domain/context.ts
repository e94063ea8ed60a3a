import type { Actor } from "../auth/permissions";

/** Who acts, from where, and when: every domain write takes one, and the audit log records it. */
export interface ActionContext {
  actor: Actor | null;
  ip: string | null;
  now: Date;
}
