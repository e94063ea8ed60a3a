/**
 * Forms posted to a running server as a browser would (same-origin Origin header, no redirects
 * followed), for the tests that put a server behind something: a proxy, a replica.
 */
import { demoPassword } from "../../app/setup/demo";

export function postForm(base: string, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

/** A villager's question on a posting's page. */
export function askQuestion(base: string, postingPath: string, question = "这一项的金额是怎么算的？"): Promise<Response> {
  return postForm(base, postingPath, { name: "王五", village: "本村第二村民小组", question });
}

/** Signs a demo account in; its session cookie ("cr_session=…"). */
export async function signInCookie(base: string, username: string): Promise<string> {
  const response = await postForm(base, "/login", { username, password: demoPassword });
  const cookie = /cr_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  if (response.status !== 302 || !cookie) throw new Error(`signing ${username} in at ${base} answered ${response.status}`);
  return cookie;
}
