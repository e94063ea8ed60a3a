/**
 * District settings: figures from the seed documents that officers may change.
 * Each has a type and a default in code; the settings table holds only the
 * values someone has changed, so a new district starts with the defaults.
 * Changing one is in commands.server.ts.
 */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Database } from "../../../db/client.server";
import { settings, users } from "../../../db/schema";
import { cachedPublic } from "../shared/public-cache.server";
import type { Permission } from "../../auth/permissions";
import { secondFactorRolesSchema } from "../../auth/second-factor-requirement";
import { roleLabels, type Role } from "../../auth/roles";
import { associationCountingSchema, associationCountingShortLabels, associationTargetSchema, type AssociationCounting } from "../committees/coverage";
import { partyCoverageTargetSchema } from "../party/rules";
import { campaignOpensOnSchema, formatMonthDay } from "../inspections/calendar";
import { shippedHolidays, holidayTableSchema, yearsCovered, type HolidayTable } from "../applications/periods";

/** Each setting's type. */
interface SettingValues {
  associationTarget: number;
  villageAssociationTarget: number;
  associationCounting: AssociationCounting;
  partyCoverageTarget: number;
  secondFactorRoles: Role[];
  campaignOpensOn: string;
  publicHolidays: HolidayTable;
}

export type SettingKey = keyof SettingValues;
export type SettingValue<K extends SettingKey> = SettingValues[K];

interface SettingDefinition<V> {
  label: string;
  schema: z.ZodType<V>;
  defaultValue: V;
  /** Who may change it; district settings by default. */
  permission?: Permission;
  /** The value in words, for messages. */
  format?: (value: V) => string;
}

/** Each setting's label, type, default and who may change it; commands.server.ts reads them too. */
export const definitions: { [K in SettingKey]: SettingDefinition<SettingValues[K]> } = {
  /**
   * 一居多会: community social organizations each urban community (社区) should have.
   * National guidance is 10 per urban and 5 per rural community; the district's own figure is 6.
   */
  associationTarget: { label: "一居多会目标数（城市社区）", schema: associationTargetSchema, defaultValue: 6 },
  /** The same for each village (村, rural communities): its own setting, the district's 6 until changed. */
  villageAssociationTarget: { label: "一居多会目标数（村）", schema: associationTargetSchema, defaultValue: 6 },
  /** Which organizations count toward it: registered and filed alike by default, as the 2017 guidance counts them (committees/coverage.ts). */
  associationCounting: {
    label: "一居多会统计口径",
    schema: associationCountingSchema,
    defaultValue: "registered_and_filed",
    format: (v) => associationCountingShortLabels[v],
  },
  /** Seed 002: party-organization coverage of registered organizations above 90% by year end. */
  partyCoverageTarget: { label: "党组织覆盖率目标", schema: partyCoverageTargetSchema, defaultValue: 0.9 },
  /** Roles whose users must sign in with a second factor. None by default, so the demo signs in with a password alone. */
  secondFactorRoles: {
    label: "须使用两步验证登录的角色",
    schema: secondFactorRolesSchema,
    defaultValue: [],
    permission: "user:manage",
    format: (roles) => (roles.length ? roles.map((r) => roleLabels[r]).join("、") : "无"),
  },
  /** The day each year the calendar opens the campaign on the year before (inspections/calendar.ts). */
  /** Public holidays and weekend days worked, for periods counted in working days (applications/periods.ts). */
  publicHolidays: {
    label: "法定节假日安排",
    schema: holidayTableSchema,
    defaultValue: shippedHolidays,
    format: (t) => `${yearsCovered(t).join("、") || "无"} 年，放假 ${t.off.length} 天、调休上班 ${t.on.length} 天`,
  },
  campaignOpensOn: { label: "年检自动开启日期", schema: campaignOpensOnSchema, defaultValue: "01-01", permission: "inspection:review", format: (v) => `每年${formatMonthDay(v)}` },
};

/** A stored value that no longer fits its type (a hand edit, an older rule) gives way to the default. */
function valueOf<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const parsed = definitions[key].schema.safeParse(stored);
  return parsed.success ? parsed.data : definitions[key].defaultValue;
}

/**
 * The setting's value: the stored one, or the default in code. Pass a transaction to read inside it;
 * without one, the value is kept until the public data changes (a setting's change moves it, as any
 * change of the settings table does: migration 0017), since pages read several settings each.
 */
export async function getSetting<K extends SettingKey>(key: K, db?: Database): Promise<SettingValue<K>> {
  if (db) return readSetting(key, db);
  // Frozen: every caller shares the kept value.
  return cachedPublic(`setting:${key}`, async () => Object.freeze(await readSetting(key, await getDb())) as SettingValue<K>);
}

async function readSetting<K extends SettingKey>(key: K, db: Database): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return row ? valueOf(key, row.value) : definitions[key].defaultValue;
}

export interface SettingState<V> {
  value: V;
  defaultValue: V;
  /** Null while the default applies. */
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** The value with who last changed it and when, for the page that changes it. */
export async function settingState<K extends SettingKey>(key: K): Promise<SettingState<SettingValue<K>>> {
  const db = await getDb();
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt, updatedByName: users.displayName })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.updatedBy))
    .where(eq(settings.key, key))
    .limit(1);
  const defaultValue = definitions[key].defaultValue;
  if (!row) return { value: defaultValue, defaultValue, updatedAt: null, updatedByName: null };
  return { value: valueOf(key, row.value), defaultValue, updatedAt: row.updatedAt, updatedByName: row.updatedByName };
}
