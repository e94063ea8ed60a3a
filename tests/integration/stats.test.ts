import ExcelJS from "exceljs";
import { beforeAll, expect, test } from "vitest";
import { reportDownload } from "../../app/domain/statistics/export.server";
import { publicStats } from "../../app/domain/statistics/public.server";
import { halfYearOf } from "../../app/domain/party/forms";
import { reportFigures } from "../../app/domain/statistics/figures.server";
import { reportParagraph, reportPercent } from "../../app/domain/statistics/paragraph";
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

test("the XLSX download has a summary, a sheet per table with counts as numbers and rates as percent-formatted fractions, and the paragraph", async () => {
  const officer = await demoActor("officer");
  const now = new Date();
  const today = shanghaiDate(now);
  const previous = halfYearOf(new Date(Date.parse(`${halfYearOf(today).from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  const params = new URLSearchParams({ from: previous.from, to: previous.to });
  const download = await reportDownload(officer, params, "xlsx", now);
  if (!download.ok) throw new Error(download.problem);
  const figures = await reportFigures(officer, previous, now);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(download.body as Uint8Array) as unknown as ArrayBuffer);

  const campaign = figures.inspection ? [`${figures.inspection.year}年度检查`] : [];
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["概况", "社会组织", "登记申请", ...campaign, "党组织覆盖", "党支部和党员", "一居多会", "村务公开", "文字稿"]);
  for (const ws of workbook.worksheets) expect(ws.name.length).toBeLessThanOrEqual(31);

  /** A sheet's rows under its header row (the first row whose first cell is `header`), as cell values. */
  const table = (name: string, header: string) => {
    const ws = workbook.getWorksheet(name)!;
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (!headerRow && row.getCell(1).value === header) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    // The header row is bold and frozen; the columns are wide enough for their header.
    expect(ws.getRow(headerRow).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    ws.getRow(headerRow).eachCell((cell, col) => expect(ws.getColumn(col).width!).toBeGreaterThanOrEqual(String(cell.value).length * 2));
    return { ws, headerRow, header: ws.getRow(headerRow).values as unknown[], row: (i: number) => ws.getRow(headerRow + 1 + i) };
  };

  const summary = table("概况", "项目");
  expect(summary.row(0).getCell(2).value).toBe(figures.periodName);
  expect(summary.row(1).getCell(2).value).toBe(previous.from);

  // Counts are numbers: the register at the half-year's end, seed 002's 431 in all.
  const orgs = table("社会组织", "类型");
  expect(orgs.header.slice(1)).toEqual(["类型", "新登记", "期末现有"]);
  expect(orgs.row(0).getCell(1).value).toBe("社会团体");
  expect(orgs.row(0).getCell(3).value).toBe(58);
  expect(orgs.row(4).getCell(1).value).toBe("合计");
  expect(orgs.row(4).getCell(3).value).toBe(431);

  // A rate is the fraction itself, shown as a percentage.
  const party = table("党组织覆盖", "项目");
  const coverage = party.row(0).getCell(4);
  expect(typeof coverage.value).toBe("number");
  expect(coverage.value).toBeCloseTo(figures.party.organizational.rate, 10);
  expect(coverage.numFmt).toBe("0.0%");
  expect(party.row(0).getCell(5).value).toBe(figures.party.target);
  expect(party.row(0).getCell(2).value).toBe(figures.party.organizational.covered);

  if (figures.inspection) {
    const inspection = table(`${figures.inspection.year}年度检查`, "类型");
    const groups = figures.inspection.byKind.find((k) => k.type === "social_group")!;
    expect(inspection.row(0).getCell(2).value).toBe(groups.due);
    expect(inspection.row(0).getCell(4).value).toBeCloseTo(groups.participationRate, 10);
    expect(inspection.row(0).getCell(4).numFmt).toBe("0.0%");
  }
  // The villages up to date depend on the day (which periods are due yet): read against the figures.
  const postings = table("村务公开", "村");
  const { villages, upToDate } = figures.postings;
  expect(villages).toBe(20);
  expect([postings.row(0).getCell(1).value, postings.row(0).getCell(2).value]).toEqual([villages, upToDate]);
  expect(postings.row(0).getCell(3).value).toBeCloseTo(upToDate / villages, 10);

  expect(workbook.getWorksheet("文字稿")!.getCell("A4").value).toBe(reportParagraph(figures));

  // The CSV writes the same tables as rows, a rate as the reports write it.
  const csv = await reportDownload(officer, params, "csv", now);
  if (!csv.ok) throw new Error(csv.problem);
  expect(csv.body).toContain("社会组织,社会团体期末现有,58");
  expect(csv.body).toContain(`村务公开,按期公开比例,${reportPercent(upToDate / villages)}`);
});
