import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { serverPort, serverURL } from "../setup/e2e-servers";

export type DemoUser = "admin" | "officer" | "street" | "assoc" | "clerk" | "supervisor" | "supervising";
/** Accounts without an organization that tests/setup/e2e-prepare.ts adds: they apply for establishment. */
export type PreparatoryGroup = "prep-a" | "prep-b" | "prep-c";

export function sessionToken(user: DemoUser | PreparatoryGroup | `${DemoUser}:unverified`): string {
  // This worker's server, whose database made the sessions (each worker has its own).
  const port = serverPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
  const file = path.resolve(`tests/.e2e/sessions-${port}.json`);
  const tokens = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  const token = tokens[user];
  if (!token) throw new Error(`no e2e session for ${user}`);
  return token;
}

/** Signs the browser context in as a demo user by setting the session cookie. */
export async function signInAs(context: BrowserContext, user: DemoUser | PreparatoryGroup, baseURL: string) {
  await context.addCookies([
    { name: "cr_session", value: sessionToken(user), url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}

/** A session of `user` whose verification is an hour old: sensitive changes ask for the password first. */
export async function signInUnverified(context: BrowserContext, user: "admin" | "officer", baseURL: string) {
  await context.addCookies([
    { name: "cr_session", value: sessionToken(`${user}:unverified`), url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
}

export const demoPassword = "demo-pass-2026";

/**
 * Proves the demo user's identity again through the re-verify page, as the user
 * would: the run's sessions were made at its start, and sensitive changes
 * (accounts, publishing conclusions, settings) want a verification within 10
 * minutes. Call it right before such a change.
 */
export async function verifyRecently(request: APIRequestContext, user: DemoUser) {
  const response = await request.post("/account/verify", {
    headers: { ...sessionCookieHeader(user), "Sec-Fetch-Site": "same-origin" },
    form: { secret: demoPassword, redirectTo: "/account/security" },
    maxRedirects: 0,
  });
  expect(response.status(), `re-verifying ${user}`).toBe(302);
}

/**
 * What the browser logged as going wrong during a test: page errors (uncaught
 * exceptions) and console errors, CSP violations among them. Every page of
 * every context is watched, the `page` fixture's, the shared page of `pageAs`
 * and those of contexts a test makes with `browser.newContext()` or
 * `browser.newPage()` (the browser announces each context it makes). A test
 * fails at its end on any of them, except a console error it allowed with
 * `allowConsoleError` or `allowErrorStatus`; CSP violations and page errors
 * are never allowed. One kind is the app's designed answer and passes without
 * an allowance: Chromium logs "Failed to load resource" for a form the server
 * refused with a 4xx status (400 invalid, 401 wrong password, 403 cross-site
 * or forbidden, 409 stale), and only when that status answered a POST of this
 * page; a page or an asset that fails to load (a broken link, a 500) still fails.
 */
interface ConsoleProblem {
  kind: "page error" | "CSP violation" | "console error";
  text: string;
  /** The page's address. */
  page: string;
  /** What the message is about (a resource that failed to load), else the page. */
  source: string;
}

const cspViolation = /Content Security Policy|Refused to|violates/i;
let currentProblems: ConsoleProblem[] | null = null;
/** "409 http://…/page.data?…": forms the server refused during the test. */
let currentRefusals = new Set<string>();
let currentAllowances: RegExp[] = [];
const watchedPages = new WeakSet<Page>();

function watchPage(page: Page) {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  page.on("pageerror", (error) => {
    currentProblems?.push({ kind: "page error", text: `${error.name}: ${error.message}`, page: page.url(), source: page.url() });
  });
  page.on("response", (response) => {
    if (response.request().method() === "POST" && response.status() >= 400 && response.status() < 500) currentRefusals.add(`${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    currentProblems?.push({
      kind: cspViolation.test(message.text()) ? "CSP violation" : "console error",
      text: message.text(),
      page: page.url(),
      source: message.location().url || page.url(),
    });
  });
}

function watchContext(context: BrowserContext) {
  context.on("page", watchPage);
  for (const page of context.pages()) watchPage(page);
}

/**
 * Lets the running test log a console error matching `pattern`, tested on
 * "<message> <address of what it is about>", for a test that provokes one on
 * purpose. Keep the pattern narrow; CSP violations and page errors stay
 * failures whatever it says.
 */
export function allowConsoleError(pattern: RegExp, why: string) {
  currentAllowances.push(pattern);
  test.info().annotations.push({ type: "allowed console error", description: `${pattern.source} (${why})` });
}

/**
 * Lets the running test open `path` (with its query) answered with `status`:
 * Chromium logs "Failed to load resource: the server responded with a status
 * of 404 (Not Found)" for an error page, as for any other failed load.
 */
export function allowErrorStatus(status: number, path: string) {
  const address = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  allowConsoleError(new RegExp(`^Failed to load resource: the server responded with a status of ${status} \\([^)]*\\) https?://[^/]+${address}$`), `the ${status} page of ${path}`);
}

/**
 * `pageAs(user)`: one page per worker, kept from test to test, signed in as
 * `user` (or nobody). For tests that only read pages: a fresh context and page
 * cost about 0.3 s more per test than a navigation on a page already open,
 * which over the accessibility scans of every page adds up. Cookies are
 * cleared each time; the app keeps nothing else in the browser.
 */
export const test = base.extend<
  { pageAs: (user?: DemoUser) => Promise<Page>; consoleProblems: void },
  { sharedPage: Page; watchBrowser: void }
>({
  watchBrowser: [
    async ({ browser }, provide) => {
      browser.on("context", watchContext);
      for (const context of browser.contexts()) watchContext(context);
      await provide();
      browser.off("context", watchContext);
    },
    { scope: "worker", auto: true },
  ],
  consoleProblems: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide, testInfo) => {
      const problems: ConsoleProblem[] = [];
      currentProblems = problems;
      currentAllowances = [];
      currentRefusals = new Set();
      await provide();
      currentProblems = null;
      const [allowances, refusals] = [currentAllowances, currentRefusals];
      const refusedForm = (p: ConsoleProblem) => {
        const status = /^Failed to load resource: the server responded with a status of (4\d\d) /.exec(p.text)?.[1];
        return status !== undefined && refusals.has(`${status} ${p.source}`);
      };
      const failing = problems.filter(
        (p) => p.kind !== "console error" || !(refusedForm(p) || allowances.some((pattern) => pattern.test(`${p.text} ${p.source}`))),
      );
      if (failing.length) {
        const list = failing.map((p) => `- ${p.kind} on ${p.page}${p.source === p.page ? "" : ` (${p.source})`}: ${p.text}`).join("\n");
        throw new Error(`${testInfo.title}: the browser logged ${failing.length} problem(s):\n${list}`);
      }
    },
    { auto: true },
  ],
  // Playwright reads a fixture's dependencies from its first parameter's pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, provide, testInfo) => provide(serverURL(testInfo.parallelIndex)),
  sharedPage: [
    async ({ browser }, provide, workerInfo) => {
      const { locale, timezoneId } = workerInfo.project.use;
      const context = await browser.newContext({ baseURL: serverURL(workerInfo.parallelIndex), locale, timezoneId });
      await provide(await context.newPage());
      await context.close();
    },
    { scope: "worker" },
  ],
  pageAs: async ({ sharedPage, baseURL }, provide) => {
    await provide(async (user) => {
      await sharedPage.context().clearCookies();
      if (user) await signInAs(sharedPage.context(), user, baseURL!);
      return sharedPage;
    });
  },
});

/**
 * The serious and critical axe findings on the page. A scan of a long page
 * takes seconds on a quiet machine and much longer on a loaded one, so it
 * gives its test another minute rather than fail for want of time.
 */
export async function seriousViolations(page: Page) {
  const info = test.info();
  info.setTimeout(info.timeout + 60_000);
  // Only the violations are read: axe then skips collecting every passing node, most of a long page's scan.
  // Legacy mode runs axe in the page itself. The default mode runs it per frame and then merges the
  // partial results in a second, blank page, which on a page of 6,000 elements took 25 s rather than
  // 5 s; the app has no frames for it to reach, and both modes report the same findings.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}
export { expect };

/** The Cookie header that carries a demo user's session, for `request` calls. */
export function sessionCookieHeader(user: DemoUser): Record<string, string> {
  return { Cookie: `cr_session=${sessionToken(user)}` };
}

/**
 * Waits until React has hydrated the page, so clicks and changes reach React
 * (a select that reveals fields, client-side navigation). Remix's router is
 * created during hydration, and react-router's scroll restoration sets
 * history.scrollRestoration to "manual" in an effect, which runs only once the
 * hydrated tree is committed.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    // A reading page (app/reading) has no script to wait for: it is ready once loaded.
    () => (document.scripts.length === 0 && document.readyState === "complete") || ("__remixRouter" in window && window.history.scrollRestoration === "manual"),
    undefined,
    { timeout: 10_000 },
  );
}

/** A username no earlier run or test has used; the e2e database lives for one run. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
