import type { Page } from "@playwright/test";
import { expect, signInAs, test, uniqueUsername, verifyRecently, waitForHydration } from "./fixtures";

const demoUsernames = ["admin", "officer", "street", "assoc", "clerk", "supervisor"];

/** Fills the new-account form for a street officer of 开元街道 and submits it; returns the new account's id. */
async function createStreetOfficer(page: Page, username: string, password: string): Promise<number> {
  await page.goto("/officer/users/new");
  await waitForHydration(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("测试街道人员");
  await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
  await page.getByLabel("所辖街道（镇）").selectOption({ label: "开元街道" });
  await page.getByLabel("初始密码").fill(password);
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page).toHaveURL(/\/officer\/users\/\d+$/);
  await expect(page.getByRole("status")).toContainText("账号已创建");
  return Number(/\/officer\/users\/(\d+)/.exec(page.url())![1]);
}

test("the admin creates a street officer, fixes bad input, disables the account, and the audit log shows it", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "admin", baseURL!);
  // Creating an account wants the password given within 10 minutes (the run's sessions are older).
  await verifyRecently(request, "admin");
  await page.goto("/officer/users");
  await expect(page.getByRole("heading", { level: 1, name: "账号管理" })).toBeVisible();
  for (const username of demoUsernames) {
    await expect(page.getByRole("link", { name: username, exact: true })).toBeVisible();
  }

  await page.getByRole("link", { name: "新建账号" }).click();
  await expect(page).toHaveURL(/\/officer\/users\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "新建账号" })).toBeVisible();
  await waitForHydration(page);

  // Bad input: too short a username, a weak password, a street officer without a street.
  await page.getByLabel("用户名").fill("A");
  await page.getByLabel("姓名").fill("测试人员");
  await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
  await page.getByLabel("初始密码").fill("abc");
  await page.getByRole("button", { name: "创建账号" }).click();

  const username = page.getByLabel("用户名");
  const password = page.getByLabel("初始密码");
  const street = page.getByLabel("所辖街道（镇）");
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription(/用户名为 3-32 位小写字母、数字/);
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/密码至少需要 12 个字符/);
  await expect(password).toHaveAccessibleDescription(/至少三类/);
  // The missing street is reported together with the other problems.
  await expect(street).toHaveAttribute("aria-invalid", "true");
  await expect(street).toHaveAccessibleDescription(/街道（镇）工作人员须指定所辖街道或镇/);
  await expect(page).toHaveURL(/\/officer\/users\/new$/);
  // What was typed stays.
  await expect(username).toHaveValue("A");
  await expect(page.getByLabel("姓名")).toHaveValue("测试人员");
  await expect(page.getByLabel("角色")).toHaveValue("street_officer");

  // Put it right.
  const name = uniqueUsername("e2e-st");
  await username.fill(name);
  await password.fill("Kaiyuan-Street-2026");
  await street.selectOption({ label: "开元街道" });
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page).toHaveURL(/\/officer\/users\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`账号：${name}`);
  await expect(page.getByRole("status")).toContainText("账号已创建");
  const id = Number(/\/officer\/users\/(\d+)/.exec(page.url())![1]);

  // Disable it, with a reason.
  await page.getByLabel("停用账号的原因").fill("人员调岗，e2e 测试停用");
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByRole("status").filter({ hasText: "账号已停用" })).toBeVisible();
  await expect(page.getByText("已停用", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "启用账号" })).toBeVisible();

  await page.goto(`/officer/users?q=${name}`);
  const listRow = page.getByRole("row").filter({ hasText: name });
  await expect(listRow).toHaveCount(1);
  await expect(listRow).toContainText("已停用");
  await expect(listRow).toContainText("开元街道");

  await page.goto(`/officer/audit?entityType=user&entityId=${id}`);
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "创建账号" })).toHaveCount(1);
  const disabled = rows.filter({ hasText: "停用账号" });
  await expect(disabled).toHaveCount(1);
  await expect(disabled).toContainText("人员调岗，e2e 测试停用");
  await expect(disabled).toContainText("admin");
});

test("a new account's user must set their own password at first sign-in", async ({ page, context, baseURL, browser, request }) => {
  // Four argon2id hashes and two sign-ins: more than the default on a busy machine.
  test.setTimeout(60_000);
  const name = uniqueUsername("e2e-pw");
  const initial = "Initial-Pass-2026";
  await signInAs(context, "admin", baseURL!);
  await verifyRecently(request, "admin");
  const id = await createStreetOfficer(page, name, initial);

  const userContext = await browser.newContext({ baseURL });
  const user = await userContext.newPage();
  try {
    await user.goto("/login");
    await user.getByLabel("用户名").fill(name);
    await user.getByLabel("密码").fill(initial);
    await user.getByRole("button", { name: "登录", exact: true }).click();
    await expect(user).toHaveURL(/\/account\/password$/);
    await expect(user.getByRole("status")).toContainText("请先设置您自己的新密码");

    // Nothing else opens until the password is changed.
    await user.goto("/officer");
    await expect(user).toHaveURL(/\/account\/password$/);
    await waitForHydration(user);

    await user.getByLabel("当前密码").fill(initial);
    await user.getByLabel(/^新密码/).fill("My-Own-Pass-2026");
    await user.getByLabel("再次输入新密码").fill("My-Own-Pass-2027");
    await user.getByRole("button", { name: "保存新密码" }).click();
    const confirm = user.getByLabel("再次输入新密码");
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(confirm).toHaveAccessibleDescription(/两次输入的新密码不一致/);

    await user.getByLabel("当前密码").fill(initial);
    await user.getByLabel(/^新密码/).fill("My-Own-Pass-2026");
    await confirm.fill("My-Own-Pass-2026");
    await user.getByRole("button", { name: "保存新密码" }).click();
    await expect(user.getByRole("status")).toContainText("密码已修改");
    await expect(user.getByText("请先设置您自己的新密码")).toHaveCount(0);

    await user.goto("/officer");
    await expect(user).toHaveURL(/\/officer$/);
    await expect(user.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();

    await page.goto(`/officer/audit?actor=${name}`);
    await expect(page.getByRole("row").filter({ hasText: "修改本人密码" })).toHaveCount(1);

    // Disabling the account ends the session it has open.
    await page.goto(`/officer/users/${id}`);
    await page.getByLabel("停用账号的原因").fill("e2e：停用后登录应失效");
    await page.getByRole("button", { name: "停用账号" }).click();
    await expect(page.getByRole("status").filter({ hasText: "账号已停用" })).toBeVisible();
    await user.goto("/officer");
    await expect(user).toHaveURL(/\/login\?redirectTo=%2Fofficer/);
  } finally {
    await userContext.close();
  }
});

test("without JavaScript the server gives the same errors beside the fields and keeps what was typed", async ({ browser, baseURL, request }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await verifyRecently(request, "admin");
  try {
    await signInAs(context, "admin", baseURL!);
    const page = await context.newPage();
    await page.goto("/officer/users/new");
    await page.getByLabel("用户名").fill("A");
    await page.getByLabel("姓名").fill("无脚本测试");
    await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
    await page.getByLabel("初始密码").fill("abc");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "创建账号" }).click(),
    ]);
    expect(answer.status()).toBe(400);
    await expect(page.getByLabel("用户名")).toHaveAccessibleDescription(/用户名为 3-32 位小写字母、数字/);
    await expect(page.getByLabel("初始密码")).toHaveAccessibleDescription(/密码至少需要 12 个字符/);
    await expect(page.getByLabel("所辖街道（镇）")).toHaveAccessibleDescription(/街道（镇）工作人员须指定所辖街道或镇/);
    await expect(page.getByLabel("用户名")).toHaveValue("A");
    await expect(page.getByLabel("姓名")).toHaveValue("无脚本测试");
    await expect(page.getByLabel("角色")).toHaveValue("street_officer");
    // The password is not sent back.
    await expect(page.getByLabel("初始密码")).toHaveValue("");
  } finally {
    await context.close();
  }
});
