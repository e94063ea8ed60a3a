import { expect, signInAs, test } from "./fixtures";

test("the home page lists the district's streets and a street opens", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("鲤城区");
  await page.getByRole("link", { name: "开元街道" }).click();
  await expect(page).toHaveURL(/\/places\/350502001000$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("开元街道");
});

test("an officer signed in by cookie reaches the dashboard", async ({ page, context, baseURL }) => {
  await signInAs(context, "officer", baseURL!);
  await page.goto("/officer");
  await expect(page.getByRole("heading", { name: "工作台" })).toBeVisible();
});
