/**
 * A message for the next page ("已保存", "已提交"), for a command whose action
 * redirects: the action puts it in a short-lived cookie, the root loader reads
 * it once, clears the cookie and the area layout shows it at the top of the
 * page (FlashNotice in app/ui/notice.tsx).
 *
 * The cookie is signed with the session's secret (the part of the session
 * cookie the server keeps only a hash of): no one without the session can put
 * words on the registry's pages by setting a cookie, and a message left behind
 * is not shown in another session on the same browser. HttpOnly, SameSite=Lax,
 * Path=/, a two-minute life: it lives for one redirect. Pages that read it are
 * never kept by the public page cache (app/public-pages.server.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { readSessionToken, splitToken } from "./session.server";

export const flashCookieName = "cr_flash";
/** Long enough for any message of ours, short enough to stay one small cookie. */
export const maxFlashLength = 300;
const maxAgeSeconds = 120;

function signature(message: string, sessionSecret: string): Buffer {
  return createHmac("sha256", sessionSecret).update(`flash\u0000${message}`).digest();
}

/** The cookie's value for `message` in the session whose secret is `sessionSecret`. */
export function encodeFlash(message: string, sessionSecret: string): string {
  const text = message.slice(0, maxFlashLength);
  return `${Buffer.from(text, "utf8").toString("base64url")}.${signature(text, sessionSecret).toString("base64url")}`;
}

/** The message in a cookie's value, or null when it was not signed for this session (or is not ours at all). */
export function decodeFlash(value: string, sessionSecret: string): string | null {
  const [body, mac, ...rest] = value.split(".");
  if (!body || !mac || rest.length || body.length > maxFlashLength * 6) return null;
  const message = Buffer.from(body, "base64url").toString("utf8");
  const given = Buffer.from(mac, "base64url");
  const expected = signature(message, sessionSecret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? message : null;
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [`${flashCookieName}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(secure ? ["Secure"] : [])].join("; ");
}

const isSecure = (request: Request) => new URL(request.url).protocol === "https:";

function flashValueOf(header: string | null): string | null {
  for (const part of header?.split(";") ?? []) {
    const [name, ...rest] = part.trim().split("=");
    if (name === flashCookieName) return rest.join("=") || null;
  }
  return null;
}

/**
 * A redirect whose next page says `message` at its top. Without a session (the
 * message could not be signed) it is a plain redirect: every page that
 * redirects with a message is a signed-in user's.
 */
export function redirectWithNotice(request: Request, location: string, message: string, status: 302 | 303 = 302): Response {
  const secret = splitToken(readSessionToken(request))?.secret;
  return redirect(location, secret ? { status, headers: { "Set-Cookie": cookie(encodeFlash(message, secret), maxAgeSeconds, isSecure(request)) } } : status);
}

/**
 * The message waiting for this request, once: `headers` clear the cookie and go
 * on the response whenever a cookie was sent, kept message or not. `signedIn`
 * says whether the session is valid; a message is shown only to its session.
 */
export function takeFlash(request: Request, signedIn: boolean): { notice: string | null; headers?: HeadersInit } {
  const value = flashValueOf(request.headers.get("Cookie"));
  if (!value) return { notice: null };
  const secret = signedIn ? splitToken(readSessionToken(request))?.secret : undefined;
  return {
    notice: secret ? decodeFlash(value, secret) : null,
    headers: { "Set-Cookie": cookie("", 0, isSecure(request)) },
  };
}
