/**
 * Screenshots of each user's home page at a desk (1366 px) and on a phone
 * (390 px), for docs/screenshots/ and the README. Run against a server with
 * the demo data, signed in through the login form as each demo user would:
 *
 *   npm run build && DATA_DIR=/tmp/shots PORT=3400 node server.mjs &
 *   SCREENSHOT_URL=http://localhost:3400 npx tsx scripts/screenshots.ts
 */
import { chromium, type Browser } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

const baseURL = process.env.SCREENSHOT_URL ?? "http://localhost:3000";
const outDir = path.resolve("docs/screenshots");
const password = process.env.DEMO_PASSWORD ?? "demo-pass-2026";

/** Who sees which home page; `null` is the public, signed out. */
const homes: Array<{ user: string | null; path: string; file: string }> = [
  { user: null, path: "/", file: "public" },
  { user: "officer", path: "/officer", file: "officer" },
  { user: "street", path: "/officer", file: "street" },
  { user: "assoc", path: "/org", file: "association" },
  { user: "clerk", path: "/village", file: "clerk" },
  { user: "supervisor", path: "/village", file: "supervisor" },
  { user: "supervising", path: "/unit", file: "supervising-unit" },
];
const widths = [
  { name: "desktop", viewport: { width: 1366, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

async function shoot(browser: Browser, home: (typeof homes)[number], width: (typeof widths)[number]) {
  const context = await browser.newContext({ baseURL, viewport: width.viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  if (home.user) {
    await page.goto("/login");
    await page.getByLabel("用户名").fill(home.user);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }
  await page.goto(home.path);
  await page.locator("main").waitFor();
  const file = path.join(outDir, `${home.file}-${width.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await context.close();
  return file;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  fs.mkdirSync(outDir, { recursive: true });
  for (const home of homes) for (const width of widths) console.log(await shoot(browser, home, width));
} finally {
  await browser.close();
}
