import { describe, expect, test } from "vitest";
import {
  can,
  hasPermission,
  permissions,
  scopeOf,
  type Actor,
  type Permission,
  type ScopeTarget,
} from "../../app/auth/permissions";
import { roles, type Role } from "../../app/auth/roles";

type ScopedActor = Pick<Actor, "role" | "placeId" | "organizationId"> & { supervisingUnit?: string | null };

const street = 11;
const otherStreet = 12;
const village = 101;
const otherVillage = 102;
const org = 501;
const otherOrg = 502;

const admin: ScopedActor = { role: "admin", placeId: null, organizationId: null };
const districtOfficer: ScopedActor = {
  role: "district_officer",
  placeId: null,
  organizationId: null,
};
const streetOfficer: ScopedActor = {
  role: "street_officer",
  placeId: street,
  organizationId: null,
};
const association: ScopedActor = { role: "association", placeId: null, organizationId: org };
const clerk: ScopedActor = { role: "village_clerk", placeId: village, organizationId: null };
const unit = { role: "supervising_authority" as const, placeId: null, organizationId: null, supervisingUnit: "鲤城区文化体育和旅游局" };
const supervisor: ScopedActor = {
  role: "village_supervisor",
  placeId: village,
  organizationId: null,
};

const grants: Record<Role, Permission[]> = {
  admin: [
    "area:officer",
    "user:manage",
    "audit:read",
    "place:manage",
    "organization:read_internal",
    "setting:manage",
  ],
  // The district registry corrects the register and decides registrations; the admin does not (separation of duties).
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
  // The clerk drafts and the supervision committee reviews: neither holds the other's permission (no self-approval).
  village_clerk: ["area:village", "posting:draft"],
  village_supervisor: ["area:village", "posting:review"],
  // The 业务主管单位 reviews establishments that name it, and nothing else.
  supervising_authority: ["area:unit", "application:consent", "inspection:preliminary"],
};

describe("hasPermission", () => {
  const cases = roles.flatMap((role) =>
    permissions.map((permission) => ({
      role,
      permission,
      granted: grants[role].includes(permission),
    })),
  );

  test.each(cases)("$role holds $permission: $granted", ({ role, permission, granted }) => {
    expect(hasPermission({ role }, permission)).toBe(granted);
  });

  test("every role's grants are exactly the expected set", () => {
    for (const role of roles) {
      expect(permissions.filter((p) => hasPermission({ role }, p))).toEqual(
        permissions.filter((p) => grants[role].includes(p)),
      );
    }
  });

  test("nobody signed in holds no permission", () => {
    for (const permission of permissions) expect(hasPermission(null, permission)).toBe(false);
  });

  test("only the admin manages users", () => {
    expect(roles.filter((role) => hasPermission({ role }, "user:manage"))).toEqual(["admin"]);
  });
});

describe("scopeOf", () => {
  test.each<{ name: string; actor: ScopedActor; scope: ReturnType<typeof scopeOf> }>([
    { name: "an admin acts district-wide", actor: admin, scope: { kind: "district" } },
    {
      name: "a district officer acts district-wide",
      actor: districtOfficer,
      scope: { kind: "district" },
    },
    {
      name: "a street officer acts on their street",
      actor: streetOfficer,
      scope: { kind: "street", streetId: street },
    },
    {
      name: "a village clerk acts on their village",
      actor: clerk,
      scope: { kind: "village", placeId: village },
    },
    {
      name: "a village supervisor acts on their village",
      actor: supervisor,
      scope: { kind: "village", placeId: village },
    },
    {
      name: "an association acts on its organization",
      actor: association,
      scope: { kind: "organization", organizationId: org },
    },
    {
      name: "a street officer without a street has no scope",
      actor: { ...streetOfficer, placeId: null },
      scope: { kind: "none" },
    },
    {
      name: "a clerk without a village has no scope",
      actor: { ...clerk, placeId: null },
      scope: { kind: "none" },
    },
    {
      name: "a 业务主管单位 acts for its unit",
      actor: unit,
      scope: { kind: "unit", unit: "鲤城区文化体育和旅游局" },
    },
    {
      name: "a 业务主管单位 account without a unit has no scope",
      actor: { ...unit, supervisingUnit: " " },
      scope: { kind: "none" },
    },
    {
      name: "a supervisor without a village has no scope",
      actor: { ...supervisor, placeId: null },
      scope: { kind: "none" },
    },
    {
      name: "an association without an organization has no scope",
      actor: { ...association, organizationId: null },
      scope: { kind: "none" },
    },
    {
      name: "a street officer's organization id does not give an organization scope",
      actor: { ...streetOfficer, organizationId: org },
      scope: { kind: "street", streetId: street },
    },
    {
      name: "an admin's place id does not narrow the district scope",
      actor: { ...admin, placeId: street },
      scope: { kind: "district" },
    },
  ])("$name", ({ actor, scope }) => {
    expect(scopeOf(actor)).toEqual(scope);
  });
});

describe("can", () => {
  const anywhere: ScopeTarget = {
    streetId: otherStreet,
    placeId: otherVillage,
    organizationId: otherOrg,
  };

  test.each<{
    rule: string;
    actor: ScopedActor | null;
    permission: Permission;
    target?: ScopeTarget;
    allowed: boolean;
  }>([
    // District-wide roles
    { rule: "an admin may manage users", actor: admin, permission: "user:manage", allowed: true },
    {
      rule: "an admin may touch any street's rows",
      actor: admin,
      permission: "place:manage",
      target: anywhere,
      allowed: true,
    },
    {
      rule: "an admin may read any organization",
      actor: admin,
      permission: "organization:read_internal",
      target: { organizationId: otherOrg },
      allowed: true,
    },
    {
      rule: "a district officer may touch any street's rows",
      actor: districtOfficer,
      permission: "place:manage",
      target: anywhere,
      allowed: true,
    },
    {
      rule: "a district officer may read the audit log",
      actor: districtOfficer,
      permission: "audit:read",
      allowed: true,
    },
    {
      rule: "a district officer may not manage users",
      actor: districtOfficer,
      permission: "user:manage",
      allowed: false,
    },
    {
      rule: "a district officer may not manage users even with a target",
      actor: districtOfficer,
      permission: "user:manage",
      target: { streetId: street },
      allowed: false,
    },
    // Street officer
    {
      rule: "a street officer may touch their own street's rows",
      actor: streetOfficer,
      permission: "organization:read_internal",
      target: { streetId: street },
      allowed: true,
    },
    {
      rule: "a street officer may not touch another street's rows",
      actor: streetOfficer,
      permission: "organization:read_internal",
      target: { streetId: otherStreet },
      allowed: false,
    },
    {
      rule: "a street officer may not touch a row with no street",
      actor: streetOfficer,
      permission: "organization:read_internal",
      target: { streetId: null },
      allowed: false,
    },
    {
      rule: "a street officer is not matched by a row's village id equal to their street id",
      actor: streetOfficer,
      permission: "organization:read_internal",
      target: { placeId: street },
      allowed: false,
    },
    {
      rule: "a street officer may enter the officer area",
      actor: streetOfficer,
      permission: "area:officer",
      allowed: true,
    },
    {
      rule: "a street officer may not manage places even on their own street",
      actor: streetOfficer,
      permission: "place:manage",
      target: { streetId: street },
      allowed: false,
    },
    {
      rule: "a street officer may not read the audit log",
      actor: streetOfficer,
      permission: "audit:read",
      allowed: false,
    },
    // Village clerk and supervisor
    {
      rule: "a clerk may touch their own village's rows",
      actor: clerk,
      permission: "area:village",
      target: { placeId: village },
      allowed: true,
    },
    {
      rule: "a clerk may not touch another village's rows",
      actor: clerk,
      permission: "area:village",
      target: { placeId: otherVillage },
      allowed: false,
    },
    {
      rule: "a clerk is not matched by a street id equal to their village id",
      actor: clerk,
      permission: "area:village",
      target: { streetId: village },
      allowed: false,
    },
    {
      rule: "a clerk may not enter the officer area",
      actor: clerk,
      permission: "area:officer",
      allowed: false,
    },
    {
      rule: "a supervisor may touch their own village's rows",
      actor: supervisor,
      permission: "area:village",
      target: { placeId: village },
      allowed: true,
    },
    {
      rule: "a supervisor may not touch another village's rows",
      actor: supervisor,
      permission: "area:village",
      target: { placeId: otherVillage },
      allowed: false,
    },
    {
      rule: "a 业务主管单位 reviews what names it",
      actor: unit,
      permission: "application:consent",
      target: { supervisingUnit: "鲤城区文化体育和旅游局" },
      allowed: true,
    },
    {
      rule: "a 业务主管单位 does not review what names another unit, or none",
      actor: unit,
      permission: "application:consent",
      target: { supervisingUnit: "鲤城区教育局", streetId: street },
      allowed: false,
    },
    {
      rule: "a 业务主管单位 does not decide registrations",
      actor: unit,
      permission: "application:decide",
      allowed: false,
    },
    {
      rule: "a supervisor may not enter the organization area",
      actor: supervisor,
      permission: "area:org",
      allowed: false,
    },
    // Association
    {
      rule: "an association may touch its own organization's rows",
      actor: association,
      permission: "area:org",
      target: { organizationId: org },
      allowed: true,
    },
    {
      rule: "an association may not touch another organization's rows",
      actor: association,
      permission: "area:org",
      target: { organizationId: otherOrg },
      allowed: false,
    },
    {
      rule: "an association may not touch a row with no organization",
      actor: association,
      permission: "area:org",
      target: {},
      allowed: false,
    },
    {
      rule: "an association may not read internal organization data, even its own",
      actor: association,
      permission: "organization:read_internal",
      target: { organizationId: org },
      allowed: false,
    },
    {
      rule: "an association may not enter the officer area",
      actor: association,
      permission: "area:officer",
      allowed: false,
    },
    // Missing scope
    {
      rule: "a street officer without a street may touch no row",
      actor: { ...streetOfficer, placeId: null },
      permission: "organization:read_internal",
      target: { streetId: null },
      allowed: false,
    },
    {
      rule: "a clerk without a village may touch no row",
      actor: { ...clerk, placeId: null },
      permission: "area:village",
      target: { placeId: null },
      allowed: false,
    },
    {
      rule: "an association without an organization may touch no row",
      actor: { ...association, organizationId: null },
      permission: "area:org",
      target: { organizationId: null },
      allowed: false,
    },
    {
      rule: "an association without an organization may touch no unscoped-field row",
      actor: { ...association, organizationId: null },
      permission: "area:org",
      target: {},
      allowed: false,
    },
    // Nobody
    {
      rule: "nobody signed in may do anything without a target",
      actor: null,
      permission: "area:officer",
      allowed: false,
    },
    {
      rule: "nobody signed in may touch any row",
      actor: null,
      permission: "organization:read_internal",
      target: anywhere,
      allowed: false,
    },
  ])("$rule", ({ actor, permission, target, allowed }) => {
    expect(can(actor, permission, target)).toBe(allowed);
  });

  test("without a target, can is exactly hasPermission for every role and permission", () => {
    for (const role of roles) {
      const actor: ScopedActor = { role, placeId: street, organizationId: org };
      for (const permission of permissions) {
        expect(can(actor, permission)).toBe(hasPermission(actor, permission));
      }
    }
  });

  test("no role reaches a row outside its scope with any permission it holds", () => {
    const actors: ScopedActor[] = [streetOfficer, association, clerk, supervisor];
    for (const actor of actors) {
      for (const permission of permissions) {
        expect(can(actor, permission, anywhere)).toBe(false);
      }
    }
  });

  test("an actor with no scope is refused every row for every permission, though it holds the permission unscoped", () => {
    const unscoped: ScopedActor[] = [
      { ...streetOfficer, placeId: null },
      { ...clerk, placeId: null },
      { ...supervisor, placeId: null },
      { ...association, organizationId: null },
    ];
    for (const actor of unscoped) {
      const held = permissions.filter((p) => hasPermission(actor, p));
      expect(held.length).toBeGreaterThan(0);
      for (const permission of held) {
        expect(
          can(actor, permission, { streetId: street, placeId: village, organizationId: org }),
        ).toBe(false);
      }
    }
  });
});
