/**
 * The register's uniqueness rules, in one place for corrections and for
 * decisions: a live name, a USCC and a filing number belong to one organization.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { organizations } from "../../../db/schema";
import { uniqueViolation } from "../shared/errors";
import { liveStatuses } from "./rules";

export const duplicateMessages = {
  name: "登记簿中已有同名且未注销的社会组织，名称不能重复",
  uscc: "该统一社会信用代码已被登记簿中的其他组织使用",
  filingNumber: "该备案号已被登记簿中的其他组织使用",
} as const;

/** Is this name taken by another organization that still exists (cancelled ones free their names)? */
export async function liveNameTaken(db: Database, name: string, exceptId?: number): Promise<boolean> {
  const conditions = [eq(organizations.name, name), inArray(organizations.status, [...liveStatuses])];
  if (exceptId) conditions.push(ne(organizations.id, exceptId));
  return (await db.select({ id: organizations.id }).from(organizations).where(and(...conditions)).limit(1)).length > 0;
}

/** The field a unique index refused, when that is why a write failed (two writes raced). */
export function duplicateField(error: unknown): keyof typeof duplicateMessages | null {
  const name = uniqueViolation(error);
  if (name === null) return null;
  if (name.includes("uscc")) return "uscc";
  if (name.includes("filing_number")) return "filingNumber";
  if (name.includes("name")) return "name";
  return null;
}
