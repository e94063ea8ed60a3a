import { expect, signInAs, test, waitForHydration } from "./fixtures";

const villageCode = "350502100201";

test("a villager asks about a posting without an account; the clerk answers; the question and answer are public under the posting, the asker named by surname and the number masked", async ({ page, browser, baseURL }) => {
  test.slow();
  const marker = `${Date.now() % 100_000}`;
  const question = `请问第 ${marker} 号修路工程的付款明细在哪里查看？我的电话 13912345678。`;

  // A villager, not signed in, opens one of 大良村's published postings.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/postings?village=${villageCode}`);
  const first = visitor.getByRole("main").getByRole("link").filter({ hasText: /\S/ }).and(visitor.locator('a[href^="/postings/"]')).first();
  await first.click();
  const ask = visitor.getByRole("region", { name: "提出质询" }).or(visitor.locator("section").filter({ has: visitor.getByRole("heading", { name: "提出质询" }) }));
  await expect(ask.first()).toBeVisible();
  const postingPath = new URL(visitor.url()).pathname;
  await waitForHydration(visitor);

  // Nothing typed: the form says what is missing, in Chinese.
  await visitor.getByRole("button", { name: "提交质询" }).click();
  await expect(visitor.getByText("请填写姓名")).toBeVisible();
  await visitor.getByLabel("姓名").fill("赵大海");
  await visitor.getByLabel("所在村（居）").fill("大良村第四村民小组");
  await visitor.getByLabel("质询内容").fill(question);
  await visitor.getByRole("button", { name: "提交质询" }).click();
  await expect(visitor.getByText("质询已提交")).toBeVisible();
  // Not public until answered.
  await expect(visitor.getByText(`第 ${marker} 号修路工程`)).toHaveCount(0);

  // The clerk sees it waiting, with the full name and the number masked, and answers.
  await signInAs(page.context(), "clerk", baseURL!);
  await page.goto("/village");
  await expect(page.getByText("待答复的村民质询")).toBeVisible();
  await page.goto("/village/questions");
  const thread = page.locator("article").filter({ hasText: `第 ${marker} 号修路工程` });
  await expect(thread).toHaveCount(1);
  await expect(thread).toContainText("赵大海");
  await expect(thread).toContainText("139****5678");
  await expect(thread).not.toContainText("13912345678");
  await expect(thread).toContainText("待答复");
  await waitForHydration(page);
  await thread.getByLabel("答复内容").fill("付款明细见本事项的财务公开附件，也可到村委会财务室查阅原始凭证。");
  await thread.getByRole("button", { name: "答复并公开" }).click();
  await expect(page.getByText("答复已公开在公开事项页面上")).toBeVisible();

  // Everyone reads it under the posting now.
  await visitor.goto(postingPath);
  const shown = visitor.locator("article").filter({ hasText: `第 ${marker} 号修路工程` });
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText("赵某");
  await expect(shown).not.toContainText("赵大海");
  await expect(shown).toContainText("139****5678");
  await expect(shown).toContainText("村务公开员答复");
  await expect(shown).toContainText("付款明细见本事项的财务公开附件");
  await visitorContext.close();
});
