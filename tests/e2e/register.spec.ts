import type { Page } from "@playwright/test";
import { expect, signInAs, test, waitForHydration } from "./fixtures";

const listFields = ["community", "id", "name", "registeredOn", "status", "street", "type", "uscc"];

test("a resident finds an organization by part of its name and reads its record and history", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "社会组织" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("社会组织登记信息查询");
  await waitForHydration(page);

  await page.getByLabel("名称、统一社会信用代码或备案号").fill("书法");
  await page.getByLabel("类型").selectOption({ label: "社会团体" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/\/orgs\?q=%E4%B9%A6%E6%B3%95&type=social_group/);
  const results = page.getByRole("table", { name: "社会组织查询结果" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText("社会团体");

  await results.getByRole("link", { name: "鲤城区书法家协会" }).click();
  await expect(page).toHaveURL(/\/orgs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("鲤城区书法家协会");
  await expect(page.getByText("统一社会信用代码", { exact: true })).toBeVisible();
  await expect(page.getByText("业务主管单位", { exact: true })).toBeVisible();
  await expect(page.getByText("联系电话")).toHaveCount(0);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "变更记录" }) });
  await expect(history.getByRole("heading", { level: 3 })).toContainText(["成立登记"]);
  await expect(history.getByRole("row", { name: /名称/ })).toContainText("鲤城区书法家协会");
});

test("the home page search also finds organizations and leads to the register", async ({ page }) => {
  await page.goto("/?q=%E4%B9%A6%E6%B3%95");
  const found = page.getByRole("region", { name: "社会组织" });
  await expect(found.getByRole("link", { name: "鲤城区书法家协会" })).toBeVisible();
  await found.getByRole("link", { name: /在登记簿中查看全部/ }).click();
  await expect(page).toHaveURL(/\/orgs\?q=%E4%B9%A6%E6%B3%95$/);
  await expect(page.getByLabel("名称、统一社会信用代码或备案号")).toHaveValue("书法");
});

test("the open-data API answers the contract's JSON, and CSV with every matching row", async ({ request }) => {
  const list = await request.get("/api/v1/organizations?type=social_group&pageSize=5&page=2");
  expect(list.status()).toBe(200);
  expect(list.headers()["content-type"]).toContain("application/json");
  const body = (await list.json()) as { items: Array<Record<string, unknown>>; page: number; pageSize: number; total: number };
  expect(Object.keys(body).sort()).toEqual(["items", "page", "pageSize", "total"]);
  // The demo's 58 社会团体, plus any that other tests of this run registered.
  expect(body).toMatchObject({ page: 2, pageSize: 5 });
  expect(body.total).toBeGreaterThanOrEqual(58);
  expect(body.items).toHaveLength(5);
  for (const item of body.items) {
    expect(Object.keys(item).sort()).toEqual(listFields);
    expect(item).toMatchObject({ type: "social_group", uscc: expect.stringMatching(/^51[0-9A-Z]{16}$/) });
  }
  const filed = (await (await request.get("/api/v1/organizations?type=community&pageSize=1")).json()) as typeof body;
  expect(filed.items[0]).toMatchObject({ uscc: null, community: expect.stringMatching(/社区|村$/) });
  // The demo's 431, plus any that other tests of this run registered.
  const everything = (await (await request.get("/api/v1/organizations")).json()) as typeof body;
  expect(everything).toMatchObject({ page: 1, pageSize: 20 });
  expect(everything.total).toBeGreaterThanOrEqual(431);

  const one = await request.get(`/api/v1/organizations/${body.items[0]!.id}`);
  expect(one.status()).toBe(200);
  const record = (await one.json()) as Record<string, unknown>;
  expect(record).toMatchObject({
    id: body.items[0]!.id,
    name: body.items[0]!.name,
    uscc: body.items[0]!.uscc,
    history: expect.arrayContaining([expect.objectContaining({ kind: "establishment" })]),
  });
  expect(record).not.toHaveProperty("contactPhone");
  expect(record).not.toHaveProperty("usccAcceptedReason");
  // Published annual-inspection conclusions, in the contract's shape.
  for (const inspection of record.inspections as Array<Record<string, unknown>>) {
    expect(Object.keys(inspection).sort()).toEqual(["conclusion", "publishedOn", "year"]);
    expect(["pass", "basic_pass", "fail"]).toContain(inspection.conclusion);
    expect(inspection.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }

  const json = (await (await request.get("/api/v1/organizations?type=private_non_enterprise")).json()) as typeof body;
  const csv = await request.get("/api/v1/organizations?type=private_non_enterprise&format=csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="organizations-\d{4}-\d{2}-\d{2}\.csv"$/);
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,name,uscc,type,status,registeredOn,street,community");
  expect(lines.length - 1).toBe(json.total);
  expect(json.total).toBeGreaterThan(json.pageSize);
  expect(lines[1]).toContain("private_non_enterprise");
});

test("the open-data API refuses bad parameters with 400 and unknown ids with 404, in Chinese JSON", async ({ request }) => {
  const bad: Array<[string, RegExp]> = [
    ["type=club", /参数 type 应为/],
    ["status=closed", /参数 status 应为/],
    ["page=0", /参数 page 应为/],
    ["page=abc", /参数 page 应为/],
    ["pageSize=101", /参数 pageSize 不能超过 100/],
    ["street=kaiyuan", /参数 street 应为/],
    ["format=xml", /参数 format 应为 json 或 csv/],
  ];
  for (const [query, message] of bad) {
    const response = await request.get(`/api/v1/organizations?${query}`);
    expect(response.status(), query).toBe(400);
    expect(response.headers()["content-type"], query).toContain("application/json");
    expect(await response.json(), query).toEqual({ error: { code: "invalid_parameter", message: expect.stringMatching(message) } });
  }
  for (const id of ["999999", "abc", "0", "99999999999"]) {
    const response = await request.get(`/api/v1/organizations/${id}`);
    expect(response.status(), id).toBe(404);
    expect(await response.json(), id).toEqual({ error: { code: "not_found", message: "登记簿中没有该社会组织。" } });
  }
});

/** From an organization's record, its correction page (an exceptional action, on a page of its own). */
async function openCorrection(page: Page, name: string) {
  await page.getByRole("link", { name: "更正登记信息" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`更正登记信息：${name}`);
  await expect(page).toHaveURL(/\/officer\/orgs\/\d+\/correct$/);
  await waitForHydration(page);
}

test("an officer corrects a record with a reason, and the public history shows it", async ({ page, context, baseURL, browser }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/orgs?q=%E5%9B%B4%E6%A3%8B");
  await page.getByRole("table", { name: "登记簿查询结果" }).getByRole("link", { name: "鲤城区围棋协会" }).click();
  await expect(page).toHaveURL(/\/officer\/orgs\/\d+$/);
  const id = Number(/\/officer\/orgs\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("鲤城区围棋协会");
  await openCorrection(page, "鲤城区围棋协会");

  const address = page.getByLabel("住所");
  const before = await address.inputValue();
  const after = `泉州市鲤城区温陵北路 ${Date.now() % 1000} 号`;
  const uscc = page.getByLabel("统一社会信用代码");
  const code = await uscc.inputValue();

  // A wrong code and no reason: each problem beside its field, what was typed kept.
  await address.fill(after);
  await uscc.fill(code.slice(0, 17));
  await page.getByRole("button", { name: "保存更正" }).click();
  const reason = page.getByLabel("更正原因");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/请填写更正原因/);
  await expect(address).toHaveValue(after);
  await reason.fill("依据登记档案原件，更正住所的录入错误");
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(uscc).toHaveAttribute("aria-invalid", "true");
  await expect(uscc).toHaveAccessibleDescription(/统一社会信用代码应为 18 位，当前为 17 位/);
  await expect(address).toHaveValue(after);
  await expect(reason).toHaveValue("依据登记档案原件，更正住所的录入错误");

  await uscc.fill(code);
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByRole("status")).toContainText("更正已保存");
  await expect(page).toHaveURL(new RegExp(`/officer/orgs/${id}$`));
  await expect(page.getByText("经办：陈登记（区民政局）").first()).toBeVisible();

  // A resident, not signed in, sees the correction in the public history.
  const resident = await browser.newContext();
  const publicPage = await resident.newPage();
  await publicPage.goto(`/orgs/${id}`);
  const latest = publicPage.getByRole("listitem").filter({ has: publicPage.getByRole("heading", { name: /登记信息更正/ }) });
  await expect(latest).toContainText("原因：依据登记档案原件，更正住所的录入错误");
  const row = latest.getByRole("row", { name: /住所/ });
  await expect(row).toContainText(before);
  await expect(row).toContainText(after);
  await expect(latest).not.toContainText("陈登记");
  await resident.close();
});

test("an officer moves a record to a community of another street: the list follows the chosen street and what was typed stays", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/orgs?q=%E5%9B%B4%E6%A3%8B");
  await page.getByRole("table", { name: "登记簿查询结果" }).getByRole("link", { name: "鲤城区围棋协会" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("鲤城区围棋协会");
  await openCorrection(page, "鲤城区围棋协会");
  const street = page.getByLabel("所属街道（镇）");
  const place = page.getByLabel("所属社区（村）");
  const home = { street: await street.inputValue(), place: await place.inputValue() };
  // Only the record's own street's communities are on the page (at most 21 with the blank), not the district's 97.
  const ownList = await place.locator("option").allTextContents();
  expect(ownList.length).toBeLessThan(30);

  const reason = page.getByLabel("更正原因");
  await reason.fill("依据登记档案原件，更正所属社区");
  const other = home.street === (await street.locator("option", { hasText: "浮桥街道" }).getAttribute("value")) ? "临江街道" : "浮桥街道";
  const community = other === "浮桥街道" ? "王宫社区" : "水门社区";

  // Meanwhile another officer saves a correction of the same record.
  const colleague = await context.newPage();
  await colleague.goto(page.url());
  await waitForHydration(colleague);
  await colleague.getByLabel("住所").fill(`泉州市鲤城区温陵北路 ${(Date.now() % 1000) + 1000} 号`);
  await colleague.getByLabel("更正原因").fill("依据登记档案原件，更正住所");
  await colleague.getByRole("button", { name: "保存更正" }).click();
  await expect(colleague.getByRole("status")).toContainText("更正已保存");
  await colleague.close();

  await street.selectOption({ label: other });
  await expect(place.locator("option", { hasText: community })).toHaveCount(1);
  await expect(reason).toHaveValue("依据登记档案原件，更正所属社区");
  await place.selectOption({ label: community });
  // Listing another street's communities did not quietly move the form onto the newer version.
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByText("该记录已被其他人修改，您的更正未保存")).toBeVisible();
  await page.reload();
  await waitForHydration(page);
  await page.getByLabel("更正原因").fill("依据登记档案原件，更正所属社区");
  await page.getByLabel("所属街道（镇）").selectOption({ label: other });
  await expect(page.getByLabel("所属社区（村）").locator("option", { hasText: community })).toHaveCount(1);
  await page.getByLabel("所属社区（村）").selectOption({ label: community });
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByRole("status")).toContainText("更正已保存");
  const latest = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /登记信息更正/ }) }).first();
  await expect(latest.getByRole("row", { name: /所属社区/ })).toContainText(community);
  // The record's street is now the chosen one, and the form lists its communities.
  await openCorrection(page, "鲤城区围棋协会");
  await expect(page.getByLabel("所属街道（镇）").locator("option:checked")).toHaveText(other);
  await expect(page.getByLabel("所属社区（村）").locator("option:checked")).toHaveText(community);

  // Back where it was, so other tests find the demo as seeded.
  await waitForHydration(page);
  await page.getByLabel("所属街道（镇）").selectOption(home.street);
  await expect(page.getByLabel("所属社区（村）").locator("option", { hasText: community })).toHaveCount(0);
  await page.getByLabel("所属社区（村）").selectOption(home.place);
  await page.getByLabel("更正原因").fill("恢复原所属社区");
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByRole("status")).toContainText("更正已保存");
  await openCorrection(page, "鲤城区围棋协会");
  await expect(page.getByLabel("所属社区（村）")).toHaveValue(home.place);
});

test("without JavaScript, the street's button lists another street's communities", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "officer", baseURL!);
  const page = await context.newPage();
  await page.goto("/officer/orgs?q=%E5%9B%B4%E6%A3%8B");
  await page.getByRole("table", { name: "登记簿查询结果" }).getByRole("link", { name: "鲤城区围棋协会" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("鲤城区围棋协会");
  await page.getByRole("link", { name: "更正登记信息" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("更正登记信息：鲤城区围棋协会");
  await page.getByLabel("所属街道（镇）").selectOption({ label: "汝湖镇" });
  await page.getByRole("button", { name: "列出社区（村）" }).click();
  await expect(page.getByLabel("所属街道（镇）").locator("option:checked")).toHaveText("汝湖镇");
  const villages = await page.getByLabel("所属社区（村）").locator("option").allTextContents();
  expect(villages.filter((name) => name.endsWith("村")).length).toBeGreaterThan(3);
  expect(villages.some((name) => name.endsWith("社区"))).toBe(false);
  await context.close();
});
