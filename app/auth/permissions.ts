/**
 * Permissions as data: each role holds named permissions, and `can` answers
 * "may this actor do this to this row" from the role's scope. Domain reads
 * also filter by `scopeOf` so a forgotten check returns nothing, not someone
 * else's rows.
 */
import type { Role } from "./roles";

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** Street (street officer) or village/community (clerk, supervisor). */
  placeId: number | null;
  /** Organization of an association user. */
  organizationId: number | null;
  /** The unit a 业务主管单位's account speaks for. */
  supervisingUnit: string | null;
  mustChangePassword: boolean;
  sessionId: string;
}

export const permissions = [
  "area:officer",
  "area:org",
  "area:village",
  "area:unit",
  "user:manage",
  "audit:read",
  "place:manage",
  "organization:read_internal",
  /** Correct a record in the register (with a reason). */
  "organization:correct",
  /** Decide applications (district: registrations; street: filings of the street). */
  "application:decide",
  /** Enter a community filing on a community's behalf. */
  "application:file_community",
  /** Apply to the registry for one's organization. */
  "application:apply",
  /** Review, as the 业务主管单位 named in it, an establishment before the registry takes it up. */
  "application:consent",
  /** Record 行政处罚 decisions on organizations (the registry). */
  "penalty:decide",
  /** Keep the credit lists: confirm proposals, list and remove organizations, record the letters of the unreachable-address procedure. */
  "credit:list",
  /** Record other credit information (awards, government service contracts) and answer objections to credit information, correcting what they show wrong. */
  "credit:record",
  /** Object (异议), for one's organization, to its credit information. */
  "credit:object",
  /** Plan spot checks (双随机一公开), draw, record findings, order and verify rectification, publish results. */
  "spotcheck:manage",
  /** Answer, for one's organization, the rectification a spot check ordered. */
  "rectification:answer",
  /** Run 社会组织评估 rounds: enter applications, award grades. */
  "evaluation:manage",
  /** Apply, for one's organization, to an evaluation round. */
  "evaluation:apply",
  /** Change district settings such as the 一居多会 target. */
  "setting:manage",
  /** Open inspection years, review reports, conclude, publish, keep the abnormal-activity list. */
  "inspection:review",
  /** Review first (初审), as the 业务主管单位 named in them, annual reports before the registry's inspection. */
  "inspection:preliminary",
  /** File one's organization's annual report. */
  "inspection:file",
  /** Draft, submit, correct and withdraw the village's postings (村务公开员). */
  "posting:draft",
  /** Review the village's submitted postings and approve or return them (村务监督委员会). */
  "posting:review",
  /** See postings and which periods villages have not published. */
  "posting:monitor",
  /** Keep the committees, their terms and members, service centres and joint meetings of places in scope. */
  "committee:manage",
  /** Keep organizations' party members, branches and instructors, and read the coverage figures. */
  "party:manage",
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: ["area:officer", "user:manage", "audit:read", "place:manage", "organization:read_internal", "setting:manage"],
  district_officer: [
    "area:officer",
    "audit:read",
    "place:manage",
    "organization:read_internal",
    "organization:correct",
    "application:decide",
    "setting:manage",
    "inspection:review",
    "penalty:decide",
    "credit:list",
    "credit:record",
    "spotcheck:manage",
    "evaluation:manage",
    "posting:monitor",
    "committee:manage",
    "party:manage",
  ],
  street_officer: [
    "area:officer",
    "organization:read_internal",
    "application:decide",
    "application:file_community",
    "posting:monitor",
    "committee:manage",
    "party:manage",
  ],
  association: ["area:org", "application:apply", "inspection:file", "rectification:answer", "evaluation:apply", "credit:object"],
  village_clerk: ["area:village", "posting:draft"],
  village_supervisor: ["area:village", "posting:review"],
  supervising_authority: ["area:unit", "application:consent", "inspection:preliminary"],
};

/** Where a row sits: the checks compare these with the actor's scope. */
export interface ScopeTarget {
  /** The street or town a row belongs to. */
  streetId?: number | null;
  /** The community or village a row belongs to. */
  placeId?: number | null;
  organizationId?: number | null;
  /** The 业务主管单位 a row names. */
  supervisingUnit?: string | null;
}

export type ActorScope =
  | { kind: "district" }
  | { kind: "street"; streetId: number }
  | { kind: "village"; placeId: number }
  | { kind: "organization"; organizationId: number }
  | { kind: "unit"; unit: string }
  | { kind: "none" };

export function scopeOf(actor: Pick<Actor, "role" | "placeId" | "organizationId"> & { supervisingUnit?: string | null }): ActorScope {
  switch (actor.role) {
    case "admin":
    case "district_officer":
      return { kind: "district" };
    case "street_officer":
      return actor.placeId ? { kind: "street", streetId: actor.placeId } : { kind: "none" };
    case "village_clerk":
    case "village_supervisor":
      return actor.placeId ? { kind: "village", placeId: actor.placeId } : { kind: "none" };
    case "association":
      return actor.organizationId
        ? { kind: "organization", organizationId: actor.organizationId }
        : { kind: "none" };
    case "supervising_authority":
      return actor.supervisingUnit?.trim() ? { kind: "unit", unit: actor.supervisingUnit.trim() } : { kind: "none" };
  }
}

export function hasPermission(actor: Pick<Actor, "role"> | null, permission: Permission): boolean {
  return actor ? grants[actor.role].includes(permission) : false;
}

/** May the actor use `permission` on a row that sits at `target`? */
export function can(
  actor: (Pick<Actor, "role" | "placeId" | "organizationId"> & { supervisingUnit?: string | null }) | null,
  permission: Permission,
  target?: ScopeTarget,
): boolean {
  if (!actor || !hasPermission(actor, permission)) return false;
  if (!target) return true;
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case "district":
      return true;
    case "street":
      return target.streetId === scope.streetId;
    case "village":
      return target.placeId === scope.placeId;
    case "organization":
      return target.organizationId === scope.organizationId;
    case "unit":
      return (target.supervisingUnit ?? "").trim() === scope.unit;
    case "none":
      return false;
  }
}
