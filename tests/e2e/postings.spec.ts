import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { previousMonth } from "../../app/domain/postings/rules";
import { idCardCheckCharacter } from "../../app/domain/postings/sensitive-numbers";
import { shanghaiDate } from "../../app/domain/shared/time";
import { expect, signInAs, test, waitForHydration } from "./fixtures";
import { clickAndConfirm } from "./confirming";

const villageCode = "350502100201";
const pad2 = (n: number) => String(n).padStart(2, "0");

/** The current quarter in Shanghai, as the clerk writes it: 2026-Q4; it has begun, so it may be published. */
function currentQuarter(): { key: string; year: number; quarter: number } {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  const quarter = Math.ceil(month / 3);
  return { key: `${year}-Q${quarter}`, year, quarter };
}

/** A valid 18-character ID of 鲤城区 (350502) whose birth date and sequence come from the seed, so reruns never repeat one. */
function generatedIdNumber(seed: number): string {
  const year = 1940 + (seed % 60);
  const month = 1 + (Math.floor(seed / 60) % 12);
  const day = 1 + (Math.floor(seed / 720) % 28);
  const sequence = Math.floor(seed / 20_160) % 1000;
  const first17 = `350502${year}${pad2(month)}${pad2(day)}${String(sequence).padStart(3, "0")}`;
  return first17 + idCardCheckCharacter(first17);
}

/** The period as the clerk picks it: a year, then a month ("03"), a quarter ("Q1") or the whole year ("year"). */
async function pickPeriod(page: Page, year: string, part: string) {
  await page.getByLabel("年份", { exact: true }).selectOption(year);
  await page.getByLabel("期间", { exact: true }).selectOption(part);
}

/** The allowance table as shown to anyone: in the village workbench and on the public page. */
const allowanceTable = (page: Page) => page.getByRole("table", { name: "保障对象名单" });
const cell = (page: Page, row: number, column: string) => page.getByLabel(`第 ${row} 行 ${column}`, { exact: true });
const section = (page: Page, heading: string): Locator =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });

/** Every way the public reaches a posting's content: the page's HTML, its data request, the print view, the open data, the lists and the village's feed. */
async function publicResponses(request: APIRequestContext, id: string) {
  const fetched: Record<string, string> = {};
  for (const path of [
    `/postings/${id}`,
    `/postings/${id}.data`,
    `/postings/${id}/print`,
    `/api/v1/postings/${id}`,
    `/api/v1/postings?village=${villageCode}&format=csv`,
    `/villages/${villageCode}/feed.xml`,
    `/villages/${villageCode}`,
    `/postings?village=${villageCode}`,
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    fetched[path] = await response.text();
  }
  return fetched;
}

test("大良村's clerk drafts a subsistence-allowance list with an ID and a mobile, is warned and acknowledges; the supervisor approves; the public sees only masked numbers; a correction becomes version 2 with version 1 kept", async ({
  page,
  context,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const suffix = stamp.toString(36).slice(-5);
  const { year, quarter } = currentQuarter();
  const title = `大良村${year}年第${"一二三四"[quarter - 1]}季度低保对象名单公示（${suffix}）`;
  const body = "经村民代表会议评议、镇人民政府审核，以下家庭纳入最低生活保障。\n公示期 7 天，如有异议请向村务监督委员会反映。";
  const idNumber = generatedIdNumber(stamp);
  const maskedId = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
  const mobile = `139${String(stamp % 100_000_000).padStart(8, "0")}`;
  const maskedMobile = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const name = "陈秀英";
  const reason = "第 1 行保障人数和月保障金录入有误，应为 3 人、780 元";

  await signInAs(context, "clerk", baseURL!);
  let postingId = "";

  await test.step("the clerk creates the draft: kind, period, title, body", async () => {
    await page.goto("/village/postings/new");
    await waitForHydration(page);
    await page.getByLabel("事项类型").selectOption({ label: "低保对象名单" });
    await expect(page.getByText("该类事项需要填写“保障对象名单”表格")).toBeVisible();
    await pickPeriod(page, String(year), `Q${quarter}`);
    await page.getByLabel("标题").fill(title);
    await page.getByLabel("正文").fill(body);
    await page.getByRole("button", { name: "创建草稿" }).click();
    await expect(page).toHaveURL(/\/village\/postings\/\d+$/);
    postingId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("status")).toHaveText(/已创建草稿/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { name: "编辑草稿" })).toBeVisible();
  });

  await test.step("the clerk fills row 1 with an ID and a mobile and saves; the warning lists both, masked", async () => {
    await waitForHydration(page);
    await cell(page, 1, "姓名").fill(name);
    await cell(page, 1, "身份证号").fill(idNumber);
    await cell(page, 1, "保障人数").fill("2");
    await cell(page, 1, "月保障金（元）").fill("650");
    await cell(page, 1, "备注").fill(`联系电话 ${mobile}`);
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByRole("status")).toHaveText("草稿已保存。");

    // The saved table, previewed with its total, still shows the clerk the full number.
    await expect(allowanceTable(page).getByRole("row").filter({ hasText: name })).toContainText(idNumber);
    await expect(allowanceTable(page).getByRole("row", { name: /合计/ })).toContainText("650.00");

    const warning = section(page, "个人信息提示：发现 2 处号码");
    await expect(warning).toBeVisible();
    const found = warning.getByRole("region", { name: "发现的号码" });
    const idRow = found.getByRole("row").filter({ hasText: "表格第 1 行“身份证号”" });
    await expect(idRow.getByRole("cell", { name: "身份证号", exact: true })).toBeVisible();
    await expect(idRow.getByRole("cell", { name: maskedId, exact: true })).toBeVisible();
    const mobileRow = found.getByRole("row").filter({ hasText: "表格第 1 行“备注”" });
    await expect(mobileRow.getByRole("cell", { name: "手机号", exact: true })).toBeVisible();
    await expect(mobileRow).toContainText(maskedMobile);
    // The warning shows the masked form only, never the number again.
    await expect(found).not.toContainText(idNumber);
  });

  const acknowledgement = page.getByLabel("我已逐项核实，以上号码确需公开，同意按遮蔽形式公开");

  await test.step("submitting without the acknowledgement is refused and says why; ticked, it is submitted", async () => {
    await waitForHydration(page);
    await expect(acknowledgement).not.toBeChecked();
    await page.getByRole("button", { name: "提交监督委员会审核" }).click();
    await expect(page.getByText("草稿已保存，但未能提交审核")).toBeVisible();
    await expect(acknowledgement).toHaveAccessibleDescription(/内容中发现 2 处身份证号、手机号或银行卡号。请核实确需公开，并勾选确认/);
    await expect(acknowledgement).toHaveAttribute("aria-invalid", "true");
    // Nothing typed is lost; the posting is still a draft.
    await expect(cell(page, 1, "身份证号")).toHaveValue(idNumber);
    await expect(page.getByRole("button", { name: "提交监督委员会审核" })).toBeVisible();

    await acknowledgement.check();
    await page.getByRole("button", { name: "提交监督委员会审核" }).click();
    await expect(page.getByRole("status")).toHaveText("已提交村务监督委员会审核。审核通过后即在公开页面发布。");
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await expect(page.getByText(/提交村务监督委员会审核，审核前不能修改/)).toBeVisible();
  });

  await test.step("while it awaits review, nothing of it is public", async () => {
    expect((await request.get(`/postings/${postingId}`)).status()).toBe(404);
    expect((await request.get(`/api/v1/postings/${postingId}`)).status()).toBe(404);
  });

  const supervisorContext = await browser.newContext();
  await signInAs(supervisorContext, "supervisor", baseURL!);
  const supervisor = await supervisorContext.newPage();
  const opinion = "经核对入户调查记录和村民代表会议纪要，名单属实，同意公开。";

  await test.step("the supervisor reads the full content of their village's posting and approves it with an opinion", async () => {
    await supervisor.goto(`/village/postings/${postingId}`);
    await expect(supervisor.getByRole("heading", { name: "第 1 版内容" })).toBeVisible();
    await expect(supervisor.getByText(body.split("\n")[0]!)).toBeVisible();
    const row = allowanceTable(supervisor).getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("cell", { name: idNumber, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: `联系电话 ${mobile}`, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "650.00", exact: true })).toBeVisible();
    // What the check found, and how the public will see it.
    await expect(supervisor.getByRole("heading", { name: "个人信息提示：发现 2 处号码" })).toBeVisible();
    await expect(supervisor.getByRole("region", { name: "发现的号码" })).toContainText(maskedId);

    await waitForHydration(supervisor);
    await supervisor.getByLabel("审核意见").fill(opinion);
    await clickAndConfirm(supervisor.getByRole("button", { name: "审核通过并公开" }));
    await expect(supervisor.getByRole("status")).toHaveText("审核通过，已在公开页面发布。");
    await expect(supervisor.getByRole("button", { name: "审核通过并公开" })).toHaveCount(0);
    await expect(supervisor.getByText("当前公开第 1 版")).toBeVisible();
  });

  const visitor = await browser.newPage();

  await test.step("the public page shows the masked numbers only, and nothing the public can fetch carries the full ones", async () => {
    await visitor.goto(`/postings/${postingId}`);
    await waitForHydration(visitor);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(visitor.getByText(`${year}年第${"一二三四"[quarter - 1]}季度`, { exact: true })).toBeVisible();
    const row = allowanceTable(visitor).getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("cell", { name: maskedId, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: `联系电话 ${maskedMobile}`, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "650.00", exact: true })).toBeVisible();
    await expect(visitor.getByText(opinion)).toBeVisible();
    await expect(visitor.getByText("首次公开", { exact: true }).last()).toBeVisible();
    const html = await visitor.content();
    expect(html).not.toContain(idNumber);
    expect(html).not.toContain(mobile);

    const fetched = await publicResponses(request, postingId);
    for (const [path, text] of Object.entries(fetched)) {
      expect(text, `${path} leaks the ID number`).not.toContain(idNumber);
      expect(text, `${path} leaks the mobile`).not.toContain(mobile);
    }
    expect(fetched[`/postings/${postingId}`]).toContain(maskedId);
    expect(fetched[`/postings/${postingId}.data`]).toContain(maskedId);
    expect(fetched[`/postings/${postingId}/print`]).toContain(maskedId);
    expect(fetched[`/api/v1/postings/${postingId}`]).toContain(maskedId);
    const api = JSON.parse(fetched[`/api/v1/postings/${postingId}`]!) as { version: number; versions: Array<{ table: { rows: Array<Record<string, string>> } }> };
    expect(api.version).toBe(1);
    expect(api.versions[0]!.table.rows[0]).toMatchObject({ name, idNumber: maskedId, note: `联系电话 ${maskedMobile}` });
    // The lists and the feed name the new posting.
    for (const path of [`/api/v1/postings?village=${villageCode}&format=csv`, `/villages/${villageCode}/feed.xml`, `/villages/${villageCode}`, `/postings?village=${villageCode}`]) {
      expect(fetched[path], path).toContain(title);
    }
  });

  await test.step("the clerk starts a correction: a reason is required; version 2 is drafted from what is public", async () => {
    await page.goto(`/village/postings/${postingId}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "发起更正" }).click();
    await expect(page.getByLabel("更正原因")).toHaveAccessibleDescription(/请填写更正原因，公开页面将显示该原因/);
    await expect(page.getByRole("heading", { name: /编辑更正版本/ })).toHaveCount(0);

    await page.getByLabel("更正原因").fill(reason);
    await page.getByRole("button", { name: "发起更正" }).click();
    await expect(page.getByRole("status")).toHaveText(/已按当前公开内容生成更正版本草稿/);
    await expect(page.getByRole("heading", { name: "编辑更正版本（第 2 版）" })).toBeVisible();
    await expect(page.getByText("公开期间不随更正改变。")).toBeVisible();
    await expect(cell(page, 1, "身份证号")).toHaveValue(idNumber);
    await expect(cell(page, 1, "月保障金（元）")).toHaveValue("650");
  });

  await test.step("until version 2 is approved, the public still sees version 1", async () => {
    await visitor.reload();
    await expect(allowanceTable(visitor).getByRole("row").filter({ hasText: name }).getByRole("cell", { name: "650.00", exact: true })).toBeVisible();
    await expect(visitor.getByText("第 2 版", { exact: true })).toHaveCount(0);
  });

  await test.step("the clerk corrects row 1, saves, sees the change, acknowledges the numbers again and submits", async () => {
    await waitForHydration(page);
    await cell(page, 1, "保障人数").fill("3");
    await cell(page, 1, "月保障金（元）").fill("780");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByRole("status")).toHaveText("草稿已保存。");
    const correction = section(page, "更正：第 2 版");
    await expect(correction).toContainText(`更正原因：${reason}`);
    await expect(correction).toContainText("650.00");
    await expect(correction).toContainText("780.00");

    await waitForHydration(page);
    await expect(acknowledgement).not.toBeChecked();
    await acknowledgement.check();
    await page.getByRole("button", { name: "提交监督委员会审核" }).click();
    await expect(page.getByRole("status")).toHaveText("已提交村务监督委员会审核。审核通过后即在公开页面发布。");
  });

  await test.step("the supervisor approves version 2", async () => {
    await supervisor.goto(`/village/postings/${postingId}`);
    await expect(supervisor.getByRole("heading", { name: "第 2 版内容" })).toBeVisible();
    await expect(allowanceTable(supervisor).first().getByRole("row").filter({ hasText: name })).toContainText("780.00");
    await waitForHydration(supervisor);
    await supervisor.getByLabel("审核意见").fill("更正内容与入户核查结果一致，同意公开。");
    await clickAndConfirm(supervisor.getByRole("button", { name: "审核通过并公开" }));
    await expect(supervisor.getByRole("status")).toHaveText("审核通过，已在公开页面发布。");
    await expect(supervisor.getByText("当前公开第 2 版")).toBeVisible();
  });

  await test.step("the public sees version 2 as current, with its reason, what changed, and version 1 kept", async () => {
    await visitor.goto(`/postings/${postingId}`);
    await waitForHydration(visitor);
    await expect(visitor.getByText("第 2 版", { exact: true })).toBeVisible();
    const row = allowanceTable(visitor).getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("cell", { name: "780.00", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "3", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: maskedId, exact: true })).toBeVisible();

    const changes = section(visitor, "第 2 版更正了什么");
    await expect(changes).toBeVisible();
    await expect(changes).toContainText("标题没有改动。");
    await expect(changes).toContainText(/删除：.*650\.00/);
    await expect(changes).toContainText(/新增：.*780\.00/);

    const history = section(visitor, "版本记录");
    await expect(history.getByText("第 2 版（正在查看）")).toBeVisible();
    await expect(history.getByText("当前版本")).toBeVisible();
    await expect(history.getByText(`更正原因：${reason}`)).toBeVisible();
    await expect(history.getByText("首次公开")).toBeVisible();
    await expect(visitor.getByText(reason, { exact: true })).toBeVisible();

    const html = await visitor.content();
    expect(html).not.toContain(idNumber);
    expect(html).not.toContain(mobile);

    await history.getByRole("link", { name: "查看第 1 版" }).click();
    await expect(visitor).toHaveURL(new RegExp(`/postings/${postingId}\\?version=1$`));
    await expect(visitor.getByText("您正在查看第 1 版，该版本已被更正。")).toBeVisible();
    const oldRow = allowanceTable(visitor).getByRole("row").filter({ hasText: name });
    await expect(oldRow.getByRole("cell", { name: "650.00", exact: true })).toBeVisible();
    await expect(oldRow.getByRole("cell", { name: "2", exact: true })).toBeVisible();
    await expect(oldRow.getByRole("cell", { name: maskedId, exact: true })).toBeVisible();
    expect(await visitor.content()).not.toContain(idNumber);
    await visitor.getByRole("link", { name: "查看当前版本（第 2 版）" }).click();
    await expect(visitor).toHaveURL(new RegExp(`/postings/${postingId}$`));

    const fetched = await publicResponses(request, postingId);
    for (const [path, text] of Object.entries(fetched)) {
      expect(text, `${path} leaks the ID number`).not.toContain(idNumber);
      expect(text, `${path} leaks the mobile`).not.toContain(mobile);
    }
    for (const path of [`/postings/${postingId}?version=1`, `/postings/${postingId}/print?version=1`]) {
      const old = await request.get(path);
      expect(old.status(), path).toBe(200);
      const text = await old.text();
      expect(text, path).toContain(maskedId);
      expect(text, `${path} leaks the ID number`).not.toContain(idNumber);
      expect(text, `${path} leaks the mobile`).not.toContain(mobile);
    }
    const api = JSON.parse(fetched[`/api/v1/postings/${postingId}`]!) as {
      version: number;
      versions: Array<{ version: number; correctionReason: string | null; table: { rows: Array<Record<string, string>> } }>;
    };
    expect(api.version).toBe(2);
    expect(api.versions.map((v) => [v.version, v.correctionReason, v.table.rows[0]!.amount])).toEqual([
      [2, reason, "780"],
      [1, null, "650"],
    ]);
  });

  await Promise.all([supervisorContext.close(), visitor.close()]);
});

test("a stale tab's save is refused every time, never an overwrite; an upload keeps what is typed in the draft", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await signInAs(context, "clerk", baseURL!);
  const tabA = await context.newPage();
  await tabA.goto("/village/postings/new");
  await waitForHydration(tabA);
  await tabA.getByLabel("事项类型").selectOption({ label: "村务公告" });
  await pickPeriod(tabA, String(currentQuarter().year), `Q${currentQuarter().quarter}`);
  const title = `并发修改测试公告 ${Date.now()}`;
  await tabA.getByLabel("标题").fill(title);
  await tabA.getByLabel("正文").fill("第一稿");
  await tabA.getByRole("button", { name: "创建草稿" }).click();
  await expect(tabA.getByRole("heading", { name: "编辑草稿" })).toBeVisible();
  const url = tabA.url();

  // Tab B saves first.
  const tabB = await context.newPage();
  await tabB.goto(url);
  await waitForHydration(tabB);
  await tabB.getByLabel("正文").fill("B 的修改");
  await tabB.getByRole("button", { name: "保存草稿" }).click();
  await expect(tabB.getByText("草稿已保存。")).toBeVisible();

  // Tab A, opened before, is refused and keeps its text; a second click is refused again.
  await tabA.getByLabel("正文").fill("A 的修改");
  for (let attempt = 0; attempt < 2; attempt++) {
    const answered = tabA.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/village/postings/"));
    await tabA.getByRole("button", { name: "保存草稿" }).click();
    expect((await answered).status(), `save attempt ${attempt + 1}`).toBe(409);
    await expect(tabA.getByText(/已被其他人处理或修改/).first()).toBeVisible();
    await expect(tabA.getByText("草稿已保存。")).toHaveCount(0);
    await expect(tabA.getByLabel("正文")).toHaveValue("A 的修改");
  }
  await tabB.reload();
  await expect(tabB.getByLabel("正文")).toHaveValue("B 的修改");

  // An upload in tab B leaves unsaved typing in the draft form as it was.
  await tabB.getByLabel("正文").fill("上传前输入、尚未保存的内容");
  await tabB.getByLabel(/上传材料/).setInputFiles({ name: "公示栏照片.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%test\n") });
  await tabB.getByRole("button", { name: "上传", exact: true }).click();
  await expect(tabB.getByRole("link", { name: "公示栏照片.pdf" })).toBeVisible();
  await expect(tabB.getByLabel("正文")).toHaveValue("上传前输入、尚未保存的内容");
  await context.close();
});

test("the clerk picks last month for a finance posting, then fills its ledger: rows added and removed in place, the totals following each amount, the saved posting holding those rows", async ({ page, context, baseURL }) => {
  const last = previousMonth(shanghaiDate(new Date()));
  const [lastYear, lastMonth] = [last.key.slice(0, 4), last.key.slice(5)];
  const title = `大良村${last.label}财务收支公开（${Date.now().toString(36).slice(-5)}）`;
  await signInAs(context, "clerk", baseURL!);

  await test.step("the period is picked, not typed: a finance posting offers months only, last month suggested", async () => {
    await page.goto("/village/postings/new");
    await waitForHydration(page);
    await page.getByLabel("事项类型").selectOption({ label: "月度财务收支" });
    const part = page.getByLabel("期间", { exact: true });
    await expect(part.locator("option", { hasText: "第一季度" })).toHaveCount(0);
    await expect(part.locator("option", { hasText: "12月" })).toHaveCount(1);
    await expect(page.getByLabel("年份", { exact: true })).toHaveValue(lastYear);
    await expect(part).toHaveValue(lastMonth);
    await pickPeriod(page, lastYear, lastMonth);
    await page.getByLabel("标题").fill(title);
    await page.getByLabel("正文").fill("本月集体收入、支出明细如下。");
    await page.getByRole("button", { name: "创建草稿" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText(last.label).first()).toBeVisible();
  });

  const grid = page.getByRole("group", { name: "收支明细" });
  const rows = grid.locator("tbody tr");
  const totalRow = grid.locator("tfoot tr").filter({ hasText: "合计" });
  const balanceRow = grid.locator("tfoot tr").filter({ hasText: "本期结余（元）" });

  await test.step("amounts typed are totalled at once; a row added in place takes the cursor; a row removed leaves the totals", async () => {
    await waitForHydration(page);
    await expect(rows).toHaveCount(5);
    // The item column is wide; the amounts narrow and right-aligned.
    const width = async (name: RegExp) => (await grid.getByRole("columnheader", { name }).boundingBox())!.width;
    expect(await width(/^项目/)).toBeGreaterThan(1.5 * (await width(/^收入/)));
    await expect(cell(page, 1, "收入（元）")).toHaveCSS("text-align", "right");

    await cell(page, 1, "项目").fill("村集体土地租金");
    await cell(page, 1, "收入（元）").fill("12000.50");
    await cell(page, 2, "项目").fill("保洁人员工资");
    await cell(page, 2, "支出（元）").fill("3000");
    await expect(totalRow).toContainText("12,000.50");
    await expect(totalRow).toContainText("3,000.00");
    await expect(totalRow).toContainText("共 2 项");
    await expect(balanceRow).toContainText("9,000.50");

    await grid.getByRole("button", { name: "增加一行" }).click();
    await expect(rows).toHaveCount(6);
    await expect(cell(page, 6, "项目")).toBeFocused();
    await page.keyboard.type("办公用品");
    await cell(page, 6, "支出（元）").fill("500");
    await expect(totalRow).toContainText("3,500.00");
    await expect(balanceRow).toContainText("8,500.50");

    await page.getByRole("button", { name: "删除第 2 行" }).click();
    await expect(rows).toHaveCount(5);
    await expect(totalRow).toContainText("500.00");
    await expect(totalRow).not.toContainText("3,500.00");
    await expect(balanceRow).toContainText("11,500.50");
    await expect(cell(page, 5, "项目")).toHaveValue("办公用品");
    await expect(grid).not.toContainText("保洁人员工资");
  });

  await test.step("saved, the posting holds the rows as they stood, and shows the same totals", async () => {
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByRole("status")).toHaveText("草稿已保存。");
    await page.reload();
    await waitForHydration(page);
    await expect(cell(page, 1, "项目")).toHaveValue("村集体土地租金");
    await expect(cell(page, 1, "收入（元）")).toHaveValue("12000.50");
    await expect(cell(page, 2, "项目")).toHaveValue("办公用品");
    await expect(cell(page, 2, "支出（元）")).toHaveValue("500");
    await expect(cell(page, 3, "项目")).toHaveValue("");
    const saved = page.getByRole("table", { name: "收支明细" });
    await expect(saved.getByRole("row")).toHaveCount(1 + 2 + 2);
    await expect(saved.getByRole("row", { name: /本期结余/ })).toContainText("11,500.50");
    await expect(page.getByText("保洁人员工资")).toHaveCount(0);
  });
});

test("a reader picks a year and a month to find that period's postings, and is told to pick the year first", async ({ pageAs }) => {
  const page = await pageAs();
  const year = currentQuarter().year - 1;
  await page.goto("/postings");
  const search = page.getByRole("search", { name: "筛选公开事项" });
  await search.getByLabel("公开期间：年份").selectOption(String(year));
  await search.getByLabel("公开期间：季度或月份").selectOption("03");
  await search.getByRole("button", { name: "查询" }).click();
  // The demo's villages published every month of last year's finances.
  const periods = page.getByRole("table").getByRole("row").filter({ hasText: `${year}年3月` });
  await expect(periods.first()).toBeVisible();
  await expect(search.getByLabel("公开期间：年份")).toHaveValue(String(year));
  await expect(search.getByLabel("公开期间：季度或月份")).toHaveValue("03");
  expect(await page.getByRole("table").getByRole("row").count()).toBe((await periods.count()) + 1);

  await search.getByLabel("公开期间：年份").selectOption("");
  await search.getByLabel("公开期间：季度或月份").selectOption("Q2");
  await search.getByRole("button", { name: "查询" }).click();
  await expect(search.getByLabel("公开期间：季度或月份")).toHaveAccessibleDescription("请先选择年份，再选择季度或月份");
});
