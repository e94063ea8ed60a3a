import type { Actor } from "../../auth/permissions";
import type { Submission } from "./submissions.server";

/** Who acts, from where, and when: every domain write takes one, and the audit log records it. */
export interface ActionContext {
  actor: Actor | null;
  ip: string | null;
  now: Date;
  /** The form submission this write answers, when it carried a one-time key. */
  submission?: Submission;
}
