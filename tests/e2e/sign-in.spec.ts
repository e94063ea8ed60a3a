import type { Page } from "@playwright/test";
import { expect, sessionCookieHeader, signInAs, test, type DemoUser } from "./fixtures";

/**
 * The sign-in form itself. One address may post it only 10 times a minute
 * across the whole suite, so only these tests type, and as few times as they can.
 */

const demoPassword = "demo-pass-2026";
const demoUsers: readonly DemoUser[] = ["admin", "officer", "street", "assoc", "clerk", "supervisor", "supervising"];

async function typeSignIn(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === "cr_session" && c.value !== "");
}

test("the login page lists the demo accounts and their password in demo mode", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  const demo = page.getByRole("region", { name: "演示账号" });
  await expect(demo).toContainText(demoPassword);
  for (const username of demoUsers) {
    await expect(demo.getByRole("cell", { name: username, exact: true })).toBeVisible();
  }
});

test("a wrong password and an unknown user get the same generic message and no session", async ({ page }) => {
  await page.goto("/login");
  // clerk is never typed in elsewhere: one failure stays far from the five that lock an account.
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"));
  await typeSignIn(page, "clerk", "wrong-Pass-e2e-77");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("用户名或密码错误");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("用户名")).toHaveValue("clerk");
  const response = await answer;
  expect(response.status()).toBe(401);
  // The answer does not echo the password back.
  expect(await response.text()).not.toContain("wrong-Pass-e2e-77");
  expect(await sessionCookie(page)).toBeUndefined();
  const wrongPasswordMessage = await alert.innerText();

  await typeSignIn(page, "no-such-user-e2e", "not-the-password");
  await expect(alert).toContainText("用户名或密码错误");
  // The same words for both, so the form does not tell which usernames exist.
  expect(await alert.innerText()).toBe(wrongPasswordMessage);
  expect(await sessionCookie(page)).toBeUndefined();
});

test("officer signs in, gets an HttpOnly SameSite=Lax session, and signs out", async ({ page, request }) => {
  await page.goto("/login");
  await typeSignIn(page, "officer", demoPassword);
  await expect(page).toHaveURL(/\/officer$/);
  await expect(page.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();

  const cookie = await sessionCookie(page);
  expect(cookie, "a cr_session cookie after signing in").toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe("Lax");
  expect(cookie!.path).toBe("/");
  expect(await page.evaluate(() => document.cookie)).not.toContain("cr_session");

  await page.getByRole("navigation", { name: "主导航" }).getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登录" })).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();

  await page.goto("/officer");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fofficer$/);

  // The session is ended on the server too, not only forgotten by the browser.
  const replay = await request.get("/officer", {
    headers: { Cookie: `cr_session=${cookie!.value}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(302);
  expect(replay.headers()["location"]).toContain("/login");
});

test("redirectTo sends the user on to the local page they asked for", async ({ page }) => {
  await page.goto("/login?redirectTo=%2Fofficer%2Faudit");
  await typeSignIn(page, "officer", demoPassword);
  await expect(page).toHaveURL(/\/officer\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
});

test("redirectTo to another site is ignored, dot segments included: the user lands in their own area", async ({ page, baseURL }) => {
  // "/.//evil.example" becomes "//evil.example" once the browser resolves its dot segment.
  await page.goto("/login?redirectTo=%2F.%2F%2Fevil.example");
  await typeSignIn(page, "officer", demoPassword);
  await expect(page).toHaveURL(/\/officer$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

const areas: Record<DemoUser, { path: string; heading: string; navLink: string; displayName: string }> = {
  admin: { path: "/officer", heading: "工作台", navLink: "登记管理工作台", displayName: "系统管理员" },
  officer: { path: "/officer", heading: "工作台", navLink: "登记管理工作台", displayName: "陈登记（区民政局）" },
  street: { path: "/officer", heading: "工作台", navLink: "登记管理工作台", displayName: "林晓（开元街道）" },
  assoc: { path: "/org", heading: "鲤城区老年人体育协会", navLink: "社会组织服务", displayName: "黄会长（老年人体育协会）" },
  clerk: { path: "/village", heading: "大良村村务公开工作台", navLink: "村务公开工作台", displayName: "王村务（大良村）" },
  supervisor: { path: "/village", heading: "大良村村务公开工作台", navLink: "村务公开工作台", displayName: "李监督（大良村）" },
  supervising: { path: "/unit", heading: "鲤城区文化体育和旅游局：成立登记审查", navLink: "业务主管单位审查", displayName: "张审查（区文体旅局）" },
};
const areaLinkNames = ["登记管理工作台", "社会组织服务", "村务公开工作台", "业务主管单位审查"];

for (const user of demoUsers) {
  const area = areas[user];
  test(`${user} signed in by cookie reaches ${area.path} from the header`, async ({ page, context, baseURL }) => {
    await signInAs(context, user, baseURL!);
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav).toContainText(area.displayName);
    await expect(nav.getByRole("link", { name: "登录", exact: true })).toHaveCount(0);
    await expect(nav.getByRole("button", { name: "退出登录" })).toBeVisible();
    for (const other of areaLinkNames.filter((name) => name !== area.navLink)) {
      await expect(nav.getByRole("link", { name: other })).toHaveCount(0);
    }
    const link = nav.getByRole("link", { name: area.navLink });
    await expect(link).toHaveAttribute("href", area.path);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${area.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(area.heading);
  });
}

test("a signed-in user who opens /login is sent to their own area", async ({ request }) => {
  const response = await request.get("/login", { headers: sessionCookieHeader("assoc"), maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe("/org");
});
