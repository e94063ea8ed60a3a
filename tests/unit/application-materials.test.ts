import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  applicationMaterials,
  isMaterialOf,
  materialChecklist,
  materialName,
  missingMaterials,
  missingMaterialsProblem,
  otherMaterial,
  requiredMaterials,
  templates,
} from "../../app/domain/applications/materials";
import { startableKinds } from "../../app/domain/applications/rules";

const file = (material: string | null) => ({ material });

describe("each kind lists its materials: name, required or not, the article, a template", () => {
  test("an establishment of a 社会团体 needing its unit: the unit's paper is optional (it consents on the platform), the rest required", () => {
    const list = requiredMaterials("establishment", "social_group", "supervised");
    expect(list.map((m) => [m.key, m.required])).toEqual([
      ["application_form", true],
      ["unit_approval", false],
      ["funds_premises", true],
      ["principals", true],
      ["charter", true],
    ]);
    expect(list.every((m) => m.basis === "《社会团体登记管理条例》第十一条")).toBe(true);
    expect(list.find((m) => m.key === "charter")!.template).toEqual(templates.groupCharter);
    expect(requiredMaterials("establishment", "private_non_enterprise", "charity").find((m) => m.key === "charter")!.template).toEqual(templates.privateCharter);
    expect(requiredMaterials("establishment", "social_group", "charity").map((m) => m.key)).not.toContain("unit_approval");
  });

  test("a change asks for what its changed items need: a new legal representative's particulars, a new address's right of use, a new capital's audit", () => {
    const base = requiredMaterials("change", "social_group", null, true).map((m) => m.key);
    expect(base).toEqual(["change_form", "unit_consent", "change_resolution"]);
    const keys = requiredMaterials("change", "social_group", null, false, ["legalRepresentative", "address", "registeredFunds"]).map((m) => m.key);
    expect(keys).toEqual(["change_form", "change_resolution", "new_representative", "new_premises", "funds_report"]);
    expect(requiredMaterials("change", "private_non_enterprise", null, false, ["businessScope"]).map((m) => m.key)).toEqual(["change_form", "change_resolution"]);
  });

  test("the list of an application follows what it changes from the register it started from", () => {
    const organization = { type: "social_group" as const, supervisingUnit: null, legalRepresentative: "王一", address: "旧址" };
    const app = { kind: "change" as const, proposed: { legalRepresentative: "王一", address: "新址", changeReason: "搬迁" }, baseline: { legalRepresentative: "王一", address: "旧址" } };
    expect(applicationMaterials(app, organization).map((m) => m.key)).toEqual(["change_form", "change_resolution", "new_premises"]);
    // After the approval the register holds the new address: the list is still the one the application needed.
    const approved = { ...organization, address: "新址" };
    expect(applicationMaterials(app, approved).map((m) => m.key)).toContain("new_premises");
  });

  test("a community filing: the premises only where there are fixed ones", () => {
    const list = requiredMaterials("filing", "community", null);
    expect(list.filter((m) => !m.required).map((m) => m.key)).toEqual(["premises"]);
    expect(list.find((m) => m.key === "filing_form")!.template).toEqual(templates.filingForm);
  });

  test("every template is a real file under public/, in UTF-8, of some substance", () => {
    for (const t of Object.values(templates)) {
      const text = fs.readFileSync(path.join("public", t.href), "utf8");
      expect(t.href).toMatch(/^\/templates\/[a-z-]+\.txt$/);
      expect(text.length).toBeGreaterThan(500);
      expect(text).toContain(t.fileName.replace(/\.txt$/, "").slice(0, 4));
      expect(text).not.toMatch(/TODO|lorem|placeholder/i);
    }
  });
});

describe("an application cannot be submitted until every required material is attached", () => {
  const list = requiredMaterials("cancellation", "social_group", null, true);

  test("the missing are the required ones with no file of theirs; a file of another material or of none does not count", () => {
    expect(missingMaterials(list, []).map((m) => m.key)).toEqual(["cancellation_form", "unit_review", "liquidation_report"]);
    expect(missingMaterials(list, [file("cancellation_form"), file(otherMaterial), file(null)]).map((m) => m.key)).toEqual(["unit_review", "liquidation_report"]);
    expect(missingMaterials(list, [file("cancellation_form"), file("unit_review"), file("liquidation_report")])).toEqual([]);
    // Optional ones never hold a submission back.
    const filing = requiredMaterials("filing", "community", null);
    expect(missingMaterials(filing, ["filing_form", "member_list", "principal_id", "rules"].map(file))).toEqual([]);
  });

  test("the refusal names each missing material, in Chinese, numbered", () => {
    expect(missingMaterialsProblem(missingMaterials(list, [file("unit_review")]))).toBe(
      "尚未上传以下必交材料：1. 法定代表人签署的注销登记申请书；2. 清算报告书。请在“申请材料”中逐项上传后再提交。",
    );
    expect(missingMaterialsProblem([])).toBeNull();
  });

  test("the checklist puts each file beside its material", () => {
    const files = [{ id: 1, material: "liquidation_report" }, { id: 2, material: "liquidation_report" }, { id: 3, material: "other" }];
    expect(materialChecklist(list, files).map((m) => [m.key, m.files.map((f) => f.id)])).toEqual([
      ["cancellation_form", []],
      ["unit_review", []],
      ["liquidation_report", [1, 2]],
    ]);
    expect(materialName(list, "liquidation_report")).toBe("清算报告书");
    expect(materialName(list, null)).toBe("其他材料");
  });

  test("an upload names a material of the application's list, or 其他材料", () => {
    expect(isMaterialOf(list, "unit_review")).toBe(true);
    expect(isMaterialOf(list, otherMaterial)).toBe(true);
    expect(isMaterialOf(list, "charter")).toBe(false);
    expect(isMaterialOf(list, "")).toBe(false);
  });
});

describe("what an association may apply for from /org", () => {
  test("a preparatory group (no organization) founds one; a registered organization changes or cancels, and founds no other", () => {
    expect(startableKinds(null)).toEqual(["establishment"]);
    expect(startableKinds({ type: "social_group", status: "normal" })).toEqual(["change", "cancellation"]);
    expect(startableKinds({ type: "private_non_enterprise", status: "abnormal" })).toEqual(["change", "cancellation"]);
    expect(startableKinds({ type: "social_group", status: "cancelled" })).toEqual([]);
    expect(startableKinds({ type: "community", status: "normal" })).toEqual(["establishment"]);
  });
});
