import type { Locator, Request } from "@playwright/test";
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

/**
 * Clicks the button of a step that cannot be undone on a hydrated page and
 * checks the dialog it opens: titled 请确认：`action`, focused, saying each of
 * `says`. `whileOpen` may look further (an axe scan). The dialog is then left
 * by 取消 or Escape, and must close having sent nothing. Returns the dialog,
 * for the caller to open again and confirm.
 */
export async function openAndDismiss(
  trigger: Locator,
  {
    action,
    says,
    by = "取消",
    whileOpen,
  }: {
    action: string;
    says: string[];
    by?: "取消" | "Escape";
    whileOpen?: (dialog: Locator) => Promise<void>;
  },
): Promise<Locator> {
  const page = trigger.page();
  const dialog = page.getByRole("dialog", { name: `请确认：${action}` });
  const posts: string[] = [];
  const onRequest = (request: Request) => {
    if (request.method() === "POST") posts.push(request.url());
  };
  page.on("request", onRequest);
  try {
    await trigger.click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toBeFocused();
    for (const text of says) await expect(dialog).toContainText(text);
    await whileOpen?.(dialog);
    if (by === "Escape") await page.keyboard.press("Escape");
    else await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    expect(posts).toEqual([]);
  } finally {
    page.off("request", onRequest);
  }
  return dialog;
}
