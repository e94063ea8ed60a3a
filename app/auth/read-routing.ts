/**
 * Which database a request reads from when there is a read replica
 * (DATABASE_REPLICA_URL): an anonymous reader's GET reads from the replica;
 * anything sent (POST) and every signed-in reader from the primary. Whoever
 * sends something gets a short-lived cookie that keeps their own reads on the
 * primary while the replica catches up (read-your-writes: a villager who asked
 * a question sees it at once), and that also keeps the kept pages and a proxy's
 * copies from them (app/public-pages.server.ts, deploy/nginx.conf).
 */
import { sessionCookieName } from "./session-rules";

export const recentWriteCookieName = "cr_wrote";

export interface RequestReads {
  /** Reads may go to the replica. */
  public: boolean;
  /** A Set-Cookie header for the answer, or null. */
  setCookie: string | null;
}

export function hasCookie(cookieHeader: string | null, name: string): boolean {
  return (cookieHeader ?? "").split(";").some((part) => part.trim().startsWith(`${name}=`));
}

/**
 * `replicaLagSeconds` is how far behind the replica may fall before the app stops reading from it;
 * the writer's cookie outlasts it a little. Without a replica nothing changes (no cookie).
 */
export function readsFor(method: string, cookieHeader: string | null, options: { replica: boolean; replicaLagSeconds: number; https: boolean }): RequestReads {
  if (!options.replica) return { public: false, setCookie: null };
  const reading = method === "GET" || method === "HEAD";
  if (!reading) {
    const cookie = [`${recentWriteCookieName}=1`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.ceil(options.replicaLagSeconds) + 5}`, ...(options.https ? ["Secure"] : [])];
    return { public: false, setCookie: cookie.join("; ") };
  }
  const own = hasCookie(cookieHeader, sessionCookieName) || hasCookie(cookieHeader, recentWriteCookieName);
  return { public: !own, setCookie: null };
}
