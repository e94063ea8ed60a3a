import { writeXlsx } from "../../app/domain/shared/spreadsheet.server";
import { composeUscc } from "../../app/domain/organizations/uscc";
import { allowErrorStatus, expect, signInAs, test, waitForHydration, type DemoUser, seriousViolations } from "./fixtures";

/** Pages checked with axe, anonymous unless a user is named; only serious and critical findings fail. */
const pages: Array<{ path: string; user?: DemoUser; status?: number; name: string }> = [
  { name: "home", path: "/" },
  { name: "home with a search", path: "/?q=%E6%B0%B4%E9%97%A8" },
  { name: "login", path: "/login" },
  { name: "street page", path: "/places/350502001000" },
  { name: "village page", path: "/villages/350502100201" },
  { name: "public register", path: "/orgs" },
  { name: "public statistics", path: "/stats" },
  { name: "public register with a search", path: "/orgs?q=%E4%BD%93%E8%82%B2&status=normal" },
  { name: "public record", path: "/orgs/1" },
  { name: "404 page", path: "/no-such-page", status: 404 },
  { name: "403 page", path: "/officer", user: "assoc", status: 403 },
  { name: "officer dashboard", path: "/officer", user: "officer" },
  { name: "audit log", path: "/officer/audit", user: "officer" },
  { name: "officers' register", path: "/officer/orgs", user: "officer" },
  { name: "officers' record", path: "/officer/orgs/1", user: "officer" },
  { name: "the correction form of a record", path: "/officer/orgs/1/correct", user: "officer" },
  { name: "officers' register for a street officer", path: "/officer/orgs?street=350502001000", user: "street" },
  { name: "account list", path: "/officer/users", user: "admin" },
  { name: "new account form", path: "/officer/users/new", user: "admin" },
  { name: "account page", path: "/officer/users/1", user: "admin" },
  { name: "application queue", path: "/officer/applications", user: "officer" },
  { name: "application decision page", path: "/officer/applications/4", user: "officer" },
  { name: "a street officer's filing in progress", path: "/officer/applications/15", user: "street" },
  { name: "own organization", path: "/org", user: "assoc" },
  { name: "village workbench", path: "/village", user: "clerk" },
  { name: "village postings list", path: "/village/postings", user: "clerk" },
  { name: "new posting form", path: "/village/postings/new", user: "clerk" },
  { name: "a clerk's draft with its table", path: "/village/postings/1", user: "clerk" },
  { name: "a posting awaiting review", path: "/village/postings/2", user: "supervisor" },
  { name: "public postings", path: "/postings" },
  { name: "a published posting (demo: 大良村's first finance month)", path: "/postings/4" },
  { name: "its print view", path: "/postings/4/print" },
  { name: "public postings filtered", path: "/postings?category=finance&village=350502100201" },
  { name: "posting compliance for officers", path: "/officer/postings", user: "officer" },
  { name: "villagers' questions for the clerk (all of them)", path: "/village/questions?state=all", user: "clerk" },
  { name: "villagers' questions for the supervision committee", path: "/village/questions", user: "supervisor" },
  { name: "overdue questions for officers", path: "/officer/questions", user: "officer" },
  { name: "party coverage", path: "/officer/party", user: "officer" },
  { name: "statistics report", path: "/officer/reports", user: "officer" },
  { name: "an organization's record with its party section", path: "/officer/orgs/1#party", user: "officer" },
  { name: "a village's committees for officers", path: "/officer/communities/350502100201", user: "officer" },
  { name: "a community's committee and joint meetings", path: "/officer/communities/350502001001", user: "street" },
  { name: "data import", path: "/officer/import", user: "officer" },
  { name: "change password", path: "/account/password", user: "street" },
  { name: "account security", path: "/account/security", user: "street" },
  { name: "reminders", path: "/account/reminders", user: "officer" },
  { name: "public holidays", path: "/officer/holidays", user: "officer" },
  { name: "re-verify", path: "/account/verify?redirectTo=%2Fofficer", user: "officer" },
  { name: "second-factor requirement", path: "/officer/security", user: "admin" },
];


for (const entry of pages) {
  test(`${entry.name} (${entry.path}${entry.user ? ` as ${entry.user}` : ""}) has no serious accessibility problems`, async ({ pageAs }) => {
    const page = await pageAs(entry.user);
    if (entry.status) allowErrorStatus(entry.status, entry.path);
    const response = await page.goto(entry.path);
    expect(response!.status()).toBe(entry.status ?? 200);
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

// Every scan above passes only if the scan can fail: the same scan finds problems put into a page.
test("the scan reports a button without a name and an image without alt text", async ({ page }) => {
  await page.goto("/orgs");
  await waitForHydration(page);
  await page.locator("main").evaluate((main) => main.insertAdjacentHTML("beforeend", '<button type="button"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'));
  const rules = (await seriousViolations(page)).map((v) => v.rule);
  expect(rules).toEqual(expect.arrayContaining(["button-name", "image-alt"]));
});

test("the new account form with its errors showing has no serious accessibility problems", async ({ page, context, baseURL }) => {
  await signInAs(context, "admin", baseURL!);
  await page.goto("/officer/users/new");
  await waitForHydration(page);
  await page.getByLabel("用户名").fill("A");
  await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
  await page.getByLabel("初始密码").fill("abc");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByLabel("用户名")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
});

test("the correction form with its errors showing has no serious accessibility problems", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/orgs/1/correct");
  await waitForHydration(page);
  await page.getByLabel("统一社会信用代码").fill("51350502");
  await page.getByLabel("接受未通过校验的代码").check();
  await page.getByLabel("更正原因").fill("核对档案");
  await page.getByRole("button", { name: "保存更正" }).click();
  await expect(page.getByLabel("统一社会信用代码")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("统一社会信用代码")).toHaveAccessibleDescription(/应为 18 位/);
  expect(await seriousViolations(page)).toEqual([]);
});

test("an import's problems, its preview and its result have no serious accessibility problems", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  // Registered today, so no other spec's period or inspection year counts it.
  const today = new Date().toISOString().slice(0, 10);
  const run = String(Date.now()).slice(-7);
  const upload = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await page.goto("/officer/import");
    await waitForHydration(page);
    await page.getByLabel("表格文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page).toHaveURL(/\/officer\/import\/\d+$/);
    await waitForHydration(page);
  };
  await upload({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(`名称,类型,登记日期\r\n无障碍${run}协会,协会,2024-02-30\r\n`) });
  await expect(page.getByRole("table", { name: /每个问题所在的行和列/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const xlsx = await writeXlsx([
    { name: "Sheet1", columns: ["名称", "类型", "统一社会信用代码", "登记日期"].map((header) => ({ header })), rows: [[`无障碍${run}协会`, "社会团体", composeUscc("1", "350502", `A${run}`), today]] },
  ]);
  await upload({ name: "good.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(xlsx) });
  await expect(page.getByRole("button", { name: "确认导入 1 条" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "确认导入 1 条" }).click();
  await expect(page.getByText("导入完成：已导入 1 条社会组织")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
