import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, sessionCookieHeader, signInAs, test, waitForHydration } from "./fixtures";

/**
 * 一居多会. The demo files community organizations in nine communities (8, 7, 6, 6, 4, 3, 2, 1, 1):
 * against the default target of 6, four of the 97 communities and villages meet it.
 */
const xiangfeng = "350502001001"; // 象峰社区, 开元街道: 8 filed
const daliang = "350502100201"; // 大良村, 汝湖镇: none

/** The table of communities and villages, row by row (the header row left out). */
function communityRows(page: Page) {
  return page.getByRole("table", { name: /各社区（村）社区社会组织数量/ }).locator("tbody tr");
}

/** The public "社区社会组织" panel of a community's or village's page. */
function associationsPanel(page: Page) {
  return page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "社区社会组织" }) });
}

/** Puts the target back to the default whatever a test left behind, so other specs see the demo as it is. */
async function restoreTarget(request: APIRequestContext) {
  await request.post("/officer/communities", {
    headers: { ...sessionCookieHeader("officer"), "Sec-Fetch-Site": "same-origin" },
    form: { associationTarget: "6", reason: "浏览器测试结束，恢复默认目标" },
    maxRedirects: 0,
  });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

test("a district officer sees every street's progress and the communities that fall short first", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "一居多会" }).click();
  await expect(page).toHaveURL(/\/officer\/communities$/);
  await expect(page.getByRole("heading", { level: 1, name: "一居多会" })).toBeVisible();
  await expect(page.getByText(/每个社区（村）应有不少于 6 个社区社会组织/)).toBeVisible();
  await expect(page.getByText(/已注销、已撤销登记的不计入/).first()).toBeVisible();

  const rows = communityRows(page);
  await expect(rows).toHaveCount(97);
  await expect(rows.first()).toContainText("未达标，差 6 个");
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
  // The four that meet the target come last, after every community that falls short.
  for (const index of [93, 94, 95, 96]) await expect(rows.nth(index)).toContainText("已达标");
  await expect(rows.nth(92)).toContainText("未达标");
  await expect(rows.filter({ hasText: "象峰社区" })).toContainText("8/6");

  const kaiyuan = page.getByRole("row", { name: /^开元街道/ });
  await expect(kaiyuan).toContainText("2/14（14.3%）");
  await expect(page.getByRole("row", { name: /^汝湖镇/ })).toContainText("0/20（0%）");

  // Narrow to one street.
  await waitForHydration(page);
  await page.getByLabel("街道（镇）").selectOption({ label: "鲤中街道" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/\?street=350502002000$/);
  await expect(rows).toHaveCount(13);
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "开元街道" })).toHaveCount(0);
});

test("a street officer sees only their own street and cannot change the target", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "street", baseURL!);
  await page.goto("/officer/communities");
  await expect(page.getByText(/开元街道 · 每个社区（村）应有不少于 6 个/)).toBeVisible();
  const rows = communityRows(page);
  await expect(rows).toHaveCount(14);
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(2);
  await expect(page.getByLabel("街道（镇）")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "调整目标数" })).toHaveCount(0);

  const refused = await request.post("/officer/communities", {
    headers: { ...sessionCookieHeader("street"), "Sec-Fetch-Site": "same-origin" },
    form: { associationTarget: "3", reason: "越权尝试" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
});

test("the district officer lowers the target, sees more communities meet it, and sets it back", async ({ page, context, baseURL, request }) => {
  // Nothing in the demo has exactly 5, so 5 would change nothing: 4 lets 胜得社区 (4 filed) through.
  await signInAs(context, "officer", baseURL!);
  try {
    await page.goto("/officer/communities");
    await waitForHydration(page);
    const rows = communityRows(page);
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
    const target = page.getByLabel("新的目标数");
    const reason = page.getByLabel("调整原因");
    const save = page.getByRole("button", { name: "保存目标" });
    await expect(target).toHaveValue("6");
    await expect(page.getByText(/现行目标：每个社区（村）6 个（默认值）/)).toBeVisible();

    // Out of range and no reason: told beside each field, in Chinese.
    await target.fill("0");
    await save.click();
    await expect(target).toHaveAttribute("aria-invalid", "true");
    await expect(target).toHaveAccessibleDescription(/目标数应为 1 到 50 之间的整数/);
    await expect(reason).toHaveAccessibleDescription(/请填写调整原因/);

    await target.fill("4");
    await reason.fill("阶段性考核按 4 个执行");
    await save.click();
    await expect(page.getByRole("status")).toContainText("目标数已调整为每个社区（村）4 个");
    await expect(page.getByText(/每个社区（村）应有不少于 4 个社区社会组织/)).toBeVisible();
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(5);
    await expect(rows.filter({ hasText: "胜得社区" })).toContainText("已达标");
    await expect(page.getByText(/现行目标：每个社区（村）4 个（陈登记（区民政局）于 .+ 调整）/)).toBeVisible();

    // The public page counts against the new target too.
    await page.goto(`/villages/${daliang}`);
    await expect(page.getByText("未达标，差 4 个")).toBeVisible();

    // The audit log has the change with its reason.
    await page.goto("/officer/audit?action=setting.update");
    await expect(page.getByRole("row").filter({ hasText: "阶段性考核按 4 个执行" })).toHaveCount(1);

    // Back to 6, as other tests expect.
    await page.goto("/officer/communities");
    await waitForHydration(page);
    await target.fill("6");
    await reason.fill("恢复本区默认目标");
    await save.click();
    await expect(page.getByRole("status")).toContainText("目标数已调整为每个社区（村）6 个");
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
  } finally {
    await restoreTarget(request);
  }
});

test("the public page of a community shows its organizations by category against the target", async ({ page }) => {
  await page.goto(`/villages/${xiangfeng}`);
  const panel = associationsPanel(page);
  await expect(panel).toContainText("已备案 8 个");
  await expect(panel).toContainText("不少于 6 个");
  await expect(panel.getByText("已达标")).toBeVisible();
  for (const [label, n] of [["文体娱乐类", "3"], ["公益慈善类", "2"], ["生活服务类", "2"], ["专业调处类", "1"]] as const) {
    await expect(panel.locator("dl > div").filter({ hasText: label })).toHaveText(`${label}${n}`);
  }
  const links = panel.getByRole("link", { name: /^象峰社区/ });
  await expect(links).toHaveCount(8);
  await expect(links.first()).toHaveAttribute("href", /^\/orgs\/\d+$/);

  await page.goto(`/villages/${daliang}`);
  const empty = associationsPanel(page);
  await expect(empty).toContainText("已备案 0 个");
  await expect(empty.getByText("未达标，差 6 个")).toBeVisible();
  await expect(empty).toContainText("暂无已备案的社区社会组织");
});

test("the 一居多会 page has no serious accessibility problems, also with the form's errors showing", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/communities");
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);

  // With the form's errors showing.
  await page.getByLabel("新的目标数").fill("99");
  await page.getByRole("button", { name: "保存目标" }).click();
  await expect(page.getByLabel("新的目标数")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
});

test("a community's public panel of organizations has no serious accessibility problems", async ({ page }) => {
  await page.goto(`/villages/${xiangfeng}`);
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);
});
