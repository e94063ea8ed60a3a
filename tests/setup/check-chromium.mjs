// Browser tests drive Debian's Chromium and never download one.
import fs from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(
    `找不到 Chromium（${chromium}）。浏览器测试使用 Debian 的 Chromium，请先安装：\n` +
      "  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n" +
      "(Chromium not found: install Debian's chromium package, or set CHROMIUM_PATH.)",
  );
  process.exit(1);
}
