import { defineConfig } from "@playwright/test";

import { serverCount, serverPort, serverURL } from "./tests/setup/e2e-servers";

export const baseURL = serverURL(0);

/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium); no browser is
 * downloaded. Each worker has a server of its own (tests/setup/e2e-servers.ts)
 * running the production build on a fresh embedded database that
 * tests/setup/e2e-prepare.ts fills with the demo district and a session per
 * demo account.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: serverCount,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  timeout: 30_000,
  // A busy machine (CI beside other work) can take seconds for one server round trip; content is waited for, not slept on.
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: Array.from({ length: serverCount }, (_, index) => ({
    command: "npx tsx tests/setup/e2e-prepare.ts && node server.mjs",
    url: `${serverURL(index)}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(serverPort(index)),
      HOST: "127.0.0.1",
      // Per port, so two servers or two runs on one machine never share a database or session file.
      DATA_DIR: `./data-e2e-${serverPort(index)}`,
      NODE_ENV: "production",
      DATABASE_URL: "",
    },
  })),
});
