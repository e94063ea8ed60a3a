import type { Page } from "@playwright/test";
import { expect, sessionCookieHeader, signInAs, test, verifyRecently, waitForHydration, type DemoUser, seriousViolations } from "./fixtures";
import { clickAndConfirm } from "./confirming";
import { demoLatestCampaign } from "../../app/setup/demo";

/** The demo's latest campaign, filed this year (app/setup/demo.ts): in progress until 31 May, closed after it. */
const Y = demoLatestCampaign();
const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const money = (page: Page, label: string) => page.getByLabel(`${label}（元）`, { exact: true });

test(`the demo association fills in half its ${Y} report, reloads it intact, attaches the audit report and submits; the registry concludes 基本合格 with corrections and publishes; the public sees it; the association reports its corrections from its to-do list and the registry verifies them from its own`, async ({ page, context, baseURL, browser, request }) => {
  test.setTimeout(150_000);
  await signInAs(context, "assoc", baseURL!);

  // The home page's to-do list asks for the report, with its deadline.
  await page.goto("/org");
  const todo = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "待办事项" }) });
  const reportTodo = todo.getByRole("listitem").filter({ hasText: `报送 ${Y} 年度工作报告` });
  await expect(reportTodo).toContainText(/还剩 \d+ 天|今天截止|已逾期 \d+ 天/);
  await expect(reportTodo.getByRole("link")).toHaveAttribute("href", `/org/inspections/${Y}`);

  // The list of years: 2024 open and not started, 2023 concluded with its published conclusion.
  await page.goto("/org/inspections");
  const rowLatest = page.getByRole("row", { name: new RegExp(`^${Y} 年度`) });
  await expect(rowLatest).toContainText("未开始");
  const rowBefore = page.getByRole("row", { name: new RegExp(`^${Y - 1} 年度`) });
  await expect(rowBefore).toContainText("已作结论");
  await expect(rowBefore).toContainText(/合格/);
  await expect(rowBefore).toContainText(`${Y}年7月15日公布`);
  await rowLatest.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/org/inspections/${Y}$`));
  await waitForHydration(page);

  // Pre-filled from last year's report: opening net assets are last year's closing ones, and the differences are counted.
  await expect(page.getByText(/与去年相比有 \d+ 项变化/)).toBeVisible();
  await expect(money(page, "年初净资产")).not.toHaveValue("");
  // The pre-filled figures agree with themselves: the closing net assets follow from the opening ones and the totals.
  const figure = async (label: string) => Number(await money(page, label).inputValue());
  expect(await figure("年末净资产")).toBeCloseTo((await figure("年初净资产")) + (await figure("收入合计")) - (await figure("费用合计")), 2);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${Y} 年度年检报告`);
  // The association has a 业务主管单位: its report goes there first, by 31 March.
  await expect(page.getByText(`${Y + 1}年3月31日`).first()).toBeVisible();
  await expect(page.getByText("业务主管单位（鲤城区文化体育和旅游局）初审").first()).toBeVisible();

  // Half the report, saved as a draft, survives a reload.
  const activities = "组织门球、太极拳、健身气功比赛 12 场，开展老年人健身指导进社区活动";
  await page.getByLabel("主要业务活动").fill(activities);
  await page.getByLabel("全年开展活动次数").fill("37");
  await money(page, "捐赠收入").fill("20000");
  await money(page, "政府补助收入").fill("10000");
  await money(page, "提供服务收入").fill("30000");
  await money(page, "会费收入").fill("5000");
  await money(page, "其他收入").fill("0");
  // The total is worked out as the items are typed, in a field the organization does not type into.
  await expect(money(page, "收入合计")).toHaveValue("65000");
  await expect(money(page, "收入合计")).not.toBeEditable();
  await expect(money(page, "收入合计")).toHaveAccessibleDescription(/自动计算：以上各项收入之和/);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("主要业务活动")).toHaveValue(activities);
  await expect(page.getByLabel("全年开展活动次数")).toHaveValue("37");
  await expect(money(page, "提供服务收入")).toHaveValue("30000");
  await expect(page.getByText("填报中").first()).toBeVisible();
  // Where this year's figure differs, last year's stands beside it.
  await expect(page.getByLabel("全年开展活动次数")).toHaveAccessibleDescription(/去年：\d+ 次/);
  await waitForHydration(page);

  // A negative amount is refused beside the field; nothing typed is lost.
  await money(page, "其他费用").fill("-500");
  await page.getByLabel("志愿者人数").fill("48");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(money(page, "其他费用")).toHaveAccessibleDescription(/金额不能为负数/);
  await expect(money(page, "其他费用")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("有填写不正确的内容，草稿未保存")).toBeVisible();
  await expect(money(page, "其他费用")).toHaveValue("-500");
  await expect(page.getByLabel("志愿者人数")).toHaveValue("48");

  // The spending total and the closing net assets follow each amount as it is typed.
  const opening = Number(await money(page, "年初净资产").inputValue());
  await money(page, "管理费用").fill("8000");
  await money(page, "其他费用").fill("0");
  await money(page, "业务活动成本").fill("30000");
  await expect(money(page, "费用合计")).toHaveValue("38000");
  await money(page, "业务活动成本").fill("40000");
  await expect(money(page, "费用合计")).toHaveValue("48000");
  await expect(money(page, "年末净资产")).toHaveValue(String(opening + 65000 - 48000));

  // No declaration: the draft is kept, the submission refused, the reason beside its field; the worked-out figures raise nothing.
  await clickAndConfirm(page.getByRole("button", { name: "报送", exact: true }));
  await expect(page.getByText("草稿已保存，但未能报送")).toBeVisible();
  await expect(page.getByLabel("本组织承诺所报内容真实、准确、完整")).toHaveAccessibleDescription(/请阅读并确认声明后再报送/);
  for (const label of ["收入合计", "费用合计", "年末净资产"]) await expect(money(page, label)).not.toHaveAttribute("aria-invalid", "true");

  // Without JavaScript the totals are typed, and the server, which judges, refuses one that does not add up beside it, keeping what was typed.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(noScript, "assoc", baseURL!);
  const plain = await noScript.newPage();
  await plain.goto(`/org/inspections/${Y}`);
  await expect(money(plain, "收入合计")).toBeEditable();
  await expect(money(plain, "收入合计")).toHaveAccessibleDescription(/应等于以上各项收入之和/);
  await money(plain, "收入合计").fill("60000");
  await clickAndConfirm(plain.getByRole("button", { name: "报送", exact: true }));
  await expect(money(plain, "收入合计")).toHaveAccessibleDescription(/收入合计应等于各项收入之和 65,000 元/);
  await expect(money(plain, "收入合计")).toHaveValue("60000");
  await noScript.close();

  // The report form with its errors showing is usable with assistive technology.
  expect(await seriousViolations(page)).toEqual([]);

  // An attachment over 10 MB is refused; the audited statements in PDF are kept.
  await page.getByLabel(/上传材料/).setInputFiles({ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByLabel(/上传材料/)).toHaveAccessibleDescription(/单个文件不能超过 10 MB/);
  await page.getByLabel(/上传材料/).setInputFiles({ name: `${Y}年度财务审计报告.pdf`, mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("link", { name: `${Y}年度财务审计报告.pdf` })).toBeVisible();
  await page.getByLabel(/上传材料/).setInputFiles({ name: "传错的文件.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await page.getByRole("listitem").filter({ hasText: "传错的文件.pdf" }).getByRole("button", { name: "删除" }).click();
  await expect(page.getByText("文件已删除。")).toBeVisible();
  await expect(page.getByRole("link", { name: "传错的文件.pdf" })).toHaveCount(0);

  // With JavaScript the page works the totals out again from the items; the declaration: submitted.
  await page.reload();
  await waitForHydration(page);
  await expect(money(page, "收入合计")).toHaveValue("65000");
  await money(page, "本年接受捐赠总额").fill("20000");
  await expect(money(page, "年末净资产")).toHaveValue(String(opening + 65000 - 48000));
  await page.getByLabel("正式党员人数").fill("4");
  await page.getByLabel("党组织覆盖方式").selectOption({ label: "单独建立党组织" });
  await page.getByLabel("本组织承诺所报内容真实、准确、完整").check();
  await clickAndConfirm(page.getByRole("button", { name: "报送", exact: true }));
  await expect(page.getByText("年度报告已报送，请等待业务主管单位（鲤城区文化体育和旅游局）初审，初审同意后由登记管理机关审查。")).toBeVisible();

  // Read-only now: no form, no upload, no remove; the figures and the file remain.
  await expect(page.getByText("已报送").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "报送", exact: true })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
  await expect(page.getByLabel(/上传材料/)).toHaveCount(0);
  await expect(page.getByRole("cell", { name: activities })).toBeVisible();
  await expect(page.getByRole("link", { name: `${Y}年度财务审计报告.pdf` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const download = await page.request.get((await page.getByRole("link", { name: `${Y}年度财务审计报告.pdf` }).getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // A post made from a stale page changes nothing and says why.
  const late = await page.request.post(`/org/inspections/${Y}`, {
    form: { intent: "save", version: "", mainActivities: "报送后又改" },
    headers: { Origin: baseURL! },
  });
  expect(late.status()).toBe(409);
  await page.reload();
  await expect(page.getByRole("cell", { name: activities })).toBeVisible();
  await page.goto("/org/inspections");
  await expect(page.getByRole("row", { name: new RegExp(`^${Y} 年度`) })).toContainText("已报送");
  expect(await seriousViolations(page)).toEqual([]);
  // Done: the to-do list no longer asks for it.
  await page.goto("/org");
  await expect(todo).toBeVisible();
  await expect(reportTodo).toHaveCount(0);

  // The registry concludes this very report 基本合格 with the corrections required, and publishes it.
  const officerContext = await browser.newContext();
  await signInAs(officerContext, "officer", baseURL!);
  const officer = await officerContext.newPage();
  await officer.goto(`/officer/inspections/${Y}`);
  await officer.getByRole("row").filter({ hasText: "鲤城区老年人体育协会" }).filter({ hasText: "已报送" }).getByRole("link").first().click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(`鲤城区老年人体育协会：${Y} 年度年检报告`);
  await expect(officer.getByRole("cell", { name: activities }).first()).toBeVisible();
  // No conclusion before the 业务主管单位's 初审.
  await expect(officer.getByText("年度工作报告须经业务主管单位（鲤城区文化体育和旅游局）初审同意后，方可作出年检结论")).toBeVisible();
  await expect(officer.getByRole("button", { name: "作出结论" })).toHaveCount(0);

  // The unit finds the report among its organizations' filings and agrees.
  const unitContext = await browser.newContext();
  await signInAs(unitContext, "supervising", baseURL!);
  const unit = await unitContext.newPage();
  await unit.goto("/unit");
  await unit.getByRole("link", { name: "年检初审" }).click();
  await expect(unit.getByRole("heading", { level: 1 })).toHaveText(`鲤城区文化体育和旅游局：${Y} 年度年检初审`);
  await unit.getByRole("row").filter({ hasText: "鲤城区老年人体育协会" }).getByRole("link").click();
  await expect(unit.getByRole("heading", { level: 1 })).toHaveText(`鲤城区老年人体育协会：${Y} 年度工作报告`);
  await expect(unit.getByRole("cell", { name: activities }).first()).toBeVisible();
  await expect(unit.getByRole("link", { name: `${Y}年度财务审计报告.pdf` })).toBeVisible();
  await waitForHydration(unit);
  await unit.getByLabel("初审意见").fill("经初审，同意报送登记管理机关。");
  await unit.getByRole("button", { name: "初审同意" }).click();
  await expect(unit.getByText("已初审同意，年度报告转登记管理机关审查。")).toBeVisible();
  await expect(unit.getByRole("button", { name: "初审同意" })).toHaveCount(0);
  expect(await seriousViolations(unit)).toEqual([]);
  await unitContext.close();

  await officer.reload();
  await expect(officer.getByText("鲤城区文化体育和旅游局 初审同意")).toBeVisible();
  const organizationId = (await officer.getByRole("link", { name: "查看登记信息" }).getAttribute("href"))!.split("/").pop()!;
  await waitForHydration(officer);
  await officer.getByRole("radio", { name: "基本合格" }).check();
  await officer.getByLabel("整改事项或不合格理由").fill("会员大会会议记录不完整，限期补齐");
  await officer.getByRole("button", { name: "作出结论" }).click();
  await expect(officer.getByText("已作出年检结论：基本合格。结论尚未公布")).toBeVisible();
  // Publishing wants the officer's password given within 10 minutes (the run's session is older).
  await verifyRecently(request, "officer");
  await officer.goto(`/officer/inspections/${Y}?state=concluded`);
  await clickAndConfirm(officer.getByRole("button", { name: "公布鲤城区老年人体育协会的年检结论" }));
  await expect(officer.getByText("已公布该组织的年检结论")).toBeVisible();

  // The association sees the conclusion; the public record and the open data show it.
  await page.goto(`/org/inspections/${Y}`);
  await expect(page.getByText("基本合格").first()).toBeVisible();
  await expect(page.getByText("需要整改的事项：会员大会会议记录不完整，限期补齐")).toBeVisible();
  const visitor = await browser.newPage();
  await visitor.goto(`/orgs/${organizationId}`);
  await expect(visitor.getByText(new RegExp(`${Y} 年度：基本合格（\\d{4}年\\d+月\\d+日公布）`))).toBeVisible();
  const api = (await (await visitor.request.get(`/api/v1/organizations/${organizationId}`)).json()) as { inspections: Array<{ year: number; conclusion: string }> };
  expect(api.inspections[0]).toMatchObject({ year: Y, conclusion: "basic_pass" });

  // Published, the conclusion orders its corrections: the association's to-do list asks for its report on them by the deadline.
  await page.goto(`/org/inspections/${Y}`);
  await expect(page.getByText(/整改期限：\d{4}年\d+月\d+日/)).toBeVisible();
  await page.goto("/org");
  const correctionTodo = todo.getByRole("listitem").filter({ hasText: `报告整改情况：${Y} 年度年检基本合格` });
  await expect(correctionTodo).toContainText(/还剩 \d+ 天/);
  await correctionTodo.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("整改事项");
  const correction = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: `${Y} 年度年检基本合格` }) });
  await expect(correction).toContainText("整改要求：会员大会会议记录不完整，限期补齐");
  await waitForHydration(page);
  const answer = "已补齐近三年会员大会会议记录，并建立会议记录归档制度";
  await correction.getByLabel("整改情况").fill(answer);
  await correction.getByRole("button", { name: "报告整改情况" }).click();
  await expect(page.getByText("整改情况已报送登记管理机关")).toBeVisible();
  await expect(correction).toContainText("已报告整改情况，待核实");
  await page.goto("/org");
  await expect(todo).toBeVisible();
  await expect(correctionTodo).toHaveCount(0);

  // The registry's to-do list leads to the report's page, where the correction is verified.
  await officer.goto("/officer");
  const officerTodo = officer.locator("section").filter({ has: officer.getByRole("heading", { level: 2, name: "待办事项" }) });
  await officerTodo.getByRole("link", { name: `核实整改情况：鲤城区老年人体育协会（${Y} 年度年检基本合格）` }).click();
  const verification = officer.locator("section").filter({ has: officer.getByRole("heading", { level: 2, name: "基本合格整改情况" }) });
  await expect(verification).toContainText(answer);
  await waitForHydration(officer);
  await verification.getByLabel("核实结果").selectOption({ label: "已完成整改" });
  await verification.getByLabel("核实情况").fill("经查阅补齐的会议记录，整改到位");
  await verification.getByRole("button", { name: "记录核实结果" }).click();
  await expect(officer.getByText("已记录整改核实结果。")).toBeVisible();
  await expect(verification).toContainText("经核实已完成整改");
  await expect(verification.getByRole("button", { name: "记录核实结果" })).toHaveCount(0);
  await officer.goto("/officer");
  await expect(officerTodo).toBeVisible();
  await expect(officerTodo.getByRole("link", { name: `核实整改情况：鲤城区老年人体育协会（${Y} 年度年检基本合格）` })).toHaveCount(0);
  await page.goto(`/org/inspections/${Y}`);
  await expect(page.getByText("经核实已完成整改")).toBeVisible();
  await Promise.all([officerContext.close(), visitor.close()]);
});

test("only an association opens the filing pages; years not opened are not found", async ({ request, baseURL }) => {
  const status = async (path: string, user?: DemoUser) =>
    (await request.get(path, { headers: user ? sessionCookieHeader(user) : {}, maxRedirects: 0 })).status();
  expect(await status("/org/inspections", "assoc")).toBe(200);
  expect(await status("/org/inspections/2030", "assoc")).toBe(404);
  expect(await status("/org/inspections/abc", "assoc")).toBe(404);
  for (const path of ["/org/inspections", `/org/inspections/${Y}`]) {
    expect(await status(path)).toBe(302);
    for (const user of ["admin", "officer", "street", "clerk", "supervisor"] as const) expect(await status(path, user), `${path} as ${user}`).toBe(403);
  }
  // Posting is refused to other roles too, before anything is read.
  const post = await request.post(`/org/inspections/${Y}`, { form: { intent: "save" }, headers: { ...sessionCookieHeader("officer"), Origin: baseURL! }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
});
