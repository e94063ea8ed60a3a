import type { Role } from "../../vocabulary";

export type { Role };
export { roles } from "../../vocabulary";

export const roleLabels: Record<Role, string> = {
  admin: "系统管理员",
  district_officer: "区登记管理机关",
  street_officer: "街道（镇）工作人员",
  association: "社会组织用户",
  village_clerk: "村（居）务公开员",
  village_supervisor: "村务监督委员会成员",
  supervising_authority: "业务主管单位",
};

/** Each role's own area of the site (docs/api.md). */
export type Area = "officer" | "org" | "village" | "unit";

export const roleArea: Record<Role, Area> = {
  admin: "officer",
  district_officer: "officer",
  street_officer: "officer",
  association: "org",
  village_clerk: "village",
  village_supervisor: "village",
  supervising_authority: "unit",
};

export const areaPaths: Record<Area, string> = {
  officer: "/officer",
  org: "/org",
  village: "/village",
  unit: "/unit",
};

/** What kind of scope a role's account must carry. */
export const roleScope: Record<Role, "none" | "street" | "village" | "organization" | "unit"> = {
  admin: "none",
  district_officer: "none",
  street_officer: "street",
  association: "organization",
  village_clerk: "village",
  village_supervisor: "village",
  supervising_authority: "unit",
};

/**
 * Staff work with residents' personal data, so their sessions are short; an
 * association filling a long report gets a longer idle window.
 */
export function isStaff(role: Role): boolean {
  return role !== "association";
}
