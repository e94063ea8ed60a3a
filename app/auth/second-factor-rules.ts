/**
 * The second factor's rules, pure: TOTP as RFC 6238 with the parameters every
 * authenticator app understands (HMAC-SHA-1, 30-second steps, 6 digits), one
 * step either side for a phone's clock, each step good once; recovery codes;
 * how long a half-finished sign-in lives.
 */
import { encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";

export const totpIssuer = "社区治理与社会组织登记平台";
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** Steps accepted either side of the server's: a phone's clock may be up to 30 seconds off. */
export const totpWindowSteps = 1;
/** 20 bytes, as RFC 4226 recommends for HMAC-SHA-1. */
export const totpKeyBytes = 20;

const minute = 60_000;

export const pendingSignInRules = {
  /** Password right, code still to come. */
  codeStageMs: 5 * minute,
  /** Password right, an authenticator still to set up: installing an app takes longer. */
  enrolStageMs: 15 * minute,
  /** Wrong codes after which the half-finished sign-in ends and the password is asked again. */
  maxFailedCodes: 5,
} as const;

/** An enrolment started (QR code shown) and not confirmed within this time starts over. */
export const enrolmentPendingMs = 30 * minute;

export const recoveryCodeCount = 10;
/** No 0/o, 1/l/i: a code is copied from paper. 31 symbols, 10 of them: about 50 bits. */
export const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
const recoveryLength = 10;

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / (totpPeriodSeconds * 1000));
}

/** A code as typed ("123 456", "１２３４５６") read as six digits, or null. */
export function readTotpCode(input: string): string | null {
  const digits = input.normalize("NFKC").replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step whose code this is, within the window and after the last step
 * already used, or null. A code is therefore accepted once: replaying it, or
 * an older one, finds no step.
 */
export function acceptedStep(key: Uint8Array, code: string, now: Date, lastUsedStep: number | null): number | null {
  const current = totpStep(now);
  for (let step = current - totpWindowSteps; step <= current + totpWindowSteps; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (verifyHOTP(key, BigInt(step), totpDigits, code)) return step;
  }
  return null;
}

/** What the authenticator app scans: otpauth://totp/<issuer>:<username>?secret=…&issuer=… */
export function totpUri(key: Uint8Array, username: string): string {
  return createTOTPKeyURI(totpIssuer, username, key, totpPeriodSeconds, totpDigits);
}

/** The secret as people type it into an app by hand: base32 in groups of four. */
export function totpSecretText(key: Uint8Array): string {
  return encodeBase32NoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

/** A recovery code from random bytes: ten symbols shown as "xxxxx-xxxxx". */
export function formatRecoveryCode(random: Uint8Array): string {
  if (random.length < recoveryLength) throw new Error("not enough random bytes");
  // 256 is not a multiple of 31; bytes from 248 up would favour the first symbols, so the caller
  // draws bytes below 248 only (see acceptableRecoveryByte).
  const symbols = Array.from(random.slice(0, recoveryLength), (b) => recoveryAlphabet[b % recoveryAlphabet.length]);
  return `${symbols.slice(0, 5).join("")}-${symbols.slice(5).join("")}`;
}

export function acceptableRecoveryByte(byte: number): boolean {
  return byte < 256 - (256 % recoveryAlphabet.length);
}

/** A recovery code as typed (any case, spaces or dashes anywhere) in its stored form, or null. */
export function readRecoveryCode(input: string): string | null {
  const text = input.normalize("NFKC").toLowerCase().replace(/[\s-]/g, "");
  if (text.length !== recoveryLength) return null;
  for (const c of text) if (!recoveryAlphabet.includes(c)) return null;
  return text;
}
