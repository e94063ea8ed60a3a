import { beforeAll, expect, test } from "vitest";
import { publicStats } from "../../app/domain/statistics/public.server";
import { halfYearOf } from "../../app/domain/party/forms";
import { reportFigures } from "../../app/domain/statistics/figures.server";
import { reportParagraph } from "../../app/domain/statistics/paragraph";
import { shanghaiDate } from "../../app/domain/shared/time";
import { demoDueCounts, demoFilers, demoLatestCampaign, demoOrganizationCounts, demoRegistrations } from "../../app/setup/demo";
import { demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

test("the public figures of the demo district, in the shape docs/api.md and docs/glossary.md describe", async () => {
  const stats = await publicStats(new Date());
  // Every status: the 431 on the register at the end of the last half-year, this half-year's new ones, the cancelled and the revoked.
  const { currentHalf } = demoRegistrations(shanghaiDate(new Date()));
  const { cancelled = 0, revoked = 0 } = stats.organizations.byStatus as Record<string, number>;
  expect(cancelled).toBeGreaterThan(0);
  expect(revoked).toBeGreaterThan(0);
  expect(stats.organizations.total).toBe(431 + currentHalf.social_group + currentHalf.private_non_enterprise + currentHalf.community + cancelled + revoked);
  expect(Object.values(stats.organizations.byStatus).reduce((a, b) => a + b, 0)).toBe(stats.organizations.total);
  const latest = demoLatestCampaign();
  expect(stats.inspections.map((y) => y.year)).toEqual([latest, latest - 1, latest - 2]);
  for (const y of stats.inspections) {
    expect(y.filed).toBeLessThanOrEqual(y.due);
    expect(y.participationRate).toBeCloseTo(y.filed / y.due, 10);
    expect(y.conclusions.pass + y.conclusions.basic_pass + y.conclusions.fail).toBeLessThanOrEqual(y.filed);
  }
  // The latest at seed 002's 40% and 42%; its conclusions are not yet published, so the public sees none.
  expect(stats.inspections[0]!.due).toBe(demoDueCounts.social_group + demoDueCounts.private_non_enterprise);
  expect(stats.inspections[0]!.filed).toBe(demoFilers("social_group") + demoFilers("private_non_enterprise"));
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
  const plan = demoRegistrations(today);
  const before = await reportFigures(officer, previous, now);
  expect(before.newRegistrations).toEqual({ ...plan.previousHalf, foundation: 0 });
  const paragraph = reportParagraph(before);
  expect(paragraph).toContain(`新登记社团${plan.previousHalf.social_group}个，新登记民办非企业单位${plan.previousHalf.private_non_enterprise}个`);
  // Seed 002's 现共有 at the half-year's end: revoked and cancelled organizations are not among them.
  expect(before.register).toEqual(demoOrganizationCounts);
  expect(paragraph).toContain("共有社团58个，民办非企业单位335个，社区备案的社会组织38个，共计431个");
  const sofar = await reportFigures(officer, { from: current.from, to: today }, now);
  expect(sofar.newRegistrations).toEqual({ ...plan.currentHalf, foundation: 0 });
  // The register at the end of the last half-year does not yet hold this half-year's new ones.
  for (const type of ["social_group", "private_non_enterprise", "community"] as const) {
    expect(before.register[type]).toBe(sofar.register[type] - plan.currentHalf[type]);
  }
});

test("the latest campaign has seed 002's figures: 51 社团 due with 40% filed, all 合格, and 292 民非 with 42%", async () => {
  const officer = await demoActor("officer");
  const now = new Date();
  const latest = demoLatestCampaign(now);
  // The report on the half-year in which the latest campaign is filed speaks of it (for a first half-year, the half-year so far).
  const today = shanghaiDate(now);
  const filingHalf = halfYearOf(`${latest + 1}-06-30`);
  const figures = await reportFigures(officer, today <= filingHalf.to ? { from: filingHalf.from, to: today } : filingHalf, now);
  expect(figures.inspection?.year).toBe(latest);
  const byKind = Object.fromEntries(figures.inspection!.byKind.map((k) => [k.type, k]));
  expect(byKind.social_group).toMatchObject({ due: 51, filed: 20 });
  expect(byKind.private_non_enterprise).toMatchObject({ due: 292, filed: 123 });
  for (const kind of [byKind.social_group!, byKind.private_non_enterprise!]) {
    expect(kind.conclusions.basic_pass + kind.conclusions.fail).toBe(0);
    expect(kind.conclusions.pass).toBeGreaterThan(0);
  }
  expect(reportParagraph(figures)).toContain(`二是依法开展${latest}年度年检工作。应接受${latest}年度年检的社团有51个，现有39.2%的社团参加了年检`);
});
