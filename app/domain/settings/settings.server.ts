/**
 * District settings: figures from the seed documents that officers may change.
 * Each has a type and a default in code; the settings table holds only the
 * values someone has changed, so a new district starts with the defaults.
 */
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Database } from "../../../db/client.server";
import { settings, users } from "../../../db/schema";
import { hasPermission, type Permission } from "../../auth/permissions";
import { secondFactorRolesSchema } from "../../auth/second-factor-requirement";
import { roleLabels, type Role } from "../../auth/roles";
import { requireRecentVerification } from "../../auth/verification.server";
import { recordAudit } from "../audit/audit.server";
import { associationTargetSchema } from "../committees/coverage";
import { partyCoverageTargetSchema } from "../party/rules";
import type { ActionContext } from "../shared/context";
import { forbidden, type WriteResult } from "../shared/errors";
import { fieldCharacterProblem } from "../shared/text-input";

/** Each setting's type. */
interface SettingValues {
  associationTarget: number;
  partyCoverageTarget: number;
  secondFactorRoles: Role[];
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

const definitions: { [K in SettingKey]: SettingDefinition<SettingValues[K]> } = {
  /**
   * 一居多会: community social organizations each community or village should have.
   * National guidance is 10 per urban and 5 per rural community; the district's own figure is 6.
   */
  associationTarget: { label: "一居多会目标数", schema: associationTargetSchema, defaultValue: 6 },
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
};

function formatted<K extends SettingKey>(key: K, value: SettingValue<K>): string {
  const format = definitions[key].format as ((value: SettingValue<K>) => string) | undefined;
  return format ? format(value) : String(value);
}

/** A stored value that no longer fits its type (a hand edit, an older rule) gives way to the default. */
function valueOf<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const parsed = definitions[key].schema.safeParse(stored);
  return parsed.success ? parsed.data : definitions[key].defaultValue;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The setting's value: the stored one, or the default in code. Pass a transaction to read inside it. */
export async function getSetting<K extends SettingKey>(key: K, db?: Database): Promise<SettingValue<K>> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
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

/**
 * Changes a setting: permission, validation, write and audit row in one transaction.
 * `expected` is the value the officer saw; if someone changed it in between, nothing is written.
 * Field errors are keyed by the setting's key, so a form field named after it shows them.
 */
export async function updateSetting<K extends SettingKey>(
  ctx: ActionContext,
  key: K,
  value: unknown,
  options: { reason: string; expected?: SettingValue<K> },
): Promise<WriteResult<SettingValue<K>>> {
  const actor = ctx.actor;
  const definition = definitions[key];
  if (!actor || !hasPermission(actor, definition.permission ?? "setting:manage")) forbidden("您没有调整区级设置的权限。");
  const parsed = definition.schema.safeParse(value);
  const reason = options.reason.trim();
  const fieldErrors: Record<string, string[]> = {};
  if (!parsed.success) fieldErrors[key] = parsed.error.issues.map((issue) => issue.message).slice(0, 1);
  const characters = fieldCharacterProblem(reason, "调整原因");
  if (reason.length < 2) fieldErrors.reason = ["请填写调整原因（至少 2 个字）"];
  else if (reason.length > 500) fieldErrors.reason = ["调整原因不超过 500 个字"];
  else if (characters) fieldErrors.reason = [characters];
  if (!parsed.success || fieldErrors.reason) return { ok: false, fieldErrors };
  const next = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await requireRecentVerification(tx, ctx);
    // Two officers changing one setting are taken in turn, even the first time, when it has no row to lock yet.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`setting:${key}`}))`);
    const before = await getSetting(key, tx);
    if (options.expected !== undefined && !sameValue(options.expected, before)) {
      return { ok: false, formError: `${definition.label}已被其他人调整为 ${formatted(key, before)}，请在最新的值上重新操作。` };
    }
    if (sameValue(next, before)) return { ok: false, fieldErrors: { [key]: [`${definition.label}现为 ${formatted(key, before)}，未作改动`] } };
    await tx
      .insert(settings)
      .values({ key, value: next, updatedAt: ctx.now, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: ctx.now, updatedBy: actor.userId } });
    await recordAudit(tx, ctx, {
      action: "setting.update",
      entityType: "setting",
      entityId: key,
      before: { [key]: before },
      after: { [key]: next },
      reason,
    });
    return { ok: true, value: next };
  });
}
