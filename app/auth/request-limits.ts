/**
 * How much a request may carry, decided before any of its body is read: one
 * request must never be able to take the service down. Forms are small; only
 * the routes that take files accept large multipart bodies. server.mjs applies
 * these rules; readUploads applies the per-file and per-field ones.
 */

/** A form without files: far more than any of ours needs (a posting's body is 20,000 characters). */
export const formBodyLimit = 1024 * 1024;

/** Attachments and import files: each up to 10 MB, at most 10 in one upload. */
export const maxUploadFileBytes = 10 * 1024 * 1024;
export const maxUploadFiles = 10;
/** The text fields of a multipart form, each. */
export const maxUploadFieldBytes = 64 * 1024;

export const uploadBodyLimit = maxUploadFiles * maxUploadFileBytes + formBodyLimit;

/** Pages whose forms upload files (a single-fetch submission adds ".data"). */
const uploadPaths = [
  /^\/org\/applications\/[^/]+$/,
  /^\/org\/inspections\/[^/]+$/,
  /^\/village\/postings\/[^/]+$/,
  /^\/officer\/import$/,
];

export function bodyLimitFor(path: string, contentType: string | null): number {
  const pathname = path.split("?")[0]!.replace(/\.data$/, "").replace(/\/+$/, "");
  const multipart = /^multipart\/form-data/i.test(contentType ?? "");
  return multipart && uploadPaths.some((p) => p.test(pathname)) ? uploadBodyLimit : formBodyLimit;
}

/** The methods the app answers. Anything else (TRACE, PUT, PROPFIND …) is refused before any work. */
export const allowedMethods = ["GET", "HEAD", "POST"] as const;

export function isAllowedMethod(method: string): boolean {
  return (allowedMethods as readonly string[]).includes(method);
}

/** Bodies up to this size are always admitted; larger ones share a memory budget (see request-budget.server.ts). */
export const smallBodyBytes = 64 * 1024;

/**
 * Large bodies admitted at once: a form near its limit or an upload each
 * reserves its size. A body larger than the whole budget (a full upload) is let
 * in only when nothing else large is in flight, so one process holds at most one
 * such upload at a time; others wait their turn.
 */
export interface BudgetState {
  inUse: number;
  capacity: number;
}

export function fitsBudget(state: BudgetState, bytes: number): boolean {
  return state.inUse === 0 || state.inUse + bytes <= state.capacity;
}
