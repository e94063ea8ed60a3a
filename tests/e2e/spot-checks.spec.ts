import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { shanghaiDate } from "../../app/domain/shared/time";

const association = "鲤城区老年人体育协会";

/** The drawn organization's entry on the plan page, by its name. */
function itemOf(page: Page, name: string): Locator {
  return page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: /^检查对象/ }) })
    .locator("ol > li")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Records a finding through the organization's "记录检查结果" form and waits for its badge. */
async function recordFinding(item: Locator, finding: "未发现问题" | "发现问题，责令限期整改", findings: string) {
  await item.getByText("记录检查结果", { exact: true }).click();
  await item.getByLabel("检查结果").selectOption({ label: finding });
  await item.getByLabel("检查情况").fill(findings);
  await expect(item.getByLabel("检查日期")).toHaveValue(shanghaiDate(new Date()));
  await item.getByRole("button", { name: "保存检查结果" }).click();
  // The badge beside the name (the select offers the same words).
  await expect(item.locator(":scope > p").first().getByText(finding, { exact: true })).toBeVisible();
}

test("the district officer draws a spot check, orders the association to rectify, verifies its report and publishes the results, which anyone can replay", async ({ page, context, baseURL, browser }) => {
  test.slow();
  await signInAs(context, "officer", baseURL!);
  const today = shanghaiDate(new Date());
  const deadline = shanghaiDate(new Date(Date.now() + 7 * 86_400_000));

  // The association's street, from its public record.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/orgs?q=${encodeURIComponent("老年人体育协会")}`);
  const registerRow = visitor.getByRole("table").getByRole("row").filter({ has: visitor.getByRole("link", { name: association }) });
  await expect(registerRow).toHaveCount(1);
  const street = (await registerRow.getByRole("cell").allTextContents()).map((t) => t.trim()).find((t) => /(街道|镇)$/.test(t));
  expect(street, "the association's street on the register").toBeTruthy();

  // A plan over every social group of that street: the association is certainly drawn.
  const title = `${today.slice(0, 4)} 年度${street}社会团体专项抽查 ${Date.now() % 100_000}`;
  await page.goto("/officer/checks");
  await expect(page.getByRole("heading", { level: 1, name: "双随机抽查" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("计划名称").fill(title);
  await page.getByLabel("抽查事项").fill("年度工作报告的真实性、财务管理、按章程开展活动情况");
  const types = page.getByRole("group", { name: /^组织类型/ });
  await types.getByRole("checkbox", { name: "社会团体" }).check();
  await types.getByRole("checkbox", { name: "民办非企业单位" }).uncheck();
  await types.getByRole("checkbox", { name: "基金会" }).uncheck();
  await page.getByRole("group", { name: /^街道（镇）/ }).getByRole("checkbox", { name: street!, exact: true }).check();
  await page.getByLabel("抽取方式").selectOption({ label: "按比例（%）" });
  await page.getByLabel("比例或数量").fill("100");
  await page.getByLabel("每次检查人数").fill("2");
  await page.getByLabel("检查人员名录").fill("陈志明\n林晓燕\n黄建国\n吴丽华");
  await page.getByRole("button", { name: "制定计划" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  const planId = page.url().match(/\/officer\/checks\/(\d+)/)![1];

  // The draw.
  await page.getByRole("button", { name: "随机抽取" }).click();
  await expect(page.getByText("已随机抽取检查对象和检查人员，抽取结果和随机种子已在公开页面公示。")).toBeVisible();
  await expect(page.getByText("按公开规则复核，结果一致")).toBeVisible();
  const drawn = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: /^检查对象/ }) });
  await expect(drawn.locator("ol > li").first()).toBeVisible();
  const names = (await drawn.locator("ol > li > p:first-child > a").allTextContents()).map((n) => n.trim());
  await expect(drawn.getByRole("heading", { level: 2 })).toHaveText(`检查对象（${names.length} 个）`);
  expect(names).toContain(association);
  const others = names.filter((n) => n !== association);
  await expect(page.getByText(`还有 ${names.length} 个检查对象未记录检查结果，全部记录后可以公布。`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A problem at the association, ordered to be rectified within a week.
  const mine = itemOf(page, association);
  await recordFinding(mine, "发现问题，责令限期整改", "会员大会未按章程每年召开，会费收支未向会员公开。");
  await expect(mine).toContainText("会员大会未按章程每年召开，会费收支未向会员公开。");
  await mine.getByText("责令限期整改", { exact: true }).click();
  const problem = "按章程召开会员大会，向会员公开近两年的会费收支情况。";
  await mine.getByLabel("存在的问题和整改要求").fill(problem);
  await mine.getByLabel("整改期限").fill(deadline);
  await mine.getByRole("button", { name: "责令整改" }).click();
  await expect(page.getByText(/^已责令限期整改/)).toBeVisible();
  await expect(mine).toContainText(`整改要求：${problem}`);
  await expect(mine.getByText("整改中", { exact: true })).toBeVisible();

  // Nothing found at the others.
  for (const name of others) await recordFinding(itemOf(page, name), "未发现问题", "年度工作报告与财务账册一致，按照章程开展活动，未发现问题。");
  await expect(page.getByLabel("结果公告")).toBeVisible();

  // The association reports its correction.
  const assocContext = await browser.newContext();
  await signInAs(assocContext, "assoc", baseURL!);
  const assoc = await assocContext.newPage();
  await assoc.goto("/org/rectifications");
  await expect(assoc.getByRole("heading", { level: 1, name: "整改事项" })).toBeVisible();
  await waitForHydration(assoc);
  const own = assoc.locator("section").filter({ has: assoc.getByRole("heading", { level: 2, name: title }) });
  await expect(own).toContainText(`整改要求：${problem}`);
  await expect(own.getByText("整改中", { exact: true })).toBeVisible();
  const answer = "已于本月召开会员大会，近两年的会费收支情况已在会员大会上报告并在本会公告栏公开。";
  await own.getByLabel("整改情况").fill(answer);
  await own.getByRole("button", { name: "报告整改情况" }).click();
  await expect(assoc.getByText("整改情况已报送登记管理机关，核实前可以补充修改。")).toBeVisible();
  await expect(own.getByText("已报告整改情况，待核实", { exact: true })).toBeVisible();
  await assocContext.close();

  // The officer verifies it and publishes the results.
  await page.goto(`/officer/checks/${planId}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  await expect(mine).toContainText(`报告整改情况：${answer}`);
  await expect(mine.getByText("已报告整改情况，待核实", { exact: true })).toBeVisible();
  await expect(mine.getByLabel("核实结果")).toHaveValue("done");
  await mine.getByLabel("核实情况").fill("经现场核查，会员大会会议记录齐全，会费收支已公开，整改完成。");
  await mine.getByRole("button", { name: "记录核实结果" }).click();
  await expect(page.getByText("已记录核实结果。")).toBeVisible();
  await expect(mine.getByText("经核实已完成整改", { exact: true })).toBeVisible();
  const summary = `本批次随机抽取${street}社会团体 ${names.length} 个，${others.length} 个未发现问题；${association}会员大会未按期召开、会费收支未公开，已责令整改并经核实完成整改。`;
  await page.getByLabel("结果公告").fill(summary);
  await page.getByRole("button", { name: "公布抽查结果" }).click();
  await expect(page.getByText("抽查结果已向社会公布。")).toBeVisible();
  await expect(page.getByText(`已公布：${summary}`)).toBeVisible();
  await expect(page.getByText("记录检查结果", { exact: true })).toHaveCount(0);

  // Anyone finds the results and replays the draw.
  await visitor.goto("/credit/checks");
  await expect(visitor.getByRole("heading", { level: 1, name: "双随机抽查" })).toBeVisible();
  const listed = visitor.getByRole("table").getByRole("row").filter({ has: visitor.getByRole("link", { name: title }) });
  await expect(listed).toContainText(`中抽取 ${names.length} 个`);
  await expect(listed).toContainText("公布");
  await listed.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText(`公布：${summary}`)).toBeVisible();
  await expect(visitor.getByText("本站按上述规则复核，结果与公布的一致")).toBeVisible();
  const table = visitor.getByRole("table", { name: "随机抽取的检查对象和检查人员" });
  await expect(table.getByRole("row")).toHaveCount(names.length + 1);
  const row = table.getByRole("row").filter({ has: visitor.getByRole("link", { name: association }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("发现问题，责令限期整改");
  await expect(row).toContainText(`整改：${problem}`);
  await expect(row).toContainText(/核实已完成/);
  for (const name of others) await expect(table.getByRole("row").filter({ has: visitor.getByRole("link", { name, exact: true }) })).toContainText("未发现问题");
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitorContext.close();
});
