import { beforeAll, expect, test } from "vitest";
import { publicStats } from "../../app/domain/statistics/public.server";
import { halfYearOf } from "../../app/domain/party/forms";
import { reportFigures } from "../../app/domain/statistics/figures.server";
import { reportParagraph } from "../../app/domain/statistics/paragraph";
import { shanghaiDate } from "../../app/domain/shared/time";
import { demoLatestCampaign, recentRegistrations } from "../../app/setup/demo";
import { demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

test("the public figures of the demo district, in the shape docs/api.md and docs/glossary.md describe", async () => {
  const stats = await publicStats(new Date());
  expect(stats.organizations).toMatchObject({ total: 431, byType: { social_group: 58, private_non_enterprise: 335, foundation: 0, community: 38 } });
  expect(Object.values(stats.organizations.byStatus).reduce((a, b) => a + b, 0)).toBe(431);
  const latest = demoLatestCampaign;
  expect(stats.inspections.map((y) => y.year)).toEqual([latest, latest - 1, latest - 2]);
  for (const y of stats.inspections) {
    expect(y.filed).toBeLessThanOrEqual(y.due);
    expect(y.participationRate).toBeCloseTo(y.filed / y.due, 10);
    expect(y.conclusions.pass + y.conclusions.basic_pass + y.conclusions.fail).toBeLessThanOrEqual(y.filed);
  }
  // 2025 is open at about 40%; its conclusions are not yet published, so the public sees none.
  expect(stats.inspections[0]!.participationRate).toBeGreaterThan(0.35);
  expect(stats.inspections[0]!.participationRate).toBeLessThan(0.5);
  expect(stats.inspections[0]!.conclusions).toEqual({ pass: 0, basic_pass: 0, fail: 0 });
  // Party coverage just under the 90% target, work coverage above organizational coverage, one denominator.
  const { party } = stats;
  expect(party.target).toBe(0.9);
  expect(party.organizationalCoverage.total).toBe(party.workCoverage.total);
  expect(party.organizationalCoverage.rate).toBeLessThan(party.workCoverage.rate);
  expect(party.workCoverage.rate).toBeLessThan(0.9);
  expect(stats.communities).toMatchObject({ target: 6 });
  expect(stats.communities.meetingTarget).toBeGreaterThanOrEqual(4);
  // Three of the twenty villages are behind on their finances.
  expect(stats.postings).toEqual({ villages: 20, upToDate: 17 });
});

test("the demo's half-years have seed 002's new registrations, so the report's first sentences have numbers", async () => {
  const officer = await demoActor("officer");
  const now = new Date();
  const today = shanghaiDate(now);
  const current = halfYearOf(today);
  const previous = halfYearOf(new Date(Date.parse(`${current.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  const before = await reportFigures(officer, previous, now);
  expect(before.newRegistrations).toEqual({ ...recentRegistrations.previousHalf, foundation: 0 });
  expect(reportParagraph(before)).toContain("新登记社团2个，新登记民办非企业单位22个");
  const sofar = await reportFigures(officer, { from: current.from, to: today }, now);
  expect(sofar.newRegistrations).toEqual({ ...recentRegistrations.currentHalf, foundation: 0 });
  // The register at the end of the last half-year does not yet hold this half-year's new ones.
  for (const type of ["social_group", "private_non_enterprise", "community"] as const) {
    expect(before.register[type]).toBe(sofar.register[type] - recentRegistrations.currentHalf[type]);
  }
});
