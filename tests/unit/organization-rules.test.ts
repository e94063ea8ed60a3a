import { describe, expect, test } from "vitest";
import {
  mayBeCommunityOrganization,
  organizationFieldLabel,
  organizationKindLabel,
  registeredCategoryProblem,
  registeredCommunityTypes,
} from "../../app/domain/organizations/rules";

describe("a registered organization as a community social organization", () => {
  test("social groups and private non-enterprise units may be one, as filed ones are; a foundation may not", () => {
    expect(registeredCommunityTypes).toEqual(["social_group", "private_non_enterprise"]);
    expect(mayBeCommunityOrganization("community")).toBe(true);
    expect(mayBeCommunityOrganization("social_group")).toBe(true);
    expect(mayBeCommunityOrganization("private_non_enterprise")).toBe(true);
    expect(mayBeCommunityOrganization("foundation")).toBe(false);
  });

  test("a category with a community or village is accepted; none at all is too", () => {
    for (const type of registeredCommunityTypes) {
      expect(registeredCategoryProblem({ type, category: "charity", placeId: 12 })).toBeNull();
      expect(registeredCategoryProblem({ type, category: null, placeId: 12 })).toBeNull();
      expect(registeredCategoryProblem({ type, category: undefined, placeId: undefined })).toBeNull();
    }
  });

  test("a category without a community or village is refused beside the place", () => {
    for (const type of registeredCommunityTypes) {
      for (const placeId of [null, undefined]) {
        expect(registeredCategoryProblem({ type, category: "life_service", placeId })).toEqual({ field: "placeId", message: "登记的社区社会组织须选择所属社区（村）" });
      }
    }
  });

  test("a foundation with a category is refused beside the category, with or without a place", () => {
    expect(registeredCategoryProblem({ type: "foundation", category: "charity", placeId: 12 })).toEqual({ field: "category", message: "基金会不属于社区社会组织" });
    expect(registeredCategoryProblem({ type: "foundation", category: "charity", placeId: null })).toEqual({ field: "category", message: "基金会不属于社区社会组织" });
    expect(registeredCategoryProblem({ type: "foundation", category: null, placeId: null })).toBeNull();
  });

  test("filed organizations are left to their own rules", () => {
    expect(registeredCategoryProblem({ type: "community", category: "mediation", placeId: null })).toBeNull();
  });

  test("the record names the kind with the category, and says when a registered one is a community organization", () => {
    expect(organizationKindLabel("social_group", "charity")).toBe("社会团体（社区社会组织 · 公益慈善类）");
    expect(organizationKindLabel("private_non_enterprise", null)).toBe("民办非企业单位");
    expect(organizationKindLabel("community", "culture_sports")).toBe("社区社会组织（文体娱乐类）");
    expect(organizationFieldLabel("category", "social_group")).toBe("社区社会组织类别");
    expect(organizationFieldLabel("category", "community")).toBe("类别");
    expect(organizationFieldLabel("category")).toBe("类别");
  });
});
