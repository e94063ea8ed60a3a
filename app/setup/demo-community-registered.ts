/**
 * The demo's registered community social organizations: three of the
 * district's social groups, each at home in one community, marked with a
 * community category by the registry's officer some weeks before the day the
 * demo loads. 一居多会 counts them beside the filed ones under the default
 * basis (登记和备案均计入), and not when the district counts filed ones only.
 * They are chosen by name among the first social groups, whose places do not
 * change with the day the demo loads, in communities short of the target, so
 * they show on those communities' pages without changing who meets it.
 * Running it again changes nothing: one already marked is left alone.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { organizationChanges, organizations, places } from "../../db/schema";
import type { CommunityCategory } from "../../vocabulary";
import { registeredCommunityTypes } from "../domain/organizations/rules";

export const demoRegisteredCommunityOrganizations: ReadonlyArray<{ name: string; category: CommunityCategory; daysAgo: number }> = [
  { name: "鲤城区志愿者协会", category: "charity", daysAgo: 45 },
  { name: "鲤城区家庭教育研究会", category: "life_service", daysAgo: 30 },
  { name: "鲤城区乒乓球协会", category: "culture_sports", daysAgo: 12 },
];

export async function seedRegisteredCommunityOrganizations(tx: Database, d: { officer: { id: number; displayName: string }; now: Date }): Promise<void> {
  for (const { name, category, daysAgo } of demoRegisteredCommunityOrganizations) {
    const [org] = await tx
      .select({ id: organizations.id, category: organizations.category, version: organizations.version })
      .from(organizations)
      .innerJoin(places, eq(places.id, organizations.placeId))
      .where(
        and(
          eq(organizations.name, name),
          inArray(organizations.type, [...registeredCommunityTypes]),
          inArray(places.level, ["community", "village"]),
        ),
      )
      .limit(1);
    if (!org || org.category) continue;
    // As an officer's correction leaves it: the record one version on, the change in its public history.
    await tx.update(organizations).set({ category, version: org.version + 1 }).where(eq(organizations.id, org.id));
    await tx.insert(organizationChanges).values({
      organizationId: org.id,
      at: new Date(d.now.getTime() - daysAgo * 86_400_000),
      kind: "correction",
      changes: [{ field: "category", before: null, after: category }],
      reason: "经街道核实，该会主要在所属社区开展服务，按社区社会组织统计",
      actorUserId: d.officer.id,
      actorName: d.officer.displayName,
    });
  }
}
