import type { Browser, Page } from "@playwright/test";
import { authenticatorFromSecret, codeAt } from "../setup/authenticator";
import { demoPassword, expect, signInAs, signInUnverified, test, uniqueUsername, verifyRecently, waitForHydration } from "./fixtures";

/**
 * The second factor and re-verification in the browser. Codes come from the
 * `otpauth` library reading the secret the page shows, as a phone app would.
 * Sign-ins are typed here (fresh browser contexts), so the run's cookie
 * sessions of the demo users are left alone.
 */

async function typeSignIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(demoPassword);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** A six-digit code that is none of the codes an authenticator could show now. */
function wrongCode(codes: string[]): string {
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!codes.includes(candidate)) return candidate;
  }
}

async function freshPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test("a street officer sets up an authenticator from the QR code's secret, signs out, and signs in with password and code", async ({ browser, baseURL }) => {
  const { context, page } = await freshPage(browser, baseURL!);
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  try {
    await typeSignIn(page, "street");
    await expect(page).toHaveURL(/\/officer$/);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "账号安全" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "账号安全" })).toBeVisible();
    await expect(page.getByText("未启用。")).toBeVisible();
    // Just signed in: no password asked again.
    await expect(page.getByRole("group", { name: "确认身份" })).toHaveCount(0);
    await page.getByRole("button", { name: "设置身份验证器" }).click();

    const qr = page.getByRole("img", { name: "身份验证器二维码" });
    await expect(qr).toBeVisible();
    await expect(qr.locator("svg path")).toHaveCount(1);
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^([A-Z2-7]{4} ?)+$/);
    const authenticator = authenticatorFromSecret(secret);
    await waitForHydration(page);

    // A wrong code first: said beside the field.
    const now = Date.now();
    const shown = [-30_000, 0, 30_000].map((d) => codeAt(authenticator, new Date(now + d)));
    await page.getByLabel("验证码").fill(wrongCode(shown));
    await page.getByRole("button", { name: "确认并启用" }).click();
    await expect(page.getByLabel("验证码")).toHaveAccessibleDescription(/验证码不正确/);

    await page.getByLabel("验证码").fill(codeAt(authenticator, new Date()));
    await page.getByRole("button", { name: "确认并启用" }).click();
    await expect(page.getByRole("status").filter({ hasText: "两步验证已启用" })).toBeVisible();
    const codes = page.getByRole("list", { name: "恢复码" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    await expect(codes.first()).toHaveText(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await expect(page.getByText(/已启用（自/)).toBeVisible();
    expect(cspViolations).toEqual([]);

    await page.getByRole("navigation", { name: "主导航" }).getByRole("button", { name: "退出登录" }).click();
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登录" })).toBeVisible();

    // The password alone is not enough now.
    await typeSignIn(page, "street");
    await expect(page).toHaveURL(/\/login\/code$/);
    await expect(page.getByRole("heading", { level: 1, name: "两步验证" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "cr_session" && c.value)).toBeUndefined();
    const pending = (await context.cookies()).find((c) => c.name === "cr_pending");
    expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/login" });
    // The code of the next step: the one just used for the setup is good once only.
    await page.getByLabel("验证码").fill(codeAt(authenticator, new Date(Date.now() + 30_000)));
    await page.getByRole("button", { name: "验证并登录" }).click();
    await expect(page).toHaveURL(/\/officer$/);
    await expect(page.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "cr_session" && c.value)).toBeDefined();
    expect((await context.cookies()).find((c) => c.name === "cr_pending" && c.value)).toBeUndefined();

    // Turned off again (the sign-in just now counts as a verification).
    await page.goto("/account/security");
    await page.getByRole("button", { name: "关闭两步验证" }).click();
    await expect(page.getByRole("status").filter({ hasText: "两步验证已关闭" })).toBeVisible();
    await expect(page.getByText("未启用。")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("an administrator requires the second factor for supervision-committee members; the supervisor is taken through setting it up at sign-in", async ({ page, context, baseURL, browser, request }) => {
  await signInAs(context, "admin", baseURL!);
  await verifyRecently(request, "admin");
  await page.goto("/officer/users");
  await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "登录安全" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登录安全" })).toBeVisible();
  const setRequirement = async (on: boolean, reason: string) => {
    await page.goto("/officer/security");
    const box = page.getByRole("checkbox", { name: "村务监督委员会成员" });
    if (on) await box.check();
    else await box.uncheck();
    await page.getByLabel("调整原因").fill(reason);
    await page.getByRole("button", { name: "保存要求" }).click();
  };
  const supervisor = await freshPage(browser, baseURL!);
  try {
    await setRequirement(true, "村务监督委员会成员须使用两步验证");
    await expect(page.getByRole("status")).toContainText("已要求以下角色使用两步验证登录：村务监督委员会成员");

    const user = supervisor.page;
    await typeSignIn(user, "supervisor");
    await expect(user).toHaveURL(/\/login\/enrol$/);
    await expect(user.getByRole("heading", { level: 1, name: "设置两步验证" })).toBeVisible();
    await expect(user.getByText(/系统管理员要求您的角色使用两步验证登录/)).toBeVisible();
    // No session yet: the village area is closed.
    expect((await supervisor.context.cookies()).find((c) => c.name === "cr_session" && c.value)).toBeUndefined();
    await expect(user.getByRole("img", { name: "身份验证器二维码" })).toBeVisible();
    const authenticator = authenticatorFromSecret((await user.getByTestId("totp-secret").textContent())!);
    await user.getByLabel("验证码").fill(codeAt(authenticator, new Date()));
    await user.getByRole("button", { name: "确认并登录" }).click();
    await expect(user.getByRole("heading", { level: 1, name: "两步验证已启用" })).toBeVisible();
    await expect(user.getByRole("list", { name: "恢复码" }).getByRole("listitem")).toHaveCount(10);
    await user.getByRole("link", { name: "我已保存恢复码，继续" }).click();
    await expect(user).toHaveURL(/\/village$/);
    await expect(user.getByRole("heading", { level: 1, name: "大良村村务公开工作台" })).toBeVisible();

    // The administrator sees the setting in the audit log.
    await page.goto("/officer/audit?action=setting.update");
    await expect(page.getByRole("row").filter({ hasText: "村务监督委员会成员须使用两步验证" })).toHaveCount(1);
  } finally {
    // The supervisor turns the factor off in the new session (the demo's own session stays), and the requirement goes.
    await supervisor.page.goto("/account/security");
    if (await supervisor.page.getByRole("button", { name: "关闭两步验证" }).count()) {
      await supervisor.page.getByRole("button", { name: "关闭两步验证" }).click();
      await expect(supervisor.page.getByRole("status").filter({ hasText: "两步验证已关闭" })).toBeVisible();
    }
    await supervisor.context.close();
    await verifyRecently(request, "admin");
    await setRequirement(false, "浏览器测试结束，恢复默认");
    await expect(page.getByRole("status")).toContainText("已取消两步验证登录要求");
  }
});

test("creating an account an hour after the last password asks for it again, in the same form, and keeps what was typed", async ({ page, context, baseURL }) => {
  await signInUnverified(context, "admin", baseURL!);
  await page.goto("/officer/users/new");
  await waitForHydration(page);
  const confirm = page.getByRole("group", { name: "确认身份" });
  await expect(confirm).toContainText("此项操作需要确认身份");
  const name = uniqueUsername("e2e-rv");
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("姓名").fill("确认身份测试");
  await page.getByLabel("角色").selectOption({ label: "街道（镇）工作人员" });
  await page.getByLabel("所辖街道（镇）").selectOption({ label: "开元街道" });
  await page.getByLabel("初始密码").fill("Harbour-Lantern-58");
  await page.getByLabel("登录密码或动态验证码").fill("not-the-admin-password");
  await page.getByRole("button", { name: "创建账号" }).click();

  const secret = page.getByLabel("登录密码或动态验证码");
  await expect(secret).toHaveAccessibleDescription(/密码不正确/);
  await expect(page).toHaveURL(/\/officer\/users\/new$/);
  await expect(page.getByLabel("用户名")).toHaveValue(name);
  await expect(page.getByLabel("姓名")).toHaveValue("确认身份测试");
  await expect(page.getByLabel("角色")).toHaveValue("street_officer");
  await expect(page.getByLabel("所辖街道（镇）")).not.toHaveValue("");
  await expect(secret).toHaveValue("");

  await page.getByLabel("初始密码").fill("Harbour-Lantern-58");
  await secret.fill(demoPassword);
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page).toHaveURL(/\/officer\/users\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`账号：${name}`);

  // Verified now: the next account needs no password.
  await page.goto("/officer/users/new");
  await expect(page.getByRole("heading", { level: 1, name: "新建账号" })).toBeVisible();
  await expect(page.getByRole("group", { name: "确认身份" })).toHaveCount(0);
  await page.goto(`/officer/audit?action=session.reverify`);
  await expect(page.getByRole("row").filter({ hasText: "确认身份" }).first()).toBeVisible();
});

test("the re-verify page: from a setting's form to the page and back", async ({ page, context, baseURL }) => {
  await signInUnverified(context, "officer", baseURL!);
  await page.goto("/officer/communities");
  // The urban communities' target form (the villages' has its own).
  const confirm = page.getByRole("region", { name: "城市社区目标" }).getByRole("group", { name: "确认身份" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("link", { name: "确认身份页面" }).click();
  await expect(page).toHaveURL(/\/account\/verify\?redirectTo=%2Fofficer%2Fcommunities$/);
  await expect(page.getByRole("heading", { level: 1, name: "确认身份" })).toBeVisible();
  await page.getByLabel("登录密码").fill(demoPassword);
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page).toHaveURL(/\/officer\/communities$/);
  await expect(page.getByRole("heading", { level: 1, name: "一居多会" })).toBeVisible();
  await expect(page.getByRole("group", { name: "确认身份" })).toHaveCount(0);
});
