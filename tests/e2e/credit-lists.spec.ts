import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";
import { clickAndConfirm } from "./confirming";
import type { Page } from "@playwright/test";
import { shanghaiDate } from "../../app/domain/shared/time";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Records a decision on the organization's penalty form, from its record page, and returns its number. */
async function recordPenalty(page: Page, name: string, kind: "警告" | "罚款", amount?: string): Promise<string> {
  await page.getByRole("link", { name: "记录行政处罚" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `记录行政处罚：${name}` })).toBeVisible();
  await waitForHydration(page);
  const number = `鲤民罚决字〔${shanghaiDate(new Date()).slice(0, 4)}〕${Date.now() % 100_000}号`;
  await page.getByLabel("处罚种类").selectOption({ label: kind });
  if (amount) await page.getByLabel("金额（元）").fill(amount);
  await page.getByLabel("违法事实").fill("超出章程规定的宗旨和业务范围开展活动，经责令改正仍未改正。");
  await page.getByLabel("处罚依据").fill("《社会团体登记管理条例》第三十条第一款第（三）项");
  await page.getByLabel("决定书文号").fill(number);
  await page.getByLabel("决定日期").fill(shanghaiDate(new Date()));
  await page.getByLabel("行政处罚决定书").setInputFiles({ name: "决定书.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "录入处罚决定" }).click();
  await expect(page.getByText("行政处罚决定已录入并公示，已记入审计日志。")).toBeVisible();
  const section = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "行政处罚" }) });
  await expect(section).toContainText(number);
  return number;
}

/** Ticks the organization's proposal on 列入建议 and confirms it, listed today. */
async function confirmProposal(page: Page, name: string, label: string) {
  await page.goto("/officer/credit");
  await expect(page.getByRole("heading", { level: 1, name: "列入建议" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: `选择：${name}，${label}` }).check();
  await expect(page.getByLabel("列入日期")).toHaveValue(shanghaiDate(new Date()));
  await clickAndConfirm(page.getByRole("button", { name: "确认列入所选 1 条" }));
  await expect(page.getByText(/^已列入 1 条/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `选择：${name}，${label}` })).toHaveCount(0);
}

test("the district officer lists a social group on the 活动异常名录 for a warning, then on the 严重违法失信名单 for a large fine; both show in the public lists and on its public record", async ({ page, context, baseURL, browser }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/orgs?type=social_group&status=normal");
  const link = page.getByRole("table").getByRole("link").nth(7);
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const organizationId = page.url().match(/\/officer\/orgs\/(\d+)/)![1];

  // A warning proposes the 活动异常名录.
  const warning = await recordPenalty(page, name, "警告");
  const penalties = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "行政处罚" }) });
  await expect(penalties).toContainText("可列入活动异常名录");
  await page.goto("/officer/credit");
  await expect(page.getByRole("heading", { level: 1, name: "列入建议" })).toBeVisible();
  const proposal = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText("活动异常名录");
  await expect(proposal).toContainText("第十条第五项");
  await expect(proposal).toContainText(warning);
  expect(await seriousViolations(page)).toEqual([]);
  await confirmProposal(page, name, "受到警告或者不满 5 万元罚款处罚");

  await page.goto("/officer/abnormal");
  await expect(page.getByRole("heading", { level: 1, name: "活动异常名录" })).toBeVisible();
  const abnormalRow = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(abnormalRow).toHaveCount(1);
  await expect(abnormalRow).toContainText("受到警告或者不满 5 万元罚款处罚");
  await expect(abnormalRow).toContainText(warning);

  // Anyone finds it on the public 活动异常名录.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/credit/abnormal");
  await expect(visitor.getByRole("heading", { level: 1, name: "活动异常名录" })).toBeVisible();
  await visitor.getByLabel("组织名称或统一社会信用代码").fill(name);
  await visitor.getByRole("button", { name: "查询" }).click();
  const publicAbnormal = visitor.getByRole("table").getByRole("row").filter({ has: visitor.getByRole("link", { name }) });
  await expect(publicAbnormal).toHaveCount(1);
  await expect(publicAbnormal).toContainText("受到警告或者不满 5 万元罚款处罚");
  await expect(publicAbnormal).toContainText("第十条第五项");
  await expect(publicAbnormal).toContainText("在列");

  // A fine of 50,000 yuan or more proposes the 严重违法失信名单.
  await page.goto(`/officer/orgs/${organizationId}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const fine = await recordPenalty(page, name, "罚款", "60000");
  await expect(penalties).toContainText("60,000 元");
  await expect(penalties).toContainText("可列入严重违法失信名单");
  await page.goto("/officer/credit");
  await expect(page.getByRole("heading", { level: 1, name: "列入建议" })).toBeVisible();
  const seriousProposal = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(seriousProposal).toHaveCount(1);
  await expect(seriousProposal).toContainText("严重违法失信名单");
  await expect(seriousProposal).toContainText("受到 5 万元以上罚款处罚");
  await expect(seriousProposal).toContainText("第十七条第四项");
  await expect(seriousProposal).toContainText(fine);
  await confirmProposal(page, name, "受到 5 万元以上罚款处罚");

  await page.goto("/officer/serious");
  await expect(page.getByRole("heading", { level: 1, name: "严重违法失信名单" })).toBeVisible();
  const seriousRow = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(seriousRow).toHaveCount(1);
  await expect(seriousRow).toContainText("受到 5 万元以上罚款处罚");

  // The officer's record shows both listings, with the way to its credit page.
  await page.goto(`/officer/orgs/${organizationId}`);
  const officerPanel = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "活动异常名录和严重违法失信名单" }) });
  await expect(officerPanel).toContainText("列入严重违法失信名单");
  await expect(officerPanel).toContainText("列入活动异常名录");
  await expect(officerPanel.getByRole("link")).toHaveAttribute("href", `/officer/orgs/${organizationId}/credit`);

  await visitor.goto("/credit/serious");
  await expect(visitor.getByRole("heading", { level: 1, name: "严重违法失信名单" })).toBeVisible();
  await visitor.getByLabel("组织名称或统一社会信用代码").fill(name);
  await visitor.getByRole("button", { name: "查询" }).click();
  const publicSerious = visitor.getByRole("table").getByRole("row").filter({ has: visitor.getByRole("link", { name }) });
  await expect(publicSerious).toHaveCount(1);
  await expect(publicSerious).toContainText("受到 5 万元以上罚款处罚");
  await expect(publicSerious).toContainText("第十七条第四项");
  await expect(publicSerious).toContainText(fine);

  // The public record shows both listings, the serious one first when listed the same day.
  await publicSerious.getByRole("link", { name }).click();
  await expect(visitor.getByRole("heading", { level: 1, name })).toBeVisible();
  const publicPanel = visitor.locator("section").filter({ has: visitor.getByRole("heading", { level: 2, name: "活动异常名录和严重违法失信名单" }) });
  const listings = publicPanel.getByRole("listitem");
  await expect(listings).toHaveCount(2);
  await expect(listings.nth(0)).toContainText("列入严重违法失信名单");
  await expect(listings.nth(0)).toContainText("第十七条第四项");
  await expect(listings.nth(0)).toContainText(fine);
  await expect(listings.nth(1)).toContainText("列入活动异常名录");
  await expect(listings.nth(1)).toContainText("第十条第五项");
  await expect(listings.nth(1)).toContainText(warning);
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitorContext.close();
});
