/**
 * The public credit lists: the 活动异常名录 with each listing's reason and date,
 * and its removal (社会组织信用信息管理办法 art. 10–16: listings are public).
 */
import { and, desc, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { abnormalListings, organizations } from "../../../db/schema";
import { escapeLike } from "../shared/like";
import { toCsv } from "../shared/open-data";
import type { ListingQuery } from "./lists";

function conditions(query: Pick<ListingQuery, "q" | "state">) {
  const q = query.q?.trim();
  return and(
    query.state === "listed" ? isNull(abnormalListings.removedOn) : query.state === "removed" ? isNotNull(abnormalListings.removedOn) : undefined,
    q ? or(ilike(organizations.name, `%${escapeLike(q)}%`), eq(organizations.uscc, q.toUpperCase())) : undefined,
  );
}

const columns = {
  id: abnormalListings.id,
  organizationId: organizations.id,
  name: organizations.name,
  uscc: organizations.uscc,
  type: organizations.type,
  listedOn: abnormalListings.listedOn,
  reason: abnormalListings.reason,
  inspectionYear: abnormalListings.inspectionYear,
  removedOn: abnormalListings.removedOn,
  removalReason: abnormalListings.removalReason,
};

/** One page of the list, newest listing first, with the number of matches. */
export async function publicAbnormalList(query: ListingQuery) {
  const db = await getDb();
  const where = conditions(query);
  const [items, [counted]] = await Promise.all([
    db
      .select(columns)
      .from(abnormalListings)
      .innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId))
      .where(where)
      .orderBy(desc(abnormalListings.listedOn), desc(abnormalListings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(abnormalListings).innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId)).where(where),
  ]);
  return { total: counted?.n ?? 0, page: query.page, pageSize: query.pageSize, items };
}

const csvColumns = ["id", "organizationId", "name", "uscc", "type", "listedOn", "reason", "inspectionYear", "removedOn", "removalReason"] as const;

/** Every matching listing as CSV (see toCsv). */
export async function abnormalListCsv(query: Pick<ListingQuery, "q" | "state">): Promise<string> {
  const db = await getDb();
  const rows = await db
    .select(columns)
    .from(abnormalListings)
    .innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId))
    .where(conditions(query))
    .orderBy(desc(abnormalListings.listedOn), desc(abnormalListings.id));
  return toCsv(csvColumns, rows);
}
