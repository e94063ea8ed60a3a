/**
 * Each loader and action calls one of these itself: Remix runs parent and
 * child loaders in parallel, so a check in a layout protects nothing below it.
 */
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type AppLoadContext,
} from "@remix-run/node";
import type { ActionContext } from "../domain/shared/context";
import { maxUploadFieldBytes, maxUploadFiles } from "./request-limits";
import { safeRedirect } from "./safe-redirect";
import { submissionRequest, withResubmittedNotice } from "./submission-request";
import { earlierSubmission } from "../domain/shared/submissions.server";

export { safeRedirect };
import { badRequest, forbidden } from "../domain/shared/errors";
import { withoutControlCharacters } from "../domain/shared/text-input";
import { hasPermission, type Actor, type Permission } from "./permissions";
import {
  clearedSessionCookie,
  readSessionToken,
  validateSessionToken,
  type SessionLookup,
} from "./session.server";

// Look the session up once per request. Remix hands each loader of a page its own copy of the
// Request, so the copies are matched by the session token while its lookup is under way (the
// loaders run together); a later call on the same copy reuses that copy's answer.
const lookups = new WeakMap<Request, Promise<SessionLookup>>();
const underWay = new Map<string, Promise<SessionLookup>>();

function lookupSession(request: Request): Promise<SessionLookup> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const token = readSessionToken(request);
    lookup = token ? underWay.get(token) : undefined;
    if (!lookup) {
      lookup = validateSessionToken(token, new Date());
      if (token) {
        underWay.set(token, lookup);
        const done = () => underWay.delete(token);
        lookup.then(done, done);
      }
    }
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function getActor(request: Request): Promise<Actor | null> {
  return (await lookupSession(request)).actor;
}

export const passwordChangePath = "/account/password";

export async function requireActor(request: Request): Promise<Actor> {
  const lookup = await lookupSession(request);
  const url = new URL(request.url);
  if (!lookup.actor) {
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    if (lookup.reason === "idle" || lookup.reason === "expired") params.set("reason", "expired");
    throw redirect(`/login?${params}`, {
      headers:
        lookup.reason === "missing" ? {} : { "Set-Cookie": clearedSessionCookie(isSecureRequest(request)) },
    });
  }
  if (lookup.actor.mustChangePassword && url.pathname !== passwordChangePath) {
    throw redirect(passwordChangePath);
  }
  await answerRepeatedSubmission(request, lookup.actor);
  return lookup.actor;
}

export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireActor(request);
  if (!hasPermission(actor, permission)) forbidden();
  return actor;
}

/**
 * The permission one of a page's forms needs, asked once the actor and the row
 * are known (the intent is read from the form): a 403, as without the page's.
 */
export function requireGrant(actor: Actor, permission: Permission): Actor {
  if (!hasPermission(actor, permission)) forbidden();
  return actor;
}

/** The statistics reports gather party and village-posting figures: they need both permissions. */
export async function requireReportReader(request: Request): Promise<Actor> {
  const actor = await requirePermission(request, "party:manage");
  if (!hasPermission(actor, "posting:monitor")) {
    forbidden("统计报表汇总党建和村务公开数据，需要同时具有党建覆盖和村务公开监督的权限。");
  }
  return actor;
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export function clientIp(context: AppLoadContext): string | null {
  return context.clientIp ?? null;
}

/** The context a domain write needs: who, from where, when, and the submission's one-time key. */
export function actionContext(context: AppLoadContext, actor: Actor | null): ActionContext {
  const posted = context.submission;
  const submission =
    posted && actor
      ? { key: posted.key, userId: actor.userId, path: posted.path, replay: (location: string | null) => replayAnswer(location ?? posted.returnTo) }
      : undefined;
  return { actor, ip: clientIp(context), now: new Date(), submission };
}

/** The answer to a submission that was already saved: on to where the first answer went, saying why. */
function replayAnswer(location: string): Response {
  return redirect(withResubmittedNotice(location), 303);
}

/**
 * A form sent again after its first sending was saved (a retry after an error
 * page, a second click) is answered as the first was, before anything runs.
 */
async function answerRepeatedSubmission(request: Request, actor: Actor): Promise<void> {
  if (request.method !== "POST") return;
  const posted = submissionRequest(new URL(request.url), request.headers.get("Referer"));
  if (!posted) return;
  const earlier = await earlierSubmission(posted.key, actor.userId);
  if (earlier) throw replayAnswer(earlier.location ?? posted.returnTo);
}

class TooManyFiles extends Error {}

/**
 * What no form field may hold: C0 controls other than tab, line feed and
 * carriage return, and DEL (PostgreSQL cannot store NUL; the rest are
 * invisible), and U+FFFD, which is what the form decoder makes of bytes that
 * are not UTF-8: keeping it would silently store something the user never sent.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const unreadableText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

export const unreadableTextMessage = "提交的内容含有无效字符（如 NUL 或无法识别的编码），请删除后重新提交。";

/** A 400 for a form with such a character in any field's name or text value; nothing has been stored yet. */
function refuseUnreadableText(form: FormData): FormData {
  for (const [name, value] of form) {
    if (unreadableText.test(name) || (typeof value === "string" && unreadableText.test(value))) badRequest(unreadableTextMessage);
  }
  return form;
}

/** The posted form; a body that is not a form, or a field with unreadable text, is a 400, not a 500. */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest("提交的内容不是有效的表单。");
  }
  return refuseUnreadableText(form);
}

/**
 * A multipart form with its files read into memory. A file over `maxBytes`
 * or more than `maxFiles` files are reported (`refusal`) rather than thrown,
 * so the form can say why. Text fields are held to readForm's rule; a file's
 * name comes from the user's disk rather than their keyboard, so its control
 * characters are dropped instead.
 */
export async function readUploads(
  request: Request,
  maxBytes: number,
  maxFiles = maxUploadFiles,
): Promise<{ form: FormData; files: Array<{ name: string; content: Uint8Array }>; refusal: string | null }> {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes + 1 });
  const field = unstable_createMemoryUploadHandler({ maxPartSize: maxUploadFieldBytes });
  let fileParts = 0;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, (part) => {
      // Stop reading once a request carries more files than a form may: each is held in memory.
      if (part.filename && ++fileParts > maxFiles) throw new TooManyFiles();
      return part.filename === undefined ? field(part) : memory(part);
    });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      if (error.maxBytes === maxUploadFieldBytes) badRequest("表单中的文字内容过长，请删减后重新提交。");
      return { form: new FormData(), files: [], refusal: `单个文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩或拆分后再上传` };
    }
    if (error instanceof TooManyFiles) return { form: new FormData(), files: [], refusal: `一次最多上传 ${maxFiles} 个文件` };
    badRequest("上传的内容无法读取，请重新选择文件上传。");
  }
  refuseUnreadableText(form);
  const files: Array<{ name: string; content: Uint8Array }> = [];
  for (const entry of form.getAll("files")) {
    if (typeof entry !== "string" && entry.size > 0) {
      files.push({ name: withoutControlCharacters(entry.name) || "未命名文件", content: new Uint8Array(await entry.arrayBuffer()) });
    }
  }
  return { form, files, refusal: null };
}
