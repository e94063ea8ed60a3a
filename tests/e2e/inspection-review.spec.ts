import type { Locator, Page } from "@playwright/test";
import { expect, signInAs, test, verifyRecently, waitForHydration, seriousViolations } from "./fixtures";
import { clickAndConfirm, openAndDismiss } from "./confirming";
import { demoLatestCampaign } from "../../app/setup/demo";


/** The table of a panel, found by the panel's heading. */
function panel(page: Page, heading: string | RegExp): Locator {
  return page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: heading, exact: typeof heading === "string" }) });
}

// The demo association's own report on the latest campaign belongs to the filing tests: leave it alone here.
const demoAssociation = "老年人体育协会";

/** The demo's latest campaign, filed this year (app/setup/demo.ts): in progress until 31 May, closed after it. */
const Y = demoLatestCampaign();
const closed = new Date() > new Date(`${Y + 1}-06-01T00:00:00+08:00`);

test(`the officer opens the ${Y} inspection and sees who is due, who filed, by kind and by street`, async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/inspections");
  const rowLatest = page.getByRole("row", { name: new RegExp(`^${Y} 年度`) });
  await expect(rowLatest).toContainText(`${Y} 年度工作报告`);
  await expect(rowLatest).toContainText(`${Y + 1}年5月31日`);
  // In progress until its deadline, closed after it: whichever day the suite runs.
  await expect(rowLatest).toContainText(closed ? "已截止" : /还有 \d+ 天/);
  await expect(rowLatest).toContainText(/\d+\/\d+（\d+(\.\d)?%）/);
  // Earlier years: everyone filed but the organizations listed as abnormal for not filing and three not yet decided on.
  await expect(page.getByRole("row", { name: new RegExp(`^${Y - 1} 年度`) })).toContainText(/已截止.*\d+\/\d+（9\d(\.\d)?%）/);
  // A new year comes with the usual deadlines, which follow the year typed.
  await waitForHydration(page);
  const year = page.getByLabel("年检年度");
  await expect(page.getByLabel("业务主管单位初审截止")).toHaveValue(/^\d{4}-03-31$/);
  await year.fill("2031");
  await expect(page.getByLabel("业务主管单位初审截止")).toHaveValue("2032-03-31");
  await expect(page.getByLabel("登记管理机关截止")).toHaveValue("2032-05-31");
  expect(await seriousViolations(page)).toEqual([]);

  await rowLatest.getByRole("link", { name: `${Y} 年度` }).click();
  await expect(page).toHaveURL(new RegExp(`/officer/inspections/${Y}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${Y} 年度年检`);
  // Seed 002's figures, per kind: 51 社团 due with 40% filed (20 of 51, or 21 once the filing tests have sent the
  // demo association's report), 292 民非 with 42% (123 of 292).
  await expect(page.getByText(/^应参加 51 个社团，已报送 (39\.2|41\.2)%$/)).toBeVisible();
  await expect(page.getByText("应参加 292 个民非，已报送 42.1%", { exact: true })).toBeVisible();
  const byKind = panel(page, "按组织类型");
  await expect(byKind.getByRole("row", { name: /^社会团体/ })).toBeVisible();
  await expect(byKind.getByRole("row", { name: /^民办非企业单位/ })).toBeVisible();
  const byStreet = panel(page, "按街道（镇）");
  for (const street of ["开元街道", "鲤中街道", "汝湖镇"]) await expect(byStreet.getByRole("row", { name: new RegExp(`^${street}`) })).toBeVisible();
  // Before the registry's deadline those who have not filed have days left; after it they are flagged.
  const notFiled = panel(page, /^未报送的组织/);
  await expect(notFiled.getByText(closed ? "逾期未报" : /^还有 \d+ 天$/).first()).toBeVisible();
  // The axe scan of this page (long: every report of the district) is in "the inspection pages" test below.
});

test("the officer reviews a submitted report beside last year's, concludes 基本合格 with corrections, publishes it, and the public record shows it", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto(`/officer/inspections/${Y}`);
  const reports = panel(page, "年度报告");
  // One the 业务主管单位 has agreed to (初审): the registry may conclude it.
  const first = reports.getByRole("row").filter({ hasText: "已报送" }).filter({ hasText: "同意" }).filter({ hasNotText: demoAssociation }).first();
  const name = (await first.getByRole("link").textContent())!.trim();
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/officer/inspections/${Y}/reports/\\d+$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}：${Y} 年度年检报告`);
  const organizationId = (await page.getByRole("link", { name: "查看登记信息" }).getAttribute("href"))!.split("/").pop()!;

  // Two columns per field, the changes marked; the steps so far.
  await expect(page.getByRole("columnheader", { name: `上年度（${Y - 1} 年度年检）` }).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: `本年度（${Y} 年度年检）` }).first()).toBeVisible();
  await expect(page.getByText(new RegExp(`与上年度报告（${Y - 1} 年度年检）相比，共有 \\d+ 项有变动`))).toBeVisible();
  await expect(page.getByRole("row", { name: /^收入合计/ })).toContainText(/元/);
  await expect(panel(page, "办理过程")).toContainText("报送");
  await expect(panel(page, "报告附件")).toBeVisible();
  await waitForHydration(page);

  // 基本合格 without the corrections required: refused beside the field.
  await page.getByRole("radio", { name: "基本合格" }).check();
  await page.getByRole("button", { name: "作出结论" }).click();
  await expect(page.getByLabel("整改事项或不合格理由")).toHaveAccessibleDescription(/请写明需要整改的事项/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("radio", { name: "基本合格" }).check();
  await page.getByLabel("整改事项或不合格理由").fill("财务报表未附审计意见，请于 30 日内补报");
  await page.getByRole("button", { name: "作出结论" }).click();
  await expect(page.getByText("已作出年检结论：基本合格。结论尚未公布")).toBeVisible();
  await expect(page.getByText("需要整改的事项：财务报表未附审计意见，请于 30 日内补报")).toBeVisible();
  await expect(page.getByRole("button", { name: "作出结论" })).toHaveCount(0);
  await expect(panel(page, "办理过程")).toContainText("作出年检结论");

  // Not public until published.
  await page.goto(`/orgs/${organizationId}`);
  await expect(page.getByText(`${Y} 年度：`)).toHaveCount(0);

  // Published from its row in the year's list of concluded reports (publishing wants the password given within 10 minutes).
  await verifyRecently(request, "officer");
  await page.goto(`/officer/inspections/${Y}?state=concluded`);
  await clickAndConfirm(page.getByRole("button", { name: `公布${name}的年检结论` }));
  await expect(page.getByText("已公布该组织的年检结论")).toBeVisible();
  await expect(panel(page, "年度报告").getByRole("row").filter({ hasText: name })).toContainText("已公布");
  await expect(page.getByRole("button", { name: `公布${name}的年检结论` })).toHaveCount(0);

  await page.goto(`/orgs/${organizationId}`);
  await expect(page.getByText(new RegExp(`${Y} 年度：基本合格（\\d{4}年\\d+月\\d+日公布）`))).toBeVisible();
});

test("publishing all names them first and needs a confirmation", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  await page.goto(`/officer/inspections/${Y}`);
  const publish = panel(page, "公布年检结论");
  const count = Number((await publish.getByText(/^将公布 \d+ 个组织的年检结论/).textContent())!.match(/将公布 (\d+) 个/)![1]);
  expect(count).toBeGreaterThan(0);
  await waitForHydration(page);
  // The confirmation names them; 取消 publishes nothing.
  await openAndDismiss(publish.getByRole("button", { name: "公布全部已作出的结论" }), {
    action: count === 1 ? "公布年检结论" : `公布 ${count} 个组织的年检结论`,
    says: ["公布后不能撤回"],
  });
  await expect(publish.getByText(`将公布 ${count} 个组织的年检结论`)).toBeVisible();
  await clickAndConfirm(publish.getByRole("button", { name: "公布全部已作出的结论" }));
  await expect(page.getByText(`已公布 ${count} 个组织的年检结论`)).toBeVisible();
  await expect(panel(page, "公布年检结论")).toContainText("没有待公布的年检结论");
});

test("a decision made from a stale page is refused and says why; a return needs its reason", async ({ context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const list = await context.newPage();
  await list.goto(`/officer/inspections/${Y}`);
  const row = panel(list, "年度报告").getByRole("row").filter({ hasText: "已报送" }).filter({ hasText: "同意" }).filter({ hasNotText: demoAssociation }).nth(1);
  const href = (await row.getByRole("link").getAttribute("href"))!;
  const [one, two] = [await context.newPage(), await context.newPage()];
  await one.goto(href);
  await two.goto(href);
  await waitForHydration(two);

  await two.getByRole("button", { name: "退回修改" }).click();
  await expect(two.getByLabel("退回理由")).toHaveAccessibleDescription(/请填写退回理由/);
  await two.getByLabel("退回理由").fill("年末净资产与审计报告不一致，请核对后重新报送");
  await two.getByRole("button", { name: "退回修改" }).click();
  await expect(two.getByText("已退回修改，组织修改后可重新报送。")).toBeVisible();
  await expect(two.getByText("退回理由：年末净资产与审计报告不一致")).toBeVisible();

  await waitForHydration(one);
  await one.getByRole("radio", { name: "合格", exact: true }).check();
  await one.getByRole("button", { name: "作出结论" }).click();
  await expect(one.getByRole("alert")).toContainText("该年度报告已被其他人处理或修改，请刷新页面查看最新状态后再操作。");
  await one.reload();
  await expect(one.getByText("退回修改").first()).toBeVisible();
  await expect(one.getByRole("button", { name: "作出结论" })).toHaveCount(0);
});

test("the calendar puts a closed campaign's non-filers to the officer, who lists them one by one and together, and removes them with a reason", async ({ page, context, baseURL }) => {
  // The campaign before the latest has closed whatever the day; the demo left three of its non-filers undecided.
  const before = Y - 1;
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await page.getByRole("link", { name: new RegExp(`^${before} 年度年检已截止：3 个组织逾期未报送，年检日历于`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${before} 年度年检`);
  await expect(page.getByRole("note")).toContainText("现有 3 个尚未列入");
  await waitForHydration(page);
  const notFiled = panel(page, /^未报送的组织/);
  const candidates = notFiled.getByRole("row").filter({ hasText: "逾期未报" }).filter({ hasNotText: demoAssociation });
  const names: string[] = [];
  for (const i of [0, 1, 2]) names.push((await candidates.nth(i).getByRole("link").textContent())!.trim());
  const rowOf = (name: string) => notFiled.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

  // One by one: the row's own button, with the batch's reason and date; the confirmation names the organization.
  await expect(page.getByLabel("列入原因")).toHaveValue(`未按规定报送 ${before} 年度工作报告（${before} 年度年检）`);
  expect(await clickAndConfirm(page.getByRole("button", { name: `将${names[0]}列入活动异常名录` }))).toContain(`1 个组织：${names[0]}`);
  await expect(page.getByText("已将 1 个组织列入活动异常名录。")).toBeVisible();
  await expect(rowOf(names[0]!)).toContainText("已列入活动异常名录");

  // Together: two ticked, the confirmation counts them.
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: `选择${names[1]}` }).check();
  await page.getByRole("checkbox", { name: `选择${names[2]}` }).check();
  await page.getByLabel("列入原因").fill(`未按规定报送 ${before} 年度工作报告，经催告仍未报送`);
  expect(await clickAndConfirm(page.getByRole("button", { name: "将所选组织列入活动异常名录" }))).toContain("2 个组织");
  await expect(page.getByText("已将 2 个组织列入活动异常名录。")).toBeVisible();
  for (const name of names) await expect(rowOf(name)).toContainText("已列入活动异常名录");

  // The public register shows them as abnormal.
  const publicList = await page.request.get(`/api/v1/organizations?status=abnormal&q=${encodeURIComponent(names[1]!)}`);
  expect(((await publicList.json()) as { total: number }).total).toBe(1);

  // The officers' list: date, reason, time on the list; removal needs a reason.
  await page.goto("/officer/abnormal");
  await expect(page.getByRole("link", { name: "查看公开名录" })).toHaveAttribute("href", "/credit/abnormal");
  const listed = (name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(listed(names[0]!)).toContainText(`未按规定报送 ${before} 年度工作报告（${before} 年度年检）`);
  await expect(listed(names[0]!)).toContainText("不满 1 个月");
  await expect(listed(names[1]!)).toContainText("经催告仍未报送");
  await expect(page.getByText("满 2 年，待移入严重违法失信名单").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await waitForHydration(page);
  await page.getByRole("button", { name: `移出名录：${names[0]}` }).click();
  await expect(listed(names[0]!).getByLabel("移出原因")).toHaveAccessibleDescription(/请填写移出原因/);
  expect(await seriousViolations(page)).toEqual([]);
  for (const name of names) {
    await listed(name).getByLabel("移出原因").fill("已补报年度工作报告并经核实");
    await clickAndConfirm(page.getByRole("button", { name: `移出名录：${name}` }));
    await expect(page.getByText("已移出活动异常名录")).toBeVisible();
    await expect(listed(name)).toHaveCount(0);
  }
  const record = await page.request.get(`/api/v1/organizations?status=normal&q=${encodeURIComponent(names[0]!)}`);
  expect(((await record.json()) as { total: number }).total).toBe(1);
});

test("a street officer sees only its street's figures, reports and listings, and has no forms", async ({ browser, baseURL }) => {
  const officerContext = await browser.newContext();
  await signInAs(officerContext, "officer", baseURL!);
  const officer = await officerContext.newPage();
  await officer.goto(`/officer/inspections/${Y}?state=all`);
  const rows = panel(officer, "年度报告").getByRole("row");
  const elsewhere = (await rows.filter({ hasNotText: "开元街道" }).nth(1).getByRole("link").getAttribute("href"))!;
  const own = (await rows.filter({ hasText: "开元街道" }).first().getByRole("link").getAttribute("href"))!;
  await officerContext.close();

  const context = await browser.newContext();
  await signInAs(context, "street", baseURL!);
  const page = await context.newPage();
  await page.goto(`/officer/inspections/${Y}?state=all`);
  await expect(page.getByText("开元街道").first()).toBeVisible();
  const byStreet = panel(page, "按街道（镇）").getByRole("row");
  await expect(byStreet).toHaveCount(2); // the header and 开元街道
  await expect(byStreet.nth(1)).toContainText("开元街道");
  const streets = await panel(page, "年度报告").locator("tbody tr td:nth-of-type(2)").allTextContents();
  expect(streets.length).toBeGreaterThan(0);
  expect(new Set(streets)).toEqual(new Set(["开元街道"]));
  const notFiledStreets = await panel(page, /^未报送的组织/).locator("tbody tr td:nth-of-type(2)").allTextContents();
  expect(new Set(notFiledStreets)).toEqual(new Set(["开元街道"]));
  // Reading only: no publishing, no listing, no deadlines.
  await expect(page.getByRole("button", { name: /公布|列入|保存截止日期/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);

  expect((await page.request.get(own, { maxRedirects: 0 })).status()).toBe(200);
  expect((await page.request.get(elsewhere, { maxRedirects: 0 })).status()).toBe(404);
  await page.goto(own);
  await expect(page.getByRole("button", { name: /作出结论|退回修改/ })).toHaveCount(0);

  await page.goto("/officer/abnormal");
  // Each row's organization cell names its kind and street.
  const listedStreets = await page.locator("tbody tr th").allTextContents();
  expect(listedStreets.length).toBeGreaterThan(0);
  expect(listedStreets.every((cell) => cell.includes("· 开元街道"))).toBe(true);
  await expect(page.getByRole("button", { name: /移出名录/ })).toHaveCount(0);

  // Writes are the registry's.
  const post = await page.request.post(`/officer/inspections/${Y}`, { form: { intent: "publish-all", confirmed: "yes", "reportIds[0]": "1" }, headers: { Origin: baseURL! } });
  expect(post.status()).toBe(403);
  await context.close();
});

test("the inspection pages have no serious accessibility problems", async ({ browser, page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto(`/officer/inspections/${Y}?state=returned`);
  const href = (await panel(page, "年度报告").getByRole("row").filter({ hasText: "退回修改" }).first().getByRole("link").getAttribute("href"))!;
  for (const path of ["/officer/inspections", `/officer/inspections/${Y}`, href, "/officer/abnormal"]) {
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  // Officers without inspection:review read the same pages.
  const admin = await browser.newContext();
  await signInAs(admin, "admin", baseURL!);
  const adminPage = await admin.newPage();
  await adminPage.goto(`/officer/inspections/${Y}`);
  // The same tables without the forms: the officer's scan above covers them.
  await expect(adminPage.getByRole("heading", { name: "公布年检结论" })).toHaveCount(0);
  await expect(adminPage.getByRole("button", { name: /^公布/ })).toHaveCount(0);
  await adminPage.goto("/officer/inspections");
  await expect(adminPage.getByRole("heading", { name: "开启新年度年检" })).toHaveCount(0);
  await admin.close();
});

// Last: it opens a year, which stays open for the rest of the run.
test("the registry opens a new year with its deadlines and changes them; errors sit beside the fields", async ({ page, context, baseURL }) => {
  // This year's campaign, filed next year: its deadlines are always ahead, whenever the suite runs.
  const Y = new Date().getFullYear();
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/inspections");
  await waitForHydration(page);
  await page.getByLabel("年检年度").fill(String(Y));
  await expect(page.getByLabel("登记管理机关截止")).toHaveValue(`${Y + 1}-05-31`);
  await page.getByLabel("业务主管单位初审截止").fill(`${Y + 1}-06-30`);
  await page.getByRole("button", { name: `开启 ${Y} 年度年检` }).click();
  await expect(page.getByLabel("业务主管单位初审截止")).toHaveAccessibleDescription("业务主管单位初审截止日期应早于登记管理机关截止日期");
  await expect(page.getByLabel("业务主管单位初审截止")).toHaveValue(`${Y + 1}-06-30`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("业务主管单位初审截止").fill(`${Y + 1}-03-31`);
  await page.getByRole("button", { name: `开启 ${Y} 年度年检` }).click();
  await expect(page).toHaveURL(new RegExp(`/officer/inspections/${Y}$`));
  await expect(page.getByText(`${Y} 年度年检已开启`)).toBeVisible();

  // An opened year cannot be opened twice.
  await page.goto("/officer/inspections");
  await expect(page.getByRole("row", { name: new RegExp(`^${Y} 年度`) })).toContainText(`${Y} 年度工作报告`);
  // The form now proposes a year not yet opened.
  await expect(page.getByLabel("年检年度")).not.toHaveValue(String(Y));
  await waitForHydration(page);
  await page.getByLabel("年检年度").fill(String(Y));
  await page.getByRole("button", { name: `开启 ${Y} 年度年检` }).click();
  await expect(page.getByLabel("年检年度")).toHaveAccessibleDescription(new RegExp(`${Y} 年度年检已经开启`));

  // The deadlines change with the version the officer saw; a wrong order is refused beside the field.
  await page.goto(`/officer/inspections/${Y}`);
  await waitForHydration(page);
  const deadlines = panel(page, "调整截止日期");
  await deadlines.getByLabel("调整原因").fill("按市局年检通知调整");
  await deadlines.getByLabel("登记管理机关截止").fill(`${Y + 1}-02-28`);
  await deadlines.getByRole("button", { name: "保存截止日期" }).click();
  await expect(deadlines.getByLabel("业务主管单位初审截止")).toHaveAccessibleDescription("业务主管单位初审截止日期应早于登记管理机关截止日期");
  // Year Y's registry deadline falls within Y+1, the year its reports are filed.
  await deadlines.getByLabel("登记管理机关截止").fill(`${Y + 2}-01-31`);
  await deadlines.getByRole("button", { name: "保存截止日期" }).click();
  await expect(deadlines.getByLabel("登记管理机关截止")).toHaveAccessibleDescription(`${Y} 年度年检的登记管理机关截止日期应在 ${Y + 1} 年内`);
  await deadlines.getByLabel("登记管理机关截止").fill(`${Y + 1}-12-31`);
  await deadlines.getByRole("button", { name: "保存截止日期" }).click();
  await expect(page.getByText("截止日期已调整")).toBeVisible();
  await expect(page.getByText(`登记管理机关截止 ${Y + 1}年12月31日`)).toBeVisible();
  await expect(panel(page, /^未报送的组织/).getByRole("row").filter({ hasText: "逾期未报" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "将所选组织列入活动异常名录" })).toHaveCount(0);
});

test("the registry moves the calendar's opening day, with a reason; a day outside January to March is refused beside the field", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  await page.goto("/officer/inspections");
  await waitForHydration(page);
  const calendar = panel(page, "年检日历");
  await expect(calendar).toContainText("每年1月1日，系统自动开启上一年度的年检");
  await calendar.getByLabel("自动开启日期（月-日）").fill("04-01");
  await calendar.getByLabel("调整原因").fill("按市局通知推迟开启");
  await calendar.getByRole("button", { name: "保存开启日期" }).click();
  await expect(calendar.getByLabel("自动开启日期（月-日）")).toHaveAccessibleDescription(/年检自动开启日期应为 1 月 1 日至 3 月 31 日之间的日期/);
  await calendar.getByLabel("自动开启日期（月-日）").fill("01-15");
  await calendar.getByRole("button", { name: "保存开启日期" }).click();
  await expect(page.getByRole("status")).toContainText("年检自动开启日期已调整为每年1月15日。");
  await expect(panel(page, "年检日历")).toContainText("每年1月15日，系统自动开启上一年度的年检");
  await expect(panel(page, "年检日历")).toContainText("（开启日期由陈登记（区民政局）于");
});
