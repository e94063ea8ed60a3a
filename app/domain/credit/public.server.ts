/**
 * The public credit lists: the 活动异常名录 and the 严重违法失信名单, each listing
 * with its ground, article, evidence and date, and its removal
 * (社会组织信用信息管理办法: listings are public). Personal numbers in the
 * evidence are masked.
 */
import { and, desc, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { abnormalListings, organizations, seriousListings } from "../../../db/schema";
import { maskSensitive } from "../postings/sensitive-numbers";
import { escapeLike } from "../shared/like";
import { toCsv } from "../shared/open-data";
import { abnormalTriggerArticles, seriousTriggerArticles } from "./listings";
import type { ListingQuery } from "./lists";

export type CreditList = "abnormal" | "serious";

const tableOf = { abnormal: abnormalListings, serious: seriousListings } as const;

function conditions(list: CreditList, query: Pick<ListingQuery, "q" | "state">) {
  const t = tableOf[list];
  const q = query.q?.trim();
  return and(
    query.state === "listed" ? isNull(t.removedOn) : query.state === "removed" ? isNotNull(t.removedOn) : undefined,
    q ? or(ilike(organizations.name, `%${escapeLike(q)}%`), eq(organizations.uscc, q.toUpperCase())) : undefined,
  );
}

/** The rows of a list as readers see them, newest listing first. */
async function select(list: CreditList, query: Pick<ListingQuery, "q" | "state">, page?: { limit: number; offset: number }) {
  const db = await getDb();
  const t = tableOf[list] as typeof abnormalListings;
  const base = db
    .select({
      id: t.id,
      organizationId: organizations.id,
      name: organizations.name,
      uscc: organizations.uscc,
      type: organizations.type,
      listedOn: t.listedOn,
      trigger: t.trigger,
      reason: t.reason,
      evidence: t.evidence,
      removedOn: t.removedOn,
      removalReason: t.removalReason,
      // The abnormal list's open data has named the inspection year since v1.
      ...(list === "abnormal" ? { inspectionYear: abnormalListings.inspectionYear } : {}),
    })
    .from(t)
    .innerJoin(organizations, eq(organizations.id, t.organizationId))
    .where(conditions(list, query))
    .orderBy(desc(t.listedOn), desc(t.id));
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
  const articles: Record<string, string> = list === "abnormal" ? abnormalTriggerArticles : seriousTriggerArticles;
  return rows.map((r) => ({ ...r, article: articles[r.trigger] ?? "", evidence: r.evidence && maskSensitive(r.evidence) }));
}

/** One page of a list, newest listing first, with the number of matches. */
export async function publicCreditList(list: CreditList, query: ListingQuery) {
  const db = await getDb();
  const t = tableOf[list] as typeof abnormalListings;
  const [items, [counted]] = await Promise.all([
    select(list, query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    db.select({ n: sql<number>`count(*)::int` }).from(t).innerJoin(organizations, eq(organizations.id, t.organizationId)).where(conditions(list, query)),
  ]);
  return { total: counted?.n ?? 0, page: query.page, pageSize: query.pageSize, items };
}

const csvColumns = ["id", "organizationId", "name", "uscc", "type", "listedOn", "trigger", "article", "reason", "evidence", "removedOn", "removalReason"] as const;

/** Every matching listing as CSV (see toCsv). */
export async function creditListCsv(list: CreditList, query: Pick<ListingQuery, "q" | "state">): Promise<string> {
  const rows = await select(list, query);
  return list === "abnormal" ? toCsv([...csvColumns, "inspectionYear"] as const, rows.map((r) => ({ ...r, inspectionYear: r.inspectionYear ?? null }))) : toCsv(csvColumns, rows);
}
