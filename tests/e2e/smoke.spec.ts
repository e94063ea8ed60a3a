import { expect, signInAs, test, waitForHydration } from "./fixtures";

test("the home page lists the district's streets and a street opens", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("鲤城区");
  await page.getByRole("link", { name: "开元街道" }).click();
  await expect(page).toHaveURL(/\/places\/350502001000$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("开元街道");
});

test("an officer signed in by cookie reaches the dashboard", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const response = await page.goto("/officer");
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
  // The routes the page may need, written compactly (scripts/patch-router-matching.mjs), and read by the browser.
  expect(await response!.text()).toMatch(/window\.__remixManifest = \{"entry":\{"module":"/);
  await waitForHydration(page);
  expect(await page.evaluate(() => Object.keys((window as unknown as { __remixManifest: { routes: object } }).__remixManifest.routes))).toContain("routes/officer");
  // The latest entries of the audit log in words, as the audit page names them, not as codes (session.sign_in).
  const recent = page.locator("section").filter({ has: page.getByRole("heading", { name: "最近操作" }) });
  await expect(recent.getByRole("listitem").first()).toBeVisible();
  expect(await recent.textContent()).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
  // Who acted, by the account's name (陈登记（区民政局）), not its login.
  expect(await recent.textContent()).not.toMatch(/\b(officer|admin|street|assoc|clerk|supervisor|supervising)\b/);
});

test("pages long in Chinese text reach the browser without NUL bytes", async ({ request }) => {
  // React 18.3's stream writer pads a cut buffer with zeros; the server strips them (app/html-stream.server.ts).
  for (const path of ["/orgs", "/postings", "/villages/350502100201", "/orgs?status=abnormal"]) {
    const body = await (await request.get(path)).body();
    expect(body.length, path).toBeGreaterThan(4096);
    expect(body.indexOf(0), path).toBe(-1);
  }
});

test("a cancelled load's leftover AbortError stays off the console, while any other unhandled rejection still shows", async ({ page }) => {
  // A second click that cancels the reload after a save leaves two such rejections behind (app/entry.client.tsx).
  await page.goto("/");
  await waitForHydration(page);
  const seen = await page.evaluate(async () => {
    const rejections: Array<{ name: string; hidden: boolean }> = [];
    window.addEventListener("unhandledrejection", (event) => {
      rejections.push({ name: (event.reason as Error).name, hidden: event.defaultPrevented });
      // The test's own error would otherwise fail the test as a page error.
      event.preventDefault();
    });
    const controller = new AbortController();
    void new Promise((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason)));
    controller.abort();
    void Promise.reject(new TypeError("不是中止"));
    for (let i = 0; i < 100 && rejections.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return rejections;
  });
  expect(seen).toEqual([
    { name: "AbortError", hidden: true },
    { name: "TypeError", hidden: false },
  ]);
});
