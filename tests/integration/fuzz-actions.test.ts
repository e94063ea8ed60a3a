/**
 * Every route with an action, driven with generated bodies through the
 * production server: whatever is posted, the answer is never a 5xx and never
 * shows internals. The routes come from the build (build/server/index.js
 * exports them), so a new action is fuzzed without anyone listing it here.
 *
 * First a sweep: every field of every form a page renders, sent by someone
 * who may post there with the rest of the form filled in as a user would,
 * meets each of NUL, invalid UTF-8, 2147483648, -1.5, 0000-01-01 and
 * 2026-02-30 once. Then generated cases (fast-check, fixed seed), the same
 * number per action: the URL parameters filled with real ids from the demo
 * district or with junk; each role that can reach the page, and anonymous;
 * the page's forms for that role (field names, hidden values, the intents of
 * its buttons) with fields changed to NUL and other controls, invalid UTF-8,
 * huge, negative and fractional numbers, impossible dates, long text, empty
 * values, or dropped, repeated, unknown fields and intents; sent urlencoded
 * (percent-encoded and raw bytes) or multipart (with files), as a document
 * request or a single-fetch one. Last, every loader (pages, data requests,
 * resource routes) with junk in its query string, as each role of its area.
 *
 * FUZZ_CASES sets the cases per action; FUZZ_VERBOSE=1 prints the forms and
 * the statuses per action; FUZZ_TRACE=<part of a route id> every request to it.
 */
import { Buffer } from "node:buffer";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { queryRows, type Database } from "../../db/client.server";
import { users } from "../../db/schema";
import { startApplication } from "../../app/domain/applications/commands.server";
import { previewImport } from "../../app/domain/imports/commands.server";
import { hashPassword } from "../../app/auth/password.server";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor } from "../setup/demo";
import { demoUsers, startServedDemo, type DemoUser, type ServedDemo } from "../setup/served-demo";

const seed = 20260604;
/**
 * Generated cases per action. PGlite and PostgreSQL are one engine, so what a
 * generated body can break is found on the first; the second run keeps the
 * whole sweep (where the drivers differ in what they report) and fewer cases.
 */
const casesPerAction = Number(process.env.FUZZ_CASES ?? (process.env.TEST_DB_KIND === "postgres" ? 10 : 30));

type Visitor = "anonymous" | DemoUser;
const visitors: Visitor[] = ["anonymous", ...demoUsers];

interface Facts {
  /** Real values for a route's URL parameters, by route id and parameter name. */
  params: Record<string, Record<string, string[]>>;
  today: string;
}

interface BuiltRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown; loader?: unknown; default?: unknown };
}

interface ActionRoute {
  id: string;
  /** "/officer/users/:id" */
  pattern: string;
  index: boolean;
  hasPage: boolean;
}

/** The URL patterns of every route with an action (or, `of: "loader"`, with a loader), from the production build. */
async function builtRoutes(of: "action" | "loader"): Promise<ActionRoute[]> {
  const file = path.resolve("build/server/index.js");
  if (!fs.existsSync(file)) throw new Error("No production build: run `npm run build` first (npm test does).");
  const build = (await import(pathToFileURL(file).href)) as { routes: Record<string, BuiltRoute> };
  const patternOf = (route: BuiltRoute): string => {
    const parent = route.parentId ? build.routes[route.parentId] : undefined;
    const base = parent ? patternOf(parent) : "";
    return route.path ? `${base.replace(/\/$/, "")}/${route.path}` : base || "/";
  };
  return Object.values(build.routes)
    .filter((r) => typeof r.module[of] === "function")
    .map((r) => ({ id: r.id, pattern: patternOf(r), index: r.index === true, hasPage: typeof r.module.default === "function" }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/* ------------------------------------------------------------------ the demo district */

async function prepare(db: Database): Promise<Facts> {
  const ids = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: number | string }>(db, query)).map((r) => String(r.id));
  // Accounts the administrator's forms may change: never the demo accounts whose sessions the fuzz uses.
  const passwordHash = await hashPassword("fuzz-pass-2026!");
  const spare = await db
    .insert(users)
    .values(["fuzz_a", "fuzz_b"].map((username) => ({ username, displayName: `测试账号${username}`, role: "district_officer" as const, passwordHash })))
    .returning({ id: users.id });
  // Import batches to confirm or discard: one of organizations (the officer's), one of communities (the administrator's).
  const csv = (lines: string[][]) => new TextEncoder().encode(lines.map((l) => l.join(",")).join("\r\n"));
  const batches: string[] = [];
  for (const [username, kind, content] of [
    ["officer", "organizations", csv([["名称", "类型", "统一社会信用代码", "登记日期", "所属社区（村）", "类别"], ["模糊测试协会", "社区社会组织", "", "2024-01-01", "象峰社区", "文体活动"]])],
    ["admin", "communities", csv([["区划代码", "名称", "类型", "所属街道（镇）", "户数", "人口"], ["350502001077", "模糊测试社区", "社区", "开元街道", "100", "300"]])],
  ] as const) {
    const result = await previewImport(contextOf(await demoActor(username)), { kind, fileName: "fuzz.csv", content });
    if (!result.ok) throw new Error(`import preview failed: ${JSON.stringify(result)}`);
    batches.push(String(result.value.id));
  }
  // Drafts their applicants can still edit: a change for the association, a community filing for the street officer.
  const drafts: string[] = [];
  for (const [username, kind] of [["assoc", "change"], ["street", "filing"]] as const) {
    const started = await startApplication(contextOf(await demoActor(username)), { kind });
    if (!started.ok) throw new Error(`could not start a ${kind}: ${JSON.stringify(started)}`);
    drafts.push(String(started.value.id));
  }
  const applicationIds = [...drafts, ...(await ids(sql`select min(id) as id from applications group by state, kind order by 1`))];
  const organizationIds = [
    ...(await ids(sql`select organization_id as id from users where username = 'assoc'`)),
    ...(await ids(sql`select min(o.id) as id from organizations o group by o.street_id, o.status order by 1 limit 4`)),
  ];
  const postingIds = await ids(sql`select min(p.id) as id from postings p group by p.place_id, p.status order by 1 limit 6`);
  const years = await ids(sql`select year as id from inspection_years order by year`);
  const reportIds = await ids(sql`select min(id) as id from inspection_reports group by year, state order by 1`);
  const reportYears = await ids(sql`select distinct year as id from inspection_reports order by 1`);
  return {
    today: shanghaiDate(new Date()),
    params: {
      "routes/officer.applications.$id": { id: applicationIds },
      "routes/org.applications.$id": { id: applicationIds },
      "routes/officer.orgs.$id": { id: organizationIds },
      "routes/officer.orgs.$id_.correct": { id: organizationIds },
      "routes/officer.users.$id": { id: spare.map((u) => String(u.id)) },
      "routes/village.postings.$id": { id: postingIds },
      "routes/officer.inspections.$year._index": { year: years },
      "routes/officer.inspections.$year.reports.$reportId": { year: reportYears, reportId: reportIds },
      "routes/org.inspections.$year": { year: [...years, String(Number(years.at(-1) ?? 2025) + 1)] },
      "routes/officer.import_.$batchId": { batchId: batches },
      "routes/officer.import_.$batchId_.confirm": { batchId: batches },
      "routes/officer.communities_.$code": { code: ["350502001001", "350502100201", "350502002001"] },
      "routes/$": { "*": ["no-such-page", "officer/nothing"] },
    },
  };
}

/** Junk for any URL parameter: it must be a 404 (or 400), never a 500. */
const junkParams = ["0", "-1", "2147483648", "2147483647", "99999999999999999999", "1.5", "1e3", "0x1F", "007", "abc", "%20", "%C3%28", "%FF", "%E2%80%AE", "%EF%BC%91", "0000", "99999", "%00", "9".repeat(400)];

/* ------------------------------------------------------------------ the pages' forms */

interface Field {
  name: string;
  value: string;
  /** The input's type ("text", "date", "number", "textarea", "select", ...): an empty field is filled as a user would. */
  type?: string;
}

interface HarvestedForm {
  multipart: boolean;
  fields: Field[];
  /** The submit buttons' name=value pairs: one is sent, like a click. */
  submitters: Field[];
}

interface Target {
  /** The path with its parameters filled in, ready for the URL. */
  path: string;
  real: boolean;
  /** Who gets a page here (200). */
  reaching: Visitor[];
  /** Who may post here: an empty post is refused for what it lacks, not with 403. */
  writers: Visitor[];
  forms: HarvestedForm[];
}

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return m ? decodeEntities(m[1]!) : null;
};

/** The POST forms of a page that post back to the page itself, with their fields' initial values. */
function formsOf(html: string, pagePath: string): HarvestedForm[] {
  const forms: HarvestedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = match[1]!;
    const body = match[2]!;
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open, "action");
    if (action && new URL(action, "http://x").pathname !== pagePath) continue;
    const fields: Field[] = [];
    const submitters: Field[] = [];
    for (const tag of body.matchAll(/<(input|button|select|textarea)\b([^>]*)>/gi)) {
      const [, kind, rest] = tag;
      const name = attr(rest!, "name");
      if (!name) continue;
      const type = (attr(rest!, "type") ?? (kind === "button" ? "submit" : "text")).toLowerCase();
      if (kind === "button" || type === "submit") {
        submitters.push({ name, value: attr(rest!, "value") ?? "" });
      } else if (kind === "textarea") {
        const content = new RegExp(`<textarea\\b[^>]*name="${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</textarea>`, "i").exec(body);
        fields.push({ name, value: decodeEntities(content?.[1] ?? ""), type: "textarea" });
      } else if (kind === "select") {
        const select = body.slice(tag.index!).split(/<\/select>/i)[0]!;
        const options = [...select.matchAll(/<option\b([^>]*)>/gi)].map((o) => o[1]!);
        // The selected option, unless that is the empty "请选择": then the first real choice, as a user would pick.
        const chosen = options.find((o) => / selected/i.test(o) && attr(o, "value")) ?? options.find((o) => attr(o, "value")) ?? options[0];
        fields.push({ name, value: chosen ? (attr(chosen, "value") ?? "") : "", type: "select" });
      } else if (type === "checkbox" || type === "radio") {
        if (/\schecked/i.test(rest!)) fields.push({ name, value: attr(rest!, "value") ?? "on" });
      } else if (type !== "file") {
        fields.push({ name, value: attr(rest!, "value") ?? "", type });
      }
    }
    forms.push({ multipart: (attr(open, "enctype") ?? "").includes("multipart"), fields, submitters });
  }
  return forms;
}

/** Values a user would type into fields the type alone does not describe. */
const typical: Record<string, string> = {
  username: "fuzz.user",
  phone: "13800138000",
  contactPhone: "0595-22881234",
  period: "2025-03",
  title: "模糊测试公示",
  uscc: "51350502MJ0010371X",
};

/** What a user would type into an empty field of that type, so that a case gets past "required" to the value it mutates. */
function filled(field: Field, today: string): string {
  if (field.value !== "") return field.value;
  if (typical[field.name]) return typical[field.name]!;
  switch (field.type) {
    case "date":
      return today;
    case "number":
      return "1";
    case "password":
      return "Fuzz-pass-2026!x";
    case "email":
      return "fuzz@example.com";
    case "tel":
      return "13800138000";
    case "hidden":
      return "";
    default:
      return /date|On$/.test(field.name) ? today : /count|number|members|year|amount|total|income|expenditure|assets|staff|volunteers|voters|votes|area/i.test(field.name) ? "1" : "模糊测试内容";
  }
}

/* ------------------------------------------------------------------ generated values */

const encoder = new TextEncoder();
type Bytes = Uint8Array;
const text = (s: string): Bytes => encoder.encode(s);

const nul = ["\u0000", "a\u0000b", "名称\u0000", "\u0000\u0000\u0000", "2026-01-01\u0000", "1\u0000"];
const controls = ["\u0001", "\u0008", "\u000b", "\u000c", "\u001b[31m", "\u001f", "\u007f", "名称\u0000", "\u0085", "\u2028", "\u202e反转", "\ufeff", "\ufffd", "\t", "\r\n", "a\rb"];
const numbers = ["2147483648", "-2147483649", "2147483647", "-2147483648", "9007199254740993", "99999999999999999999999", "1e309", "-1e309", "1e3", "-1", "0", "-0", "1.5", "0.01", "-0.5", "NaN", "Infinity", "0x10", "0b11", "１２３", "1_000", " 7 ", "+5", "1,000", "10000000000000"];
const dates = ["0000-01-01", "0001-01-01", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-00", "9999-12-31", "10000-01-01", "1899-12-31", "2101-01-01", "-0001-01-01", "2026-1-1", "2026/02/30", "2026年2月30日", "2026-02-30T25:61:00Z", "0000-01", "0000-Q1", "0000", "2026-Q9", "2026-W53"];
const oddText = ["", " ", "null", "undefined", "true", "[]", "{}", "[object Object]", "<script>alert(1)</script>", "' or 1=1 --", "%00", "../../etc/passwd", "😀", "𠀀𠀁", "\u{10ffff}", "=cmd|' /C calc'!A0", "__proto__", "constructor"];
/** Byte sequences that are not UTF-8: a browser's form decoder makes U+FFFD of them. */
const invalidUtf8: number[][] = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xe6, 0xb5]];

function realistic(facts: Facts): string[] {
  const ids = Object.values(facts.params).flatMap((p) => Object.values(p).flat());
  return [...new Set([...ids, "1", "2", "3", facts.today, "2025-06-30", "2025", "2025-03", "2025-Q1", "on", "测试协会", "鲤城区测试协会", "350502001001", "350502100201", "开元街道", "officer", "admin", "social_group", "filing", "approve", "return", "accept", "reject", "qualified", "submitted"])];
}

function valueArbitrary(facts: Facts): fc.Arbitrary<Bytes> {
  const around = (bytes: number[]) =>
    fc.tuple(fc.constantFrom("", "abc", "测试"), fc.constantFrom("", "1", "名")).map(([a, b]) => Uint8Array.from([...text(a), ...bytes, ...text(b)]));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...nul).map(text) },
    { weight: 3, arbitrary: fc.constantFrom(...controls).map(text) },
    { weight: 4, arbitrary: fc.constantFrom(...invalidUtf8).chain(around) },
    { weight: 4, arbitrary: fc.constantFrom(...numbers).map(text) },
    { weight: 4, arbitrary: fc.constantFrom(...dates).map(text) },
    { weight: 2, arbitrary: fc.constantFrom(...oddText).map(text) },
    { weight: 3, arbitrary: fc.constantFrom(...realistic(facts)).map(text) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map((n) => text(String(n))) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => text(String(n))) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }).map(text) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }) },
    // Long text, within the 1 MB a request may carry.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "测", "9", "\n"), fc.constantFrom(300, 5_000, 60_000, 250_000)).map(([c, n]) => text(c.repeat(n))) },
  );
}

const unknownNames = ["intent", "version", "id", "fileId", "_action", "__proto__", "constructor", "prototype", "redirectTo", "files", "file", "rows[0].name", "members[99999999999].name", "a[]", "", "名称", "\u0000", "x".repeat(300)];
const unknownIntents = ["", "nope", "DELETE", "publish-all", "__proto__", "save ", "Save", "approve\u0000", "../confirm", "toString"];

type Mutation =
  | { kind: "set"; at: number; value: Bytes }
  | { kind: "drop"; at: number }
  | { kind: "add"; name: string; value: Bytes }
  | { kind: "repeat"; at: number; value: Bytes };

interface Case {
  /** The client's address (the server trusts the loopback proxy's X-Forwarded-For). */
  address: number;
  target: number;
  visitor: number;
  form: number;
  submitter: number;
  intent: string | null;
  mutations: Mutation[];
  encoding: "urlencoded" | "urlencoded-raw" | "multipart";
  files: Array<{ name: Bytes; type: string; content: Bytes }>;
  mode: "document" | "data";
}

function caseArbitrary(facts: Facts, names: string[]): fc.Arbitrary<Case> {
  const value = valueArbitrary(facts);
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(names.length ? names : ["intent"])) }, { weight: 1, arbitrary: fc.constantFrom(...unknownNames) });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("add" as const), name, value }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), value }) },
  );
  const file = fc.record({
    name: fc.oneof(fc.constantFrom("a.pdf", "名录.csv", "x.png", "").map(text), value),
    type: fc.constantFrom("application/pdf", "text/csv", "image/png", "application/octet-stream", ""),
    content: fc.oneof(
      fc.constantFrom(text("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), text("名称,类型\r\n测,社会团体\r\n"), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      fc.uint8Array({ maxLength: 64 }),
    ),
  });
  return fc.record({
    address: fc.integer({ min: 1, max: 0xfffffe }),
    target: fc.nat(),
    visitor: fc.nat(),
    form: fc.nat(),
    submitter: fc.nat(),
    intent: fc.option(fc.constantFrom(...unknownIntents), { freq: 6 }),
    // Mostly one field changed in an otherwise sensible form, so the change reaches the code behind the first check.
    mutations: fc.oneof({ weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 5 }) }),
    encoding: fc.constantFrom("urlencoded" as const, "urlencoded-raw" as const, "multipart" as const),
    files: fc.array(file, { maxLength: 2 }),
    mode: fc.constantFrom("document" as const, "data" as const),
  });
}

/* ------------------------------------------------------------------ bodies */

const unreserved = /[A-Za-z0-9\-._~]/;
function percentEncode(bytes: Bytes, raw: boolean): string {
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    // Raw: bytes go as they are except the few that would change the form's shape.
    if (raw ? !"&=%+".includes(c) && b >= 0x20 : unreserved.test(c)) out += c;
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function urlencoded(fields: Array<[Bytes, Bytes]>, raw: boolean): Buffer {
  const parts = fields.map(([n, v]) => `${percentEncode(n, raw)}=${percentEncode(v, raw)}`);
  // latin1 keeps each char as one byte: raw mode sends the bytes themselves.
  return Buffer.from(parts.join("&"), "latin1");
}

function multipart(fields: Array<[Bytes, Bytes]>, files: Case["files"], boundary: string): Buffer {
  const quoted = (bytes: Bytes) => Buffer.from(bytes).toString("latin1").replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`, "latin1"), Buffer.from(value), Buffer.from("\r\n"));
  }
  for (const file of files) {
    const type = file.type ? `\r\nContent-Type: ${file.type}` : "";
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${quoted(file.name)}"${type}\r\n\r\n`, "latin1"), Buffer.from(file.content), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/* ------------------------------------------------------------------ the run */

interface Answer {
  status: number;
  setCookie: string;
  location: string;
  body: Buffer;
}

/**
 * One POST on a connection of its own, as from a browser's fresh connection,
 * so that a dropped connection is charged to the case that dropped it. (Reuse
 * of a connection after an early answer is request-limits.test.ts's concern.)
 */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent: false, headers: { ...headers, "Content-Length": String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const cookies = response.headers["set-cookie"] ?? [];
        resolve({ status: response.statusCode ?? 0, setCookie: cookies.join("\n"), location: response.headers.location ?? "", body: Buffer.concat(chunks) });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

let demo: ServedDemo<Facts>;
let routes: ActionRoute[];
let pages: ActionRoute[];
const targets = new Map<string, Target[]>();
/**
 * Each visitor's sessions, the one in use first; a session that a response
 * ends is dropped. Actions that sign out (logout) get sessions of their own.
 */
const sessionPools = { general: new Map<Visitor, string[]>(), signingOut: new Map<Visitor, string[]>() };
type Pool = keyof typeof sessionPools;
const signsOut = new Set<string>();

function cookieOf(visitor: Visitor, pool: Pool = "general"): string | undefined {
  const token = sessionPools[pool].get(visitor)?.[0];
  return token ? `cr_session=${token}` : undefined;
}

/** After a response that cleared the session cookie: that session is gone, take the next. */
function noteSignedOut(visitor: Visitor, pool: Pool, answer: Answer) {
  if (/cr_session=;/.test(answer.setCookie)) sessionPools[pool].get(visitor)?.shift();
}

function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)|\*/g, (whole, name: string | undefined) => values[name ?? "*"] ?? whole);
}

/** Every combination of the given values for the pattern's parameters (at most `limit`). */
function combinations(pattern: string, choices: Record<string, string[]>, limit: number): Array<Record<string, string>> {
  const names = [...pattern.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? "*");
  let combos: Array<Record<string, string>> = [{}];
  for (const name of names) combos = combos.flatMap((c) => (choices[name] ?? ["1"]).map((v) => ({ ...c, [name]: v })));
  return combos.slice(0, limit);
}

/** Who may plausibly reach a page: its area's roles (the others get 403 or a redirect, which the fuzz still sends). */
function likelyVisitors(pattern: string): Visitor[] {
  if (pattern.startsWith("/officer")) return ["admin", "officer", "street"];
  if (pattern.startsWith("/org")) return ["assoc"];
  if (pattern.startsWith("/village")) return ["clerk", "supervisor"];
  return visitors;
}

async function harvest(route: ActionRoute, facts: Facts): Promise<Target[]> {
  const real = combinations(route.pattern, facts.params[route.id] ?? {}, 8);
  const found: Target[] = [];
  for (const values of real) {
    const pagePath = fillPattern(route.pattern, values);
    const target: Target = { path: pagePath, real: true, reaching: [], writers: [], forms: [] };
    for (const visitor of likelyVisitors(route.pattern)) {
      const cookie = cookieOf(visitor);
      const url = `${demo.server.base}${pagePath}${route.index ? "?index" : ""}`;
      if (route.hasPage) {
        const response = await fetch(url, { redirect: "manual", headers: { Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) } });
        const html = await response.text();
        if (response.status !== 200) continue;
        target.reaching.push(visitor);
        target.forms.push(...formsOf(html, pagePath));
      }
      if (visitor === "anonymous") continue;
      const probe = await post(url, Buffer.alloc(0), { Origin: demo.server.base, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html", Cookie: cookie! });
      if (probe.status !== 403 && !probe.location.startsWith("/login")) target.writers.push(visitor);
      if (/cr_session=;/.test(probe.setCookie)) signsOut.add(route.id);
      noteSignedOut(visitor, "general", probe);
    }
    found.push(target);
  }
  // Junk in each parameter in turn (the others real), and in all of them at once.
  const names = [...route.pattern.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? "*");
  const base = real[0] ?? {};
  for (const junk of junkParams) {
    for (const name of names) found.push({ path: fillPattern(route.pattern, { ...base, [name]: junk }), real: false, reaching: [], writers: [], forms: [] });
  }
  return found;
}

beforeAll(async () => {
  routes = await builtRoutes("action");
  pages = await builtRoutes("loader");
  // Enough for every case of a signing-out action to end one, whoever it picks.
  const forSigningOut = casesPerAction;
  demo = await startServedDemo({ sessionsPerUser: 20 + forSigningOut, prepare, env: { TRUST_PROXY: "loopback" } });
  for (const visitor of demoUsers) {
    sessionPools.general.set(visitor, demo.sessions[visitor].slice(0, 20));
    sessionPools.signingOut.set(visitor, demo.sessions[visitor].slice(20));
  }
  for (const route of routes) targets.set(route.id, await harvest(route, demo.facts));
  if (process.env.FUZZ_VERBOSE) {
    for (const [id, list] of targets) {
      const forms = list.flatMap((t) => t.forms);
      const seen = new Set<string>();
      for (const f of forms) {
        const line = `${f.fields.map((x) => `${x.name}=${filled(x, demo.facts.today).slice(0, 20)}`).join("&")} | ${f.submitters.map((x) => `${x.name}=${x.value}`).join(",")}`;
        if (!seen.has(line)) console.log(`${id}: ${line}`);
        seen.add(line);
      }
    }
  }
}, 300_000);

afterAll(async () => {
  await demo?.stop();
});

interface Outcome {
  route: string;
  status: number;
  request: string;
  body: string;
}

interface Sending {
  route: ActionRoute;
  target: Target;
  visitor: Visitor;
  fields: Array<[Bytes, Bytes]>;
  encoding: Case["encoding"];
  files: Case["files"];
  mode: Case["mode"];
  address: number;
}

/** What every request has met so far. */
const tally = {
  requests: 0,
  statuses: new Map<number, number>(),
  byRoute: {} as Record<string, Record<string, number>>,
  failures: [] as Outcome[],
};

/** Targets whose page may have changed since its forms were read: anything but a refusal may have saved something. */
const changed = new WeakSet<Target>();

/** Sends one case and notes what came back: a 5xx, no answer at all, or internals in the answer are failures. */
async function send(c: Sending): Promise<void> {
  const boundary = `----fuzz${tally.requests}`;
  const body = c.encoding === "multipart" ? multipart(c.fields, c.files, boundary) : urlencoded(c.fields, c.encoding === "urlencoded-raw");
  const contentType = c.encoding === "multipart" ? `multipart/form-data; boundary=${boundary}` : "application/x-www-form-urlencoded";
  const url = `${demo.server.base}${c.target.path}${c.mode === "data" ? (c.target.path === "/" ? "_root.data" : ".data") : ""}${c.route.index ? "?index" : ""}`;
  const pool: Pool = signsOut.has(c.route.id) ? "signingOut" : "general";
  const cookie = cookieOf(c.visitor, pool);
  const described = () =>
    `${c.visitor} POST ${url.slice(demo.server.base.length)} ${c.encoding} ${JSON.stringify(c.fields.map(([n, v]) => [Buffer.from(n).toString("utf8").slice(0, 40), Buffer.from(v).toString("utf8").slice(0, 60)]))}`;
  tally.requests++;
  let response: Answer;
  try {
    response = await post(url, body, {
      Origin: demo.server.base,
      "Content-Type": contentType,
      Accept: c.mode === "document" ? "text/html" : "*/*",
      "X-Forwarded-For": `10.${c.address >> 16}.${(c.address >> 8) & 255}.${c.address & 255}`,
      ...(cookie ? { Cookie: cookie } : {}),
    });
  } catch (error) {
    // No answer at all: the connection was dropped, or the server is gone.
    tally.failures.push({ route: c.route.id, status: 0, request: described(), body: String((error as Error).cause ?? error) });
    tally.statuses.set(0, (tally.statuses.get(0) ?? 0) + 1);
    if (demo.server.process.exitCode !== null) throw new Error(`the server exited:\n${demo.server.output().slice(-4000)}`);
    return;
  }
  const answer = response.body.toString("utf8");
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  const perRoute = (tally.byRoute[c.route.id] ??= {});
  const key = response.status === 302 && response.location.startsWith("/login") ? "login" : String(response.status);
  perRoute[key] = (perRoute[key] ?? 0) + 1;
  if (cookie) noteSignedOut(c.visitor, pool, response);
  if (![400, 403, 404].includes(response.status)) changed.add(c.target);
  const leak = /Failed query|DrizzleQueryError|PostgresError|node_modules|\n\s+at \S+ \(/.test(answer);
  if (process.env.FUZZ_TRACE && c.route.id.includes(process.env.FUZZ_TRACE)) console.log(`${response.status} ${described().slice(0, 300)} → ${answer.replace(/\s+/g, " ").match(/role="alert"[^]*?<\/p>/)?.[0]?.slice(0, 200) ?? ""}`);
  if (response.status >= 500 || leak) tally.failures.push({ route: c.route.id, status: response.status, request: described(), body: answer.slice(0, 300) });
}

/** The page's form that has `field` and is most like `like`, as `visitor` sees the page now; null when it has none. */
async function currentForm(route: ActionRoute, target: Target, visitor: Visitor, like: HarvestedForm, field: string): Promise<HarvestedForm | null> {
  const cookie = cookieOf(visitor);
  const response = await fetch(`${demo.server.base}${target.path}${route.index ? "?index" : ""}`, { redirect: "manual", headers: { Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) } });
  const html = await response.text();
  if (response.status !== 200) return null;
  const names = new Set(like.fields.map((f) => f.name));
  const overlap = (f: HarvestedForm) => f.fields.filter((x) => names.has(x.name)).length;
  return (
    formsOf(html, target.path)
      .filter((f) => f.fields.some((x) => x.name === field))
      .sort((a, b) => overlap(b) - overlap(a))[0] ?? null
  );
}

/** The bad values each field meets once in the sweep. */
const sweepValues: Array<{ label: string; value: Bytes; encoding: Case["encoding"] }> = [
  { label: "NUL", value: text("测试\u0000内容"), encoding: "urlencoded" },
  { label: "invalid UTF-8", value: Uint8Array.from([0xe6, 0xb5, 0x8b, 0xc3, 0x28, 0xff]), encoding: "urlencoded-raw" },
  { label: "2147483648", value: text("2147483648"), encoding: "urlencoded" },
  { label: "negative fraction", value: text("-1.5"), encoding: "multipart" },
  { label: "0000-01-01", value: text("0000-01-01"), encoding: "urlencoded" },
  { label: "2026-02-30", value: text("2026-02-30"), encoding: "multipart" },
];

test("every field of every form, and generated bodies, get answers without a 5xx or internals", async () => {
  expect(routes.length).toBeGreaterThanOrEqual(20);
  const started = Date.now();

  // 1. The sweep: each field of each form (rows and members counted once), sent by someone who may
  //    post there with the rest of the form as the page last showed it, meets each bad value once.
  const sweptOnce = new WeakSet<Target>();
  for (const route of routes) {
    const seen = new Set<string>();
    for (const target of targets.get(route.id)!.filter((t) => t.real && t.writers.length)) {
      for (const form of target.forms) {
        for (const field of form.fields) {
          const shape = field.name.replace(/\d+/g, "N");
          if (seen.has(shape)) continue;
          seen.add(shape);
          for (const [i, bad] of sweepValues.entries()) {
            const visitor = target.writers[i % target.writers.length]!;
            // The form as the page shows it now, when an earlier case may have saved something (a new version, a draft).
            let current: HarvestedForm | null = form;
            if (route.hasPage && (changed.has(target) || !sweptOnce.has(target))) {
              current = await currentForm(route, target, visitor, form, field.name);
              changed.delete(target);
              sweptOnce.add(target);
            }
            if (!current) continue;
            const fields: Array<[Bytes, Bytes]> = current.fields.map((f) => [text(f.name), f.name === field.name ? bad.value : text(filled(f, demo.facts.today))]);
            const submitter = current.submitters[0];
            if (submitter) fields.push([text(submitter.name), text(submitter.value)]);
            await send({ route, target, visitor, fields, encoding: bad.encoding, files: [], mode: i % 2 ? "data" : "document", address: tally.requests + 1 });
          }
        }
      }
    }
  }
  const swept = tally.requests;

  // 2. Generated cases, the same number for every action.
  for (const [routeIndex, route] of routes.entries()) {
    const routeTargets = targets.get(route.id)!;
    const allForms = routeTargets.flatMap((t) => t.forms);
    const names = [...new Set(allForms.flatMap((f) => [...f.fields, ...f.submitters].map((x) => x.name)))];
    const intents = [...new Set(allForms.flatMap((f) => f.submitters.map((s) => s.value)))];
    const real = routeTargets.filter((t) => t.real);
    const junk = routeTargets.filter((t) => !t.real);
    await fc.assert(
      fc.asyncProperty(caseArbitrary(demo.facts, names), async (c) => {
        // Three in five on real rows, the rest on junk in the URL.
        const targetPool = real.length && (c.target % 5 < 3 || !junk.length) ? real : junk;
        const target = targetPool[Math.floor(c.target / 5) % targetPool.length]!;
        // Mostly someone who may post here, sometimes someone who only sees the page, sometimes anyone (anonymous included).
        const who = c.visitor % 5 < 3 && target.writers.length ? target.writers : c.visitor % 5 === 3 && target.reaching.length ? target.reaching : visitors;
        const visitor = who[Math.floor(c.visitor / 5) % who.length]!;
        const forms = target.forms.length ? target.forms : allForms;
        const form: HarvestedForm = forms.length ? forms[c.form % forms.length]! : { multipart: false, fields: [], submitters: [] };
        const fields: Array<[Bytes, Bytes]> = form.fields.map((f) => [text(f.name), text(filled(f, demo.facts.today))]);
        const submitter = form.submitters.length ? form.submitters[c.submitter % form.submitters.length] : intents.length ? { name: "intent", value: intents[c.submitter % intents.length]! } : undefined;
        if (submitter) fields.push([text(submitter.name), text(submitter.value)]);
        if (c.intent !== null) fields.push([text("intent"), text(c.intent)]);
        for (const m of c.mutations) {
          if (m.kind === "add") fields.push([text(m.name), m.value]);
          else if (!fields.length) fields.push([text("intent"), "value" in m ? m.value : text("")]);
          else if (m.kind === "set") fields[m.at % fields.length]![1] = m.value;
          else if (m.kind === "drop") fields.splice(m.at % fields.length, 1);
          else fields.push([fields[m.at % fields.length]![0], m.value]);
        }
        const encoding = form.multipart && c.encoding !== "multipart" && c.mutations.length % 2 ? "multipart" : c.encoding;
        await send({ route, target, visitor, fields, encoding, files: c.files, mode: c.mode, address: c.address });
        return true;
      }),
      { seed: seed + routeIndex, numRuns: casesPerAction },
    );
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const seen = [...tally.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
  const { failures } = tally;
  console.log(
    `fuzz (${demo.kind}): ${routes.length} actions; sweep ${swept} requests (each field × ${sweepValues.length} bad values); ` +
      `${routes.length} actions × ${casesPerAction} generated cases = ${tally.requests - swept} requests; ${seconds} s; statuses ${seen}; ` +
      `5xx ${failures.filter((f) => f.status >= 500).length}; dropped ${failures.filter((f) => f.status === 0).length}; internals shown ${failures.filter((f) => f.status > 0 && f.status < 500).length}`,
  );
  if (process.env.FUZZ_VERBOSE) console.log(Object.entries(tally.byRoute).map(([r, s]) => `${r}: ${JSON.stringify(s)}`).join("\n"));
  if (failures.length) console.log(`${failures.slice(0, 30).map((f) => `${f.status} ${f.route}\n  ${f.request}\n  ${f.body}`).join("\n")}\n--- server ---\n${demo.server.output().slice(-4000)}`);
  expect(failures.map((f) => `${f.status} ${f.route}`)).toEqual([]);
  expect(tally.requests - swept).toBe(routes.length * casesPerAction);
}, 600_000);

/** Query strings no form of the site writes: impossible dates and periods, out-of-range numbers, undecodable text. */
const junkQueries = [
  "from=0000-01-01&to=2026-02-30&year=99999&page=2147483648&pageSize=1e9&period=0000-Q1&version=2147483648&meetings=-1&state=__proto__&kind=toString&format=csv",
  "from=2025-02-29&to=1899-12-31&year=0000&page=-1.5&period=2026-13&street=%FF%FE&village=%E2%80%AE&q=%C3%28%01%7F&category=%EF%BF%BD&id=99999999999999999999",
];

test("every loader answers junk query parameters without a 5xx or internals", async () => {
  expect(pages.length).toBeGreaterThanOrEqual(40);
  const before = tally.requests;
  const failures: Outcome[] = [];
  for (const page of pages) {
    const values = combinations(page.pattern, demo.facts.params[page.id] ?? {}, 1)[0] ?? {};
    const path = fillPattern(page.pattern.replace(/:([A-Za-z]+)/g, (whole, name: string) => (values[name] ? whole : "1")), values);
    for (const visitor of ["anonymous", ...likelyVisitors(page.pattern).filter((v) => v !== "anonymous")] as Visitor[]) {
      for (const [i, query] of junkQueries.entries()) {
        const url = `${demo.server.base}${path}${i % 2 ? ".data" : ""}?${query}${page.index ? "&index" : ""}`;
        const cookie = cookieOf(visitor);
        tally.requests++;
        const response = await fetch(url, { redirect: "manual", headers: { Accept: i % 2 ? "*/*" : "text/html", ...(cookie ? { Cookie: cookie } : {}) } });
        const answer = await response.text();
        tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500 || /Failed query|DrizzleQueryError|PostgresError|node_modules|\n\s+at \S+ \(/.test(answer)) {
          failures.push({ route: page.id, status: response.status, request: `${visitor} GET ${url.slice(demo.server.base.length)}`, body: answer.slice(0, 300) });
        }
      }
    }
  }
  console.log(`loaders (${demo.kind}): ${pages.length} routes, ${tally.requests - before} requests with junk query parameters; 5xx or internals ${failures.length}`);
  if (failures.length) console.log(failures.slice(0, 20).map((f) => `${f.status} ${f.route}\n  ${f.request}\n  ${f.body}`).join("\n"));
  expect(failures.map((f) => `${f.status} ${f.route}`)).toEqual([]);
}, 300_000);
