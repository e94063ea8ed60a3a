/**
 * Reminders on the demo district, with their e-mail copies sent to a real SMTP
 * server started here (smtp-server): each reminder once however often the
 * rules run, the mails arriving with the reminder's words and link, and a mail
 * server that is down losing nothing.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { inspectionReports, mailOutbox, reminders, users } from "../../db/schema";
import { deliverMail, makeReminders, markRemindersRead } from "../../app/domain/reminders/commands.server";
import { myReminders, unreadReminderCount } from "../../app/domain/reminders/queries.server";
import { demoLatestCampaign } from "../../app/setup/demo";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { freePort } from "../setup/app-server";

interface Arrived {
  to: string[];
  raw: string;
}

const arrived: Arrived[] = [];
let server: SMTPServer | null = null;
let port = 0;

function startSmtp(): Promise<void> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        arrived.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  return new Promise((resolve) => server!.listen(port, "127.0.0.1", () => resolve()));
}

function stopSmtp(): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** A mail's text, its quoted-printable or base64 body decoded. */
function textOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/Content-Transfer-Encoding: base64/i.test(head!)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head!)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

const latest = demoLatestCampaign();
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const emails = { assoc: "assoc@example.org", officer: "officer@example.org", supervisor: "supervisor@example.org", clerk: "clerk@example.org" } as const;

beforeAll(async () => {
  await loadDemoDistrict();
  port = await freePort();
  await startSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "鲤城区民政局 <noreply@lc.example.gov.cn>";
  process.env.APP_BASE_URL = "https://registry.example.gov.cn";
  const db = await getDb();
  for (const [username, email] of Object.entries(emails)) await db.update(users).set({ email }).where(eq(users.username, username));
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await stopSmtp();
});

async function remindersOf(username: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return db.select().from(reminders).where(eq(reminders.userId, user!.id));
}

test("the association is reminded 30, 7 and 1 days before its deadline (to its 业务主管单位, 31 March) and once overdue, each once; the mails arrive", async () => {
  const deadline = `${latest + 1}-03-31`;
  const keys = async () => (await remindersOf("assoc")).map((r) => r.key).filter((k) => k.startsWith(`inspection:${latest}:`)).sort();
  await makeReminders(at(`${latest + 1}-02-28`));
  expect(await keys()).toEqual([]);
  await makeReminders(at(`${latest + 1}-03-01`));
  await makeReminders(at(`${latest + 1}-03-02`));
  expect(await keys()).toEqual([`inspection:${latest}:due-30`]);
  await makeReminders(at(`${latest + 1}-03-24`));
  await makeReminders(at(`${latest + 1}-03-31`));
  await makeReminders(at(`${latest + 1}-04-01`));
  await makeReminders(at(`${latest + 1}-06-20`));
  expect(await keys()).toEqual([`inspection:${latest}:due-1`, `inspection:${latest}:due-30`, `inspection:${latest}:due-7`, `inspection:${latest}:overdue`].sort());
  const mine = await remindersOf("assoc");
  expect(mine.find((r) => r.key.endsWith(":due-7"))).toMatchObject({ title: `${latest} 年度工作报告还有 7 天截止`, link: `/org/inspections/${latest}`, dueOn: deadline });
  expect(mine.find((r) => r.key.endsWith(":due-1"))?.title).toBe(`${latest} 年度工作报告今天截止`);

  expect(await deliverMail(at(`${latest + 1}-06-20`))).toMatchObject({ failed: 0 });
  const toAssoc = arrived.filter((m) => m.to.includes(emails.assoc));
  expect(toAssoc).toHaveLength(mine.length);
  const overdue = toAssoc.map((m) => textOf(m.raw)).find((t) => t.includes("已逾期未报送"));
  expect(overdue).toContain(`${latest} 年度工作报告已逾期未报送`);
  expect(overdue).toContain("业务主管单位（鲤城区文化体育和旅游局）初审");
  expect(overdue).toContain(`https://registry.example.gov.cn/org/inspections/${latest}`);
  // Nothing waits: a second delivery sends nothing again.
  expect(await deliverMail(at(`${latest + 1}-06-21`))).toEqual({ sent: 0, failed: 0 });
  expect(arrived.filter((m) => m.to.includes(emails.assoc))).toHaveLength(mine.length);
});

test("the 业务主管单位 is reminded of each filing waiting for its 初审, and once more past its deadline; other units' filings are not its", async () => {
  const db = await getDb();
  const waiting = await db
    .select({ id: inspectionReports.id })
    .from(inspectionReports)
    .where(and(eq(inspectionReports.year, latest), eq(inspectionReports.state, "submitted"), eq(inspectionReports.unitName, "鲤城区文化体育和旅游局"), isNull(inspectionReports.unitDecision)));
  expect(waiting.length).toBeGreaterThan(0);
  // A day past the unit's deadline and far from the demo applications' decision dates (the officers' reminders below).
  await makeReminders(at(`${latest + 1}-04-02`));
  const mine = (await remindersOf("supervising")).filter((r) => r.key.startsWith("preliminary:"));
  const ids = (late: boolean) => mine.filter((r) => r.key.endsWith(":late") === late).map((r) => Number(r.key.split(":")[1])).sort((a, b) => a - b);
  const expected = waiting.map((w) => w.id).sort((a, b) => a - b);
  expect(ids(false)).toEqual(expected);
  expect(ids(true)).toEqual(expected);
  expect(mine.find((r) => !r.key.endsWith(":late"))).toMatchObject({ link: expect.stringMatching(new RegExp(`^/unit/inspections/${latest}/reports/\\d+$`)), dueOn: `${latest + 1}-03-31` });
  // Made again the next day: nothing new.
  await makeReminders(at(`${latest + 1}-04-03`));
  expect((await remindersOf("supervising")).filter((r) => r.key.startsWith("preliminary:"))).toHaveLength(mine.length);
});

test("officers are reminded of applications waiting for 受理 and of decisions near their date; supervisors of postings to review; each in their scope", async () => {
  const now = new Date();
  await makeReminders(now);
  const officer = await remindersOf("officer");
  // The demo's establishment submitted 9 days ago waits past 3 weekdays; the one of 3 days ago may not yet.
  expect(officer.some((r) => r.key.startsWith("application:") && r.key.includes(":to-accept:") && r.title.includes("鲤城区社区养老服务促进会"))).toBe(true);
  // Accepted 63 and 75 days ago: past the 60 days.
  expect(officer.filter((r) => r.key.includes(":decide-by:") && r.title.includes("已超过法定办理期限")).length).toBeGreaterThanOrEqual(2);
  // Filings are the street's to accept, not the district officer's.
  expect(officer.some((r) => r.title.includes("社区太极拳队") || r.title.includes("邻里调解队"))).toBe(false);
  // Committee terms ending within six months or past: the district officer all of them, the street officer 开元街道's only.
  const terms = officer.filter((r) => r.key.startsWith("term:"));
  expect(terms.length).toBeGreaterThan(0);
  const horizon = shanghaiDate(new Date(now.getTime() + 183 * 86_400_000));
  for (const r of terms) {
    expect(r.link).toMatch(/^\/officer\/communities\/350502\d{6}$/);
    expect(r.dueOn! <= horizon).toBe(true);
  }
  const street = (await remindersOf("street")).filter((r) => r.key.startsWith("term:"));
  expect(street.length).toBeLessThan(terms.length);
  for (const r of street) expect(r.link).toMatch(/^\/officer\/communities\/350502001\d{3}$/);
  // 大良村's supervisor: the list awaiting review (posting 2).
  const supervisor = await remindersOf("supervisor");
  expect(supervisor.some((r) => r.key.startsWith("posting-review:") && r.link === "/village/postings/2")).toBe(true);
  // A street officer of another street, or an association, has none of these.
  expect((await remindersOf("assoc")).some((r) => r.key.startsWith("application:") || r.key.startsWith("posting"))).toBe(false);
  // The same day again, and two instances at once: nothing new.
  const before = (await getDb()).select({ n: sql<number>`count(*)::int` }).from(reminders);
  const [{ n: count }] = (await before) as [{ n: number }];
  const again = await Promise.all([makeReminders(now), makeReminders(now)]);
  expect(again).toEqual([0, 0]);
  const [{ n: after }] = (await (await getDb()).select({ n: sql<number>`count(*)::int` }).from(reminders)) as [{ n: number }];
  expect(after).toBe(count);
});

test("a mail server that is down loses nothing: the mails wait with the error and go once it is back", async () => {
  const db = await getDb();
  // The supervisor's reminders made afresh while the mail server is down (the posting awaiting review is always there).
  const [supervisor] = await db.select().from(users).where(eq(users.username, "supervisor"));
  const theirs = db.select({ id: reminders.id }).from(reminders).where(eq(reminders.userId, supervisor!.id));
  await db.delete(mailOutbox).where(inArray(mailOutbox.reminderId, theirs));
  await db.delete(reminders).where(eq(reminders.userId, supervisor!.id));
  await stopSmtp();
  expect(await makeReminders(new Date())).toBeGreaterThan(0);
  const down = await deliverMail(new Date());
  expect(down.sent).toBe(0);
  expect(down.failed).toBeGreaterThan(0);
  const waiting = await db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt));
  expect(waiting).toHaveLength(down.failed);
  for (const row of waiting) {
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  }
  // Not before their retry time, then all of them, once.
  await startSmtp();
  expect(await deliverMail(new Date())).toEqual({ sent: 0, failed: 0 });
  const later = new Date(Date.now() + 10 * 60_000);
  const before = arrived.length;
  const [first, second] = await Promise.all([deliverMail(later), deliverMail(later)]);
  expect(first.sent + second.sent).toBe(waiting.length);
  expect(arrived.length - before).toBe(waiting.length);
  const recipients = arrived.slice(before).flatMap((m) => m.to);
  expect(new Set(recipients)).toEqual(new Set(waiting.map((w) => w.recipient)));
  expect(await db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt))).toEqual([]);
});

test("a user reads only their own reminders and marks them read; another's id changes nothing", async () => {
  const supervisor = await demoActor("supervisor");
  const officer = await demoActor("officer");
  const own = await myReminders(supervisor);
  expect(own.length).toBeGreaterThan(0);
  const unreadOfficer = await unreadReminderCount(officer);
  expect(await markRemindersRead(contextOf(officer), own[0]!.id)).toBe(0);
  expect(await unreadReminderCount(officer)).toBe(unreadOfficer);
  expect(await markRemindersRead(contextOf(supervisor), own[0]!.id)).toBe(1);
  expect(await markRemindersRead(contextOf(supervisor))).toBe(own.length - 1);
  expect(await unreadReminderCount(supervisor)).toBe(0);
  const db = await getDb();
  const stillUnread = await db.select().from(reminders).where(and(inArray(reminders.id, own.map((r) => r.id)), isNull(reminders.readAt)));
  expect(stillUnread).toEqual([]);
});
