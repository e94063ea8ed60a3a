/**
 * Making the day's reminders and sending their e-mail copies. Reminders are
 * made by the registry's calendar run (the first request of each day, or
 * `npm run calendar`); a reminder's key makes it once per user however often
 * and by however many instances the rules run. With SMTP configured, each new
 * reminder of a user with an address gets an e-mail row in the outbox in the
 * same transaction; `deliverMail` sends what waits, and a mail server that is
 * down only delays it.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "../../../db/client.server";
import { applications, inspectionReports, inspectionSteps, inspectionYears, mailOutbox, postings, postingVersions, reminders, users } from "../../../db/schema";
import { placeCompliance } from "../postings/compliance.server";
import { isDue, preliminaryUnitOf } from "../inspections/rules";
import { organizations } from "../../../db/schema";
import type { ActionContext } from "../shared/context";
import { forbidden } from "../shared/errors";
import { shanghaiDate } from "../shared/time";
import { applicationReminders, postingReminders, preliminaryReminders, reminderMail, reportReminders, reviewReminder, termReminder, type ReminderDraft } from "./rules";
import type { Actor } from "../../auth/permissions";
import type { Role } from "../../auth/roles";
import { electionReminders } from "../committees/queries.server";
import { getSetting } from "../settings/queries.server";
import { bodyLabels } from "../committees/rules";

/** SMTP as configured by the environment (SMTP_URL, e.g. smtp://user:pass@mail.example.gov.cn:587), or null: reminders stay in the app. */
export function mailSettings(env: NodeJS.ProcessEnv = process.env) {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return {
    url,
    from: env.MAIL_FROM?.trim() || "社区治理与社会组织登记平台 <noreply@localhost>",
    baseUrl: env.APP_BASE_URL?.trim() || "http://localhost:3000",
  };
}

type Person = { id: number; username: string; displayName: string; role: Role; placeId: number | null; organizationId: number | null; supervisingUnit: string | null; email: string | null };

/** Every reminder due today for every user who can act on it, each made once; returns how many are new. */
export async function makeReminders(now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const db = await getDb();
  const people: Person[] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, placeId: users.placeId, organizationId: users.organizationId, supervisingUnit: users.supervisingUnit, email: users.email })
    .from(users)
    .where(isNull(users.disabledAt));
  const due: Array<{ person: Person; draft: ReminderDraft }> = [];
  const add = (person: Person, drafts: ReminderDraft[]) => drafts.forEach((draft) => due.push({ person, draft }));

  // Associations: the latest campaign.
  const [campaign] = await db.select().from(inspectionYears).orderBy(desc(inspectionYears.year)).limit(1);
  const associations = people.filter((p) => p.role === "association" && p.organizationId);
  if (campaign && associations.length) {
    const ids = [...new Set(associations.map((p) => p.organizationId!))];
    const orgs = await db.select().from(organizations).where(inArray(organizations.id, ids));
    const reports = await db
      .select()
      .from(inspectionReports)
      .where(and(eq(inspectionReports.year, campaign.year), inArray(inspectionReports.organizationId, ids)));
    const returns = reports.length
      ? await db
          .select({ reportId: inspectionSteps.reportId, at: inspectionSteps.at, reason: inspectionSteps.reason })
          .from(inspectionSteps)
          .where(and(inArray(inspectionSteps.reportId, reports.map((r) => r.id)), inArray(inspectionSteps.action, ["return", "unit_return"])))
          .orderBy(asc(inspectionSteps.at))
      : [];
    for (const person of associations) {
      const org = orgs.find((o) => o.id === person.organizationId);
      if (!org || !isDue(org, campaign.year)) continue;
      const report = reports.find((r) => r.organizationId === org.id);
      const lastReturn = report ? returns.filter((s) => s.reportId === report.id).at(-1) : undefined;
      add(
        person,
        reportReminders(
          {
            year: campaign.year,
            supervisingDeadline: campaign.supervisingDeadline,
            registryDeadline: campaign.registryDeadline,
            unitName: preliminaryUnitOf(org),
            state: report?.state ?? null,
            returnedAt: lastReturn ? lastReturn.at.toISOString() : null,
            returnReason: lastReturn?.reason ?? null,
            conclusion: report?.conclusion ?? null,
            conclusionNote: report?.conclusionNote ?? null,
            published: Boolean(report?.publishedAt),
          },
          today,
        ),
      );
    }
  }

  // 业务主管单位: the latest campaign's filings that wait for their 初审.
  const units = people.filter((p) => p.role === "supervising_authority" && p.supervisingUnit?.trim());
  if (campaign && units.length) {
    const waiting = await db
      .select({ reportId: inspectionReports.id, unitName: inspectionReports.unitName, submittedAt: inspectionReports.submittedAt, organizationName: organizations.name })
      .from(inspectionReports)
      .innerJoin(organizations, eq(organizations.id, inspectionReports.organizationId))
      .where(
        and(
          eq(inspectionReports.year, campaign.year),
          eq(inspectionReports.state, "submitted"),
          isNull(inspectionReports.unitDecision),
          inArray(inspectionReports.unitName, [...new Set(units.map((p) => p.supervisingUnit!.trim()))]),
        ),
      );
    for (const w of waiting) {
      const drafts = preliminaryReminders(
        { reportId: w.reportId, year: campaign.year, organizationName: w.organizationName, submittedOn: shanghaiDate(w.submittedAt ?? now) },
        campaign.supervisingDeadline,
        today,
      );
      for (const person of units.filter((p) => p.supervisingUnit!.trim() === w.unitName)) add(person, drafts);
    }
  }

  // Officers: applications to accept and to decide. Filings are the street's, the rest the district's.
  const officers = people.filter((p) => p.role === "district_officer" || (p.role === "street_officer" && p.placeId));
  if (officers.length) {
    const open = await db
      .select({ id: applications.id, kind: applications.kind, title: applications.title, state: applications.state, submittedAt: applications.submittedAt, dueOn: applications.dueOn, streetId: applications.streetId })
      .from(applications)
      .where(inArray(applications.state, ["submitted", "accepted"]));
    const holidays = await getSetting("publicHolidays", db);
    for (const a of open) {
      const drafts = applicationReminders({ ...a, submittedOn: a.submittedAt ? shanghaiDate(a.submittedAt) : null }, today, holidays);
      if (!drafts.length) continue;
      for (const person of officers) {
        const theirs = a.kind === "filing" ? person.role === "street_officer" && person.placeId === a.streetId : person.role === "district_officer";
        if (theirs) add(person, drafts);
      }
    }
  }

  // Officers who keep committees: terms ending within six months, in their reach.
  for (const person of officers) {
    const actor: Actor = { userId: person.id, username: person.username, displayName: person.displayName, role: person.role, placeId: person.placeId, organizationId: person.organizationId, supervisingUnit: person.supervisingUnit ?? null, mustChangePassword: false, sessionId: "calendar" };
    const terms = (await electionReminders(actor, now)) ?? [];
    add(
      person,
      terms.map((t) => termReminder({ termId: t.term.id, placeName: t.place.name, placeCode: t.place.code, body: bodyLabels[t.term.body], termNumber: t.term.termNumber, endsOn: t.term.endsOn }, today)),
    );
  }

  // Village clerks: periods to publish; supervisors: versions waiting for review.
  const clerks = people.filter((p) => p.role === "village_clerk" && p.placeId);
  for (const placeId of new Set(clerks.map((p) => p.placeId!))) {
    const summary = await placeCompliance(placeId, now);
    const cells = [
      ...summary.finance.map((c) => ({ category: "finance" as const, label: c.period.label, start: c.period.start, dueOn: c.dueOn, status: c.status })),
      ...summary.villageAffairs.map((c) => ({ category: "village" as const, label: c.period.label, start: c.period.start, dueOn: c.dueOn, status: c.status })),
    ];
    const drafts = postingReminders(cells).map((d) => ({ ...d, key: `${d.key}:${placeId}` }));
    for (const person of clerks.filter((p) => p.placeId === placeId)) add(person, drafts);
  }
  const supervisors = people.filter((p) => p.role === "village_supervisor" && p.placeId);
  if (supervisors.length) {
    const waiting = await db
      .select({ postingId: postings.id, versionId: postingVersions.id, title: postingVersions.title, placeId: postingVersions.placeId, submittedAt: postingVersions.submittedAt })
      .from(postingVersions)
      .innerJoin(postings, eq(postings.id, postingVersions.postingId))
      .where(and(eq(postingVersions.state, "submitted"), inArray(postingVersions.placeId, [...new Set(supervisors.map((p) => p.placeId!))])));
    for (const v of waiting) {
      const draft = reviewReminder({ ...v, submittedOn: shanghaiDate(v.submittedAt ?? now) });
      for (const person of supervisors.filter((p) => p.placeId === v.placeId)) add(person, [draft]);
    }
  }

  const mail = mailSettings();
  return db.transaction(async (tx) => {
    let made = 0;
    for (const { person, draft } of due) {
      const [row] = await tx
        .insert(reminders)
        .values({ userId: person.id, ...draft, createdAt: now })
        .onConflictDoNothing({ target: [reminders.userId, reminders.key] })
        .returning({ id: reminders.id });
      if (!row) continue;
      made++;
      if (mail && person.email) {
        await tx.insert(mailOutbox).values({ reminderId: row.id, recipient: person.email, ...reminderMail(draft, mail.baseUrl), createdAt: now, nextAttemptAt: now });
      }
    }
    return made;
  });
}

/**
 * The actor's own reminders marked read: all of them, or the one named (someone
 * else's id changes nothing). Not audited: it changes what the user is shown,
 * not a record of the registry.
 */
export async function markRemindersRead(ctx: ActionContext, reminderId?: number): Promise<number> {
  if (!ctx.actor) forbidden();
  const db = await getDb();
  const marked = await db
    .update(reminders)
    .set({ readAt: ctx.now })
    .where(and(eq(reminders.userId, ctx.actor.userId), isNull(reminders.readAt), reminderId ? eq(reminders.id, reminderId) : undefined))
    .returning({ id: reminders.id });
  return marked.length;
}

/** After a failed attempt, the next: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** How long a claimed row is left to its sender before another instance may try it. */
const leaseMs = 5 * 60_000;

/**
 * Sends the e-mails that wait (up to `limit`), each claimed first so two
 * instances never send the same row at once; a failure is recorded and tried
 * later. Returns how many were sent and how many failed.
 */
export async function deliverMail(now: Date, limit = 50): Promise<{ sent: number; failed: number }> {
  const mail = mailSettings();
  if (!mail) return { sent: 0, failed: 0 };
  const db = await getDb();
  const claimed = await db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!waiting.length) return [];
    return tx
      .update(mailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${mailOutbox.attempts} + 1` })
      .where(inArray(mailOutbox.id, waiting.map((w) => w.id)))
      .returning();
  });
  if (!claimed.length) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(mail.url);
  let sent = 0;
  let failed = 0;
  try {
    for (const row of claimed) {
      try {
        await transport.sendMail({ from: mail.from, to: row.recipient, subject: row.subject, text: row.body });
        await db.update(mailOutbox).set({ sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, row.id));
        sent++;
      } catch (error) {
        failed++;
        const message = error instanceof Error ? error.message : String(error);
        await db
          .update(mailOutbox)
          .set({ nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError: message.slice(0, 500) })
          .where(eq(mailOutbox.id, row.id));
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
