/**
 * Migration 0020: a campaign is named after the year reported on. Rows stored
 * the old way (year Y = filed during Y, about Y-1) are written into a migrated
 * database, then the migration's statements run over them as they ran over
 * every database that had data: years, reports and listings move back one
 * year; deadlines, states, texts and ids stay.
 */
import { asc, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { migrationStatements } from "../setup/migration-file";
import { getDb } from "../../db/client.server";
import { abnormalListings, inspectionReports, inspectionYears, organizations } from "../../db/schema";

const migration = migrationStatements("0020_campaign_named_by_reported_year.sql");

test("migration 0020 moves each stored campaign, its reports and its listings back one year, and nothing else", async () => {
  const db = await getDb();
  const openedAt = new Date("2024-01-05T01:00:00Z");
  // As the code stored them before: "2025" was filed in 2025 (deadline 31 May 2025) about 2024.
  await db.insert(inspectionYears).values([
    { year: 2024, supervisingDeadline: "2024-03-31", registryDeadline: "2024-05-31", openedAt },
    { year: 2025, supervisingDeadline: "2025-03-31", registryDeadline: "2025-05-31", openedAt },
  ]);
  const [org] = await db.insert(organizations).values({ name: "鲤城区迁移测试协会", type: "social_group", status: "abnormal", registeredOn: "2020-01-01" }).returning();
  const at = new Date("2025-04-01T02:00:00Z");
  const reports = await db
    .insert(inspectionReports)
    .values([
      { year: 2024, organizationId: org!.id, state: "concluded", conclusion: "pass", report: { incomeTotal: 1 }, createdAt: at, updatedAt: at },
      { year: 2025, organizationId: org!.id, state: "submitted", report: { incomeTotal: 2 }, createdAt: at, updatedAt: at },
    ])
    .returning();
  await db.insert(abnormalListings).values({ organizationId: org!.id, listedOn: "2025-06-15", trigger: "annual_report", reason: "未按规定报送 2024 年度工作报告（2025 年度年检）", inspectionYear: 2025 });

  for (const statement of migration) await db.execute(sql.raw(statement));

  expect(await db.select().from(inspectionYears).orderBy(asc(inspectionYears.year))).toMatchObject([
    { year: 2023, supervisingDeadline: "2024-03-31", registryDeadline: "2024-05-31" },
    { year: 2024, supervisingDeadline: "2025-03-31", registryDeadline: "2025-05-31" },
  ]);
  const moved = await db.select().from(inspectionReports).where(eq(inspectionReports.organizationId, org!.id)).orderBy(asc(inspectionReports.id));
  expect(moved.map((r) => [r.id, r.year, r.state, r.report])).toEqual([
    [reports[0]!.id, 2023, "concluded", { incomeTotal: 1 }],
    [reports[1]!.id, 2024, "submitted", { incomeTotal: 2 }],
  ]);
  expect(await db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org!.id))).toMatchObject([
    { inspectionYear: 2024, listedOn: "2025-06-15", trigger: "annual_report", reason: "未按规定报送 2024 年度工作报告（2025 年度年检）" },
  ]);
  // The reports still belong to an opened campaign: the foreign key is back in force.
  await expect(
    db.insert(inspectionReports).values({ year: 2025, organizationId: org!.id, report: {}, createdAt: at, updatedAt: at }),
  ).rejects.toThrow();
});
