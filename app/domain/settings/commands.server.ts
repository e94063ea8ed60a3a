/** Changing a district setting (queries.server.ts has each setting's type, default and reads). */
import { sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { settings } from "../../../db/schema";
import { hasPermission } from "../../auth/permissions";
import { confirmFromForm, requireRecentVerification, reverifyRefusal, unlessStale, type ReverifyPrompt } from "../../auth/verification.server";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import { forbidden, type WriteResult } from "../shared/errors";
import { fieldCharacterProblem } from "../shared/text-input";
import { definitions, getSetting, type SettingKey, type SettingValue } from "./queries.server";

function formatted<K extends SettingKey>(key: K, value: SettingValue<K>): string {
  const format = definitions[key].format as ((value: SettingValue<K>) => string) | undefined;
  return format ? format(value) : String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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

/** How a settings form's change was refused: the page's answer status, and the re-verify prompt when the password was the reason. */
export type SettingFormRefusal = { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; init: { status: number; headers?: Record<string, string> }; reverify: ReverifyPrompt | null };

/**
 * A setting changed from its page, as every settings page does it: a password
 * given with the form is checked first, then the change is made on the value
 * the officer saw (updateSetting); a verification that lapsed meanwhile asks
 * for the password again rather than failing.
 */
export async function changeSettingFromForm<K extends SettingKey>(
  ctx: ActionContext,
  form: FormData,
  key: K,
  value: unknown,
  options: { reason: string; expected?: SettingValue<K> },
): Promise<{ ok: true; value: SettingValue<K> } | SettingFormRefusal> {
  const check = await confirmFromForm(ctx, form);
  if (check && !check.ok) {
    const refusal = reverifyRefusal(check);
    return { ok: false, init: refusal.init, reverify: refusal.reverify };
  }
  const attempt = await unlessStale(() => updateSetting(ctx, key, value, options));
  if (attempt.stale) {
    const refusal = reverifyRefusal("stale");
    return { ok: false, init: refusal.init, reverify: refusal.reverify };
  }
  const outcome = attempt.value;
  return outcome.ok ? outcome : { ...outcome, init: { status: outcome.formError ? 409 : 400 }, reverify: null };
}
