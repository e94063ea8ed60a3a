/**
 * After a refused save the page takes the user to an error summary at the top
 * of the form (focused, so it is read out and scrolled into view), each error a
 * link that moves to its field; after a save that redirects, the next page says
 * what was done, once. With JavaScript and without it.
 */
import type { Page } from "@playwright/test";
import { expect, signInAs, test, uniqueUsername, verifyRecently, waitForHydration } from "./fixtures";

/** The focused element's id and role, and its text. */
const focused = (page: Page) =>
  page.evaluate(() => ({ id: document.activeElement?.id ?? "", role: document.activeElement?.getAttribute("role") ?? "", text: document.activeElement?.textContent ?? "" }));

/** Fills the new-account form with three mistakes and sends it; the summary is focused and lists them. */
async function refusedAccount(page: Page) {
  await page.getByLabel("用户名").fill("A");
  await page.getByLabel("姓名").fill("测试人员");
  await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
  await page.getByLabel("初始密码").fill("abc");
  await page.getByRole("button", { name: "创建账号" }).click();

  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /^提交未成功，请修改以下 \d+ 处：$/ }) });
  await expect(summary).toBeVisible();
  // The heading says how many, and the list holds as many (waited for, as the page may still be loading).
  const said = Number(/(\d+) 处/.exec((await summary.getByRole("heading").textContent()) ?? "")?.[1]);
  expect(said).toBeGreaterThanOrEqual(3);
  await expect(summary.getByRole("listitem")).toHaveCount(said);
  await expect.poll(() => summary.getByRole("link").count()).toBeGreaterThanOrEqual(3);
  await expect(summary.getByRole("link", { name: /^用户名/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /^初始密码：/ }).first()).toBeVisible();
  await expect(summary.getByRole("link", { name: /所辖街道/ })).toBeVisible();
  // The summary, not the field or the button, has the focus, and sits at the top of the form in view.
  await expect.poll(async () => (await focused(page)).role).toBe("alert");
  await expect(summary).toBeInViewport();
  return summary;
}

/** A link of the summary moves the focus to its field. */
async function linkFocusesField(page: Page, summary: ReturnType<Page["getByRole"]>, link: RegExp, label: string) {
  const anchor = summary.getByRole("link", { name: link }).first();
  const id = decodeURIComponent((await anchor.getAttribute("href"))!.replace(/^#/, ""));
  await anchor.click();
  const field = page.getByLabel(label);
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("id", id);
  await expect(field).toBeInViewport();
}

/** The mistakes mended: the account is made, and the account's page says so at its top, focused; a reload does not say it again. */
async function savedWithNotice(page: Page, username: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("所辖街道（镇）").selectOption({ label: "开元街道" });
  await page.getByLabel("初始密码").fill("Kaiyuan-Street-2026!");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `账号：${username}` })).toBeVisible();
  const notice = page.getByRole("status").filter({ hasText: "账号已创建" });
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  expect(page.url()).not.toContain("created");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `账号：${username}` })).toBeVisible();
  await expect(page.getByText("账号已创建")).toHaveCount(0);
}

test("with JavaScript: a refused account lists its errors at the top, each link goes to its field; the saved account's page says so once", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "admin", baseURL!);
  await verifyRecently(request, "admin");
  await page.goto("/officer/users/new");
  await waitForHydration(page);
  const summary = await refusedAccount(page);
  await linkFocusesField(page, summary, /所辖街道/, "所辖街道（镇）");
  // The errors stay where they were: the link did not navigate away from the refused form.
  await expect(summary).toBeVisible();
  await linkFocusesField(page, summary, /^用户名/, "用户名");
  await savedWithNotice(page, uniqueUsername("flash-js"));
  // Moving on within the app leaves the notice behind.
  await page.getByRole("link", { name: "返回账号列表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "账号管理" })).toBeVisible();
  await expect(page.getByText("账号已创建")).toHaveCount(0);
});

test("with JavaScript: a refused application draft is summed up with the fields' own labels", async ({ page, context, baseURL }) => {
  // A preparatory group's account: a registered organization is not offered establishment.
  await signInAs(context, "prep-c", baseURL!);
  await page.goto("/org");
  await waitForHydration(page);
  await page.getByRole("button", { name: "申请成立登记" }).click();
  // The new draft's page says what to do next.
  await expect(page.getByRole("status").filter({ hasText: "申请草稿已打开" })).toBeFocused();
  await waitForHydration(page);
  await page.getByLabel("注册资金（元）").fill("很多");
  await page.getByRole("button", { name: "保存草稿" }).click();
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: /^提交未成功，请修改以下 \d+ 处：$/ }) });
  await expect(summary).toBeFocused();
  // The form's own refusal first, as a line; then the field's error under the field's label.
  await expect(summary.getByRole("listitem").first()).toHaveText("有填写不正确的内容，草稿未保存，请按提示修改。");
  const link = summary.getByRole("link", { name: /注册资金/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByLabel("注册资金（元）")).toBeFocused();
  await expect(page.getByLabel("注册资金（元）")).toHaveValue("很多");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server's page focuses the summary, its links go to the fields, and the saved account's page says so once", async ({ page, context, baseURL, request }) => {
    await signInAs(context, "admin", baseURL!);
    await verifyRecently(request, "admin");
    await page.goto("/officer/users/new");
    // Without JavaScript the street list is there from the start (no role picked yet, so it is asked for by the server).
    const summary = await refusedAccount(page);
    await linkFocusesField(page, summary, /^用户名/, "用户名");
    await linkFocusesField(page, summary, /所辖街道/, "所辖街道（镇）");
    await savedWithNotice(page, uniqueUsername("flash-nojs"));
  });
});
