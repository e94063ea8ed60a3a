import { expect, signInAs, test, waitForHydration } from "./fixtures";
import { clickAndConfirm } from "./confirming";

/** The current quarter in Shanghai, as the clerk writes it: it has begun, so it may be published. */
function currentQuarter(): string {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

test("大良村's clerk marks the supervision committee's phone as public: the public page shows it in full while a resident's mobile stays masked", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stamp = String(Date.now()).slice(-8);
  const hotline = `139${stamp}`;
  const resident = `158${stamp}`;
  const hotlineTyped = `${hotline.slice(0, 3)}-${hotline.slice(3, 7)}-${hotline.slice(7)}`;
  const masked = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const title = `关于村务监督意见反映渠道的公告（${stamp}）`;

  await signInAs(context, "clerk", baseURL!);
  let postingId = "";
  const numberField = page.getByRole("textbox", { name: /^号码/ });

  await test.step("the clerk publishes a notice with the committee's phone and a resident's mobile, approved by the supervisor", async () => {
    await page.goto("/village/postings/new");
    await waitForHydration(page);
    await page.getByLabel("事项类型").selectOption({ label: "村务公告" });
    await page.getByLabel("年份", { exact: true }).selectOption(currentQuarter().slice(0, 4));
    await page.getByLabel("期间", { exact: true }).selectOption(currentQuarter().slice(5));
    await page.getByLabel("标题").fill(title);
    await page.getByLabel("正文").fill(`对村务有异议的，请拨打村务监督委员会电话 **${hotlineTyped}**。\n联系人张三，手机 ${resident}。`);
    await page.getByRole("button", { name: "创建草稿" }).click();
    await expect(page.getByRole("status")).toHaveText(/已创建草稿/);
    postingId = new URL(page.url()).pathname.split("/").pop()!;
    await waitForHydration(page);
    await page.getByLabel(/我已逐项核实，以上号码确需公开/).check();
    await page.getByRole("button", { name: "提交监督委员会审核" }).click();
    await expect(page.getByRole("status")).toHaveText(/已提交村务监督委员会审核/);

    const supervisorContext = await browser.newContext();
    await signInAs(supervisorContext, "supervisor", baseURL!);
    const supervisor = await supervisorContext.newPage();
    await supervisor.goto(`/village/postings/${postingId}`);
    await waitForHydration(supervisor);
    await supervisor.getByLabel("审核意见").fill("同意公开。");
    await clickAndConfirm(supervisor.getByRole("button", { name: "审核通过并公开" }));
    await expect(supervisor.getByRole("status")).toHaveText("审核通过，已在公开页面发布。");
    await supervisorContext.close();
  });

  const visitor = await browser.newPage();

  await test.step("before it is marked, the public page masks both numbers", async () => {
    await visitor.goto(`/postings/${postingId}`);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(visitor.getByText(`村务监督委员会电话 ${masked(hotline)}`)).toBeVisible();
    const html = await visitor.content();
    expect(html).not.toContain(hotline);
    expect(html).not.toContain(hotlineTyped);
  });

  await test.step("the clerk opens 公开联系号码 from the village navigation; an ID number is refused beside the field", async () => {
    await page.goto("/village");
    await page.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "公开联系号码" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("公开联系号码");
    await expect(page.getByText("尚未标记任何号码")).toBeVisible();
    await waitForHydration(page);
    await numberField.fill("11010519491231002X");
    await page.getByRole("textbox", { name: /^用途/ }).fill("村务监督委员会电话");
    await page.getByRole("button", { name: "标记为公开" }).click();
    await expect(numberField).toHaveAccessibleDescription(/身份证号不能标记为公开号码/);
    await expect(numberField).toHaveAttribute("aria-invalid", "true");
  });

  await test.step("the clerk marks the phone, typed another way; it is listed with who marked it", async () => {
    await numberField.fill(`(${hotline.slice(0, 3)}) ${hotline.slice(3, 7)} ${hotline.slice(7)}`);
    await page.getByRole("button", { name: "标记为公开" }).click();
    await expect(page.getByRole("status")).toHaveText(/已标记为公开/);
    const listed = page.getByRole("region", { name: "已标记为公开的号码" });
    const row = listed.getByRole("row").filter({ hasText: "村务监督委员会电话" });
    await expect(row).toContainText(`${hotline.slice(0, 3)} ${hotline.slice(3, 7)} ${hotline.slice(7)}`);
    await expect(row).toContainText("手机号");
    await expect(row).toContainText("王村务（大良村）");
    await expect(numberField).toHaveValue("");
  });

  await test.step("the public page now shows the phone in full as typed, the resident's mobile still masked", async () => {
    await visitor.goto(`/postings/${postingId}`);
    await expect(visitor.locator("strong", { hasText: hotlineTyped })).toBeVisible();
    await expect(visitor.getByText(`手机 ${masked(resident)}`)).toBeVisible();
    const html = await visitor.content();
    expect(html).not.toContain(resident);
  });

  await test.step("removing the mark masks it again", async () => {
    await page.getByRole("button", { name: /取消公开/ }).click();
    await expect(page.getByRole("status")).toHaveText(/已取消公开/);
    await expect(page.getByText("尚未标记任何号码")).toBeVisible();
    await visitor.goto(`/postings/${postingId}`);
    await expect(visitor.getByText(`村务监督委员会电话 ${masked(hotline)}`)).toBeVisible();
    const html = await visitor.content();
    expect(html).not.toContain(hotline);
    expect(html).not.toContain(hotlineTyped);
  });
});
