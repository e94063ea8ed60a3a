/**
 * The registry's calendar on the demo district: it opens the campaign on last
 * year on its day, puts a closed campaign's non-filers to the registry once,
 * never lists anybody itself, and does each thing once however many app
 * instances run it; the first request of a day runs it.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb, queryRows } from "../../db/client.server";
import { auditLog, inspectionYears, settings } from "../../db/schema";
import { guardRequest } from "../../app/entry.server";
import { calendarActorName } from "../../app/domain/inspections/calendar";
import { runCalendar } from "../../app/domain/inspections/calendar.server";
import { listNonFilers } from "../../app/domain/inspections/commands.server";
import { nonFilerProposals, unlistedNonFilerCount, yearOverview } from "../../app/domain/inspections/queries.server";
import { demoLatestCampaign } from "../../app/setup/demo";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const latest = demoLatestCampaign();
/** 10:00 in Shanghai on the day. */
const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+08:00`);

async function calendarEntries(action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorUsername, calendarActorName)));
}

// First, as it needs this process's first calendar run of the day: a request runs the calendar before the page.
test("the first request of a day runs the calendar: a closed campaign not yet put to the registry is put to it", async () => {
  const db = await getDb();
  // The campaign before the latest has closed whatever the day; forget that the calendar saw it.
  await db.update(inspectionYears).set({ nonFilersProposedAt: null, nonFilersProposed: null }).where(eq(inspectionYears.year, latest - 1));
  const refusal = await guardRequest({ method: "GET", path: "/", origin: null, secFetchSite: null, host: "localhost", accept: "text/html", cookie: null, ip: "203.0.113.7" });
  expect(refusal).toBeNull();
  const [row] = await db.select().from(inspectionYears).where(eq(inspectionYears.year, latest - 1));
  expect(row?.nonFilersProposedAt).not.toBeNull();
  // Its non-filers are on the abnormal list already but the three the demo left undecided.
  expect(row?.nonFilersProposed).toBe(3);
  // Whatever was due today is done: a second run finds nothing.
  expect(await runCalendar(new Date())).toMatchObject({ opened: null, proposed: [] });
});

test("after the registry's deadline the non-filers are put to the registry once, for an officer to review; nobody is listed by it", async () => {
  const db = await getDb();
  // Run on whichever day, the first request may have put the latest to the registry already: as the deadline comes, it has not.
  await db.update(inspectionYears).set({ nonFilersProposedAt: null, nonFilersProposed: null }).where(eq(inspectionYears.year, latest));
  const onDeadline = await runCalendar(at(`${latest + 1}-05-31`));
  expect(onDeadline.proposed.map((p) => p.year)).not.toContain(latest);
  const unlisted = await unlistedNonFilerCount(db, latest);
  // Seed 002: 343 due, 143 filed; the demo association and the others have not.
  expect(unlisted).toBeGreaterThan(150);
  const dayAfter = at(`${latest + 1}-06-01`, "00:05");
  const listedBefore = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from abnormal_listings`);
  expect(await runCalendar(dayAfter)).toMatchObject({ opened: null, proposed: [{ year: latest, nonFilers: unlisted }] });
  expect(await runCalendar(at(`${latest + 1}-06-01`, "18:00"))).toMatchObject({ opened: null, proposed: [] });
  expect(await queryRows<{ n: number }>(db, sql`select count(*)::int as n from abnormal_listings`)).toEqual(listedBefore);
  const [entry] = (await calendarEntries("inspection.propose_non_filers")).filter((e) => e.entityId === String(latest));
  expect(entry).toMatchObject({ actorUserId: null, reason: expect.stringContaining(`${latest} 年度年检登记管理机关截止日期已过，${unlisted} 个组织未报送`) });

  // The district officer's to-do, newest first, beside the three undecided of the campaign before; a street officer does not list and sees none.
  const officer = await demoActor("officer");
  const before = { year: latest - 1, proposedAt: expect.any(Date), unlisted: 3 };
  expect(await nonFilerProposals(officer)).toEqual([{ year: latest, proposedAt: dayAfter, unlisted }, before]);
  expect(await nonFilerProposals(await demoActor("street"))).toEqual([]);

  // The officer lists them after review; the to-do is done.
  const later = at(`${latest + 1}-06-03`);
  const overview = await yearOverview(officer, latest, later);
  const listed = await listNonFilers(contextOf(officer, later), latest, {
    intent: "abnormal",
    organizationIds: overview.notFiled.map((o) => o.id),
    reason: `未按规定报送 ${latest} 年度工作报告`,
    listedOn: `${latest + 1}-06-03`,
  });
  expect(listed).toEqual({ ok: true, value: { listed: unlisted, skipped: overview.notFiled.length - unlisted } });
  // Each campaign is its own ground: the three of the campaign before, listed now for the latest, still wait for a decision on theirs.
  expect(await nonFilerProposals(officer)).toEqual([before]);
});

test("on its day the campaign on last year opens with the default deadlines, by the calendar, once", async () => {
  const db = await getDb();
  const next = latest + 1;
  expect(await runCalendar(at(`${next + 1}-01-01`, "00:01"))).toMatchObject({ opened: next, proposed: [] });
  const [row] = await db.select().from(inspectionYears).where(eq(inspectionYears.year, next));
  expect(row).toMatchObject({ supervisingDeadline: `${next + 1}-03-31`, registryDeadline: `${next + 1}-05-31`, openedBy: null, nonFilersProposedAt: null });
  expect(await runCalendar(at(`${next + 1}-01-01`, "09:00"))).toMatchObject({ opened: null, proposed: [] });
  const opened = (await calendarEntries("inspection.open_year")).filter((e) => e.entityId === String(next));
  expect(opened).toHaveLength(1);
  expect(opened[0]?.reason).toBe("按年检日历于每年1月1日开启上一年度的年检");
});

test("a later opening day set by the registry is kept; two instances running at once open the year once", async () => {
  const db = await getDb();
  const officer = await demoActor("officer");
  await db.insert(settings).values({ key: "campaignOpensOn", value: "02-01", updatedAt: new Date(), updatedBy: officer.userId });
  const year = latest + 2;
  // (The campaign opened above has closed by then, and is put to the registry.)
  expect(await runCalendar(at(`${year + 1}-01-31`))).toMatchObject({ opened: null, proposed: [{ year: latest + 1, nonFilers: expect.any(Number) }] });
  const runs = await Promise.all([runCalendar(at(`${year + 1}-02-01`)), runCalendar(at(`${year + 1}-02-01`, "10:01"))]);
  expect(runs.map((r) => r.opened).filter((y) => y !== null)).toEqual([year]);
  expect((await calendarEntries("inspection.open_year")).filter((e) => e.entityId === String(year))).toHaveLength(1);
  const [entry] = (await calendarEntries("inspection.open_year")).filter((e) => e.entityId === String(year));
  expect(entry?.reason).toBe("按年检日历于每年2月1日开启上一年度的年检");
});
