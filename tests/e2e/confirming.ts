import type { Locator } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Clicks the button of a step that cannot be undone and confirms it: in the
 * dialog it opens (app/ui/confirm.tsx), or, when the click went out before the
 * page was hydrated, on the confirmation page the server answered with.
 * Returns the summary that was confirmed, for the caller to check.
 */
export async function clickAndConfirm(trigger: Locator): Promise<string> {
  const page = trigger.page();
  await trigger.click();
  const dialog = page.getByRole("dialog");
  const confirmationPage = page.getByRole("region", { name: /^请确认：/ });
  await expect(dialog.or(confirmationPage)).toBeVisible();
  const where = (await dialog.isVisible()) ? dialog : confirmationPage;
  const summary = (await where.textContent()) ?? "";
  await where.getByRole("button", { name: /^确认/ }).click();
  return summary;
}
