/**
 * The routes' loaders and actions called with real requests, as a browser
 * sends them: signed in by a session row (as the browser tests are), and the
 * answer read the same way whether the route returned it or threw it.
 * The sessions are this test file's own (each file has its own modules).
 */
import { getDb } from "../../db/client.server";
import { users } from "../../db/schema";
import { createSession } from "../../app/auth/session.server";
import { submissionParam } from "../../app/auth/submission-request";
import { confirmedField, confirmedValue } from "../../app/domain/shared/confirmation";

/** The context the server gives every route. */
export const routeContext = { cspNonce: "", clientIp: "203.0.113.9" };

const cookies: Record<string, string> = {};

/** Signs in every account of this file's database (call it after adding the accounts a test needs). */
export async function signInEveryone(): Promise<void> {
  const db = await getDb();
  for (const user of await db.select().from(users)) {
    const session = await createSession(db, user, {
      now: new Date(),
      ip: "127.0.0.1",
      userAgent: "test",
    });
    cookies[user.username] = `cr_session=${session.token}`;
  }
}

function cookieOf(as: string): string {
  const cookie = cookies[as];
  if (!cookie)
    throw new Error(`no session for ${as}: call signInEveryone() after creating the account`);
  return cookie;
}

let keys = 0;

/**
 * A POST as a browser sends it, signed in as `as` (null: signed out). Fields
 * and text go urlencoded, FormData as multipart, bytes as they are (multipart
 * when given a boundary). `submissionKey` adds a fresh one-time key to the
 * action's query, as PostForm does.
 */
export function posted(
  path: string,
  as: string | null,
  body: Array<[string, string]> | string | FormData | Uint8Array<ArrayBuffer>,
  options: { boundary?: string; submissionKey?: boolean } = {},
): Request {
  const headers: Record<string, string> = as ? { Cookie: cookieOf(as) } : {};
  if (options.boundary)
    headers["Content-Type"] = `multipart/form-data; boundary=${options.boundary}`;
  else if (!(body instanceof FormData))
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  const query = options.submissionKey
    ? `?${submissionParam}=testsubmissionkey${String(++keys).padStart(4, "0")}`
    : "";
  return new Request(`http://localhost${path}${query}`, {
    method: "POST",
    headers,
    body: Array.isArray(body) ? new URLSearchParams(body).toString() : body,
  });
}

/** A GET as a browser signed in as `as` sends it. */
export function got(path: string, as: string): Request {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookieOf(as) } });
}

/** The fields with the confirmation that the dialog or the confirmation page adds. */
export const confirmed = (fields: Array<[string, string]>): Array<[string, string]> => [
  ...fields,
  [confirmedField, confirmedValue],
];

export interface Answered<Body> {
  status: number;
  /** Where a redirect sends the browser (absent otherwise). */
  location?: string;
  body: Body;
}

/** The status a loader or action answers with (thrown or returned), where a redirect goes, and the body it carries. */
export async function answer<Body = Record<string, unknown>>(
  run: () => Promise<unknown>,
): Promise<Answered<Body>> {
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (thrown) {
    outcome = thrown;
  }
  if (outcome instanceof Response) {
    const location = outcome.headers.get("Location") ?? undefined;
    return {
      status: outcome.status,
      ...(location ? { location } : {}),
      body: await outcome.json().catch(() => ({})),
    };
  }
  if (outcome && typeof outcome === "object" && "init" in outcome && "data" in outcome) {
    const { init, data } = outcome as { init: { status?: number } | null; data: Body };
    return { status: init?.status ?? 200, body: data };
  }
  if (outcome instanceof Error) throw outcome;
  return { status: 200, body: outcome as Body };
}
