import type { APIRequestContext, Page } from "@playwright/test";
import { expect, sessionCookieHeader, signInAs, test, verifyRecently, waitForHydration, seriousViolations } from "./fixtures";

/**
 * 一居多会. The demo files community organizations in nine communities (8, 7, 6, 6, 4, 3, 3, 2, 2):
 * against the default target of 6, four of the 97 communities and villages meet it. Registered
 * social groups marked as community organizations (app/setup/demo-community-registered.ts) sit in
 * communities with none filed, one each, and change no community's standing.
 */
const xiangfeng = "350502001001"; // 象峰社区, 开元街道: 8 filed
const daliang = "350502100201"; // 大良村, 汝湖镇: none

/** The table of communities and villages, row by row (the header row left out). */
function communityRows(page: Page) {
  return page.getByRole("table", { name: /各社区（村）社区社会组织数量/ }).locator("tbody tr");
}

/** The public "社区社会组织" panel of a community's or village's page. */
function associationsPanel(page: Page) {
  return page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "社区社会组织" }) });
}

/** The notice of a saved target. */
const savedOnce = (target: number) => `目标数已调整为每个城市社区 ${target} 个`;

/** The urban communities' target form (villages have their own beside it). */
const communityTargetForm = (page: Page) => page.getByRole("region", { name: "城市社区目标" });

/** The counting basis's form, below the two target forms. */
const countingForm = (page: Page) => page.getByRole("region", { name: "统计口径" });

/** The figure of the "社区社会组织" card at the top of the 一居多会 page. */
const organizationsFigure = (page: Page) => page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^社区社会组织$/ }) }).locator("dd").first();

/** Counts registered and filed ones again (the default) whatever a test left behind. */
async function restoreCounting(request: APIRequestContext) {
  await verifyRecently(request, "officer");
  await request.post("/officer/communities", {
    headers: { ...sessionCookieHeader("officer"), "Sec-Fetch-Site": "same-origin" },
    form: { intent: "counting", associationCounting: "registered_and_filed", reason: "浏览器测试结束，恢复默认口径" },
    maxRedirects: 0,
  });
}

/** Puts the target back to the default whatever a test left behind, so other specs see the demo as it is. */
async function restoreTarget(request: APIRequestContext) {
  await verifyRecently(request, "officer");
  await request.post("/officer/communities", {
    headers: { ...sessionCookieHeader("officer"), "Sec-Fetch-Site": "same-origin" },
    form: { associationTarget: "6", reason: "浏览器测试结束，恢复默认目标" },
    maxRedirects: 0,
  });
}


test("a district officer sees every street's progress and the communities that fall short first", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "一居多会" }).click();
  await expect(page).toHaveURL(/\/officer\/communities$/);
  await expect(page.getByRole("heading", { level: 1, name: "一居多会" })).toBeVisible();
  await expect(page.getByText(/社区社会组织目标：每个社区（村）6 个/)).toBeVisible();
  await expect(page.getByText(/已注销、已撤销登记的不计入/).first()).toBeVisible();

  const rows = communityRows(page);
  await expect(rows).toHaveCount(97);
  await expect(rows.first()).toContainText("未达标，差 6 个");
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
  // The four that meet the target come last, after every community that falls short.
  for (const index of [93, 94, 95, 96]) await expect(rows.nth(index)).toContainText("已达标");
  await expect(rows.nth(92)).toContainText("未达标");
  await expect(rows.filter({ hasText: "象峰社区" })).toContainText("8/6");

  const kaiyuan = page.getByRole("row", { name: /^开元街道/ });
  await expect(kaiyuan).toContainText("2/14（14.3%）");
  await expect(page.getByRole("row", { name: /^汝湖镇/ })).toContainText("0/20（0%）");

  // Narrow to one street.
  await waitForHydration(page);
  await page.getByLabel("街道（镇）").selectOption({ label: "鲤中街道" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/\?street=350502002000$/);
  await expect(rows).toHaveCount(13);
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "开元街道" })).toHaveCount(0);
});

test("a street officer sees only their own street and cannot change the target", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "street", baseURL!);
  await page.goto("/officer/communities");
  await expect(page.getByText(/开元街道 · 社区社会组织目标：每个社区（村）6 个/)).toBeVisible();
  const rows = communityRows(page);
  await expect(rows).toHaveCount(14);
  await expect(rows.filter({ hasText: "已达标" })).toHaveCount(2);
  await expect(page.getByLabel("街道（镇）")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "调整目标数" })).toHaveCount(0);

  const refused = await request.post("/officer/communities", {
    headers: { ...sessionCookieHeader("street"), "Sec-Fetch-Site": "same-origin" },
    form: { associationTarget: "3", reason: "越权尝试" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
});

test("the district officer lowers the target, sees more communities meet it, and sets it back", async ({ page, context, baseURL, request }) => {
  // Nothing in the demo has exactly 5, so 5 would change nothing: 4 lets 胜得社区 (4 filed) through.
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  try {
    await page.goto("/officer/communities");
    await waitForHydration(page);
    const rows = communityRows(page);
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
    const form = communityTargetForm(page);
    const target = form.getByLabel("新的目标数");
    const reason = form.getByLabel("调整原因");
    const save = form.getByRole("button", { name: "保存目标" });
    await expect(target).toHaveValue("6");
    await expect(form.getByText(/现行目标：每个城市社区 6 个（默认值）/)).toBeVisible();
    await expect(page.getByRole("region", { name: "村目标" }).getByText(/现行目标：每个村 6 个（默认值）/)).toBeVisible();

    // Out of range and no reason: told beside each field, in Chinese.
    await target.fill("0");
    await save.click();
    await expect(target).toHaveAttribute("aria-invalid", "true");
    await expect(target).toHaveAccessibleDescription(/目标数应为 1 到 50 之间的整数/);
    await expect(reason).toHaveAccessibleDescription(/请填写调整原因/);

    await target.fill("4");
    await reason.fill("阶段性考核按 4 个执行");
    await save.click();
    await expect(page.getByRole("status")).toContainText(savedOnce(4));
    await expect(page.getByText(/社区社会组织目标：每个城市社区 4 个、每个村 6 个/)).toBeVisible();
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(5);
    await expect(rows.filter({ hasText: "胜得社区" })).toContainText("已达标");
    await expect(form.getByText(/现行目标：每个城市社区 4 个（陈登记（区民政局）于 .+ 调整）/)).toBeVisible();

    // A village keeps its own target: the public page of 大良村 still counts against 6.
    await page.goto(`/villages/${daliang}`);
    await expect(associationsPanel(page)).toContainText("已有 0 个，目标 6 个");

    // The audit log has the change with its reason.
    await page.goto("/officer/audit?action=setting.update");
    await expect(page.getByRole("row").filter({ hasText: "阶段性考核按 4 个执行" })).toHaveCount(1);

    // Back to 6, as other tests expect.
    await page.goto("/officer/communities");
    await waitForHydration(page);
    await target.fill("6");
    await reason.fill("恢复本区默认目标");
    await save.click();
    await expect(page.getByRole("status")).toContainText(savedOnce(6));
    await expect(rows.filter({ hasText: "已达标" })).toHaveCount(4);
  } finally {
    await restoreTarget(request);
  }
});

test("the district officer counts filed organizations only, sees the count change, and counts both again", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  try {
    await page.goto("/officer/communities");
    await waitForHydration(page);
    const figure = organizationsFigure(page);
    // Registered and filed ones by default: the demo's 41 filed and its 3 registered community organizations.
    await expect(page.getByText(/计入备案的社区社会组织，以及标明了社区社会组织类别/)).toBeVisible();
    const both = Number(await figure.textContent());
    expect(both).toBeGreaterThanOrEqual(44);
    const form = countingForm(page);
    await expect(form.getByRole("radio", { name: /登记和备案的社区社会组织均计入/ })).toBeChecked();

    // No reason: told beside the field, nothing changes.
    await form.getByRole("radio", { name: "仅计入备案的社区社会组织" }).check();
    await form.getByRole("button", { name: "保存统计口径" }).click();
    await expect(form.getByLabel("调整原因")).toHaveAccessibleDescription(/请填写调整原因/);

    await form.getByLabel("调整原因").fill("本年度考核按备案口径统计");
    await form.getByRole("button", { name: "保存统计口径" }).click();
    await expect(page.getByRole("status")).toContainText("统计口径已调整为“仅计入备案”");
    // The three registered ones no longer count.
    await expect(figure).toHaveText(String(both - 3));
    await expect(page.getByText(/只计入备案的社区社会组织；/)).toBeVisible();
    await expect(form.getByText(/现行口径：仅计入备案的社区社会组织（陈登记（区民政局）于 .+ 调整）/)).toBeVisible();

    // The public page of a community says so too.
    await page.goto(`/villages/${xiangfeng}`);
    await expect(associationsPanel(page)).toContainText("已有 8 个");
    await expect(associationsPanel(page)).toContainText("只计入备案的社区社会组织；");

    await page.goto("/officer/communities");
    await waitForHydration(page);
    await form.getByRole("radio", { name: /登记和备案的社区社会组织均计入/ }).check();
    await form.getByLabel("调整原因").fill("恢复民政部意见的口径");
    await form.getByRole("button", { name: "保存统计口径" }).click();
    await expect(page.getByRole("status")).toContainText("统计口径已调整为“登记和备案均计入”");
    await expect(figure).toHaveText(String(both));
  } finally {
    await restoreCounting(request);
  }
});

test("the public page of a community shows its organizations by category against the target", async ({ page }) => {
  await page.goto(`/villages/${xiangfeng}`);
  const panel = associationsPanel(page);
  await expect(panel).toContainText("已有 8 个，目标 6 个");
  await expect(panel).toContainText("每个城市社区不少于 6 个社区社会组织。");
  await expect(panel.getByText("已达到目标")).toBeVisible();
  for (const [label, n] of [["文体娱乐类", "3"], ["公益慈善类", "2"], ["生活服务类", "2"], ["专业调处类", "1"]] as const) {
    await expect(panel.locator("dl > div").filter({ hasText: label })).toHaveText(`${label}${n}`);
  }
  const links = panel.getByRole("link", { name: /^象峰社区/ });
  await expect(links).toHaveCount(8);
  await expect(links.first()).toHaveAttribute("href", /^\/orgs\/\d+$/);

  await page.goto(`/villages/${daliang}`);
  const empty = associationsPanel(page);
  // In plain figures for residents, not a red mark (the officers' page marks it).
  await expect(empty).toContainText("已有 0 个，目标 6 个");
  await expect(empty.getByText("已达到目标")).toHaveCount(0);
  await expect(empty).not.toContainText("未达标");
  await expect(empty).toContainText("暂无登记或备案的社区社会组织");
});

test("the 一居多会 page has no serious accessibility problems, also with the form's errors showing", async ({ page, context, baseURL, request }) => {
  await signInAs(context, "officer", baseURL!);
  await verifyRecently(request, "officer");
  await page.goto("/officer/communities");
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);

  // With the form's errors showing.
  const form = communityTargetForm(page);
  await form.getByLabel("新的目标数").fill("99");
  await form.getByRole("button", { name: "保存目标" }).click();
  await expect(form.getByLabel("新的目标数")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
});

test("a community's public panel of organizations has no serious accessibility problems", async ({ page }) => {
  await page.goto(`/villages/${xiangfeng}`);
  await waitForHydration(page);
  expect(await seriousViolations(page)).toEqual([]);
});

/* ------------------------------------------------------------------ committees */

const nankeng = "350502100203"; // 南坑村: its committees in office
const baishi = "350502100207"; // 白石村: its villagers' committee ends within six months

function bodySection(page: Page, body: "villagers" | "supervision" | "finance_group") {
  return page.locator(`#body-${body}`);
}

/** The names in a term's members table, by the table's caption ("村民委员会第 12 届成员"). */
async function memberNames(page: Page, caption: RegExp) {
  return page.getByRole("table", { name: caption }).locator("tbody th").allTextContents();
}

test("committee members: the villagers' committee and the supervision committee are each checked against the other", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto(`/officer/communities/${nankeng}`);
  await waitForHydration(page);
  const villagers = bodySection(page, "villagers");
  const supervision = bodySection(page, "supervision");
  const villagersCaption = await villagers.locator("table caption").first().textContent();
  const supervisionCaption = await supervision.locator("table caption").first().textContent();
  const villagersNumber = /第 (\d+) 届/.exec(villagersCaption ?? "")![1]!;
  const supervisionNumber = /第 (\d+) 届/.exec(supervisionCaption ?? "")![1]!;
  const villagerNames = await memberNames(page, new RegExp(`^村民委员会第 ${villagersNumber} 届成员`));
  const overseerNames = await memberNames(page, new RegExp(`^村务监督委员会第 ${supervisionNumber} 届成员`));

  // Changing the villagers' committee to take in a supervision committee member is refused beside the members, with what was typed kept.
  const overseer = overseerNames[1]!;
  await villagers.locator("summary").getByText(`修改第 ${villagersNumber} 届的记录`, { exact: true }).click();
  const villagersForm = page.getByRole("form", { name: `修改村民委员会第 ${villagersNumber} 届` });
  const lastRow = villagersForm.getByLabel(`第 ${villagerNames.length} 名成员 姓名`);
  await lastRow.fill(overseer);
  await villagersForm.getByRole("button", { name: "保存修改" }).click();
  const refusal = `“${overseer}”是村务监督委员会第 ${supervisionNumber} 届成员，不能同时担任村民委员会成员`;
  await expect(villagersForm.getByRole("group", { name: "成员" })).toHaveAccessibleDescription(new RegExp(refusal));
  await expect(villagersForm.getByLabel(`第 ${villagerNames.length} 名成员 姓名`)).toHaveValue(overseer);
  expect(await memberNames(page, new RegExp(`^村民委员会第 ${villagersNumber} 届成员`))).toEqual(villagerNames);
  expect(await seriousViolations(page)).toEqual([]);

  // The other way round: the supervision committee may not take in a villagers' committee member.
  await page.goto(`/officer/communities/${nankeng}`);
  await waitForHydration(page);
  const villager = villagerNames[1]!;
  await supervision.locator("summary").getByText(`修改第 ${supervisionNumber} 届的记录`, { exact: true }).click();
  const supervisionForm = page.getByRole("form", { name: `修改村务监督委员会第 ${supervisionNumber} 届` });
  await supervisionForm.getByLabel(`第 ${overseerNames.length} 名成员 姓名`).fill(villager);
  await supervisionForm.getByRole("button", { name: "保存修改" }).click();
  await expect(supervisionForm.getByRole("group", { name: "成员" })).toHaveAccessibleDescription(
    new RegExp(`“${villager}”是村民委员会第 ${villagersNumber} 届成员，不能担任村务监督委员会成员`),
  );
  expect(await memberNames(page, new RegExp(`^村务监督委员会第 ${supervisionNumber} 届成员`))).toEqual(overseerNames);
  // The rules beside the form say the same, and name the committee they are checked against.
  await expect(supervision.getByText("录入或修改村民委员会时也反过来核对")).toBeVisible();
  await expect(villagers.getByText("村民委员会成员不能同时担任任期重叠的村务监督委员会成员。")).toBeVisible();
});

test("committee terms: a successor recorded ahead is the next term, stops the reminder, and any term can be corrected or deleted", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  const reminder = () => page.getByRole("table", { name: "需要换届的组织" }).getByRole("row").filter({ hasText: "白石村" }).filter({ hasText: "村民委员会" });
  await page.goto("/officer/communities");
  await expect(reminder()).toHaveCount(1);

  await page.goto(`/officer/communities/${baishi}`);
  await waitForHydration(page);
  const villagers = bodySection(page, "villagers");
  await expect(villagers.getByRole("heading", { level: 2 })).toContainText("半年内届满");
  await expect(villagers.getByText(/请做好换届选举准备/)).toBeVisible();
  const current = Number(/第 (\d+) 届/.exec((await villagers.locator("table caption").first().textContent()) ?? "")![1]);

  // 换届: the form suggests the next number, beginning the day after the term in office ends.
  await villagers.locator("summary").getByText("换届：录入新一届", { exact: true }).click();
  const newForm = page.getByRole("form", { name: "录入村民委员会新一届" });
  await expect(newForm.getByLabel("届次（第几届）")).toHaveValue(String(current + 1));
  for (const [i, name] of ["换届甲", "换届乙", "换届丙"].entries()) await newForm.getByLabel(`第 ${i + 1} 名成员 姓名`).fill(name);
  await newForm.getByRole("button", { name: "录入新一届" }).click();
  await expect(villagers.getByRole("status")).toHaveText(`已录入村民委员会第 ${current + 1} 届。`);
  const next = page.getByRole("heading", { level: 3, name: new RegExp(`^下一届（尚未开始）：第 ${current + 1} 届`) });
  await expect(next).toBeVisible();
  await expect(villagers.getByRole("heading", { level: 2 })).toContainText("下一届已录入");
  await expect(villagers.getByText(/请做好换届选举准备/)).toHaveCount(0);
  await expect(villagers.getByText(new RegExp(`下一届（第 ${current + 1} 届）已录入`))).toBeVisible();
  // No second new term is offered while the next one waits to begin.
  await expect(villagers.locator("summary").getByText("换届：录入新一届")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/officer/communities");
  await expect(reminder()).toHaveCount(0);

  // The term not yet begun is corrected like the one in office.
  await page.goto(`/officer/communities/${baishi}`);
  await waitForHydration(page);
  await villagers.locator("summary").getByText(`修改第 ${current + 1} 届的记录`, { exact: true }).click();
  const nextForm = page.getByRole("form", { name: `修改村民委员会第 ${current + 1} 届` });
  await nextForm.getByLabel("登记选民人数").fill("2100");
  await nextForm.getByLabel("参加投票人数").fill("1890");
  await nextForm.getByRole("button", { name: "保存修改" }).click();
  await expect(villagers.getByRole("status")).toHaveText(`已保存村民委员会第 ${current + 1} 届的修改。`);
  await expect(villagers.locator("div.border-blue-200").filter({ has: next }).getByText("90.0%")).toBeVisible();

  // So is a past term.
  await villagers.locator("summary").getByText(/^往届（\d+ 届）$/).click();
  await villagers.locator("summary").getByText(`修改第 ${current - 1} 届的记录`, { exact: true }).click();
  const pastForm = page.getByRole("form", { name: `修改村民委员会第 ${current - 1} 届` });
  await pastForm.getByLabel("参加投票人数").fill("1234");
  await pastForm.getByRole("button", { name: "保存修改" }).click();
  await expect(villagers.getByRole("status")).toHaveText(`已保存村民委员会第 ${current - 1} 届的修改。`);
  await expect(villagers.locator("li").filter({ has: page.getByRole("heading", { name: new RegExp(`^第 ${current - 1} 届`) }) }).getByText("1234 人")).toBeVisible();

  // The successor recorded by mistake is deleted, with a reason: the reminder is back.
  await page.goto(`/officer/communities/${baishi}`);
  await waitForHydration(page);
  await villagers.locator("summary").getByText(`修改第 ${current + 1} 届的记录`, { exact: true }).click();
  const deleteForm = page.getByRole("form", { name: `删除村民委员会第 ${current + 1} 届的记录` });
  await deleteForm.getByRole("button", { name: `删除第 ${current + 1} 届的记录` }).click();
  await expect(deleteForm.getByLabel("删除原因")).toHaveAccessibleDescription(/请填写删除原因/);
  await deleteForm.getByLabel("删除原因").fill("选举尚未举行，误录");
  await deleteForm.getByRole("button", { name: `删除第 ${current + 1} 届的记录` }).click();
  await expect(villagers.getByRole("status")).toContainText(`已删除村民委员会第 ${current + 1} 届的记录`);
  await expect(next).toHaveCount(0);
  await expect(villagers.getByRole("heading", { level: 2 })).toContainText("半年内届满");
  await page.goto("/officer/audit?action=committee.delete_term");
  await expect(page.getByRole("row").filter({ hasText: "选举尚未举行，误录" })).toHaveCount(1);
  await page.goto("/officer/communities");
  await expect(reminder()).toHaveCount(1);
});
