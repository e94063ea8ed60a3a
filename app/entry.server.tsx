import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { redirectDocument } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { checkReplica, closeDb, getDb, isInvalidDataError, replicaConfigured, replicaMaxLagMs, withPublicReads } from "../db/client.server";
import { readsFor, type RequestReads } from "./auth/read-routing";
import { securityHeaders } from "./auth/security-headers";
import { crossSiteRefusal } from "./auth/csrf";
import { allowedMethods, formBodyLimit, maxUploadFileBytes, maxUploadFiles } from "./auth/request-limits";
import { sessionTokenFromCookieHeader, validateSessionToken } from "./auth/session.server";
import { recordAudit } from "./domain/audit/commands.server";
import { noteSubmissionLocation } from "./domain/shared/submissions.server";
import { databaseAvailable, noteFailure, prepareDatabase } from "./domain/shared/availability.server";
import { prepareEmbeddedDatabase } from "./setup/prepare.server";
import { keepCalendar } from "./domain/inspections/calendar.server";
import { deliverMail } from "./domain/reminders/commands.server";
import { invalidData, logInvalidData } from "./domain/shared/invalid-data.server";
import { NonceProvider } from "./ui/nonce";
import { statusPage } from "./ui/status-page.server";
import { wholePage } from "./html-stream.server";
import { answerPublicPage, isCacheablePublicRequest, type PublicAnswer } from "./public-pages.server";

export const streamTimeout = 5000;

const unavailable = {
  title: "服务暂时不可用",
  message: "数据库连接暂时中断，系统正在自动重试。您刚才提交的内容尚未保存：请稍后返回上一页重新提交，表单中的内容仍在浏览器里。",
};

// Requests whose loaders or actions failed because the database is away.
const failedForDatabase = new WeakSet<Request>();

// Requests whose loaders or actions handed the database a value it refused (app/domain/shared/invalid-data.server.ts).
const failedForInvalidData = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (noteFailure(error)) {
    failedForDatabase.add(request);
    console.error("数据库不可用：", (error as Error).message);
    return;
  }
  if (isInvalidDataError(error)) {
    failedForInvalidData.add(request);
    logInvalidData(request, error);
    return;
  }
  console.error(error);
};

/**
 * Single-fetch data requests (`.data`) that failed on invalid data. A page's
 * loaders: the browser loads the page itself, which answers with the 400 page
 * below. An action: the route's error boundary shows the message, as for any
 * badRequest().
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (!failedForInvalidData.has(request)) return response;
  if (request.method === "GET" || request.method === "HEAD") return redirectDocument(pageOf(request));
  return new Response(singleFetchError(400, "Bad Request", invalidData.message), {
    status: 400,
    headers: { "Content-Type": "text/x-script", "X-Remix-Response": "yes" },
  });
};

/** The page a `.data` request loads for: "/officer/audit.data?from=x&_routes=…" is "/officer/audit?from=x". */
function pageOf(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const path = url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  return `${path}${url.search}`;
}

/**
 * An action's thrown error response, encoded as Remix's single fetch encodes
 * `{ error: <ErrorResponse> }` (turbo-stream); tests/unit/invalid-data.test.ts
 * decodes it with Remix's own client decoder.
 */
function singleFetchError(status: number, statusText: string, userMessage: string): string {
  return `${JSON.stringify([{ _1: 2 }, "error", ["ErrorResponse", 3, 6, 7], { _4: 5 }, "userMessage", userMessage, status, statusText])}\n`;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  if (failedForDatabase.has(request)) {
    return new Response(statusPage({ status: 503, ...unavailable, nonce }), {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "10" },
    });
  }
  if (failedForInvalidData.has(request)) {
    return new Response(statusPage({ status: 400, ...invalidData, nonce }), {
      status: 400,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  // Every reader, bot or browser, gets the page whole: nothing on it is deferred.
  return new Promise((resolve, reject) => {
    const { sink, page } = wholePage();
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          clearTimeout(timer);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          page.then((body) => resolve(new Response(body as Uint8Array<ArrayBuffer>, { headers: responseHeaders, status: responseStatusCode })), reject);
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // An error in the shell is onShellError's: Remix answers with its error page and logs it.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}

/* ---- Used by server.mjs: the rules stay in the app, the server is glue. ---- */

export { securityHeaders };
export { bodyLimitFor } from "./auth/request-limits";
export { admitBody, bodyCost } from "./request-budget.server";
export { submissionRequest } from "./auth/submission-request";

/** Where a submission's first answer sent its user (server.mjs reads it off the response). Best effort: a repeat without it goes back to its page. */
export async function noteSubmissionAnswer(key: string, location: string): Promise<void> {
  try {
    await noteSubmissionLocation(key, location);
  } catch (error) {
    noteFailure(error);
  }
}
export { answerPublicPage, isCacheablePublicRequest };
export { withPublicReads, withPrimaryReads } from "../db/client.server";

/**
 * An anonymous reader's GET of a reading page (app/reading), answered before the rest of server.mjs's
 * chain (compression, static files, Remix) after the same checks: the page, with the headers of a page
 * that runs no script, or null for the chain to answer (a signed-in reader, a refusal, a page Remix
 * writes, the database away). Most public reads are these, and the chain's steps cost as much as a kept
 * page's answer.
 */
export async function answerReadingRequest(facts: RequestFacts & { acceptsGzip: boolean; ifNoneMatch: string | null; https: boolean }): Promise<PublicAnswer | null> {
  if (!isCacheablePublicRequest(facts.method, facts.path, facts.cookie)) return null;
  const address = `${facts.https ? "https" : "http"}://${facts.host ?? "localhost"}${facts.path}`;
  // The guard's work (the day's calendar) reads where the page reads, as in the chain.
  const answerPage = async () =>
    (await guardRequest(facts)) ? null : answerPublicPage(address, { acceptsGzip: facts.acceptsGzip, nonce: "", ifNoneMatch: facts.ifNoneMatch }, null);
  const answer = await (requestReads(facts.method, facts.cookie, facts.https).public ? withPublicReads(answerPage) : answerPage());
  if (!answer) return null;
  return { ...answer, headers: { ...readingHeaders(facts.https), ...answer.headers } };
}

const readingHeaders = (https: boolean) => (https ? readingHeadersHttps : readingHeadersHttp);
const readingHeadersHttp = securityHeaders({ nonce: null, development: false, https: false });
const readingHeadersHttps = securityHeaders({ nonce: null, development: false, https: true });

/** Where this request reads (app/auth/read-routing.ts): the replica, if any, for an anonymous GET. */
export function requestReads(method: string, cookie: string | null, https: boolean): RequestReads {
  return readsFor(method, cookie, { replica: replicaConfigured(), replicaLagSeconds: replicaMaxLagMs() / 1000, https });
}

/** A GET whose reads failed because the replica went away (it is out of service now): run it again on the primary. */
export async function failedOnReplica(request: Request): Promise<boolean> {
  return (request.method === "GET" || request.method === "HEAD") && failedForDatabase.has(request) && (await checkReplica());
}

export interface RequestFacts {
  method: string;
  path: string;
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
  accept: string;
  cookie: string | null;
  ip: string | null;
}

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const trustedOrigins = (process.env.TRUSTED_ORIGINS ?? "")
  .split(",")
  .map((o) => o.trim())
  .filter(Boolean);

/** Answers a request before Remix sees it, or returns null to let it through. */
export async function guardRequest(facts: RequestFacts, nonce = ""): Promise<Refusal | null> {
  const wantsJson = facts.path.startsWith("/api/") || !facts.accept.includes("text/html");
  const refusedWhy = crossSiteRefusal({ ...facts, trustedOrigins });
  if (refusedWhy) {
    await recordRefusal(facts, refusedWhy);
    return answer(403, "跨站请求已拒绝", "该请求来自其他网站，为保护您的账号已被拒绝。请从本站页面重新操作。", wantsJson, nonce, "forbidden");
  }
  // A NUL byte can never be stored or searched in PostgreSQL text: refuse it before it becomes a 500.
  if (/%00/i.test(facts.path)) {
    return answer(400, "请求地址无效", "请求地址中含有无效字符（%00），请检查链接或重新输入查询内容。", wantsJson, nonce, "invalid_parameter");
  }
  if (facts.path !== "/healthz" && !(await databaseAvailable())) {
    return {
      ...answer(503, unavailable.title, unavailable.message, wantsJson, nonce, "database_unavailable"),
      headers: { "Retry-After": "10", "Content-Type": wantsJson ? "application/json; charset=utf-8" : "text/html; charset=utf-8" },
    };
  }
  if (facts.path !== "/healthz") await keepCalendarQuietly();
  return null;
}

/**
 * The registry's calendar and the day's reminders run on the first request of a
 * day; if they cannot now, the request goes on and a later one tries again.
 * Waiting e-mail is sent beside requests, at most one batch a minute, never
 * holding a request up.
 */
async function keepCalendarQuietly(): Promise<void> {
  const now = new Date();
  try {
    await keepCalendar(now);
  } catch (error) {
    if (!noteFailure(error)) console.error("The registry's calendar failed:", error);
  }
  if (now.getTime() - mailTriedAt >= 60_000) {
    mailTriedAt = now.getTime();
    deliverMail(now).catch((error: unknown) => {
      if (!noteFailure(error)) console.error("Sending reminder e-mail failed:", error);
    });
  }
}
let mailTriedAt = 0;

const refusals = {
  method: {
    status: 405,
    title: "不支持的请求方式",
    message: "本系统只接受 GET、HEAD 和 POST 请求，请从本站页面进行操作。",
    code: "method_not_allowed",
    headers: { Allow: allowedMethods.join(", ") },
  },
  too_large: {
    status: 413,
    title: "提交的内容过大",
    message: `表单内容不能超过 ${formBodyLimit / 1024 / 1024} MB；上传的文件每个不超过 ${maxUploadFileBytes / 1024 / 1024} MB，一次最多 ${maxUploadFiles} 个。请删减内容或分批上传后重试，已保存的内容不受影响。`,
    code: "payload_too_large",
    headers: {},
  },
  busy: {
    status: 503,
    title: "服务器繁忙",
    message: "当前正在接收的上传内容较多，请稍候片刻后重新提交。已保存的内容不受影响。",
    code: "busy",
    headers: { "Retry-After": "5" },
  },
} as const;

/** Answers given by server.mjs before Remix runs: a method we do not answer, a body over its limit, too many large bodies at once. */
export function requestRefusal(kind: keyof typeof refusals, facts: { path: string; accept: string }, nonce: string): Refusal {
  const refusal = refusals[kind];
  const json = facts.path.startsWith("/api/") || !facts.accept.includes("text/html");
  const page = answer(refusal.status, refusal.title, refusal.message, json, nonce, refusal.code);
  return { ...page, headers: { ...page.headers, ...refusal.headers } };
}

function answer(status: number, title: string, message: string, json: boolean, nonce: string, code: string): Refusal {
  return json
    ? {
        status,
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify({ error: { code, message } }),
      }
    : {
        status,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: statusPage({ status, title, message, nonce }),
      };
}

async function recordRefusal(facts: RequestFacts, why: string) {
  try {
    const now = new Date();
    // The browser sent the user's cookie along: name whose account the forged request tried to use.
    const { actor } = await validateSessionToken(sessionTokenFromCookieHeader(facts.cookie), now);
    const db = await getDb();
    await db.transaction((tx) =>
      recordAudit(
        tx,
        { actor, ip: facts.ip, now },
        { action: "request.refused", entityType: "request", entityId: `${facts.method} ${facts.path}`.slice(0, 200), reason: why },
      ),
    );
  } catch (error) {
    noteFailure(error);
  }
}

/**
 * A response Remix made into a 500 because the database went away while it ran
 * (an API or other resource route: pages already get the 503 page above): the
 * 503 answer instead, so clients know to retry.
 */
export function databaseFailureAnswer(request: Request, status: number, accept: string, nonce: string): Refusal | null {
  if (status !== 500 || !failedForDatabase.has(request)) return null;
  const page = answer(503, unavailable.title, unavailable.message, new URL(request.url).pathname.startsWith("/api/") || !accept.includes("text/html"), nonce, "database_unavailable");
  return { ...page, headers: { ...page.headers, "Retry-After": "10" } };
}

/** For errors raised before Remix runs (a malformed URL): the site's own page, never the framework's. */
export function errorPage(status: number, nonce: string): { headers: Record<string, string>; body: string } {
  const text =
    status === 400
      ? { title: "请求有误", message: "请求的地址或参数不正确，请检查后重试。" }
      : { title: "系统出错了", message: "处理您的请求时发生了意外错误，已记录在案。请稍后重试。" };
  return { headers: { "Content-Type": "text/html; charset=utf-8" }, body: statusPage({ status, ...text, nonce }) };
}

/** Before the server takes traffic: the embedded database prepared, then the database opened (or maintenance mode). */
export async function prepare(): Promise<void> {
  await prepareEmbeddedDatabase();
  await prepareDatabase();
}
export const shutdown = closeDb;
