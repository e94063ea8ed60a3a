import { getDb } from "../../../db/client.server";
import { deleteSession } from "../../auth/session.server";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";

/** Ends the actor's current session and records it. */
export async function signOut(ctx: ActionContext): Promise<void> {
  if (!ctx.actor) return;
  const actor = ctx.actor;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await recordAudit(tx, ctx, { action: "session.sign_out", entityType: "user", entityId: actor.userId });
  });
}
