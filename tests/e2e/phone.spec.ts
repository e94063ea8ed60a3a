import type { Page } from "@playwright/test";
import { expect, seriousViolations, test, waitForHydration } from "./fixtures";

/**
 * Every public page on a phone (390×844): the page itself never scrolls sideways, and nothing is
 * wider than the screen unless it sits in a labelled scroll container (a wide table of figures).
 * The pages' ids and codes come from the demo data's own links, not from this file.
 */
test.use({ viewport: { width: 390, height: 844 } });

/** Elements reaching past the right edge of the screen outside a labelled, scrollable region. */
async function overflowing(page: Page) {
  return page.evaluate(() => {
    const inScrollArea = (element: Element) => {
      for (let a = element.parentElement; a; a = a.parentElement) {
        if (a.getAttribute("role") === "region" && a.getAttribute("aria-label") && /auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    const found: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > window.innerWidth + 1 && !inScrollArea(element)) {
        found.push(`${element.tagName.toLowerCase()} “${(element.textContent ?? "").trim().slice(0, 30)}” right=${Math.round(box.right)}`);
      }
    }
    return { pageWidth: document.scrollingElement!.scrollWidth, screen: window.innerWidth, found };
  });
}

async function expectFits(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response!.status(), path).toBe(200);
  await expect(page.locator("main h1")).toBeVisible();
  const result = await overflowing(page);
  expect(result.found, `${path}: wider than the screen outside a scroll area`).toEqual([]);
  expect(result.pageWidth, `${path}: the page scrolls sideways`).toBeLessThanOrEqual(result.screen);
}

/** The hrefs of the links on the page that match, in page order, without repeats. */
async function hrefs(page: Page, pattern: RegExp): Promise<string[]> {
  const all = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(all.filter((href) => pattern.test(href)))];
}

const ledgerCaption = /^(收支明细|资产负债)$/;

/** The newest published finance posting that has a table of income and spending (or assets and liabilities). */
async function financePostingWithTable(page: Page): Promise<string> {
  await page.goto("/postings?category=finance");
  for (const posting of (await hrefs(page, /^\/postings\/\d+$/)).slice(0, 5)) {
    await page.goto(posting);
    await expect(page.locator("main h1")).toBeVisible();
    if (await page.getByRole("table", { name: ledgerCaption }).count()) return posting;
  }
  throw new Error("no finance posting with a table among the newest five");
}

test("the home page, a street's page and a village's page fit a phone, the village's 一居多会 in plain figures", async ({ page }) => {
  await expectFits(page, "/");
  const [place] = await hrefs(page, /^\/places\/\d+$/);
  expect(place).toBeTruthy();
  await expectFits(page, place!);
  const [village] = await hrefs(page, /^\/villages\/\d+$/);
  expect(village).toBeTruthy();
  await expectFits(page, village!);
  const panel = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "社区社会组织" }) });
  await expect(panel).toContainText(/已有 \d+ 个，目标 \d+ 个/);
  await expect(panel).not.toContainText("未达标");
});

test("the register search reads as cards on a phone: each name on one or two lines, every record fits", async ({ page }) => {
  await expectFits(page, "/orgs?q=%E8%80%81%E5%B9%B4");
  const names = page.getByRole("table", { name: "社会组织查询结果" }).getByRole("rowheader").getByRole("link");
  await expect(names.first()).toBeVisible();
  // A name one character wide would run down the card in as many lines as it has characters.
  const lines = await names.evaluateAll((links) => links.map((a) => ({ name: a.textContent, lines: a.getClientRects().length })));
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const name of lines) expect(name.lines, name.name ?? "").toBeLessThanOrEqual(2);

  const records = await hrefs(page, /^\/orgs\/\d+$/);
  expect(records.length).toBe(lines.length);
  let withReports = 0;
  for (const record of records) {
    await expectFits(page, record);
    if (await page.getByRole("region", { name: /历年年度工作报告财务情况.*（可左右滑动）/ }).count()) withReports += 1;
  }
  // A registered association among them files annual reports: their figures scroll in a labelled area.
  expect(withReports).toBeGreaterThan(0);
});

test("a finance posting shows every amount on a phone: items as cards with 收入 and 支出 labelled, and the totals", async ({ page }) => {
  await expectFits(page, "/postings");
  const posting = await financePostingWithTable(page);
  await expectFits(page, posting);
  const table = page.getByRole("table", { name: ledgerCaption });
  await expect(table).toBeVisible();
  const amounts = await table.locator("td[data-label$='（元）']").evaluateAll((cells) =>
    cells
      .filter((cell) => (cell.textContent ?? "").trim() !== "")
      .map((cell) => {
        const box = cell.getBoundingClientRect();
        const shown = getComputedStyle(cell).display !== "none" && box.width > 0 && box.height > 0;
        const label = getComputedStyle(cell, "::before").content;
        const total = cell.closest("tfoot") !== null;
        return { label: cell.getAttribute("data-label"), text: cell.textContent, total, shown, left: box.left, right: box.right, before: label };
      }),
  );
  // Both sides of the ledger in the totals, and the items' own amounts (a posting another test
  // published may hold a single item, so the items are not counted per side).
  expect(new Set(amounts.filter((a) => a.total).map((a) => a.label)).size).toBeGreaterThanOrEqual(2);
  expect(amounts.filter((a) => !a.total).length).toBeGreaterThanOrEqual(1);
  for (const amount of amounts) {
    expect(amount.shown, `${amount.label} ${amount.text}`).toBe(true);
    expect(amount.left, `${amount.label} ${amount.text}`).toBeGreaterThanOrEqual(0);
    expect(amount.right, `${amount.label} ${amount.text}`).toBeLessThanOrEqual(390);
    // The figure reads with its label (收入（元） 36,044.84), not alone.
    expect(amount.before).toBe(`"${amount.label}"`);
  }
  await expect(table.getByRole("row", { name: /合计/ })).toBeVisible();
});

test("the statistics table scrolls in its own labelled area with its year column held in place and a cue", async ({ page }) => {
  await expectFits(page, "/stats");
  await waitForHydration(page);
  const area = page.getByRole("region", { name: /各年度年检参检与结论.*（可左右滑动）/ });
  await expect(area).toBeVisible();
  const wider = await area.evaluate((element) => element.scrollWidth > element.clientWidth);
  expect(wider).toBe(true);
  await expect(page.getByText("左右滑动查看更多列")).toBeVisible();
  // Scrolled to the far right, each row still shows its year at the left edge of the area.
  await area.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  const areaBox = (await area.boundingBox())!;
  const year = area.getByRole("rowheader").first();
  await expect(year).toHaveText(/\d{4} 年度/);
  await expect.poll(async () => Math.round((await year.boundingBox())!.x - areaBox.x)).toBeLessThanOrEqual(1);
  // And the last column has come into the area.
  const last = (await area.getByRole("columnheader", { name: "不合格" }).boundingBox())!;
  expect(last.x).toBeGreaterThan(areaBox.x);
  expect(last.x + last.width).toBeLessThanOrEqual(areaBox.x + areaBox.width + 1);
});

test("the credit lists and the spot checks fit a phone", async ({ page }) => {
  await expectFits(page, "/credit/abnormal");
  await expectFits(page, "/credit/serious");
  await expectFits(page, "/credit/checks");
  const [plan] = await hrefs(page, /^\/credit\/checks\/\d+$/);
  expect(plan).toBeTruthy();
  await expectFits(page, plan!);
});

for (const path of ["/orgs?q=%E8%80%81%E5%B9%B4", "/stats", "/credit/abnormal"]) {
  test(`${decodeURIComponent(path)} at 390 px has no serious accessibility problems`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("a finance posting at 390 px has no serious accessibility problems", async ({ page }) => {
  await page.goto(await financePostingWithTable(page));
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);
});
