import { expect, signInAs, test, verifyRecently, waitForHydration } from "./fixtures";
import { shanghaiDate } from "../../app/domain/shared/time";

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

test("an officer enters next year's public holidays: a wrong date is refused beside the field, the table is kept with a reason", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  await page.goto("/officer");
  await page.getByRole("navigation").getByRole("link", { name: "法定节假日" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "法定节假日" })).toBeVisible();
  const year = Number(shanghaiDate(new Date()).slice(0, 4));
  const next = year + 1;
  // Next year is either missing, or shipped with its statutory days alone (2027): the page asks for the arrangement.
  await expect(page.getByRole("note").filter({ hasText: new RegExp(`${next} 年(的节假日安排尚未录入|只有放假日、没有调休上班日)`) })).toBeVisible();
  await waitForHydration(page);
  const off = page.getByLabel("放假日期（每行一个）");
  const on = page.getByLabel("调休上班日期（每行一个）");
  const [shippedOff, shippedOn] = [await off.inputValue(), await on.inputValue()];
  await off.fill(`${shippedOff}\n${next}-02-30`);
  await page.getByLabel("调整原因").fill(`录入 ${next} 年节假日安排`);
  await page.getByRole("button", { name: "保存节假日安排" }).click();
  await expect(off).toHaveAccessibleDescription(new RegExp(`“${next}-02-30”不是有效日期`));
  // What was typed is kept; the corrected table is saved: a day off and a Saturday worked next year.
  await expect(off).toHaveValue(new RegExp(`${next}-02-30$`));
  const dayOff = [`${next}-10-04`, `${next}-10-05`, `${next}-10-06`].find((d) => !shippedOff.includes(d))!;
  const firstOct = new Date(Date.UTC(next, 9, 1));
  const saturday = new Date(firstOct.getTime() + ((6 - firstOct.getUTCDay() + 7) % 7) * 86_400_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  await off.fill([shippedOff, dayOff].filter(Boolean).join("\n"));
  await on.fill([shippedOn, saturday].filter(Boolean).join("\n"));
  await page.getByRole("button", { name: "保存节假日安排" }).click();
  await expect(page.getByText(/节假日安排已保存/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`现行安排（.*${next} 年）`) })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: `${next} 年` })).toHaveCount(0);
});
