/**
 * Annual inspection fixtures for the integration tests: a report that passes
 * every check, and a 民非 with its own association account.
 */
import { getDb } from "../../db/client.server";
import { organizations, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import type { Report } from "../../app/domain/inspections/rules";

export const completeReport: Report = {
  recordChanged: "no",
  incomeDonations: 20_000,
  incomeGrants: 10_000,
  incomeServices: 0,
  incomeFees: 5_000,
  incomeOther: 0,
  incomeTotal: 35_000,
  expenditurePrograms: 25_000,
  expenditureAdministration: 4_000.5,
  expenditureOther: 0,
  expenditureTotal: 29_000.5,
  netAssetsStart: 50_000,
  netAssetsEnd: 55_999.5,
  donationsReceived: 20_000,
  activitiesCount: 24,
  mainActivities: "组织老年人健身操比赛、门球联赛",
  fullTimeStaff: 2,
  volunteers: 40,
  officers: "会长 黄建国；秘书长 林丽华",
  partyFormalMembers: 2,
  partyProbationaryMembers: 1,
  partyCoverage: "joint_branch",
  declaration: "on",
};

/** A new 民非 registered on `registeredOn` (so due for the years after), with an association account of its own. */
export async function organizationWithAccount(name: string, registeredOn: string, supervisingUnit: string | null = null) {
  const db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name, type: "private_non_enterprise", uscc: null, status: "normal", registeredOn, streetId: null, supervisingUnit })
    .returning();
  const [user] = await db.insert(users).values({ username: `u${org!.id}`, displayName: name, role: "association", organizationId: org!.id, passwordHash: "x" }).returning();
  return { org: org!, actor: actorFromUser(user!, `s${org!.id}`) };
}
