import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** A material's line on an application's checklist. */
export function checklistItem(page: Page, material: string) {
  return page.getByRole("list", { name: "材料清单" }).getByRole("listitem").filter({ hasText: material }).first();
}

/** Uploads one file as a material of the checklist, and waits for it beside its material. */
export async function attach(page: Page, material: string, fileName: string, buffer = pdf) {
  await page.getByLabel("所上传的材料").selectOption({ label: material });
  await page.getByLabel(/上传材料/).setInputFiles({ name: fileName, mimeType: fileName.endsWith(".png") ? "image/png" : "application/pdf", buffer });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(checklistItem(page, material).getByRole("link", { name: fileName })).toBeVisible();
}

/** The materials a community filing cannot be submitted without. */
export const filingMaterials = ["备案申请表", "成员名单", "负责人身份证明", "章程或活动规则"];
