/**
 * Reading credit information: an organization's penalty decisions and listings,
 * public on its record; the decision documents, the letters and the proposals
 * for the officers whose scope covers it; the lists as the officers' pages show them.
 */
import { and, asc, desc, eq, inArray, isNull, type Placeholder } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { abnormalListings, contactLetters, organizations, penalties, places, seriousListings } from "../../../db/schema";
import type { AbnormalTrigger, SeriousTrigger } from "../../../vocabulary";
import { hasPermission, type Actor } from "../../auth/permissions";
import { officerReach, officerReachOrNull, withinReach } from "../../auth/scope.server";
import { nonFilerProposals } from "../inspections/queries.server";
import { organizationAccess } from "../organizations/queries.server";
import { maskSensitive } from "../postings/sensitive-numbers";
import { forbidden, notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { shanghaiDate } from "../shared/time";
import {
  abnormalTriggerArticles,
  abnormalTriggerLabels,
  automaticRemovalOn,
  creditProposals,
  formatTimeOnList,
  listedSince,
  seriousTriggerArticles,
  seriousTriggerLabels,
  timeOnList,
  twoYearsListed,
} from "./listings";
import { creditFacts, proposableOrganizations, proposalKey } from "./listings.server";
import { creditConsequence } from "./penalties";

/** An organization's penalty decisions, newest first, without their documents' content: public. */
export async function penaltiesOf(organizationId: number) {
  return penaltiesFrom(await penaltiesQuery(await getDb(), organizationId));
}

/** Penalties' rows with what each means for the organization's credit. */
export function penaltiesFrom(rows: Awaited<ReturnType<typeof penaltiesQuery>>) {
  return rows.map((p) => ({ ...p, consequence: creditConsequence(p) }));
}

export function penaltiesQuery(db: Database, organizationId: number | Placeholder) {
  return db
    .select({
      id: penalties.id,
      kind: penalties.kind,
      amountFen: penalties.amountFen,
      suspendedFrom: penalties.suspendedFrom,
      suspendedUntil: penalties.suspendedUntil,
      facts: penalties.facts,
      legalBasis: penalties.legalBasis,
      decisionNumber: penalties.decisionNumber,
      decidedOn: penalties.decidedOn,
      authority: penalties.authority,
      fileName: penalties.fileName,
    })
    .from(penalties)
    .where(eq(penalties.organizationId, organizationId))
    .orderBy(desc(penalties.decidedOn), desc(penalties.id));
}


/** A decision document, for officers whose scope covers its organization; 404 otherwise. */
export async function penaltyDocumentFor(actor: Actor, id: number) {
  if (!isRowId(id) || !hasPermission(actor, "organization:read_internal")) notFound("找不到该文件。");
  const db = await getDb();
  const [row] = await db.select().from(penalties).where(eq(penalties.id, id));
  if (!row) notFound("找不到该文件。");
  await organizationAccess(actor, row.organizationId);
  return row;
}

/* ------------------------------------------------------------------ the lists, for officers */

function reachOf(actor: Actor) {
  if (!hasPermission(actor, "organization:read_internal")) forbidden();
  return officerReachOrNull(actor);
}

/**
 * The listings in force on the 活动异常名录 in the actor's scope, one row per
 * ground, oldest first: how long the organization has been listed, whether two
 * years are up, and the day a listing leaves by itself where it will.
 */
export async function abnormalListPage(actor: Actor, now: Date) {
  const reach = reachOf(actor);
  const today = shanghaiDate(now);
  const base = { canList: hasPermission(actor, "credit:list"), scoped: actor.role === "street_officer" };
  if (!reach) return { ...base, rows: [] };
  const db = await getDb();
  const street = alias(places, "street");
  const rows = await db
    .select({ listing: abnormalListings, name: organizations.name, type: organizations.type, street: street.name })
    .from(abnormalListings)
    .innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId))
    .leftJoin(street, eq(street.id, organizations.streetId))
    .where(and(isNull(abnormalListings.removedOn), withinReach(reach, organizations.streetId)))
    .orderBy(asc(abnormalListings.listedOn), asc(abnormalListings.id));
  const byOrg = new Map<number, Array<(typeof rows)[number]["listing"]>>();
  for (const r of rows) byOrg.set(r.listing.organizationId, [...(byOrg.get(r.listing.organizationId) ?? []), r.listing]);
  return {
    ...base,
    rows: rows.map(({ listing, name, type, street }) => {
      const since = listedSince(byOrg.get(listing.organizationId)!)!;
      return {
        id: listing.id,
        organizationId: listing.organizationId,
        name,
        type,
        street,
        listedOn: listing.listedOn,
        trigger: listing.trigger,
        article: abnormalTriggerArticles[listing.trigger],
        reason: listing.reason,
        evidence: listing.evidence,
        timeOnList: formatTimeOnList(timeOnList(since.listedOn, today)),
        twoYears: twoYearsListed(since.listedOn, today),
        automaticRemovalOn: automaticRemovalOn(listing, byOrg.get(listing.organizationId)!),
      };
    }),
  };
}

/** The 严重违法失信名单 in force in the actor's scope, newest first. */
export async function seriousListPage(actor: Actor) {
  const reach = reachOf(actor);
  const base = { canList: hasPermission(actor, "credit:list"), scoped: actor.role === "street_officer" };
  if (!reach) return { ...base, rows: [] };
  const db = await getDb();
  const street = alias(places, "street");
  const rows = await db
    .select({ listing: seriousListings, name: organizations.name, type: organizations.type, status: organizations.status, street: street.name })
    .from(seriousListings)
    .innerJoin(organizations, eq(organizations.id, seriousListings.organizationId))
    .leftJoin(street, eq(street.id, organizations.streetId))
    .where(and(isNull(seriousListings.removedOn), withinReach(reach, organizations.streetId)))
    .orderBy(desc(seriousListings.listedOn), desc(seriousListings.id));
  return {
    ...base,
    rows: rows.map(({ listing, ...org }) => ({ ...org, id: listing.id, organizationId: listing.organizationId, listedOn: listing.listedOn, trigger: listing.trigger, article: seriousTriggerArticles[listing.trigger], reason: listing.reason, evidence: listing.evidence })),
  };
}

/**
 * The proposals waiting for the registry, in the actor's scope: the fact, its
 * evidence and article, the list it leads to; oldest fact first. A year's
 * non-filers are counted here and listed on the year's page.
 */
export async function proposalsPage(actor: Actor, now: Date) {
  if (!hasPermission(actor, "credit:list")) forbidden();
  const [rows, nonFilers] = await Promise.all([openProposals(actor, now), nonFilerProposals(actor)]);
  return { rows, nonFilers, today: shanghaiDate(now) };
}

/** How many proposals wait for the actor, for the dashboard; none for whoever does not keep the lists. */
export async function openProposalCount(actor: Actor, now: Date): Promise<number> {
  return hasPermission(actor, "credit:list") ? (await openProposals(actor, now)).length : 0;
}

async function openProposals(actor: Actor, now: Date) {
  const reach = officerReach(actor);
  const today = shanghaiDate(now);
  const db = await getDb();
  const facts = await creditFacts(db, await proposableOrganizations(db, today));
  const proposals = facts.flatMap((org) => creditProposals(org, today));
  const ids = [...new Set(proposals.map((p) => p.organizationId))];
  const orgs = ids.length
    ? await db
        .select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status })
        .from(organizations)
        .where(and(inArray(organizations.id, ids), withinReach(reach, organizations.streetId)))
    : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return proposals
    .filter((p) => byId.has(p.organizationId))
    .sort((a, b) => a.arose.localeCompare(b.arose) || a.organizationId - b.organizationId)
    .map((p) => ({
      key: proposalKey(p),
      ...p,
      organization: byId.get(p.organizationId)!,
      label: p.list === "abnormal" ? abnormalTriggerLabels[p.trigger as AbnormalTrigger] : seriousTriggerLabels[p.trigger as SeriousTrigger],
      article: p.list === "abnormal" ? abnormalTriggerArticles[p.trigger as AbnormalTrigger] : seriousTriggerArticles[p.trigger as SeriousTrigger],
    }));
}

/**
 * An organization's credit as its officers' record page shows it: every listing
 * (in force and removed) on both lists, the letters sent to its address, and
 * what the registry is asked to confirm about it.
 */
export async function organizationCredit(actor: Actor, organizationId: number, now: Date) {
  await organizationAccess(actor, organizationId);
  const db = await getDb();
  const [[organization], history, letters, [facts]] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status, address: organizations.address }).from(organizations).where(eq(organizations.id, organizationId)),
    creditHistory(organizationId),
    db.select().from(contactLetters).where(eq(contactLetters.organizationId, organizationId)).orderBy(desc(contactLetters.sentOn), desc(contactLetters.id)),
    creditFacts(db, [organizationId]),
  ]);
  const today = shanghaiDate(now);
  if (!organization) notFound("登记簿中没有该社会组织。");
  return {
    organization,
    listings: history,
    letters,
    proposals: facts ? creditProposals(facts, today).map((p) => ({ ...p, key: proposalKey(p) })) : [],
    canList: hasPermission(actor, "credit:list"),
  };
}

/** An organization's listings on both lists, newest first, with the article of each ground: public, personal numbers masked. */
export async function creditHistory(organizationId: number) {
  const db = await getDb();
  const [abnormal, serious] = await Promise.all([abnormalListingsQuery(db, organizationId), seriousListingsQuery(db, organizationId)]);
  return creditHistoryFrom(abnormal, serious);
}

export function abnormalListingsQuery(db: Database, organizationId: number | Placeholder) {
  return db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, organizationId)).orderBy(desc(abnormalListings.listedOn), desc(abnormalListings.id));
}

export function seriousListingsQuery(db: Database, organizationId: number | Placeholder) {
  return db.select().from(seriousListings).where(eq(seriousListings.organizationId, organizationId)).orderBy(desc(seriousListings.listedOn), desc(seriousListings.id));
}

export function creditHistoryFrom(abnormal: Awaited<ReturnType<typeof abnormalListingsQuery>>, serious: Awaited<ReturnType<typeof seriousListingsQuery>>) {
  return {
    abnormal: abnormal.map((l) => ({ id: l.id, listedOn: l.listedOn, trigger: l.trigger, article: abnormalTriggerArticles[l.trigger], reason: l.reason, evidence: l.evidence && maskSensitive(l.evidence), removedOn: l.removedOn, removalKind: l.removalKind, removalReason: l.removalReason })),
    serious: serious.map((l) => ({ id: l.id, listedOn: l.listedOn, trigger: l.trigger, article: seriousTriggerArticles[l.trigger], reason: l.reason, evidence: l.evidence && maskSensitive(l.evidence), removedOn: l.removedOn, removalReason: l.removalReason })),
  };
}
