/**
 * Codes of the second factor, consumed once: the authenticator's (by recording
 * the step used) and the recovery codes (by marking each used). Shared by
 * sign-in, re-verification and enrolment.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { recoveryCodes, users } from "../../db/schema";
import { acceptableRecoveryByte, acceptedStep, formatRecoveryCode, readRecoveryCode, recoveryCodeCount } from "./second-factor-rules";

type User = typeof users.$inferSelect;

function hashRecoveryCode(code: string): Uint8Array {
  return sha256(new TextEncoder().encode(code));
}

export function newRecoveryCodes(): string[] {
  const codes: string[] = [];
  while (codes.length < recoveryCodeCount) {
    const bytes: number[] = [];
    while (bytes.length < 10) {
      const batch = new Uint8Array(16);
      crypto.getRandomValues(batch);
      for (const b of batch) if (acceptableRecoveryByte(b) && bytes.length < 10) bytes.push(b);
    }
    codes.push(formatRecoveryCode(Uint8Array.from(bytes)));
  }
  return codes;
}

/** Replaces the user's recovery codes with ten new ones; the codes themselves are returned once, never stored. */
export async function replaceRecoveryCodes(tx: Database, userId: number, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(
    codes.map((code) => ({ userId, codeHash: hashRecoveryCode(readRecoveryCode(code)!), createdAt: now })),
  );
  return codes;
}

/**
 * Accepts a code from the user's authenticator once: the step is recorded in
 * the same statement that checks it is newer than the last one used, so two
 * requests with the same code cannot both pass.
 */
export async function consumeTotpCode(tx: Database, user: User, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret || !user.totpEnabledAt) return false;
  const step = acceptedStep(new Uint8Array(user.totpSecret), code, now, user.totpLastStep);
  if (step === null) return false;
  const [taken] = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return !!taken;
}

/** Uses one of the user's recovery codes (each once). */
export async function consumeRecoveryCode(tx: Database, userId: number, input: string, now: Date): Promise<{ used: boolean; left: number }> {
  const code = readRecoveryCode(input);
  if (!code) return { used: false, left: -1 };
  const [used] = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  const [left] = await tx.select({ value: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { used: !!used, left: left?.value ?? 0 };
}

