import { expect, signInAs, test } from "./fixtures";

test("the home page lists the district's streets and a street opens", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("鲤城区");
  await page.getByRole("link", { name: "开元街道" }).click();
  await expect(page).toHaveURL(/\/places\/350502001000$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("开元街道");
});

test("an officer signed in by cookie reaches the dashboard", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
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
