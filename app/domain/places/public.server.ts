/**
 * A community's or village's public page (/villages/:code): the place, its
 * committees, its community associations and its recent postings. The React
 * page and the reading page (app/reading) both render this one value.
 *
 * Everything but the place itself is read in one prepared statement, as the
 * public record is (organizations/public.server.ts): the page's fifteen short
 * statements, each sent, parsed and planned on its own, cost several times
 * their rows. Each list keeps the builder of the module it belongs to.
 */
import { redirect } from "@remix-run/node";
import { eq, sql, type Placeholder } from "drizzle-orm";
import { getDbForKeyedReads, type Database } from "../../../db/client.server";
import { organizations, postings } from "../../../db/schema";
import { associationCountings, type AssociationCounting } from "../committees/coverage";
import { placeAssociationsFrom, placeAssociationsQuery, rulesOf } from "../committees/coverage.server";
import { publicCommitteeSelects, publicCommitteesFrom } from "../committees/public.server";
import { complianceWindow, placeComplianceFrom, publishedPeriodsQuery } from "../postings/compliance.server";
import { placePostingSelects, placePostingsFrom } from "../postings/public.server";
import { preparedTogether } from "../shared/select-together.server";
import { childrenQuery, organizationsByTypeQuery, parentQuery, placeDetailFrom, placeOfCode } from "./queries.server";
import { placePath, villagePostingLimit } from "./rules";

/** The selects of a community's or village's page besides the place, for an id (or placeholder), the first day compliance looks at, and the counting rule. */
export function villagePageSelects(db: Database, id: number | Placeholder, complianceFrom: string | Placeholder, counting: AssociationCounting) {
  return {
    parent: parentQuery(db, id),
    children: childrenQuery(db, id),
    byType: organizationsByTypeQuery(db, eq(organizations.placeId, id)),
    associations: placeAssociationsQuery(db, id, counting),
    ...placePostingSelects(db, id, villagePostingLimit),
    published: publishedPeriodsQuery(db, eq(postings.placeId, id), complianceFrom),
    ...publicCommitteeSelects(db, id),
  };
}

/** One statement per counting rule (the rule changes which organizations the select asks for). */
const villagePageStatements = new Map(
  associationCountings.map((counting) => [
    counting,
    preparedTogether(`village_page_${counting}`, (db) => villagePageSelects(db, sql.placeholder("id"), sql.placeholder("from"), counting)),
  ]),
);

/** The page of the place with division code `code`; a street's or the district's code is sent to its own page. */
export async function publicVillagePage(code: string, now = new Date()) {
  const place = await placeOfCode(code);
  if (placePath(place) !== `/villages/${place.code}`) throw redirect(placePath(place));
  const rules = await rulesOf();
  const window = complianceWindow(now);
  const rows = await villagePageStatements.get(rules.counting)!(await getDbForKeyedReads(), { id: place.id, from: window.from });
  return {
    ...placeDetailFrom(place, rows.parent, rows.children, rows.byType),
    associations: placeAssociationsFrom(rows.associations, place.level, rules),
    postings: placePostingsFrom(rows.postings, rows.publicNumbers),
    compliance: placeComplianceFrom(rows.published, window),
    committees: publicCommitteesFrom(place.level, rows, now),
  };
}

export type PublicVillagePage = Awaited<ReturnType<typeof publicVillagePage>>;
