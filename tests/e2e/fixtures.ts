import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext } from "@playwright/test";

export type DemoUser = "admin" | "officer" | "street" | "assoc" | "clerk" | "supervisor";

export function sessionToken(user: DemoUser): string {
  const file = path.resolve("tests/.e2e/sessions.json");
  const tokens = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  const token = tokens[user];
  if (!token) throw new Error(`no e2e session for ${user}`);
  return token;
}

/** Signs the browser context in as a demo user by setting the session cookie. */
export async function signInAs(context: BrowserContext, user: DemoUser, baseURL: string) {
  await context.addCookies([
    { name: "cr_session", value: sessionToken(user), url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}

export const test = base;
export { expect };
