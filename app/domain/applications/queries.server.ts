/**
 * Reading applications and community filings. Every read is scoped to what
 * the actor may see: a stranger's application is "not found".
 */
import { and, asc, count, desc, eq, inArray, lt, ne, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, getDbForKeyedReads, type Database } from "../../../db/client.server";
import { applicationFiles, applications, applicationSteps, organizations, places, users } from "../../../db/schema";
import type { ApplicationKind, ApplicationState } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReachOrNull, withinReach } from "../../auth/scope.server";
import { kindFields, submissionProblems, type Proposal } from "./forms";
import { applicantEditRefusal, availableActions, daysLeftOf, openStates, unitReviewBasis, unitReviewNeeded } from "./rules";
import { decisionPeriod, materialsNoticeBasis, materialsNoticeDueOn, periodText } from "./periods";
import { applicationMaterials, materialChecklist, missingMaterials } from "./materials";
import { changeRows } from "./changes";
import { getSetting } from "../settings/queries.server";
import { forbidden, notFound } from "../shared/errors";
import { usccKindOf } from "../organizations/rules";
import { daysBetween, shanghaiDate, startOfShanghaiDay } from "../shared/time";
import { isRowId } from "../shared/ids";
import { composeUscc } from "../organizations/uscc";
import { placeChoices } from "../places/queries.server";
import { preparedTogether } from "../shared/select-together.server";

type Application = typeof applications.$inferSelect;

/**
 * What an application's page shows besides the application, read by the application's id in one
 * prepared statement: the names of its place, street and applicant, its steps, files and organization.
 */
export function applicationDetailSelects(db: Database, id: number | Placeholder) {
  const street = alias(places, "street");
  return {
    names: db
      .select({ place: places.name, street: street.name, applicant: users.displayName })
      .from(applications)
      .leftJoin(places, eq(places.id, applications.placeId))
      .leftJoin(street, eq(street.id, applications.streetId))
      .leftJoin(users, eq(users.id, applications.applicantUserId))
      .where(eq(applications.id, id)),
    steps: db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, id)).orderBy(asc(applicationSteps.at), asc(applicationSteps.id)),
    files: db
      .select({
        id: applicationFiles.id,
        fileName: applicationFiles.fileName,
        contentType: applicationFiles.contentType,
        size: applicationFiles.size,
        uploadedAt: applicationFiles.uploadedAt,
        material: applicationFiles.material,
      })
      .from(applicationFiles)
      .where(eq(applicationFiles.applicationId, id))
      .orderBy(asc(applicationFiles.id)),
    organization: db
      .select()
      .from(organizations)
      .where(eq(organizations.id, db.select({ id: applications.organizationId }).from(applications).where(eq(applications.id, id)))),
  };
}

const detailStatement = preparedTogether("application_detail", (db) => applicationDetailSelects(db, sql.placeholder("id")));

/** The applications an actor may see, as a condition on the applications table. */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role === "association") {
    const own = eq(applications.applicantUserId, actor.userId);
    return actor.organizationId ? or(own, eq(applications.organizationId, actor.organizationId)) : own;
  }
  if (actor.role === "supervising_authority") {
    // A unit sees the establishments that name it, once submitted.
    const unit = actor.supervisingUnit?.trim();
    if (!unit) return sql`false`;
    return and(eq(applications.kind, "establishment"), ne(applications.state, "draft"), sql`${applications.proposed}->>'supervisingUnit' = ${unit}`)!;
  }
  const reach = officerReachOrNull(actor);
  // A draft is the applicant's own until submitted: officers see it only if they are its applicant (filings).
  const notAnotherDraft = or(ne(applications.state, "draft"), eq(applications.applicantUserId, actor.userId))!;
  return reach ? and(withinReach(reach, applications.streetId), notAnotherDraft)! : sql`false`;
}

export async function loadVisible(db: Database, actor: Actor, id: number): Promise<Application> {
  if (!isRowId(id)) notFound("找不到该申请。");
  const condition = visibleTo(actor);
  const [row] = await db
    .select()
    .from(applications)
    .where(condition ? and(eq(applications.id, id), condition) : eq(applications.id, id))
    .limit(1);
  if (!row) notFound("找不到该申请。");
  return row;
}

/**
 * The application as its page reads it, asked by the page's actions before
 * they read what was posted: one the actor may not see is a 404 whatever the body.
 */
export async function applicationAccess(actor: Actor, id: number): Promise<void> {
  await loadVisible(await getDb(), actor, id);
}

/** A file with its content, for those who may see its application; anyone else gets 404. */
export async function fileForActor(actor: Actor, applicationId: number, fileId: number) {
  const db = await getDb();
  await loadVisible(db, actor, applicationId);
  if (!isRowId(fileId)) notFound("找不到该文件。");
  const [file] = await db
    .select()
    .from(applicationFiles)
    .where(and(eq(applicationFiles.id, fileId), eq(applicationFiles.applicationId, applicationId)));
  if (!file) notFound("找不到该文件。");
  return file;
}

/* ------------------------------------------------------------------ reads */

export async function applicationDetail(actor: Actor, id: number, now: Date) {
  if (!isRowId(id)) notFound("找不到该申请。");
  const db = await getDb();
  // The page's lists are read by id alongside the visibility check; nothing of them is shown unless it passes.
  const [app, rows] = await Promise.all([loadVisible(db, actor, id), detailStatement(await getDbForKeyedReads(), { id })]);
  const { steps, files } = rows;
  const [names] = rows.names;
  const organization = rows.organization[0] ?? null;
  const proposal = app.proposed as Proposal;
  const type = proposal.type ?? organization?.type ?? null;
  const unit = unitReviewNeeded(app.kind, proposal);
  const materials = applicationMaterials(app, organization);
  const decided = app.state === "approved" || app.state === "rejected";
  const noticeDueOn = app.state === "submitted" && app.submittedAt ? materialsNoticeDueOn(shanghaiDate(app.submittedAt), await getSetting("publicHolidays", db)) : null;
  return {
    approvalSuggestion:
      app.kind === "establishment" && app.state === "accepted" && hasPermission(actor, "application:decide")
        ? await approvalSuggestion(db, proposal)
        : null,
    application: app,
    proposal,
    fields: kindFields[app.kind],
    placeName: names?.place ?? null,
    streetName: names?.street ?? null,
    steps,
    files,
    organization,
    applicantName: names?.applicant ?? null,
    // Visibility already keeps an association to its own applications and a street officer to its street.
    actions: availableActions(app.kind, app.state, actor.role),
    editable: applicantEditRefusal(actor.role, app) === null,
    // What the officer sees at a glance: would submitting (again) pass the checks? Nothing once decided.
    problems: decided ? {} : submissionProblems(app.kind, proposal, app.baseline ?? organization),
    /**
     * A change: each field as 原登记 → 申请变更为, the register as kept at the decision once decided
     * (it holds the new values after an approval), the live one before.
     */
    changeRows: app.kind === "change" ? changeRows(kindFields.change, proposal, decided ? app.registerAtDecision : organization, app.baseline) : null,
    daysLeft: daysLeftOf(app, now),
    /** The statutory period of this kind, with the article it follows, shown beside the clock. */
    period: periodText(decisionPeriod(app.kind, type)),
    /** A submitted application's clock: missing materials are told all at once by this day. */
    materialsNotice: noticeDueOn ? { dueOn: noticeDueOn, daysLeft: daysBetween(now, startOfShanghaiDay(noticeDueOn)), basis: materialsNoticeBasis } : null,
    /** The 业务主管单位's review before 受理: which unit, and what it decided (null while it has not). */
    unitReview: unit
      ? {
          unit,
          decision: app.unitName === unit ? app.unitDecision : null,
          decidedAt: app.unitName === unit ? app.unitDecidedAt : null,
          opinion: app.unitName === unit ? app.unitOpinion : null,
          basis: unitReviewBasis(type),
        }
      : null,
    /** What this application hands in, with the article asking for it, and the files attached for each. */
    materials: materialChecklist(materials, files),
    /** The required materials still without a file: the application cannot be submitted while there are any. */
    missingMaterials: missingMaterials(materials, files).map((m) => m.name),
  };
}

/**
 * A code and certificate number the officer may accept or replace: the next
 * organization code in the district's civil-affairs series, with its check characters.
 */
async function approvalSuggestion(db: Database, proposal: Proposal) {
  const [district] = await db.select({ code: places.code }).from(places).where(eq(places.level, "district")).limit(1);
  const [row] = await db.select({ n: count() }).from(organizations);
  const serial = 500_000 + (row?.n ?? 0) + 1;
  const kind = usccKindOf[proposal.type ?? "social_group"] ?? "1";
  return {
    uscc: composeUscc(kind, (district?.code ?? "350502").slice(0, 6), `MJ${String(serial).padStart(6, "0")}`),
    certificateNumber: `${proposal.type === "private_non_enterprise" ? "民证" : "社证"}字第${serial}号`,
  };
}

export interface QueueFilters {
  kind?: ApplicationKind;
  /** Only these kinds (the ones the actor decides, for its to-do list). */
  kinds?: readonly ApplicationKind[];
  state?: ApplicationState | "open";
  streetCode?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

/** The officers' queue: scoped, filtered, the overdue first and then by deadline. */
export async function applicationQueue(actor: Actor, filters: QueueFilters, now: Date) {
  if (!hasPermission(actor, "area:officer")) forbidden();
  const db = await getDb();
  const street = alias(places, "street");
  const today = shanghaiDate(now);
  const conditions: SQL[] = [ne(applications.state, "draft")];
  const scope = visibleTo(actor);
  if (scope) conditions.push(scope);
  if (filters.kind) conditions.push(eq(applications.kind, filters.kind));
  if (filters.kinds) conditions.push(filters.kinds.length ? inArray(applications.kind, [...filters.kinds]) : sql`false`);
  if (filters.state === "open" || !filters.state) conditions.push(inArray(applications.state, [...openStates]));
  else conditions.push(eq(applications.state, filters.state));
  if (filters.streetCode) conditions.push(eq(street.code, filters.streetCode));
  if (filters.overdue) conditions.push(and(eq(applications.state, "accepted"), lt(applications.dueOn, today))!);
  const where = and(...conditions);
  const overdueFirst = sql`case when ${applications.state} = 'accepted' and ${applications.dueOn} < ${today} then 0 else 1 end`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: applications.id,
        kind: applications.kind,
        state: applications.state,
        title: applications.title,
        street: street.name,
        submittedAt: applications.submittedAt,
        acceptedAt: applications.acceptedAt,
        dueOn: applications.dueOn,
      })
      .from(applications)
      .leftJoin(street, eq(street.id, applications.streetId))
      .where(where)
      .orderBy(overdueFirst, asc(applications.dueOn), asc(applications.submittedAt), asc(applications.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ n: count() }).from(applications).leftJoin(street, eq(street.id, applications.streetId)).where(where),
  ]);
  return {
    rows: rows.map((r) => {
      const daysLeft = daysLeftOf(r, now);
      return { ...r, daysLeft, overdue: daysLeft !== null && daysLeft < 0 };
    }),
    total: total?.n ?? 0,
  };
}

/**
 * A 业务主管单位's list: the establishments that name it, those waiting for its
 * review first (oldest first: the applicant has waited longest), then the rest, newest first.
 */
export async function unitQueue(actor: Actor) {
  if (!hasPermission(actor, "application:consent")) forbidden();
  const db = await getDb();
  const unit = actor.supervisingUnit?.trim() ?? "";
  const waiting = sql`${applications.state} = 'submitted' and (${applications.unitName} is distinct from ${unit} or ${applications.unitDecision} is null)`;
  const rows = await db
    .select({
      id: applications.id,
      title: applications.title,
      state: applications.state,
      proposed: applications.proposed,
      submittedAt: applications.submittedAt,
      unitName: applications.unitName,
      unitDecision: applications.unitDecision,
      unitDecidedAt: applications.unitDecidedAt,
      waiting: sql<boolean>`${waiting}`,
    })
    .from(applications)
    .where(visibleTo(actor))
    .orderBy(sql`case when ${waiting} then 0 else 1 end`, sql`case when ${waiting} then ${applications.submittedAt} end asc`, desc(applications.submittedAt), desc(applications.id))
    .limit(200);
  return rows.map(({ proposed, ...r }) => ({ ...r, type: (proposed as Proposal).type ?? null, decidedHere: r.unitName === unit ? r.unitDecision : null }));
}

/** An association's own applications, newest first. */
export async function ownApplications(actor: Actor) {
  if (!hasPermission(actor, "application:apply")) forbidden();
  const db = await getDb();
  return db
    .select({
      id: applications.id,
      kind: applications.kind,
      state: applications.state,
      title: applications.title,
      updatedAt: applications.updatedAt,
      dueOn: applications.dueOn,
    })
    .from(applications)
    .where(visibleTo(actor))
    .orderBy(desc(applications.updatedAt))
    .limit(100);
}

/**
 * An application's page: the application, and the communities its applicant may choose (a street
 * officer files only for the street's). The choices go only to a page whose form asks for a place:
 * the whole list is most of an officer's page otherwise.
 */
export async function applicationPage(actor: Actor, id: number, now: Date) {
  const detail = await applicationDetail(actor, id, now);
  if (!detail.editable || !detail.fields.includes("placeId")) return { detail, placeChoices: [] };
  const units = await placeChoices();
  return { detail, placeChoices: actor.role === "street_officer" ? units.filter((u) => u.id === actor.placeId) : units };
}
