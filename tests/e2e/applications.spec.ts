import type { Browser, Page } from "@playwright/test";
import { expect, seriousViolations, signInAs, test, waitForHydration, type PreparatoryGroup } from "./fixtures";
import { clickAndConfirm } from "./confirming";
import { attach, checklistItem, filingMaterials } from "./application-materials";

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
async function fillEstablishment(page: Page, name: string, individualMembers: string) {
  await page.getByLabel("名称").fill(name);
  await page.getByLabel("组织类型").selectOption("social_group");
  await page.getByLabel("登记方式").selectOption("supervised");
  await page.getByLabel("业务主管单位").fill("鲤城区文化体育和旅游局");
  await page.getByLabel("法定代表人（负责人）").fill("郑海燕");
  await page.getByLabel("住所（活动场所）").fill("泉州市鲤城区中山中路 88 号");
  await page.getByLabel("注册资金（元）").fill("60000");
  await page.getByLabel("业务范围").fill("组织会员开展闽南童谣传唱、交流和公益演出");
  await page.getByLabel("所在社区（村）").selectOption({ label: "东街社区" });
  await page.getByLabel("个人会员数").fill(individualMembers);
  await page.getByLabel("单位会员数").fill("0");
  await page.getByLabel("联系电话").fill("13905950123");
}

/** A preparatory group starts an establishment from its home page: its signed-in page, on the new application. */
async function startEstablishment(browser: Browser, baseURL: string, group: PreparatoryGroup) {
  const assocContext = await browser.newContext();
  await signInAs(assocContext, group, baseURL);
  const assoc = await assocContext.newPage();
  await assoc.goto("/org");
  await waitForHydration(assoc);
  // Before starting, what the kind asks for, with its templates.
  await expect(assoc.getByRole("link", { name: "下载社会团体章程示范文本" })).toHaveAttribute("href", "/templates/charter-social-group.txt");
  await assoc.getByRole("button", { name: "申请成立登记" }).click();
  await expect(assoc).toHaveURL(/\/org\/applications\/\d+$/);
  return { assocContext, assoc, id: new URL(assoc.url()).pathname.split("/").pop()! };
}

test("an association applies, the registry returns it, the association corrects it, the registry approves, and the public register shows it", async ({ browser, baseURL }) => {
  const name = `鲤城区闽南童谣传唱协会${Date.now().toString(36).slice(-4)}`;
  const { assocContext, assoc, id } = await startEstablishment(browser, baseURL!, "prep-a");

  // The checklist of what an establishment hands in, before the form and its submit button; nothing attached yet.
  await expect(checklistItem(assoc, "章程草案")).toContainText("必交");
  await expect(checklistItem(assoc, "章程草案")).toContainText("未上传");
  await expect(checklistItem(assoc, "业务主管单位的批准文件")).toContainText("选交");
  await expect(assoc.getByText("还有 4 项必交材料未上传：登记申请书、验资报告、场所使用权证明、发起人和拟任负责人的基本情况、身份证明、章程草案。全部上传后才能提交。")).toBeVisible();
  const template = await assoc.request.get("/templates/charter-social-group.txt");
  expect(template.status()).toBe(200);
  expect(await template.text()).toContain("第一章　总　　则");

  // Too few members: the legal condition is explained beside the field, and what was typed stays.
  await fillEstablishment(assoc, name, "20");
  await clickAndConfirm(assoc.getByRole("button", { name: "提交申请" }));
  await expect(assoc.getByLabel("个人会员数")).toHaveAccessibleDescription(/50 个以上个人会员/);
  // The application form with its errors showing is usable with assistive technology.
  expect(await seriousViolations(assoc)).toEqual([]);
  await expect(assoc.getByLabel("名称")).toHaveValue(name);
  await expect(assoc.getByText("草稿已保存，但未能提交")).toBeVisible();

  // A file that only pretends to be a PDF is refused; a real PNG is kept, as the material it was uploaded for.
  await assoc.getByLabel(/上传材料/).setInputFiles({ name: "章程.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await assoc.getByRole("button", { name: "上传", exact: true }).click();
  await expect(assoc.getByText(/不是 PDF、JPEG 或 PNG 文件/)).toBeVisible();
  await attach(assoc, "验资报告、场所使用权证明", "活动场所照片.png", png);
  await expect(checklistItem(assoc, "验资报告、场所使用权证明")).toContainText("已上传");

  // The conditions met, the submission is still refused while required materials are missing, each named.
  await assoc.getByLabel("个人会员数").fill("86");
  await clickAndConfirm(assoc.getByRole("button", { name: "提交申请" }));
  await expect(assoc.getByText("尚未上传以下必交材料：1. 登记申请书；2. 发起人和拟任负责人的基本情况、身份证明；3. 章程草案。")).toBeVisible();
  await expect(assoc.getByText("已提交")).toHaveCount(0);
  await attach(assoc, "登记申请书", "登记申请书.pdf");
  await attach(assoc, "发起人和拟任负责人的基本情况、身份证明", "负责人基本情况表.pdf");
  await attach(assoc, "章程草案", "章程草案.pdf");
  await expect(assoc.getByText("必交材料已全部上传，可以提交。")).toBeVisible();
  await clickAndConfirm(assoc.getByRole("button", { name: "提交申请" }));
  await expect(assoc.getByText("申请已提交，请等待审查。")).toBeVisible();
  await expect(assoc.getByText("已提交").first()).toBeVisible();

  // The registry returns it for correction, with a reason.
  const officerContext = await browser.newContext();
  await signInAs(officerContext, "officer", baseURL!);
  const officer = await officerContext.newPage();
  await officer.goto("/officer/applications?kind=establishment");
  await officer.getByRole("row").filter({ hasText: name }).getByRole("link").click();
  await expect(officer).toHaveURL(new RegExp(`/officer/applications/${id}$`));
  await expect(officer.getByRole("link", { name: "活动场所照片.png" })).toBeVisible();
  // Missing materials are told at once, by the fifth working day after receipt (行政许可法 art. 32).
  await expect(officer.getByText(/收到申请材料之日起 5 个工作日内一次性告知/)).toBeVisible();
  await officer.getByRole("checkbox", { name: "业务主管单位的批准文件" }).check();
  await officer.getByRole("checkbox", { name: "章程草案" }).check();
  await officer.getByLabel("其他需补正的事项").fill("写明业务范围的服务对象");
  await officer.getByRole("button", { name: "退回补正" }).click();
  await expect(officer.getByText("已退回补正。")).toBeVisible();
  // The officer reads what is awaited, not the applicant's instruction.
  await expect(officer.getByText("等待申请人补正后重新提交。")).toBeVisible();
  await expect(officer.getByText("请按要求修改后重新提交")).toHaveCount(0);

  // The association sees the whole list, corrects and resubmits.
  await assoc.goto(`/org/applications/${id}`);
  await expect(assoc.getByText("退回理由：请一次性补正以下材料：1. 业务主管单位的批准文件；2. 章程草案。其他需补正的事项：写明业务范围的服务对象")).toBeVisible();
  await expect(assoc.getByText("请按要求修改后重新提交。")).toBeVisible();
  await assoc.getByLabel("业务范围").fill("面向本区少年儿童和社区居民，组织闽南童谣传唱、交流和公益演出");
  await clickAndConfirm(assoc.getByRole("button", { name: "补正后重新提交" }));
  await expect(assoc.getByText("申请已提交，请等待审查。")).toBeVisible();

  // Not before the 业务主管单位 it names has agreed (社会团体登记管理条例 art. 9).
  await officer.goto(`/officer/applications/${id}`);
  await expect(officer.getByText("待审查")).toBeVisible();
  await waitForHydration(officer);
  await officer.getByRole("button", { name: "受理", exact: true }).click();
  await expect(officer.getByText("须经业务主管单位（鲤城区文化体育和旅游局）审查同意后方可受理")).toBeVisible();

  // The unit finds it in its list, reads it with its materials, and agrees.
  const unitContext = await browser.newContext();
  await signInAs(unitContext, "supervising", baseURL!);
  const unit = await unitContext.newPage();
  await unit.goto("/unit");
  await unit.getByRole("row").filter({ hasText: name }).getByRole("link", { name }).click();
  await expect(unit.getByRole("link", { name: "活动场所照片.png" })).toBeVisible();
  await unit.getByLabel("审查意见").fill("经审查，同意其申请登记");
  await unit.getByRole("button", { name: "同意", exact: true }).click();
  await expect(unit.getByText("已出具同意意见，登记管理机关可以受理。")).toBeVisible();
  await unitContext.close();

  // The registry accepts and approves with the suggested code.
  await officer.goto(`/officer/applications/${id}`);
  await officer.getByRole("button", { name: "受理", exact: true }).click();
  await expect(officer.getByText("已受理。")).toBeVisible();
  await expect(officer.getByText(/剩 60 天/)).toBeVisible();
  const uscc = await officer.getByLabel("统一社会信用代码").inputValue();
  await clickAndConfirm(officer.getByRole("button", { name: "准予", exact: true }));
  await expect(officer.getByText("已准予。")).toBeVisible();

  // Every step is on record, with who and why.
  await assoc.goto(`/org/applications/${id}`);
  const timeline = assoc.getByRole("list").filter({ hasText: "创建申请" });
  for (const step of ["提交申请", "退回补正", "补正后重新提交", "业务主管单位审查同意", "受理", "准予"]) await expect(timeline).toContainText(step);

  // The public register and the open-data API have it.
  const api = await officer.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { items: Array<{ id: number; name: string; uscc: string; type: string; status: string }>; total: number };
  expect(body.total).toBe(1);
  expect(body.items[0]).toMatchObject({ name, uscc, type: "social_group", status: "normal" });
  const publicPage = await browser.newPage();
  await publicPage.goto(`/orgs?q=${encodeURIComponent(name)}`);
  await publicPage.getByRole("link", { name }).click();
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(publicPage.getByText(uscc).first()).toBeVisible();
  await expect(publicPage.getByText("13905950123")).toHaveCount(0); // contact details stay private
  await Promise.all([assocContext.close(), officerContext.close(), publicPage.close()]);
});

test("a street officer enters a community filing and files it for a community of the street", async ({ page, context, baseURL }) => {
  await signInAs(context, "street", baseURL!);
  await page.goto("/officer/applications");
  await waitForHydration(page);
  await page.getByRole("button", { name: "录入社区社会组织备案" }).click();
  await expect(page).toHaveURL(/\/officer\/applications\/\d+$/);
  // The filing's materials first; the premises' proof only where there are fixed ones.
  await expect(checklistItem(page, "活动场所证明")).toContainText("选交");
  for (const material of filingMaterials) await attach(page, material, `${material}.pdf`);
  const name = `紫云社区合唱队${Date.now().toString(36).slice(-4)}`;
  await page.getByLabel("名称").fill(name);
  await page.getByLabel("类别").selectOption({ label: "文体娱乐类" });
  await page.getByLabel("法定代表人（负责人）").fill("许美玲");
  await page.getByLabel("住所（活动场所）").fill("紫云社区党群服务中心");
  // Only the street's own communities are offered.
  await expect(page.getByLabel("所在社区（村）").locator("option", { hasText: "水门社区" })).toHaveCount(0);
  await page.getByLabel("所在社区（村）").selectOption({ label: "紫云社区" });
  await page.getByLabel("成员人数").fill("24");
  await clickAndConfirm(page.getByRole("button", { name: "提交备案" }));
  await expect(page.getByText("申请已提交，请等待审查。")).toBeVisible();
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByText("已受理。")).toBeVisible();
  await clickAndConfirm(page.getByRole("button", { name: "准予", exact: true }));
  await expect(page.getByText("已准予。")).toBeVisible();
  const api = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}&type=community`);
  const body = (await api.json()) as { items: Array<{ uscc: string | null; community: string }> };
  expect(body.items).toEqual([expect.objectContaining({ uscc: null, community: "紫云社区" })]);
});

test("an association cannot open another's application or its files; a village clerk cannot open the queue", async ({ request }) => {
  const { sessionCookieHeader } = await import("./fixtures");
  // Application 1 of the demo is a preparatory group's draft, not the demo association's.
  expect((await request.get("/org/applications/1", { headers: sessionCookieHeader("assoc"), maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get("/applications/1/files/1", { headers: sessionCookieHeader("assoc"), maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get("/officer/applications", { headers: sessionCookieHeader("clerk"), maxRedirects: 0 })).status()).toBe(403);
});

test("the registry refuses to take up an application, with its reason; the association reads the decision and how to seek review", async ({ browser, baseURL }) => {
  const name = `鲤城区南音雅集协会${Date.now().toString(36).slice(-4)}`;
  const { assocContext, assoc, id } = await startEstablishment(browser, baseURL!, "prep-b");
  await waitForHydration(assoc);
  for (const material of ["登记申请书", "验资报告、场所使用权证明", "发起人和拟任负责人的基本情况、身份证明", "章程草案"]) await attach(assoc, material, `${material}.pdf`);
  await fillEstablishment(assoc, name, "60");
  await clickAndConfirm(assoc.getByRole("button", { name: "提交申请" }));
  await expect(assoc.getByText("申请已提交，请等待审查。")).toBeVisible();

  // Not yet accepted: the refusal is 不予受理, with its reason.
  const officerContext = await browser.newContext();
  await signInAs(officerContext, "officer", baseURL!);
  const officer = await officerContext.newPage();
  await officer.goto(`/officer/applications/${id}`);
  await waitForHydration(officer);
  await expect(officer.getByRole("button", { name: "不予登记" })).toHaveCount(0);
  await officer.getByLabel("不予受理的理由").fill("申请事项不属于本机关职权范围");
  await clickAndConfirm(officer.getByRole("button", { name: "不予受理" }));
  await expect(officer.getByText("已作出不予受理的决定，理由和救济途径已告知申请人。")).toBeVisible();
  await expect(officer.getByRole("listitem").filter({ hasText: "申请事项不属于本机关职权范围" })).toContainText("不予受理");

  await assoc.goto(`/org/applications/${id}`);
  const decision = assoc.getByRole("status").filter({ hasText: "不予受理" });
  await expect(decision).toContainText("理由：申请事项不属于本机关职权范围");
  await expect(decision).toContainText("六十日内向区人民政府申请行政复议");
  await assocContext.close();
  await officerContext.close();
});

test("a registered organization is offered change and cancellation, not establishment", async ({ page, context, baseURL }) => {
  await signInAs(context, "assoc", baseURL!);
  await page.goto("/org");
  await expect(page.getByRole("button", { name: "申请变更登记" })).toBeVisible();
  await expect(page.getByRole("button", { name: "申请注销登记" })).toBeVisible();
  await expect(page.getByRole("button", { name: "申请成立登记" })).toHaveCount(0);
});

test("an officer reads a decided change as 原登记 → 申请变更为, 不变 where unchanged, as it stood at the decision", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer/applications?kind=change&state=approved");
  await page.getByRole("row").filter({ hasText: "已准予" }).first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/officer\/applications\/\d+$/);
  const table = page.getByRole("table").filter({ hasText: "申请变更为" });
  await expect(table.getByRole("columnheader", { name: "原登记" })).toBeVisible();
  // The demo's approved change rewrote the business scope: the old one is still shown beside the new, though the register holds the new.
  const scope = table.getByRole("row").filter({ hasText: "业务范围" });
  await expect(scope.getByRole("cell").last()).toHaveText("开展会员培训、学术交流及相关公益服务");
  await expect(scope.getByRole("cell").first()).not.toHaveText("开展会员培训、学术交流及相关公益服务");
  await expect(scope.getByRole("cell").first()).not.toHaveText("未填写");
  await expect(table.getByRole("row").filter({ hasText: "名称" }).getByRole("cell").last()).toHaveText("不变");
  await expect(table.getByRole("row").filter({ hasText: "法定代表人" }).getByRole("cell").last()).toHaveText("不变");
  await expect(page.getByText("变更申请须至少修改一项登记事项")).toHaveCount(0);
  await expect(page.getByText("未填写")).toHaveCount(0);
  // Its materials were all attached before it was submitted.
  await expect(checklistItem(page, "变更登记申请书")).toContainText("已上传");
});
