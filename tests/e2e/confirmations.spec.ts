/**
 * Each step that cannot be undone asks first (app/ui/confirm.tsx): the dialog
 * shows what will happen with the row's real data, 取消 and Escape send
 * nothing and change nothing, and only the dialog's confirm button performs
 * the step. Without JavaScript the server answers with the same summary as a
 * confirmation page. 报送, 不予受理 and publishing conclusions are confirmed the
 * same way in their own specs (inspection-filing, applications,
 * inspection-review), through ./confirming.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { previousMonth } from "../../app/domain/postings/rules";
import { demoLatestCampaign } from "../../app/setup/demo";
import { shanghaiDate } from "../../app/domain/shared/time";
import { expect, seriousViolations, signInAs, test, waitForHydration } from "./fixtures";
import { attach, filingMaterials } from "./application-materials";
import { openAndDismiss } from "./confirming";

const suffix = () => Date.now().toString(36).slice(-4);

/** The POSTs the page sends from now on. */
function postsOf(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

/** The street officer's new community filing, filled in as the form asks: its page (hydrated, unless the page runs no JavaScript). */
async function newFiling(page: Page, name: string, { javaScript = true } = {}) {
  await page.goto("/officer/applications");
  if (javaScript) await waitForHydration(page);
  await page.getByRole("button", { name: "录入社区社会组织备案" }).click();
  await expect(page).toHaveURL(/\/officer\/applications\/\d+$/);
  if (javaScript) await waitForHydration(page);
  for (const material of filingMaterials) await attach(page, material, `${material}.pdf`);
  await page.getByLabel("名称").fill(name);
  await page.getByLabel("类别").selectOption({ label: "文体娱乐类" });
  await page.getByLabel("法定代表人（负责人）").fill("许美玲");
  await page.getByLabel("住所（活动场所）").fill("紫云社区党群服务中心");
  await page.getByLabel("所在社区（村）").selectOption({ label: "紫云社区" });
  await page.getByLabel("成员人数").fill("24");
}

/** A finance posting of last month the clerk drafted and submitted, posted as the clerk's forms post: its id. */
async function postingAwaitingReview(request: APIRequestContext, baseURL: string, title: string): Promise<string> {
  const period = previousMonth(shanghaiDate(new Date())).key;
  const headers = { Origin: baseURL };
  const created = await request.post("/village/postings/new", { form: { kind: "finance_monthly", period, title, body: "本月收支如下。" }, headers, maxRedirects: 0 });
  expect(created.status()).toBe(302);
  const id = /\/village\/postings\/(\d+)/.exec(created.headers()["location"] ?? "")![1]!;
  const submitted = await request.post(`/village/postings/${id}`, {
    form: { intent: "submit", version: "1", title, period, body: "本月收支如下。", "row.0.item": "村道修缮补助", "row.0.income": "3000" },
    headers,
  });
  expect(await submitted.text()).toContain("已提交村务监督委员会审核");
  return id;
}

test("提交 and 准予 a filing: each shows what will happen first; 取消 and Escape send nothing", async ({ page, context, baseURL }) => {
  await signInAs(context, "street", baseURL!);
  const name = `紫云社区腰鼓队${suffix()}`;
  await newFiling(page, name);
  const posts = postsOf(page);

  // 提交备案: the dialog names the organization as typed and says the content is then out of the applicant's hands.
  const submit = page.getByRole("button", { name: "提交备案" });
  const submitDialog = await openAndDismiss(submit, {
    action: "提交备案",
    says: [name, "社区社会组织备案", "提交后不能再修改或撤回"],
    by: "Escape",
    whileOpen: async () => expect(await seriousViolations(page)).toEqual([]),
  });
  // The form is as it was, still a draft.
  await expect(page.getByLabel("名称")).toHaveValue(name);
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();

  await submit.click();
  await submitDialog.getByRole("button", { name: "确认提交备案" }).click();
  await expect(page.getByText("申请已提交，请等待审查。")).toBeVisible();
  expect(posts).toHaveLength(1);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByText("已受理。")).toBeVisible();

  // 准予: what the register will hold, and that it cannot be undone.
  await waitForHydration(page);
  const approve = page.getByRole("button", { name: "准予", exact: true });
  const approveDialog = await openAndDismiss(approve, { action: "准予备案", says: [name, "文体娱乐类", "写入社区社会组织备案名册", "不可撤销"] });
  await expect(approve).toBeVisible();
  expect((await (await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}&type=community`)).json()).total).toBe(0);

  await approve.click();
  await approveDialog.getByRole("button", { name: "确认准予备案" }).click();
  await expect(page.getByText("已准予。")).toBeVisible();
  expect((await (await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}&type=community`)).json()).total).toBe(1);
});

test("审核通过并公开: the opinion starts empty, the dialog shows it with who will see the posting; 取消 leaves it waiting", async ({ browser, baseURL }) => {
  const clerkContext = await browser.newContext();
  await signInAs(clerkContext, "clerk", baseURL!);
  const title = `村道修缮补助收支公开${suffix()}`;
  const id = await postingAwaitingReview(clerkContext.request, baseURL!, title);
  await clerkContext.close();

  const context = await browser.newContext();
  await signInAs(context, "supervisor", baseURL!);
  const page = await context.newPage();
  await page.goto(`/village/postings/${id}`);
  await waitForHydration(page);
  const opinion = page.getByLabel("审核意见");
  await expect(opinion).toHaveValue("");
  const posts = postsOf(page);

  // An empty opinion is not confirmed: the server says what to write, beside the box.
  await page.getByRole("button", { name: "审核通过并公开" }).click();
  // The server's own words (the hint beside the box also says 写明核对了哪些内容, so wait for these).
  await expect(opinion).toHaveAccessibleDescription(/请填写审核意见/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(() => posts.length).toBe(1);

  await opinion.fill("经核对补助文件和银行回单，金额无误，同意公开。");
  const approve = page.getByRole("button", { name: "审核通过并公开" });
  const dialog = await openAndDismiss(approve, { action: "审核通过并公开", says: [title, "经核对补助文件和银行回单，金额无误，同意公开。", "全体村民", "只能以新版本更正"] });
  expect((await page.request.get(`/postings/${id}`)).status()).toBe(404);

  await approve.click();
  await dialog.getByRole("button", { name: "确认审核通过并公开" }).click();
  await expect(page.getByRole("status")).toHaveText("审核通过，已在公开页面发布。");
  expect((await page.request.get(`/postings/${id}`)).status()).toBe(200);
  await context.close();
});

test("列入 by hand and 移出: the dialog names the organization, the list and the ground; 取消 lists no one", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const found = (await (await page.request.get("/api/v1/organizations?status=normal&type=private_non_enterprise")).json()) as { items: Array<{ id: number; name: string }> };
  const org = found.items.at(-3)!;
  const abnormal = async () => ((await (await page.request.get(`/api/v1/organizations?status=abnormal&q=${encodeURIComponent(org.name)}`)).json()) as { total: number }).total;
  await page.goto(`/officer/orgs/${org.id}/credit`);
  await waitForHydration(page);
  const form = page.locator("section").filter({ has: page.getByRole("heading", { name: "列入活动异常名录" }) });
  await form.getByLabel("列入情形").selectOption("rectification_overdue");
  await form.getByLabel("事实和证据").fill("整改通知书（鲤民整〔2026〕9号）限期 30 日，逾期未整改");
  const list = form.getByRole("button", { name: "列入活动异常名录" });
  const dialog = await openAndDismiss(list, { action: "列入活动异常名录", says: [org.name, "未按期完成整改", "公开的活动异常名录"] });
  expect(await abnormal()).toBe(0);

  await list.click();
  await dialog.getByRole("button", { name: "确认列入活动异常名录" }).click();
  await expect(page.getByText("已列入活动异常名录，已记入变更记录和审计日志，并在公开名录中公示。")).toBeVisible();
  expect(await abnormal()).toBe(1);

  await page.goto("/officer/abnormal");
  await waitForHydration(page);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: org.name, exact: true }) });
  await row.getByLabel("移出情形").selectOption("error");
  await row.getByLabel("移出原因").fill("整改期限计算有误，列入有误");
  const remove = page.getByRole("button", { name: `移出名录：${org.name}` });
  const removal = await openAndDismiss(remove, { action: "移出活动异常名录", says: ["整改期限计算有误，列入有误", "列入有误，予以更正"] });
  await expect(row).toHaveCount(1);
  await remove.click();
  await removal.getByRole("button", { name: "确认移出活动异常名录" }).click();
  await expect(page.getByText(/^已移出活动异常名录/)).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await abnormal()).toBe(0);
});

test("报送 shows the year, the figures as typed and who reviews the report; 取消 leaves it a draft", async ({ page, context, baseURL }) => {
  const year = demoLatestCampaign();
  await signInAs(context, "assoc", baseURL!);
  await page.goto(`/org/inspections/${year}`);
  await waitForHydration(page);
  await openAndDismiss(page.getByRole("button", { name: "报送", exact: true }), {
    action: "报送",
    says: [`${year} 年度`, "业务主管单位（鲤城区文化体育和旅游局）初审", "报送后报告不能再修改"],
  });
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("提交备案 goes through the confirmation page: nothing is submitted until its button is pressed; 返回修改 finds the form as typed", async ({ page, context, baseURL }) => {
    await signInAs(context, "street", baseURL!);
    const name = `紫云社区读书会${suffix()}`;
    await newFiling(page, name, { javaScript: false });
    await page.getByRole("button", { name: "提交备案" }).click();

    const confirmation = page.getByRole("region", { name: "请确认：提交备案" });
    await expect(confirmation).toContainText("尚未提交");
    await expect(confirmation).toContainText(name);
    await expect(confirmation).toContainText("提交后不能再修改或撤回");
    // Nothing was written: still a draft, the form below still holds what was typed.
    await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();
    await confirmation.getByRole("link", { name: "返回修改" }).click();
    await expect(page.getByLabel("名称")).toHaveValue(name);
    await expect(page.getByLabel("成员人数")).toHaveValue("24");

    await confirmation.getByRole("button", { name: "确认提交备案" }).click();
    await expect(page.getByText("申请已提交，请等待审查。")).toBeVisible();
    await expect(page.getByRole("region", { name: /^请确认/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  });
});
