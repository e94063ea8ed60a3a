import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { allowErrorStatus, expect, sessionCookieHeader, signInAs, test, type DemoUser } from "./fixtures";

/** Signs of internals leaking onto a page: an error's name and message, a stack frame, a source path. */
const leaks = [/\bError:/, /\n\s*at \S+ \(/, /\bat [\w.<>]+ \((file:|\/)/, /node_modules/, /\.(ts|tsx|js|mjs):\d+/, /\bSQL\b|\bpglite\b|\bdrizzle\b/i];

function expectNoLeak(text: string, where: string) {
  for (const pattern of leaks) expect.soft(text, `${where} shows ${pattern}`).not.toMatch(pattern);
}

/** The text a reader would see in an HTML answer (scripts, styles and tags removed). */
function readableText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x27;|&#39;/g, "'");
}

async function expectSiteLayout(page: Page) {
  await expect(page.getByRole("banner")).toContainText("社区治理与社会组织登记平台");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
}

test("an unknown URL shows the 404 page, with status 404, inside the site layout", async ({ page }) => {
  allowErrorStatus(404, "/no-such-page");
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  await expectSiteLayout(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  await expect(page.getByText("错误代码 404")).toBeVisible();
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("an unknown place and an unknown account are 404 pages too", async ({ page, context, baseURL }) => {
  allowErrorStatus(404, "/places/999");
  allowErrorStatus(404, "/officer/users/999999");
  const place = await page.goto("/places/999");
  expect(place!.status()).toBe(404);
  await expectSiteLayout(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");

  await signInAs(context, "admin", baseURL!);
  const account = await page.goto("/officer/users/999999");
  expect(account!.status()).toBe(404);
  await expectSiteLayout(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  // The error boundary marks its <main> role="alert", so the message is found as the alert.
  await expect(page.getByRole("alert")).toContainText("找不到该账号");
});

test("an association user opening /officer gets 403 无权访问 inside the site layout", async ({ page, context, baseURL }) => {
  await signInAs(context, "assoc", baseURL!);
  allowErrorStatus(403, "/officer");
  const response = await page.goto("/officer");
  expect(response!.status()).toBe(403);
  await expectSiteLayout(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  await expect(page.getByText("错误代码 403")).toBeVisible();
  await expect(page.getByRole("link", { name: "切换账号登录" })).toBeVisible();
  // Still signed in as themselves: the header offers their own area.
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "社会组织服务" })).toBeVisible();
  // The officer's side navigation is not shown to them.
  await expect(page.getByRole("navigation", { name: "工作台导航" })).toHaveCount(0);
});

test("an audit date that is no date is shown beside the filter, with status 400, not ignored", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  for (const from of ["2026-02-30", "0000-01-01"]) {
    allowErrorStatus(400, `/officer/audit?from=${from}`);
    const response = await page.goto(`/officer/audit?from=${from}`);
    expect(response!.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
    await expect(page.getByRole("alert")).toContainText(`无法按起始日期“${from}”筛选`);
    // The filter is still there to correct, and no rows are listed as if it had been applied.
    await expect(page.getByRole("button", { name: "筛选" })).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(0);
    expectNoLeak(await page.locator("body").innerText(), from);
  }
});

/** Error pages reached in the browser; none may show internals. */
const errorPages: Array<{ path: string; user?: DemoUser; status: number }> = [
  { path: "/no-such-page", status: 404 },
  { path: "/places/999", status: 404 },
  { path: "/villages/abc", status: 404 },
  { path: "/officer/nope", user: "officer", status: 404 },
  { path: "/officer", user: "clerk", status: 403 },
  { path: "/officer/users", user: "street", status: 403 },
  { path: "/officer/audit", user: "street", status: 403 },
  { path: "/org", user: "officer", status: 403 },
  { path: "/village", user: "assoc", status: 403 },
  { path: "/officer/users/999999", user: "admin", status: 404 },
  { path: "/officer/users/abc", user: "admin", status: 404 },
];

for (const entry of errorPages) {
  test(`GET ${entry.path}${entry.user ? ` as ${entry.user}` : ""} shows no internals`, async ({ page, context, baseURL }) => {
    if (entry.user) await signInAs(context, entry.user, baseURL!);
    allowErrorStatus(entry.status, entry.path);
    const response = await page.goto(entry.path);
    expect(response!.status()).toBe(entry.status);
    expectNoLeak(await page.locator("body").innerText(), entry.path);
  });
}

/**
 * Odd requests a browser or a person editing a URL can make, with the answer the
 * app must give, and nothing internal on the page.
 */
const oddRequests: Array<{
  name: string;
  send: (request: APIRequestContext) => Promise<APIResponse>;
  status: number;
}> = [
  {
    name: "an audit date that does not exist",
    send: (r) => r.get("/officer/audit?from=2025-13-45", { headers: sessionCookieHeader("admin") }),
    status: 400,
  },
  {
    name: "a huge audit page number",
    send: (r) => r.get("/officer/audit?page=99999999999999999999", { headers: sessionCookieHeader("admin") }),
    status: 200,
  },
  {
    name: "a huge account list page number",
    send: (r) => r.get("/officer/users?page=1e308", { headers: sessionCookieHeader("admin") }),
    status: 200,
  },
  {
    name: "a street id out of range on the new account form",
    send: (r) =>
      r.post("/officer/users/new", {
        headers: { ...sessionCookieHeader("admin"), "Sec-Fetch-Site": "same-origin" },
        form: { username: "e2e-range", displayName: "x", role: "street_officer", placeId: "99999999999", password: "Abcdefgh-1234" },
        maxRedirects: 0,
      }),
    status: 400,
  },
  {
    name: "a login post whose body is not a form",
    send: (r) =>
      r.post("/login", {
        headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "multipart/form-data; boundary=x" },
        data: "not multipart",
        maxRedirects: 0,
      }),
    status: 400,
  },
  {
    name: "a badly escaped URL",
    send: (r) => r.get("/places/%E0%A4%A", { headers: { Accept: "text/html" } }),
    status: 400,
  },
  {
    name: "a post to a page that takes none",
    send: (r) => r.post("/", { headers: { "Sec-Fetch-Site": "same-origin", Accept: "text/html" }, form: { x: "1" }, maxRedirects: 0 }),
    status: 405,
  },
  {
    name: "an account id that is not a number",
    send: (r) => r.get("/officer/users/1%20or%201=1", { headers: sessionCookieHeader("admin") }),
    status: 404,
  },
  {
    name: "an update of an account that does not exist, with a version that is not a number",
    send: (r) =>
      // The account is looked for before the form is read, as on its page: not found, whatever was posted.
      r.post("/officer/users/999999", {
        headers: { ...sessionCookieHeader("admin"), "Sec-Fetch-Site": "same-origin" },
        form: { intent: "update", version: "abc", displayName: "x", role: "admin" },
        maxRedirects: 0,
      }),
    status: 404,
  },
];

for (const odd of oddRequests) {
  test(`${odd.name} gets a clear answer without internals`, async ({ request }) => {
    const response = await odd.send(request);
    expect(response.status()).toBe(odd.status);
    const text = await response.text();
    expectNoLeak(readableText(text), odd.name);
    // Every answer a person can see is the site's own Chinese page.
    if ((response.headers()["content-type"] ?? "").includes("text/html")) expect(text).toContain('lang="zh-CN"');
  });
}
