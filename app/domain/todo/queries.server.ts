/**
 * Gathering a home page's to-do list: the facts each area already reads for
 * its own pages, within the actor's reach, put through the pure rules of
 * ./rules.ts, ./officer.ts and ./village.ts.
 */
import { hasPermission, type Actor } from "../../auth/permissions";
import { ownVillage } from "../../auth/scope.server";
import { applicationQueue, ownApplications, unitQueue } from "../applications/queries.server";
import { electionReminders } from "../committees/queries.server";
import { bodyLabels } from "../committees/rules";
import { openProposalCount } from "../credit/queries.server";
import { correctionsToVerify, latestInspectionYear, nonFilerProposals, ownInspectionYears, reportsOfYear, unitInspectionPage } from "../inspections/queries.server";
import { objectionWorkCount, ownObjections } from "../objections/queries.server";
import { complianceOverview, placeDueSoon } from "../postings/compliance.server";
import { villageWorkbench } from "../postings/queries.server";
import { overdueQuestionCount, villageQuestions } from "../questions/queries.server";
import { getSetting } from "../settings/queries.server";
import { shanghaiDate } from "../shared/time";
import { ownRectifications, planListPage } from "../spot-checks/queries.server";
import { kindsDecidedBy, officerTodos, type OfficerFacts } from "./officer";
import { associationTodos, shownPerKind, type TodoItem } from "./rules";
import { clerkTodos, supervisorTodos, unitTodos, type PeriodFact } from "./village";

/** The association's list; empty for an account without an organization (a preparatory group's sees its applications). */
export async function associationTodoList(actor: Actor, now: Date): Promise<TodoItem[]> {
  const [inspections, applications, rectifications, objections] = await Promise.all([
    hasPermission(actor, "inspection:file") && actor.organizationId ? ownInspectionYears(actor, now).then((r) => r.years) : Promise.resolve([]),
    hasPermission(actor, "application:apply") ? ownApplications(actor) : Promise.resolve([]),
    ownRectifications(actor, now),
    ownObjections(actor, now).then((r) => r.objections),
  ]);
  return associationTodos({ inspections, applications, rectifications, objections }, shanghaiDate(now));
}

const dateOf = (at: Date | string | null) => (at ? shanghaiDate(new Date(at)) : null);

/** A district or street officer's list (the administrator's holds what it may read): every fact read within the officer's reach. */
export async function officerTodoList(actor: Actor, now: Date): Promise<TodoItem[]> {
  const today = shanghaiDate(now);
  const kinds = hasPermission(actor, "application:decide") ? kindsDecidedBy(actor.role) : [];
  const first = { page: 1, pageSize: shownPerKind, kinds };
  const none = Promise.resolve({ rows: [], total: 0 });
  const [holidays, toAccept, toDecide, open, reports, nonFilers, plans, corrections, terms, postings, creditProposals, objections, overdueQuestions] = await Promise.all([
    getSetting("publicHolidays"),
    kinds.length ? applicationQueue(actor, { ...first, state: "submitted" }, now) : none,
    kinds.length ? applicationQueue(actor, { ...first, state: "accepted" }, now) : none,
    applicationQueue(actor, { state: "open", page: 1, pageSize: 1 }, now),
    hasPermission(actor, "inspection:review") ? latestReports(actor) : Promise.resolve(null),
    nonFilerProposals(actor),
    hasPermission(actor, "spotcheck:manage") ? planListPage(actor, now).then((p) => p.plans) : Promise.resolve([]),
    correctionsToVerify(actor),
    electionReminders(actor, now).then((t) => t ?? []),
    hasPermission(actor, "posting:monitor")
      ? complianceOverview(actor, { year: Number(today.slice(0, 4)) }, now).then((o) => ({ year: o.year, villages: o.rows.length, behind: o.rows.filter((r) => !r.upToDate).length }))
      : Promise.resolve(null),
    openProposalCount(actor, now),
    objectionWorkCount(actor, now),
    overdueQuestionCount(actor, now),
  ]);
  const facts: OfficerFacts = {
    holidays,
    toAccept: { rows: toAccept.rows.map((a) => ({ id: a.id, kind: a.kind, title: a.title, submittedOn: dateOf(a.submittedAt) })), total: toAccept.total },
    toDecide: { rows: toDecide.rows.map((a) => ({ id: a.id, kind: a.kind, title: a.title, dueOn: a.dueOn })), total: toDecide.total },
    openApplications: open.total,
    reports,
    nonFilers: nonFilers.map((p) => ({ year: p.year, proposedAt: shanghaiDate(p.proposedAt), unlisted: p.unlisted })),
    rectifications: plans.map((p) => ({ planId: p.id, title: p.title, answered: p.answered })),
    corrections,
    terms: terms.map((t) => ({ termId: t.term.id, placeName: t.place.name, placeCode: t.place.code, body: bodyLabels[t.term.body], termNumber: t.term.termNumber, endsOn: t.term.endsOn })),
    postings,
    creditProposals,
    objections,
    overdueQuestions,
  };
  return officerTodos(facts, today);
}

/** The latest campaign's reports submitted within the officer's reach, the earliest submission first. */
async function latestReports(actor: Actor): Promise<OfficerFacts["reports"]> {
  const campaign = await latestInspectionYear();
  if (!campaign) return null;
  const rows = await reportsOfYear(actor, campaign.year, { state: "submitted" });
  return { year: campaign.year, rows: rows.map((r) => ({ id: r.id, name: r.name, unitName: r.unitName, unitDecision: r.unitDecision })) };
}

/** The village clerk's or the supervision committee member's list, of their own village. */
export async function villageTodoList(actor: Actor, now: Date): Promise<TodoItem[]> {
  const drafting = hasPermission(actor, "posting:draft");
  const placeId = ownVillage(actor);
  const [bench, dueSoon, questions] = await Promise.all([
    villageWorkbench(actor, now, { page: 1, pageSize: shownPerKind, state: drafting ? "returned" : "submitted" }),
    drafting && placeId !== null ? placeDueSoon(placeId, now) : Promise.resolve([]),
    villageQuestions(actor, "open", now),
  ]);
  const today = shanghaiDate(now);
  const postings = { rows: bench.items.map((p) => ({ id: p.id, title: p.title })), total: bench.total };
  const asked = questions.items.map((q) => ({ id: q.id, question: q.question, dueOn: q.dueOn }));
  if (!drafting) return supervisorTodos({ postings, questions: asked }, today);
  const cell = (category: PeriodFact["category"]) => (c: (typeof dueSoon)[number]): PeriodFact => ({ category, period: c.period, dueOn: c.dueOn, status: c.status });
  const periods = [
    ...bench.compliance.finance.map(cell("finance")),
    ...bench.compliance.villageAffairs.map(cell("village")),
    ...dueSoon.map((c) => cell(c.period.kind === "month" ? "finance" : "village")(c)),
  ];
  return clerkTodos({ periods, postings, questions: asked }, today);
}

/** The 业务主管单位's list: establishments naming it and the latest campaign's reports waiting for its review. */
export async function unitTodoList(actor: Actor, now: Date): Promise<TodoItem[]> {
  const [applications, inspection] = await Promise.all([unitQueue(actor), unitInspectionPage(actor, null, now)]);
  const settings = inspection.settings;
  return unitTodos(
    {
      applications: applications.filter((a) => a.waiting).map((a) => ({ id: a.id, title: a.title })),
      reports: settings
        ? { year: settings.year, deadline: settings.supervisingDeadline, rows: inspection.rows.filter((r) => r.waiting && r.reportId).map((r) => ({ reportId: r.reportId!, name: r.name })) }
        : null,
    },
    shanghaiDate(now),
  );
}
