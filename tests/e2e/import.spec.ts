import type { Page } from "@playwright/test";
import { writeXlsx } from "../../app/domain/shared/spreadsheet.server";
import { composeUscc } from "../../app/domain/organizations/uscc";
import { expect, sessionCookieHeader, signInAs, test, waitForHydration } from "./fixtures";

/**
 * Officers import their spreadsheets. Every organization here is registered
 * today, so the demo's earlier periods (reports, inspection years) stay as
 * other specs expect them; no community or filed organization is imported.
 */
const run = String(Date.now()).slice(-6);
const today = new Date().toISOString().slice(0, 10);
let serial = 0;
/** A valid code no other test of this run uses (digits only: a USCC never holds I, O, Z, S or V). */
const uscc = (kind = "1") => composeUscc(kind, "350502", `E${run.slice(-5)}${String(++serial).padStart(2, "0")}`);

const header = ["名称", "类型", "统一社会信用代码", "登记日期", "所属街道", "法定代表人"];

async function upload(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/officer/import");
  await waitForHydration(page);
  await page.getByLabel("导入内容").selectOption({ label: "社会组织" });
  await page.getByLabel("表格文件").setInputFiles(file);
  await page.getByRole("button", { name: "上传并检查" }).click();
}

const csv = (name: string, rows: string[][]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${rows.map((r) => r.join(",")).join("\r\n")}\r\n`) });

async function xlsx(name: string, rows: string[][]) {
  const bytes = await writeXlsx([{ name: "Sheet1", columns: header.map((h) => ({ header: h })), rows }]);
  return { name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(bytes) };
}

async function registerTotal(page: Page, q: string): Promise<number> {
  const response = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(q)}`);
  return ((await response.json()) as { total: number }).total;
}

test("an officer sees every problem of a broken file and of a file with the wrong columns, and nothing is imported", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "数据导入" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "数据导入" })).toBeVisible();
  await expect(page.getByRole("table", { name: "社会组织导入的列" }).getByRole("row", { name: /^统一社会信用代码 按类型必填/ })).toBeVisible();

  const taken = uscc();
  const broken = `broken-${run}.csv`;
  await upload(
    page,
    csv(broken, [
      header,
      [`坏行甲${run}协会`, "社会团体", taken, "2024-02-30", "开元街道", "张三"],
      [`坏行乙${run}协会`, "社会团体", taken, today, "西湖街道", "李四"],
      ["", "", "", "", "", ""],
      [`坏行丙${run}协会`, "协会", "", today, "", ""],
    ]),
  );
  await expect(page).toHaveURL(/\/officer\/import\/\d+$/);
  await expect(page.getByText("文件中有 3 行存在问题（共 4 个），不能导入，也没有导入任何数据。")).toBeVisible();
  const problems = page.getByRole("table", { name: /每个问题所在的行和列/ }).locator("tbody tr");
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toContainText("2登记日期2024-02-302024年2月30日不是日历上的日期");
  await expect(problems.nth(1)).toContainText("3所属街道西湖街道找不到街道（镇）“西湖街道”");
  await expect(problems.nth(2)).toContainText(`3统一社会信用代码${taken}与第 2 行的统一社会信用代码相同`);
  // The blank row 4 is skipped; row 5 keeps the spreadsheet's numbering.
  await expect(problems.nth(3)).toContainText("5类型协会无法识别的类型");
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  const download = await page.request.get(`${page.url()}/problems.csv`);
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect((await download.text()).split("\r\n").filter(Boolean)).toHaveLength(5);
  expect(await registerTotal(page, `坏行`)).toBe(0);

  // Wrong columns: one message beside the file, and no batch kept.
  await upload(page, csv(`nohead-${run}.csv`, [["单位", "地址"], ["甲", "某路"]]));
  await expect(page).toHaveURL(/\/officer\/import$/);
  await expect(page.getByLabel("表格文件")).toHaveAccessibleDescription(/没有找到表头行.*名称（必填）、类型（必填）/);
  await upload(page, csv(`missing-${run}.csv`, [["名称", "统一社会信用代码"], [`缺列${run}协会`, uscc()]]));
  await expect(page.getByLabel("表格文件")).toHaveAccessibleDescription(/缺少必需的列：类型、登记日期/);
  const recent = page.getByRole("table", { name: /我最近上传的导入文件/ });
  await expect(recent.getByRole("row", { name: new RegExp(broken) })).toContainText("有问题，未导入");
  await expect(recent).not.toContainText(`nohead-${run}`);
  await expect(recent).not.toContainText(`missing-${run}`);
  expect(await registerTotal(page, `缺列${run}`)).toBe(0);
});

test("an officer imports a good XLSX, watches the progress and finds the organizations in the register", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const names = [`导入甲${run}协会`, `导入乙${run}中心`, `导入丙${run}协会`];
  await upload(
    page,
    await xlsx("good.xlsx", [
      [names[0]!, "社会团体", uscc(), today, "鲤中街道", "张三"],
      [names[1]!, "民办非企业单位", uscc("2"), today, "", "李四"],
      [names[2]!, "社会团体", uscc(), today.replace(/-/g, "/"), "350502001000", ""],
    ]),
  );
  await expect(page.getByText("检查通过：3 行都可以导入。")).toBeVisible();
  const preview = page.getByRole("table", { name: "按文件行号列出读取后的内容" });
  await expect(preview.locator("tbody tr").nth(2)).toContainText("开元街道");

  await waitForHydration(page);
  // The page reloads as soon as the stream ends, which takes the response body with it: read the
  // stream on its way to the page instead (the page still receives every line).
  let contentType = "";
  const streamed = new Promise<string>((resolve) => {
    void page.route("**/confirm", async (route) => {
      const response = await route.fetch();
      contentType = response.headers()["content-type"] ?? "";
      const body = await response.text();
      await route.fulfill({ response, body });
      resolve(body);
    });
  });
  await page.getByRole("button", { name: "确认导入 3 条" }).click();
  const body = await streamed;
  expect(contentType).toContain("application/x-ndjson");
  const lines = body.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[0]).toEqual({ type: "progress", stage: "checking", done: 0, total: 3 });
  expect(lines).toContainEqual({ type: "progress", stage: "writing", done: 3, total: 3 });
  expect(lines.at(-1)).toEqual({ type: "done", imported: 3 });

  await expect(page.getByText("导入完成：已导入 3 条社会组织")).toBeVisible();
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  await page.getByRole("link", { name: "社会组织登记簿" }).last().click();
  await expect(page).toHaveURL(/\/officer\/orgs$/);
  await page.getByLabel("名称、统一社会信用代码或备案号").fill(names[0]!);
  await page.getByRole("button", { name: "查询" }).click();
  const results = page.getByRole("table", { name: "登记簿查询结果" });
  await results.getByRole("link", { name: names[0]! }).click();
  await expect(page.getByRole("heading", { level: 1, name: names[0]! })).toBeVisible();
  await expect(page.getByText("鲤中街道").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /· 导入$/ })).toBeVisible();
  await expect(page.getByText(/原因：导入（批次 \d+：good\.xlsx）/)).toBeVisible();
  expect(await registerTotal(page, `${run}`)).toBe(3);
});

test("without JavaScript the confirmation posts to the page and shows the result", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "officer", baseURL!);
  const page = await context.newPage();
  await page.goto("/officer/import");
  await page.getByLabel("表格文件").setInputFiles(await xlsx("nojs.xlsx", [[`无脚本${run}协会`, "社会团体", uscc(), today, "", ""]]));
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("检查通过：1 行都可以导入。")).toBeVisible();
  // The same batch open in a second tab, still offering the confirmation.
  const second = await context.newPage();
  await second.goto(page.url());
  await page.getByRole("button", { name: "确认导入 1 条" }).click();
  await expect(page.getByText("导入完成：已导入 1 条社会组织")).toBeVisible();
  await second.getByRole("button", { name: "确认导入 1 条" }).click();
  await expect(second.getByRole("alert")).toContainText("该文件已经导入，不能重复导入。");
  await expect(second.getByText("导入完成：已导入 1 条社会组织")).toBeVisible();
  expect(await registerTotal(page, `无脚本${run}`)).toBe(1);
  await context.close();
});

test("a cross-site post to the streaming confirmation is refused before it runs", async ({ request, page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await upload(page, await xlsx("cross.xlsx", [[`跨站${run}协会`, "社会团体", uscc(), today, "", ""]]));
  await expect(page).toHaveURL(/\/officer\/import\/\d+$/);
  const refused = await request.post(`${new URL(page.url()).pathname}/confirm`, {
    headers: { ...sessionCookieHeader("officer"), "Sec-Fetch-Site": "cross-site", Accept: "application/x-ndjson" },
    form: { intent: "confirm", version: "1" },
  });
  expect(refused.status()).toBe(403);
  expect(await registerTotal(page, `跨站${run}`)).toBe(0);
  // Another officer's page of it does not exist for them (the admin imports communities only).
  const other = await request.get(new URL(page.url()).pathname, { headers: sessionCookieHeader("admin"), maxRedirects: 0 });
  expect(other.status()).toBe(404);
});
