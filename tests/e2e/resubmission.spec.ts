import { previousMonth } from "../../app/domain/postings/rules";
import { shanghaiDate } from "../../app/domain/shared/time";
import { expect, sessionCookieHeader, signInAs, test, verifyRecently, waitForHydration } from "./fixtures";

/**
 * A form sent twice is saved once: each form of a signed-in user carries a
 * one-time key in its action, and the same key again is answered as the
 * first time, with a note on the page.
 */

/** Last month, "YYYY-MM", in Asia/Shanghai: a finance period that is always fillable. */
const lastMonth = () => previousMonth(shanghaiDate(new Date())).key;

test("a double click on a form without JavaScript creates one posting and says the second was not saved again", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "clerk", baseURL!);
  const page = await context.newPage();
  const title = `重复提交演练（${Date.now().toString(36)}）`;
  await page.goto("/village/postings/new");
  await expect(page.locator("form[action^='/village/postings/new?_submission=']")).toHaveCount(1);
  await page.getByLabel("事项类型").selectOption({ label: "月度财务收支" });
  // Without JavaScript the period picker shows every list; the server reads the year and month picked.
  await page.getByLabel("年份", { exact: true }).selectOption(lastMonth().slice(0, 4));
  await page.getByLabel("期间", { exact: true }).selectOption(lastMonth().slice(5));
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

test("correcting a refused form as one types sends nothing; the click sends it once and is told it was saved", async ({ page, context, baseURL, request }) => {
  // Conform checks the form again on each input after a refusal by sending a "validate" intent through
  // it; that intent must reach the parser, or a form made valid by typing is saved before the click.
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  const posted: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posted.push(r.url());
  });
  try {
    await page.goto("/officer/communities");
    await waitForHydration(page);
    const form = page.getByRole("region", { name: "城市社区目标" });
    const target = form.getByLabel("新的目标数");
    const reason = form.getByLabel("调整原因");
    await target.fill("0");
    await form.getByRole("button", { name: "保存目标" }).click();
    await expect(reason).toHaveAccessibleDescription(/请填写调整原因/);
    await target.fill("5");
    await reason.fill("复核表单逐字校验");
    // Checked again as typed: both errors gone, and the page still idle with nothing sent.
    await expect(target).not.toHaveAttribute("aria-invalid", "true");
    await expect(reason).not.toHaveAttribute("aria-invalid", "true");
    await page.waitForFunction(() => (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state === "idle");
    expect(posted).toEqual([]);
    await expect(page.getByText(/现行目标：每个城市社区 6 个/)).toBeVisible();

    await form.getByRole("button", { name: "保存目标" }).click();
    await expect(page.getByRole("status")).toContainText("目标数已调整为每个城市社区 5 个");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatch(/\/officer\/communities\.data\?_submission=/);
  } finally {
    await verifyRecently(request, "officer");
    await request.post("/officer/communities", {
      headers: { ...sessionCookieHeader("officer"), "Sec-Fetch-Site": "same-origin" },
      form: { associationTarget: "6", reason: "浏览器测试结束，恢复默认目标" },
      maxRedirects: 0,
    });
  }
});
