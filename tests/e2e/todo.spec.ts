import type { Locator, Page } from "@playwright/test";
import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";

/**
 * Each role's home page leads to its work: an item of the to-do panel, followed
 * to its page, the work done there, and the item gone from the panel. The rows
 * used are the demo's that no other spec changes: the registry's change or
 * cancellation application waiting for 受理, the street's community filing,
 * 大良村's question about its land rent, and its posting returned to the clerk.
 */

/** The home page's to-do panel. */
function todoPanel(page: Page) {
  return page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "待办事项" }) });
}

/** Opens the home page, checks it is usable with assistive technology, and returns its to-do panel. */
async function home(page: Page, path: string) {
  await page.goto(path);
  const panel = todoPanel(page);
  await expect(panel.first()).toBeVisible();
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);
  return panel.first();
}

/** Follows the first item of the panel whose text matches and returns its text. */
async function follow(panel: Locator, name: RegExp): Promise<string> {
  const link = panel.getByRole("link", { name }).first();
  const title = (await link.textContent())!.trim();
  await link.click();
  return title;
}

async function gone(page: Page, path: string, title: string) {
  await page.goto(path);
  const panel = todoPanel(page).first();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: title, exact: true })).toHaveCount(0);
}

/** On the application the item led to: accepted, and the item gone from the officer's list. */
async function acceptAndSeeItGone(page: Page, title: string) {
  await waitForHydration(page);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByText("已受理。")).toBeVisible();
  await gone(page, "/officer", title);
}

test("the registry accepts an application from its to-do list: the item shows the notice deadline and is gone once accepted", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const panel = await home(page, "/officer");
  const item = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^受理(变更|注销)登记申请：/ }) }).first();
  // The notice clock of 行政许可法 art. 32, with the days left (or overdue).
  await expect(item).toContainText(/补正告知期限（收到材料后 5 个工作日） \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(item).toContainText(/还剩 \d+ 天|今天截止|已逾期 \d+ 天/);
  const title = await follow(panel, /^受理(变更|注销)登记申请：/);
  await acceptAndSeeItGone(page, title);
});

test("a street officer accepts the street's community filing from the to-do list; the registry's work is not on it", async ({ page, context, baseURL }) => {
  await signInAs(context, "street", baseURL!);
  const panel = await home(page, "/officer");
  await expect(panel.getByRole("link", { name: /^(受理|对)(成立|变更|注销)登记申请/ })).toHaveCount(0);
  await expect(panel.getByRole("link", { name: /年度工作报告|信用监管/ })).toHaveCount(0);
  const title = await follow(panel, /^受理社区社会组织备案申请：象峰社区太极拳队$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("象峰社区太极拳队");
  await acceptAndSeeItGone(page, title);
});

test("the clerk answers a villager's question from the to-do list, within its ten days", async ({ page, context, baseURL }) => {
  await signInAs(context, "clerk", baseURL!);
  const title = await follow(await home(page, "/village"), /^答复村民质询：集体土地租金收入/);
  await expect(page).toHaveURL(/\/village\/questions#question-\d+$/);
  const thread = page.locator("article").filter({ hasText: "集体土地租金收入一栏没有写明承租人和租期" });
  await expect(thread).toContainText("待答复");
  await waitForHydration(page);
  await thread.getByLabel("答复内容").fill("承租人为本村村民林某，租期 2024 年 1 月至 2026 年 12 月，租赁合同可到村委会查阅。");
  await thread.getByRole("button", { name: "答复并公开" }).click();
  await expect(page.getByText("答复已公开在公开事项页面上")).toBeVisible();
  await gone(page, "/village", title);
});

test("the clerk resubmits the returned posting from the to-do list; the supervision committee finds it on its list and returns it with an opinion", async ({ page, context, browser, baseURL }) => {
  await signInAs(context, "clerk", baseURL!);
  const returned = await follow(await home(page, "/village"), /^按审核意见修改后重新提交：/);
  const posting = returned.replace(/^按审核意见修改后重新提交：/, "");
  await expect(page).toHaveURL(/\/village\/postings\/\d+$/);
  await waitForHydration(page);
  await page.getByRole("button", { name: "修改完毕，重新提交监督委员会审核" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已提交村务监督委员会审核" })).toBeVisible();
  await gone(page, "/village", returned);

  const committee = await browser.newContext();
  await signInAs(committee, "supervisor", baseURL!);
  const supervisor = await committee.newPage();
  const review = await follow(await home(supervisor, "/village"), new RegExp(`^审核：${posting}$`));
  await expect(supervisor).toHaveURL(/\/village\/postings\/\d+$/);
  await waitForHydration(supervisor);
  await supervisor.getByLabel("审核意见").fill("请补充资金来源和施工单位，并附验收照片。");
  await supervisor.getByRole("button", { name: "退回修改" }).click();
  // Returned, a first version is the clerk's again: the committee is back on its list, told what happened.
  await expect(supervisor.getByText("已退回村务公开员修改，审核意见已告知。")).toBeVisible();
  await expect(supervisor.getByRole("button", { name: "退回修改" })).toHaveCount(0);
  await gone(supervisor, "/village", review);
  await committee.close();

  // Back on the clerk's list.
  await page.goto("/village");
  await expect(todoPanel(page).first().getByRole("link", { name: returned, exact: true })).toBeVisible();
});

test("the 业务主管单位's home page lists what waits for its review", async ({ page, context, baseURL }) => {
  await signInAs(context, "supervising", baseURL!);
  const panel = await home(page, "/unit");
  await expect(panel.getByRole("link", { name: /^审查成立登记申请：/ }).first()).toBeVisible();
});
