import { expect, signInAs, test, waitForHydration } from "./fixtures";

/**
 * The day's reminders, made on the server's first request of the day: the
 * officer always has some (the demo's committee terms ending within six months).
 */
test("an officer sees the unread reminders in the header, follows one to its page and marks them read", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  const header = page.getByRole("navigation", { name: "主导航" });
  const link = header.getByRole("link", { name: /^提醒/ });
  const unread = Number(/(\d+) 条未读/.exec((await link.textContent()) ?? "")?.[1] ?? 0);
  expect(unread).toBeGreaterThan(0);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "提醒" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `全部提醒（${unread} 条未读）` })).toBeVisible();
  const terms = page.getByRole("link", { name: /任期(将于 .+ 届满|已届满)$/ });
  await expect(terms.first()).toBeVisible();

  // A reminder leads to where the work is done.
  const title = (await terms.first().textContent())!;
  await terms.first().click();
  await expect(page).toHaveURL(/\/officer\/communities\/350502\d{6}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Marked read one by one, then all at once; the header follows.
  await page.goto("/account/reminders");
  await waitForHydration(page);
  await page.getByRole("button", { name: `将“${title}”标为已读` }).click();
  await expect(page.getByText("已将 1 条提醒标为已读。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `全部提醒（${unread - 1} 条未读）` })).toBeVisible();
  if (unread > 1) {
    await page.getByRole("button", { name: "全部标为已读" }).click();
    await expect(page.getByText(`已将 ${unread - 1} 条提醒标为已读。`)).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 2, name: "全部提醒（0 条未读）" })).toBeVisible();
  await expect(header.getByRole("link", { name: "提醒", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);
});
