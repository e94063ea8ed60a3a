/**
 * One-time submission keys. Every form a signed-in user posts carries a key
 * (app/ui/form.tsx PostForm); the first write the submission makes claims the
 * key in the same transaction as the write and its audit entry. The same
 * submission sent again — a double click, or a retry after a 503 whose write
 * had in fact committed — then changes nothing and is answered as the first
 * was: sent on to where the first answer sent the user, with a note.
 */
import { and, eq, isNull, lt } from "drizzle-orm";
import { getDb, type Database } from "../../../db/client.server";
import { submissionKeys } from "../../../db/schema";

/** Keys are kept two days: long enough for any retry, short enough to stay small. */
const keptMs = 2 * 86_400_000;

export interface Submission {
  key: string;
  userId: number;
  path: string;
  /** What to throw when the key was claimed before: the first answer again (built by the caller, which knows HTTP). */
  replay: (location: string | null) => unknown;
  /** Set once this request has claimed the key, so its later transactions do not claim it again. */
  claimed?: boolean;
}

/** Where an earlier submission with this key sent its user, if it wrote anything. */
export async function earlierSubmission(key: string, userId: number): Promise<{ location: string | null } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ location: submissionKeys.location })
    .from(submissionKeys)
    .where(and(eq(submissionKeys.key, key), eq(submissionKeys.userId, userId), eq(submissionKeys.wrote, true)))
    .limit(1);
  return row ?? null;
}

/**
 * Claims the key for this write, inside the write's transaction. If another
 * transaction holds it, PostgreSQL waits for that one to finish: committed, this
 * write is a repeat and is answered by `replay` (its transaction rolls back);
 * rolled back, the claim goes to this one.
 */
export async function claimSubmission(tx: Database, submission: Submission, now: Date): Promise<void> {
  if (submission.claimed) return;
  const [claimed] = await tx
    .insert(submissionKeys)
    .values({ key: submission.key, userId: submission.userId, path: submission.path.slice(0, 500), createdAt: now, wrote: true })
    .onConflictDoNothing()
    .returning({ key: submissionKeys.key });
  if (!claimed) {
    const [earlier] = await tx.select({ location: submissionKeys.location }).from(submissionKeys).where(eq(submissionKeys.key, submission.key));
    throw submission.replay(earlier?.location ?? null);
  }
  submission.claimed = true;
  await tx.delete(submissionKeys).where(lt(submissionKeys.createdAt, new Date(now.getTime() - keptMs)));
}

/** Records where the first answer sent the user, for a repeat to be sent there too. */
export async function noteSubmissionLocation(key: string, location: string): Promise<void> {
  const db = await getDb();
  await db
    .update(submissionKeys)
    .set({ location: location.slice(0, 2000) })
    .where(and(eq(submissionKeys.key, key), isNull(submissionKeys.location)));
}
