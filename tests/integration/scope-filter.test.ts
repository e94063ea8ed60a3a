/**
 * The scope filter (app/auth/scope.server.ts) and the row check (permissions.ts
 * `can`) agree: for generated actors of every role, placed anywhere or nowhere,
 * the rows a query filtered by the actor's scope returns are exactly the rows
 * `can` allows, for organizations (officers), villages (clerks and
 * supervisors) and an association's own organization.
 */
import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { organizations, places } from "../../db/schema";
import { roles } from "../../vocabulary";
import { can, type Actor } from "../../app/auth/permissions";
import { officerReachOrNull, ownOrganization, ownVillage, streetChoice, withinReach } from "../../app/auth/scope.server";
import { loadDemoDistrict } from "../setup/demo";

let streetIds: number[] = [];
let villageIds: number[] = [];
let organizationIds: number[] = [];
let streetOf = new Map<number, number | null>();

beforeAll(async () => {
  await loadDemoDistrict();
  const db = await getDb();
  streetIds = (await db.select({ id: places.id }).from(places).where(inArray(places.level, ["street", "town"]))).map((p) => p.id);
  villageIds = (await db.select({ id: places.id }).from(places).where(inArray(places.level, ["community", "village"]))).map((p) => p.id);
  const orgs = await db.select({ id: organizations.id, streetId: organizations.streetId }).from(organizations);
  organizationIds = orgs.map((o) => o.id);
  streetOf = new Map(orgs.map((o) => [o.id, o.streetId]));
});

/** Any role, placed at a street, a village, nowhere or somewhere unknown; with or without an organization. */
const actors = () =>
  fc.record({
    role: fc.constantFrom(...roles),
    placeId: fc.oneof(fc.constantFrom(...streetIds), fc.constantFrom(...villageIds), fc.constant(null), fc.constant(987_654)),
    organizationId: fc.oneof(fc.constantFrom(...organizationIds), fc.constant(null)),
  }).map((a): Actor => ({ ...a, userId: 1, username: "generated", displayName: "生成的账号", supervisingUnit: null, mustChangePassword: false, sessionId: "s" }));

test("an officer's scope filter returns exactly the organizations `can` lets the officer read", async () => {
  const db = await getDb();
  await fc.assert(
    fc.asyncProperty(actors(), async (actor) => {
      const allowed = organizationIds.filter((id) => can(actor, "organization:read_internal", { streetId: streetOf.get(id) ?? null }));
      const reach = officerReachOrNull(actor);
      const filtered =
        reach && can(actor, "organization:read_internal")
          ? (await db.select({ id: organizations.id }).from(organizations).where(and(withinReach(reach, organizations.streetId)))).map((o) => o.id)
          : [];
      expect(filtered.sort((a, b) => a - b)).toEqual(allowed.sort((a, b) => a - b));
    }),
    { numRuns: 60 },
  );
});

test("a clerk's or supervisor's village and an association's organization are the rows `can` allows", () => {
  fc.assert(
    fc.property(actors(), (actor) => {
      for (const placeId of [...villageIds, ...streetIds]) {
        expect(can(actor, "area:village", { placeId }), `${actor.role} at ${actor.placeId}, place ${placeId}`).toBe(
          ownVillage(actor) === placeId && can(actor, "area:village"),
        );
      }
      for (const organizationId of organizationIds) {
        expect(can(actor, "inspection:file", { organizationId })).toBe(ownOrganization(actor) === organizationId && can(actor, "inspection:file"));
      }
    }),
    { numRuns: 200 },
  );
});

test("the street filter a page offers holds the streets the officer reaches: all for the district, only the own for a street officer", () => {
  const units = streetIds.map((id) => ({ id, name: `街道${id}` }));
  fc.assert(
    fc.property(actors(), (actor) => {
      const reach = officerReachOrNull(actor);
      if (!reach) return;
      const choice = streetChoice(reach, units);
      expect(choice.units.map((u) => u.id)).toEqual(streetIds.filter((id) => can(actor, "area:officer", { streetId: id })));
      expect(choice.canChoose).toBe(reach.streetId === null);
    }),
    { numRuns: 200 },
  );
});

test("a street officer placed at a village, or nowhere, reaches nothing", async () => {
  const db = await getDb();
  const misplaced: Actor = { userId: 1, username: "x", displayName: "x", role: "street_officer", placeId: null, organizationId: null, supervisingUnit: null, mustChangePassword: false, sessionId: "s" };
  expect(officerReachOrNull(misplaced)).toBeNull();
  const atVillage = { ...misplaced, placeId: villageIds[0]! };
  const reach = officerReachOrNull(atVillage)!;
  const rows = await db.select({ id: organizations.id }).from(organizations).where(and(withinReach(reach, organizations.streetId), eq(organizations.id, organizations.id)));
  expect(rows).toEqual([]);
});
