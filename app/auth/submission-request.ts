/**
 * What a posted form's one-time key says about the request: the key itself
 * (the `_submission` parameter of the form's action, see PostForm in
 * app/ui/form.tsx), the path it was posted to, and the page to send a repeat
 * back to when the first answer's destination is not known.
 */
import { safeRedirect } from "./safe-redirect";

export const submissionParam = "_submission";
/** Added to the address a repeated submission is sent to: the page says it was not saved twice. */
export const resubmittedNotice = "resubmitted";

export interface SubmissionRequest {
  key: string;
  path: string;
  returnTo: string;
}

/** A key as forms make them: the page's random key and the form's id. */
export function readSubmissionKey(value: string | null | undefined): string | null {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,120}$/.test(value) ? value : null;
}

/** `url` as posted (a single-fetch ".data" address included), `referer` as the browser sent it. */
export function submissionRequest(url: URL, referer: string | null): SubmissionRequest | null {
  const key = readSubmissionKey(url.searchParams.get(submissionParam));
  if (!key) return null;
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") || "/";
  let returnTo = path;
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.origin === url.origin) returnTo = safeRedirect(`${from.pathname}${from.search}`, path);
    } catch {
      // an unreadable Referer: go back to the form's own path
    }
  }
  return { key, path, returnTo };
}

/** The address a repeat is sent to, marked so the page shows why. */
export function withResubmittedNotice(location: string): string {
  const to = safeRedirect(location, "/");
  const [beforeHash, hash] = to.split("#", 2);
  const url = new URL(beforeHash!, "http://local.invalid");
  url.searchParams.delete(submissionParam);
  url.searchParams.set("notice", resubmittedNotice);
  return `${url.pathname}${url.search}${hash === undefined ? "" : `#${hash}`}`;
}
