import type { APIResponse, ConsoleMessage } from "@playwright/test";
import { expect, sessionCookieHeader, signInAs, test, waitForHydration, type DemoUser } from "./fixtures";

const evilOrigin = "http://evil.example";

function cspNonce(response: APIResponse): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `a nonce in script-src of: ${csp}`).toBeTruthy();
  return nonce!;
}

/** A probe marks one request, so its audit row can be found whatever else ran before. */
function probe(): string {
  return `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;
}

test("the home page carries the security headers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp, "an enforced Content-Security-Policy").toBeTruthy();
  expect(headers["content-security-policy-report-only"]).toBeUndefined();
  const directives = cspDirectives(csp);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(scriptSrc.some((v) => /^'nonce-.+'$/.test(v))).toBe(true);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  expect(headers["x-powered-by"]).toBeUndefined();
  // A fresh nonce for every response.
  expect(cspNonce(await request.get("/"))).not.toBe(cspNonce(response));
});

function cspDirectives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? "").split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

test("a reading page, answered before the rest of the server's chain, carries the security headers and allows no inline script or style", async ({ request }) => {
  for (const encoding of ["identity", "gzip"]) {
    const response = await request.get("/orgs?q=%E7%A4%BE%E5%8C%BA", { headers: { "Accept-Encoding": encoding } });
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const directives = cspDirectives(headers["content-security-policy"]);
    expect(directives.get("script-src"), encoding).toEqual(["'self'"]);
    expect(directives.get("style-src"), encoding).toEqual(["'self'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
    const body = await response.text();
    expect(body).toContain("社会组织登记信息查询");
    expect(body).not.toContain("<script");
    // A copy still current is answered 304, without a body or a length of one.
    const etag = headers["etag"];
    expect(etag).toBeTruthy();
    const again = await request.get("/orgs?q=%E7%A4%BE%E5%8C%BA", { headers: { "Accept-Encoding": encoding, "If-None-Match": etag! } });
    expect(again.status()).toBe(304);
    expect(again.headers()["content-length"]).toBeUndefined();
    expect(again.headers()["content-security-policy"]).toBe(headers["content-security-policy"]);
  }
});

const signedInPages: Array<[DemoUser, string]> = [
  ["officer", "/officer"],
  ["admin", "/officer/users"],
  ["assoc", "/org"],
  ["clerk", "/village"],
  ["street", "/account/password"],
  ["supervisor", "/"],
];

test("pages for a signed-in user are not stored by the browser or proxies", async ({ request }) => {
  for (const [user, path] of signedInPages) {
    const response = await request.get(path, { headers: sessionCookieHeader(user) });
    expect.soft(response.status(), `${path} as ${user}`).toBe(200);
    expect.soft(response.headers()["cache-control"] ?? "", `Cache-Control of ${path} as ${user}`).toContain("no-store");
  }
});

test("every script on the home page carries the response's CSP nonce", async ({ request }) => {
  const response = await request.get("/");
  const nonce = cspNonce(response);
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) {
    expect.soft(/\snonce="([^"]*)"/.exec(tag)?.[1], tag).toBe(nonce);
  }
  for (const tag of html.match(/<style\b[^>]*>/gi) ?? []) {
    expect.soft(/\snonce="([^"]*)"/.exec(tag)?.[1], tag).toBe(nonce);
  }
});

test("the page hydrates under the CSP and a link navigates without a full reload", async ({ page }) => {
  const violations: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (execute|apply|load)/i.test(message.text())) violations.push(message.text());
  };
  page.on("console", onConsole);
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));

  const response = await page.goto("/");
  const headerNonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
  await waitForHydration(page);
  // Chromium hides the nonce attribute after parsing; the property keeps it.
  const nonces = await page.locator("script").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  for (const nonce of nonces) expect(nonce).toBe(headerNonce);

  await page.evaluate(() => {
    (window as Window & { e2eMarker?: string }).e2eMarker = "same document";
  });
  const dataRequest = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith(".data"));
  await page.getByRole("link", { name: "开元街道" }).click();
  await dataRequest;
  await expect(page).toHaveURL(/\/places\/350502001000$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("开元街道");
  // The document was not replaced: Remix navigated in the page.
  expect(await page.evaluate(() => (window as Window & { e2eMarker?: string }).e2eMarker)).toBe("same document");
  expect(violations).toEqual([]);
});

test("the report and a posting's print view, reached in the app, log no CSP violation and print without the site's header", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await signInAs(context, "officer", baseURL!);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|apply|load)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  const header = page.getByRole("banner");

  await page.goto("/officer");
  await waitForHydration(page);
  await page.evaluate(() => {
    (window as Window & { e2eMarker?: string }).e2eMarker = "same document";
  });
  await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "统计报表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "统计报表" })).toBeVisible();
  expect(await page.evaluate(() => (window as Window & { e2eMarker?: string }).e2eMarker)).toBe("same document");
  await page.emulateMedia({ media: "print" });
  await expect(header).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expect(header).toBeVisible();

  // A posting's notice-board sheet, from the posting's page.
  await page.goto("/postings");
  await waitForHydration(page);
  await page.evaluate(() => {
    (window as Window & { e2eMarker?: string }).e2eMarker = "same document";
  });
  await page.getByRole("main").getByRole("link").filter({ hasText: /公示|公开/ }).first().click();
  await page.getByRole("link", { name: "打印公告" }).click();
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
  expect(await page.evaluate(() => (window as Window & { e2eMarker?: string }).e2eMarker)).toBe("same document");
  await page.emulateMedia({ media: "print" });
  await expect(header).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  expect(violations).toEqual([]);
  await context.close();
});

test("cross-site posts are refused before they reach the app and are audited", async ({ request, page, context, baseURL }) => {
  const mark = probe();

  const logout = await request.post(`/logout?probe=${mark}-json`, { headers: { Origin: evilOrigin }, maxRedirects: 0 });
  expect(logout.status()).toBe(403);
  expect((await logout.json()) as unknown).toMatchObject({ error: { code: "forbidden" } });

  const asPage = await request.post(`/logout?probe=${mark}-html`, {
    headers: { Origin: evilOrigin, Accept: "text/html" },
    maxRedirects: 0,
  });
  expect(asPage.status()).toBe(403);
  expect(await asPage.text()).toContain("跨站请求已拒绝");

  const create = await request.post(`/officer/users/new?probe=${mark}`, {
    headers: { ...sessionCookieHeader("admin"), Origin: evilOrigin },
    form: { username: "" },
    maxRedirects: 0,
  });
  expect(create.status()).toBe(403);

  // The browser's own word wins: a cross-site fetch is refused even with our Origin.
  const crossSite = await request.post(`/logout?probe=${mark}-sfs`, {
    headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);

  const nullOrigin = await request.post(`/logout?probe=${mark}-null`, { headers: { Origin: "null" }, maxRedirects: 0 });
  expect(nullOrigin.status()).toBe(403);

  // The same requests from our own pages pass the guard (anonymous logout just goes home).
  const sameOriginLogout = await request.post("/logout", { headers: { "Sec-Fetch-Site": "same-origin" }, maxRedirects: 0 });
  expect(sameOriginLogout.status()).toBe(302);
  expect(sameOriginLogout.headers()["location"]).toBe("/");
  const sameOriginCreate = await request.post("/officer/users/new", {
    headers: { ...sessionCookieHeader("admin"), "Sec-Fetch-Site": "same-origin" },
    form: { username: "" },
    maxRedirects: 0,
  });
  // Reaches the action, which refuses the empty form as a validation error.
  expect(sameOriginCreate.status()).toBe(400);

  await signInAs(context, "admin", baseURL!);
  await page.goto("/officer/audit?action=request.refused");
  await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
  const refused: Array<[string, string]> = [
    [`POST /logout?probe=${mark}-json`, evilOrigin],
    [`POST /logout?probe=${mark}-html`, evilOrigin],
    [`POST /officer/users/new?probe=${mark}`, evilOrigin],
    [`POST /logout?probe=${mark}-sfs`, "Sec-Fetch-Site: cross-site"],
    [`POST /logout?probe=${mark}-null`, "Origin: null"],
  ];
  for (const [target, why] of refused) {
    const row = page.getByRole("row").filter({ hasText: target });
    await expect(row, target).toHaveCount(1);
    await expect(row).toContainText("拒绝跨站请求");
    await expect(row).toContainText(why);
  }
  // The forged request carried the admin's cookie: the log names whose account it tried to use.
  await expect(page.getByRole("row").filter({ hasText: `POST /officer/users/new?probe=${mark}` }).getByRole("cell").nth(1)).toHaveText("admin");
  await expect(page.getByRole("row").filter({ hasText: `POST /logout?probe=${mark}-json` }).getByRole("cell").nth(1)).toHaveText("匿名");
});

test("a form posted from another site in a real browser is refused and the session survives", async ({ page, context, baseURL }) => {
  await signInAs(context, "admin", baseURL!);
  await page.route(`${evilOrigin}/**`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html><body>
        <form id="f" method="post" action="${baseURL}/officer/users/new">
          <input name="username" value="evil-made-this"><input name="displayName" value="x">
          <input name="role" value="admin"><input name="password" value="Evil-password-2026!">
          <button id="go">go</button>
        </form></body></html>`,
    }),
  );
  await page.goto(`${evilOrigin}/attack`);
  const [answer] = await Promise.all([page.waitForResponse(`${baseURL}/officer/users/new`), page.click("#go")]);
  expect(answer.status()).toBe(403);
  await expect(page.locator("body")).toContainText("跨站请求已拒绝");

  const check = await page.goto("/officer/users?q=evil-made-this");
  expect(check!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "账号管理" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "evil-made-this" })).toHaveCount(0);
});
