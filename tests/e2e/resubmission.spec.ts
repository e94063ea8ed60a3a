import { expect, sessionCookieHeader, signInAs, test } from "./fixtures";

/**
 * A form sent twice is saved once: each form of a signed-in user carries a
 * one-time key in its action, and the same key again is answered as the
 * first time, with a note on the page.
 */

/** Last month, "YYYY-MM", in Asia/Shanghai: a finance period that is always fillable. */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

test("a double click on a form without JavaScript creates one posting and says the second was not saved again", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "clerk", baseURL!);
  const page = await context.newPage();
  const title = `重复提交演练（${Date.now().toString(36)}）`;
  await page.goto("/village/postings/new");
  await expect(page.locator("form[action^='/village/postings/new?_submission=']")).toHaveCount(1);
  await page.getByLabel("事项类型").selectOption({ label: "月度财务收支" });
  await page.getByLabel("公开期间").fill(lastMonth());
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("正文").fill("本月收支明细如下。");
  await page.getByRole("button", { name: "创建草稿" }).dblclick();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  await page.goto("/village/postings");
  await expect(page.getByRole("link", { name: title })).toHaveCount(1);
  await context.close();
});

test("sending the very same submission again is answered with the first result and a note, and nothing new is saved", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "clerk", baseURL!);
  const title = `重复提交回答（${Date.now().toString(36)}）`;
  await page.goto("/village/postings/new");
  const action = await page.locator("form[action^='/village/postings/new?_submission=']").getAttribute("action");
  expect(action).toMatch(/^\/village\/postings\/new\?_submission=[A-Za-z0-9_-]{16,}$/);
  const form = { kind: "finance_monthly", period: lastMonth(), title, body: "本月收支明细如下。" };
  const headers = { ...sessionCookieHeader("clerk"), Origin: baseURL! };

  const first = await request.post(action!, { form, headers, maxRedirects: 0 });
  expect(first.status()).toBe(302);
  const created = first.headers()["location"]!;
  expect(created).toMatch(/^\/village\/postings\/\d+$/);

  const again = await request.post(action!, { form, headers, maxRedirects: 0 });
  expect(again.status()).toBe(303);
  const answered = again.headers()["location"]!;
  expect(answered).toBe(`${created}?notice=resubmitted`);

  await page.goto(answered);
  await expect(page.getByRole("status").filter({ hasText: "没有重复保存" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await page.goto("/village/postings");
  await expect(page.getByRole("link", { name: title })).toHaveCount(1);
});
