import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";
import { shanghaiDate } from "../../app/domain/shared/time";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("the district officer records a penalty decision: a fine without its amount is refused beside the field; recorded, it shows on the record and on the public page", async ({ page, context, baseURL, browser }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/orgs?type=social_group&status=normal");
  const link = page.getByRole("table").getByRole("link").nth(4);
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "行政处罚" })).toBeVisible();
  await page.getByRole("link", { name: "记录行政处罚" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `记录行政处罚：${name}` })).toBeVisible();
  await waitForHydration(page);

  const number = `鲤民罚决字〔${shanghaiDate(new Date()).slice(0, 4)}〕${Date.now() % 100_000}号`;
  await page.getByLabel("处罚种类").selectOption({ label: "罚款" });
  await page.getByLabel("违法事实").fill("超出章程规定的宗旨和业务范围开展活动，经责令改正仍未改正。");
  await page.getByLabel("处罚依据").fill("《社会团体登记管理条例》第三十条第一款第（三）项");
  await page.getByLabel("决定书文号").fill(number);
  await page.getByLabel("决定日期").fill(shanghaiDate(new Date()));
  await page.getByLabel("行政处罚决定书").setInputFiles({ name: "决定书.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "录入处罚决定" }).click();
  await expect(page.getByLabel("金额（元）")).toHaveAccessibleDescription(/罚款须写明金额/);
  // What was typed is kept; the document is chosen again.
  await expect(page.getByLabel("决定书文号")).toHaveValue(number);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("金额（元）").fill("30000");
  await page.getByLabel("行政处罚决定书").setInputFiles({ name: "决定书.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "录入处罚决定" }).click();

  await expect(page.getByText("行政处罚决定已录入并公示，已记入审计日志。")).toBeVisible();
  const section = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "行政处罚" }) });
  await expect(section).toContainText(number);
  await expect(section).toContainText("30,000 元");
  await expect(section).toContainText("可列入活动异常名录");
  await expect(section.getByRole("link", { name: "决定书.pdf" })).toBeVisible();

  // The public record shows the decision, not its document.
  const organizationId = page.url().match(/\/officer\/orgs\/(\d+)/)![1];
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/orgs/${organizationId}`);
  const publicSection = visitor.locator("section").filter({ has: visitor.getByRole("heading", { level: 2, name: "行政处罚" }) });
  await expect(publicSection).toContainText(number);
  await expect(publicSection).toContainText("罚款");
  await expect(publicSection.getByRole("link")).toHaveCount(0);
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitorContext.close();
});

test("a visitor finds the 活动异常名录 from the register, searches it and downloads it", async ({ page }) => {
  await page.goto("/orgs");
  await page.getByRole("link", { name: "活动异常名录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "活动异常名录" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toContainText("在列");
  const name = (await rows.nth(1).getByRole("link").textContent())!.trim();
  await page.getByLabel("组织名称或统一社会信用代码").fill(name);
  await page.getByRole("button", { name: "查询" }).click();
  // Every row left names it.
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ has: page.getByRole("link") }).filter({ hasNot: page.getByRole("link", { name }) })).toHaveCount(0);
  await expect(table.getByRole("link", { name })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const csv = await page.request.get((await page.getByRole("link", { name: "下载 CSV" }).getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(name);
});
