import { chromium } from "@playwright/test";
const [,, base, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-background-networking","--disable-component-update","--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
for (const p of paths) {
  if (p.startsWith("login:")) {
    const user = p.slice(6);
    await page.goto(base + "/login");
    await page.fill("input[name=username]", user);
    await page.fill("input[name=password]", "demo-pass-2026");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("button[type=submit]")]);
    console.log("logged in ->", page.url());
    continue;
  }
  await page.goto(base + p);
  const name = "/tmp/shots/" + (p.replace(/[^a-z0-9]+/gi, "_") || "root") + ".png";
  await page.screenshot({ path: name, fullPage: true });
  console.log(p, "->", name, page.url());
}
await browser.close();
