/**
 * The demo's 社会组织评估, dated back from the day the demo loads: a round six
 * years ago whose grades have expired, one two years ago whose grades hold
 * (5A to 2A), and one open now with applications waiting for the committee.
 */
import type { Database } from "../../db/client.server";
import { evaluationRounds, evaluations, organizations } from "../../db/schema";
import { gradeValidUntil } from "../domain/evaluations/rules";
import { shanghaiDate } from "../domain/shared/time";

export async function seedEvaluations(
  tx: Database,
  d: { officer: { id: number }; organizations: Array<typeof organizations.$inferSelect>; association: number; now: Date },
): Promise<void> {
  const daysAgo = (n: number) => shanghaiDate(new Date(d.now.getTime() - n * 86_400_000));
  const year = (n: number) => daysAgo(n).slice(0, 4);
  // Registered long enough, in good standing, not the demo association (its page starts without a grade).
  const eligible = d.organizations
    .filter((o) => o.type !== "community" && o.status === "normal" && o.id !== d.association && o.registeredOn < daysAgo(6 * 365 + 400))
    .sort((a, b) => a.id - b.id);
  const rounds = await tx
    .insert(evaluationRounds)
    .values([
      { title: `${year(6 * 365)} 年度社会组织评估`, applyUntil: daysAgo(6 * 365), createdBy: d.officer.id, createdAt: new Date(d.now.getTime() - (6 * 365 + 60) * 86_400_000) },
      { title: `${year(2 * 365)} 年度社会组织评估`, applyUntil: daysAgo(2 * 365), createdBy: d.officer.id, createdAt: new Date(d.now.getTime() - (2 * 365 + 60) * 86_400_000) },
      { title: `${year(20)} 年度社会组织评估`, applyUntil: daysAgo(-30), createdBy: d.officer.id, createdAt: new Date(d.now.getTime() - 20 * 86_400_000) },
    ])
    .returning();
  const [old, recent, open] = rounds as [(typeof rounds)[number], (typeof rounds)[number], (typeof rounds)[number]];
  const graded = (roundId: number, org: (typeof eligible)[number], grade: number, appliedDaysAgo: number, awardedDaysAgo: number) => ({
    roundId,
    organizationId: org.id,
    appliedOn: daysAgo(appliedDaysAgo),
    appliedBy: d.officer.id,
    grade,
    awardedOn: daysAgo(awardedDaysAgo),
    validUntil: gradeValidUntil(daysAgo(awardedDaysAgo)),
    decidedBy: d.officer.id,
    version: 2,
  });
  const rows = [
    // Six years ago: expired, shown nowhere now.
    ...eligible.slice(0, 3).map((o, i) => graded(old.id, o, [4, 3, 3][i]!, 6 * 365 + 10, 6 * 365 - 90)),
    // Two years ago: 5A to 2A, valid three more years.
    ...eligible.slice(3, 9).map((o, i) => graded(recent.id, o, [5, 4, 4, 3, 3, 2][i]!, 2 * 365 + 10, 2 * 365 - 90)),
    // Open now: applied, waiting.
    ...eligible.slice(9, 13).map((o) => ({ roundId: open.id, organizationId: o.id, appliedOn: daysAgo(10), appliedBy: d.officer.id })),
  ];
  await tx.insert(evaluations).values(rows);
}
