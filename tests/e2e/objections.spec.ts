import type { Page } from "@playwright/test";
import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";
import { shanghaiDate } from "../../app/domain/shared/time";

/** A panel of the page by its heading. */
const panel = (page: Page, title: string | RegExp) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title }) });

test("the registry records an award; the association objects that it is not theirs; the registry upholds it, withdraws the award and records the correction; the public record no longer shows it", async ({ browser, baseURL }) => {
  const today = shanghaiDate(new Date());
  const title = `全区优秀社会组织 ${Date.now() % 100_000}`;

  // The association's own organization, from its objection page.
  const assocContext = await browser.newContext();
  await signInAs(assocContext, "assoc", baseURL!);
  const assoc = await assocContext.newPage();
  await assoc.goto("/org");
  await assoc.getByRole("navigation").getByRole("link", { name: "信用信息异议" }).click();
  await expect(assoc.getByRole("heading", { level: 1, name: "信用信息异议" })).toBeVisible();
  const recordHref = (await assoc.getByRole("link", { name: "查看本组织公开的信用信息" }).getAttribute("href"))!;
  const organizationId = recordHref.split("/").pop()!;

  // The registry records an award; a contract's fields on an award are refused beside them.
  const officerContext = await browser.newContext();
  await signInAs(officerContext, "officer", baseURL!);
  const officer = await officerContext.newPage();
  await officer.goto(`/officer/orgs/${organizationId}/credit`);
  await waitForHydration(officer);
  const other = panel(officer, "其他信用信息：表彰奖励、承接政府购买服务");
  await other.getByLabel("信息类别").selectOption({ label: "表彰奖励" });
  await other.getByLabel("名称").fill(title);
  await other.getByLabel("授予机关或购买主体").fill("鲤城区民政局");
  await other.getByLabel(/^日期/).fill(today);
  await other.getByLabel("合同金额（元）").fill("5000");
  await other.getByRole("button", { name: "录入并公示" }).click();
  await expect(other.getByLabel("合同金额（元）")).toHaveAccessibleDescription(/表彰奖励不填写合同金额/);
  await expect(other.getByLabel("名称")).toHaveValue(title);
  await other.getByLabel("合同金额（元）").fill("");
  await other.getByRole("button", { name: "录入并公示" }).click();
  await expect(officer.getByRole("status")).toContainText("已录入");
  await expect(other.getByRole("listitem").filter({ hasText: title })).toContainText("表彰奖励");

  // The public reads it on the record.
  await assoc.goto(recordHref);
  await expect(panel(assoc, "评估等级和其他信息")).toContainText(title);

  // The association objects: without the details it is told beside the fields.
  await assoc.goto("/org/objections");
  await waitForHydration(assoc);
  const form = panel(assoc, "提出异议");
  await form.getByRole("button", { name: "提交异议" }).click();
  await expect(form.getByLabel("异议涉及的信用信息")).toHaveAccessibleDescription(/请选择异议涉及的信用信息/);
  await expect(form.getByLabel("异议内容和理由")).toHaveAccessibleDescription(/请填写异议内容和理由/);
  await form.getByLabel("异议涉及的信用信息").selectOption({ label: "其他信息（评估等级、表彰奖励、政府购买服务）" });
  await form.getByLabel("具体条目").fill(title);
  await form.getByLabel("异议内容和理由").fill("本单位从未获得该项表彰，公示的信息与本单位无关。");
  await form.getByLabel("请求更正的内容").fill("删除该条表彰信息");
  await form.getByRole("button", { name: "提交异议" }).click();
  await expect(assoc.getByRole("status")).toContainText("登记管理机关将在 30 日内核实并答复");
  const mine = panel(assoc, "已提出的异议").getByRole("listitem").filter({ hasText: title });
  await expect(mine).toContainText("待核实");

  // The registry answers: upheld, the correction due within five working days.
  await officer.goto("/officer/objections");
  await waitForHydration(officer);
  const item = officer.getByRole("listitem").filter({ hasText: title });
  await item.getByLabel("核实结论和理由").fill("经核对表彰文件，获奖单位并非该组织，录入有误，异议成立。");
  await item.getByRole("button", { name: "异议成立，予以更正" }).click();
  await expect(officer.getByRole("status")).toContainText("已答复异议成立");
  await expect(item).toContainText("异议成立，待更正");

  // It withdraws the award where it is kept, then records the correction.
  await item.getByRole("link", { name: "信用管理" }).click();
  await waitForHydration(officer);
  const entry = panel(officer, "其他信用信息：表彰奖励、承接政府购买服务").getByRole("listitem").filter({ hasText: title });
  await entry.getByText("撤回（信息有误时）").click();
  await entry.getByLabel("撤回原因").fill("经异议核实，获奖单位并非该组织。");
  await entry.getByRole("button", { name: "撤回" }).click();
  await expect(officer.getByRole("status")).toContainText("已撤回");
  await expect(entry).toContainText("已撤回");

  await officer.goto("/officer/objections");
  await waitForHydration(officer);
  await item.getByLabel("更正情况").fill("已在其他信用信息中撤回该条表彰，公开信用信息中不再显示。");
  await item.getByRole("button", { name: "登记更正完成" }).click();
  await expect(officer.getByRole("status")).toContainText("该异议办结");
  await officer.goto("/officer/objections?view=closed");
  await expect(officer.getByRole("listitem").filter({ hasText: title })).toContainText("已更正");

  // The association reads the answer and the correction; the public record no longer shows the award.
  await assoc.goto("/org/objections");
  await expect(mine).toContainText("已更正");
  await expect(mine).toContainText("经核对表彰文件");
  await assoc.goto(recordHref);
  await expect(panel(assoc, "评估等级和其他信息")).not.toContainText(title);
  await assocContext.close();
  await officerContext.close();
});

test("the objection pages have no serious accessibility problems", async ({ browser, baseURL }) => {
  for (const [user, path] of [["assoc", "/org/objections"], ["officer", "/officer/objections?view=all"]] as const) {
    const context = await browser.newContext();
    await signInAs(context, user, baseURL!);
    const page = await context.newPage();
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousViolations(page), path).toEqual([]);
    await context.close();
  }
});
