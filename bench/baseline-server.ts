/**
 * The benchmark's bare baseline: a plain node:http server that answers the
 * public register search (`/orgs?q=…`) and a public posting page
 * (`/postings/:id`) with the very same SQL the app runs, through the same
 * driver, and writes equivalent HTML with template strings. It pays for the
 * SQL, the domain's pure rules (query parsing, masking of personal numbers,
 * the posting body's markup, table totals) and string building, and for
 * nothing of drizzle's row mapping, Remix or React.
 *
 * The SQL is never copied by hand: the domain exports its statements
 * unexecuted (`publicRegisterQueries`, `publicPostingQueries`); their
 * `.toSQL()` gives `{ sql, params }`, which a raw driver client runs:
 *   - PostgreSQL (DATABASE_URL set): its own `postgres(DATABASE_URL, { max })`
 *     client, `client.unsafe(sql, params, { prepare: true }).values()`
 *     (drizzle's postgres-js driver also runs named prepared statements);
 *   - embedded (DATA_DIR): the PGlite instance, `query(sql, params, { rowMode: "array" })`.
 * The statement text is cached per query shape, so the drizzle builder runs
 * once per shape rather than once per request: the search's statements name
 * their parameters (`SearchStatements`), and the posting's are bound from the
 * request by tracing sentinel builds (`StatementCache`; for a shape whose
 * parameters cannot be traced to the inputs, the built statement is kept per
 * input).
 * GET /__baseline tells how many requests were served each way, how many
 * distinct paths were answered and how many answers went out gzipped.
 *
 * A client that sends `Accept-Encoding: gzip` gets a gzipped page, as from the
 * app's compression middleware (same threshold and level), so the benchmark's
 * gzip runs compare like with like.
 *
 * The street list of the search form and the district name of the page header
 * are read once at start-up.
 *
 * Run by bench/run.ts as its own process (`node --import tsx bench/baseline-server.ts`).
 * Environment: PORT (default 3401), HOST (127.0.0.1), DATABASE_URL or DATA_DIR,
 * DATABASE_POOL_SIZE (default 10, the app's default).
 */
import http from "node:http";
import zlib from "node:zlib";
import { performance } from "node:perf_hooks";
import { Column, SQL, Table, fillPlaceholders, getTableColumns, is } from "drizzle-orm";
import postgres from "postgres";
import { closeDb, databaseKind, getDb, sessionSettings } from "../db/client.server";
import { organizationStatusLabels, organizationTypeLabels } from "../app/domain/organizations/rules";
import { placeLevelLabels } from "../app/domain/places/rules";
import { districtName } from "../app/domain/places/queries.server";
import { fileChanges, formatFileSize, pickVersion } from "../app/domain/postings/compare";
import { parseRowId } from "../app/domain/shared/ids";
import { prepareEmbeddedDatabase } from "../app/setup/prepare.server";
import { parseVersionParam } from "../app/domain/postings/query";
import {
  categoryLabels,
  formatCell,
  formatHundredths,
  kindOf,
  maskedContent,
  periodLabel,
  retentionLabels,
  tableAsText,
  tableSpecOf,
  tableTotals,
  type PostingTableRows,
} from "../app/domain/postings/rules";
import { diffLines, parsePostingBody, type Inline } from "../app/domain/postings/text";
import { publicPostingQueries } from "../app/domain/postings/public.server";
import {
  defaultPageSize,
  parseRegisterQuery,
  type RegisterQuery,
} from "../app/domain/organizations/forms";
import { publicRegisterQueries, registerStreets } from "../app/domain/organizations/public.server";
import { pageValues, registerSearch } from "../app/domain/organizations/queries.server";
import { maskSensitive } from "../app/domain/postings/sensitive-numbers";
import { formatDate, formatDateTime } from "../app/domain/shared/time";

const port = Number(process.env.PORT ?? 3401);
const host = process.env.HOST ?? "127.0.0.1";
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);

/* ------------------------------------------------------------------ the raw driver */

type Exec = (text: string, params: unknown[]) => Promise<unknown[][]>;

await prepareEmbeddedDatabase();
const db = await getDb();
let exec: Exec;
let closeRaw: () => Promise<void> = async () => {};
if (databaseKind() === "postgres") {
  const raw = postgres(process.env.DATABASE_URL!, {
    max: poolSize,
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
    // The app's connection settings (plan_cache_mode among them): the same SQL, planned the same way.
    connection: sessionSettings,
  });
  exec = async (text, params) =>
    (await raw
      .unsafe(text, params as never[], { prepare: true })
      .values()) as unknown as unknown[][];
  closeRaw = () => raw.end({ timeout: 3 });
} else {
  // The app's own PGlite instance (one process per data folder): its raw query, no drizzle.
  const pglite = (
    db as unknown as {
      $client: {
        query: (t: string, p: unknown[], o: { rowMode: "array" }) => Promise<{ rows: unknown[][] }>;
      };
    }
  ).$client;
  exec = async (text, params) => (await pglite.query(text, params, { rowMode: "array" })).rows;
}

/* ------------------------------------------------------------------ statements */

interface DrizzleQuery {
  toSQL(): { sql: string; params: unknown[] };
  _: { selectedFields: Record<string, unknown> };
}

/** Where each selected column lands in a row object, in the order of the SELECT list (drizzle's own order). */
function fieldPaths(fields: Record<string, unknown>, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [name, field] of Object.entries(fields)) {
    const path = [...prefix, name];
    if (is(field, Column) || is(field, SQL) || is(field, SQL.Aliased)) out.push(path);
    else if (is(field, Table)) out.push(...fieldPaths(getTableColumns(field), path));
    else out.push(...fieldPaths(field as Record<string, unknown>, path));
  }
  return out;
}

/** A row array as an object, by the paths above; values are the driver's own (no drizzle decoding). */
function rowMapper(paths: string[][]): (row: unknown[]) => Record<string, unknown> {
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      if (path.length === 1) {
        out[path[0]!] = row[i];
        continue;
      }
      let node = out;
      for (let j = 0; j < path.length - 1; j++)
        node = (node[path[j]!] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]!] = row[i];
    }
    return out;
  };
}

interface Statement {
  sql: string;
  /** The request's parameters in the statement's order. */
  bind: (input: Sample) => unknown[];
  map: (row: unknown[]) => Record<string, unknown>;
}

/** A request's inputs as the sentinel-based binder sees them. */
type Sample = Record<string, string | number | number[] | undefined>;

/**
 * The statement of one query shape, with a binder derived from the builder
 * itself: the query is built for two different sentinel inputs `a` and `b`,
 * and each parameter is matched to the input it came from (equal to it, an
 * element of an IN list, or containing it after a transform such as LIKE
 * escaping, e.g. `%…%`), or found constant. A parameter that matches nothing
 * makes the shape fall back (see StatementCache) rather than being guessed.
 */
function deriveStatement(
  qa: DrizzleQuery,
  qb: DrizzleQuery,
  a: Sample,
  b: Sample,
  transforms: Record<string, (v: string) => string> = {},
): Statement {
  const sa = qa.toSQL();
  const sb = qb.toSQL();
  if (sa.sql !== sb.sql || sa.params.length !== sb.params.length)
    throw new Error(`statement shape differs between samples:\n${sa.sql}\n${sb.sql}`);
  // The specific transforms first: a LIKE pattern "%\\_%" also contains the raw "_", with a wrong prefix.
  const allTransforms = [...Object.values(transforms), (v: string) => v];
  const binders = sa.params.map((pa, i): ((input: Sample) => unknown) => {
    const pb = sb.params[i];
    if (JSON.stringify(pa) === JSON.stringify(pb)) return () => pa;
    for (const key of Object.keys(a)) {
      const va = a[key];
      const vb = b[key];
      if (Array.isArray(va) && Array.isArray(vb)) {
        const k = va.indexOf(pa as number);
        if (k >= 0 && vb[k] === pb) return (input) => (input[key] as number[])[k];
        continue;
      }
      if (va === pa && vb === pb) return (input) => input[key];
      if (
        typeof va !== "string" ||
        typeof vb !== "string" ||
        typeof pa !== "string" ||
        typeof pb !== "string"
      )
        continue;
      for (const transform of allTransforms) {
        const ta = transform(va);
        const at = pa.indexOf(ta);
        if (at < 0) continue;
        const prefix = pa.slice(0, at);
        const suffix = pa.slice(at + ta.length);
        if (pb === prefix + transform(vb) + suffix)
          return (input) => prefix + transform(String(input[key])) + suffix;
      }
    }
    throw new Error(`parameter $${i + 1} matches no input of the sentinel builds\n${sa.sql}`);
  });
  return {
    sql: sa.sql,
    bind: (input) => binders.map((bind) => bind(input)),
    map: rowMapper(fieldPaths(qa._.selectedFields)),
  };
}

/** Verifies a statement's binder against a real build, once per shape. */
function checkBinding(statement: Statement, built: DrizzleQuery, input: Sample): void {
  const real = built.toSQL();
  const bound = statement.bind(input);
  if (real.sql !== statement.sql || JSON.stringify(real.params) !== JSON.stringify(bound)) {
    throw new Error(
      `the derived statement disagrees with the builder for ${JSON.stringify(input)}:\n${real.sql}\n${JSON.stringify(real.params)} ≠ ${JSON.stringify(bound)}`,
    );
  }
}

interface Bound {
  sql: string;
  params: unknown[];
  map: (row: unknown[]) => Record<string, unknown>;
}

/**
 * One statement of the domain, cached per shape: derived from sentinel builds
 * and checked against the first real build of the shape (see deriveStatement).
 * A shape whose parameters cannot be traced to the inputs (say, a parameter
 * computed from the search text) falls back to keeping the built statement
 * per distinct input, which in the benchmark (one URL, over and over) costs
 * the same lookup; how many requests each way took is on GET /__baseline.
 */
class StatementCache<I> {
  private shapes = new Map<string, Statement | null>();
  private memo = new Map<string, Bound>();
  readonly served = { bound: 0, memoized: 0, fallbacks: [] as string[] };

  constructor(
    private readonly name: string,
    private readonly spec: {
      shape: (input: I) => string;
      /** Wrapped: a drizzle query is thenable, so awaiting it bare would run it. */
      build: (input: I) => Promise<{ query: DrizzleQuery }> | { query: DrizzleQuery };
      sample: (input: I) => Sample;
      sentinels: (input: I) => [I, I];
      transforms?: Record<string, (v: string) => string>;
    },
  ) {}

  async get(input: I): Promise<Bound> {
    const { spec } = this;
    const shape = spec.shape(input);
    let statement = this.shapes.get(shape);
    if (statement === undefined) {
      try {
        const [a, b] = spec.sentinels(input);
        const [qa, qb, real] = [
          (await spec.build(a)).query,
          (await spec.build(b)).query,
          (await spec.build(input)).query,
        ];
        statement = deriveStatement(qa, qb, spec.sample(a), spec.sample(b), spec.transforms);
        checkBinding(statement, real, spec.sample(input));
      } catch (error) {
        const why = `${this.name} [${shape}]: ${(error as Error).message.split("\n")[0]}`;
        console.warn(`${why}; keeping its built statement per input instead`);
        this.served.fallbacks.push(why);
        statement = null;
      }
      this.shapes.set(shape, statement);
    }
    if (statement) {
      this.served.bound++;
      return { sql: statement.sql, params: statement.bind(spec.sample(input)), map: statement.map };
    }
    this.served.memoized++;
    const key = JSON.stringify(input);
    let hit = this.memo.get(key);
    if (!hit) {
      const built = (await spec.build(input)).query;
      const { sql, params } = built.toSQL();
      hit = { sql, params, map: rowMapper(fieldPaths(built._.selectedFields)) };
      if (this.memo.size >= 10_000) this.memo.clear();
      this.memo.set(key, hit);
    }
    return hit;
  }
}

/* ------------------------------------------------------------------ register search */

/**
 * The search's two statements per shape: the app's own, with named parameters
 * (registerSearch, pageValues), built once per shape and filled for each
 * request as drizzle's prepared statements fill them.
 */
class SearchStatements {
  private shapes = new Map<string, { sql: [string, string]; params: [unknown[], unknown[]]; map: Bound["map"] }>();
  readonly served = { bound: 0, memoized: 0, fallbacks: [] as string[] };

  async get(query: RegisterQuery): Promise<[Bound, Bound]> {
    const search = registerSearch(query);
    const shape = search.shape!;
    let statement = this.shapes.get(shape);
    if (!statement) {
      const q = await publicRegisterQueries(query);
      const [items, total] = [q.items.toSQL(), q.total.toSQL()];
      statement = {
        sql: [items.sql, total.sql],
        params: [items.params, total.params],
        map: rowMapper(fieldPaths((q.items as unknown as DrizzleQuery)._.selectedFields)),
      };
      this.shapes.set(shape, statement);
    }
    this.served.bound++;
    const values = pageValues(search, query.page, query.pageSize);
    return [
      { sql: statement.sql[0], params: fillPlaceholders(statement.params[0], values), map: statement.map },
      { sql: statement.sql[1], params: fillPlaceholders(statement.params[1], values), map: (row) => ({ value: row[0] }) },
    ];
  }
}

const caches = {
  search: new SearchStatements(),
  posting: new StatementCache<{ id: number }>("posting", {
    shape: () => "posting",
    build: ({ id }) => ({ query: publicPostingQueries(db, id).posting as unknown as DrizzleQuery }),
    sample: ({ id }) => ({ id }),
    sentinels: () => [{ id: 1_000_001 }, { id: 1_000_002 }],
  }),
  versions: new StatementCache<{ id: number }>("versions", {
    shape: () => "versions",
    build: ({ id }) => ({
      query: publicPostingQueries(db, id).versions as unknown as DrizzleQuery,
    }),
    sample: ({ id }) => ({ id }),
    sentinels: () => [{ id: 1_000_001 }, { id: 1_000_002 }],
  }),
  files: new StatementCache<{ id: number }>("files", {
    shape: () => "files",
    build: ({ id }) => ({
      query: publicPostingQueries(db, id).files as unknown as DrizzleQuery,
    }),
    sample: ({ id }) => ({ id }),
    sentinels: () => [{ id: 1_000_001 }, { id: 1_000_002 }],
  }),
};

async function run(bound: Bound): Promise<Record<string, unknown>[]> {
  return (await exec(bound.sql, bound.params)).map(bound.map);
}

interface ListRow {
  id: number;
  name: string;
  uscc: string | null;
  filingNumber: string | null;
  type: keyof typeof organizationTypeLabels;
  status: keyof typeof organizationStatusLabels;
  statusSince: Date | string | null;
  registeredOn: Date | string;
  street: string | null;
  community: string | null;
}

async function searchPage(url: URL): Promise<string> {
  const { query } = parseRegisterQuery(url.searchParams);
  const [itemsStatement, totalStatement] = await caches.search.get(query);
  const [rows, totalRows] = await Promise.all([
    run(itemsStatement),
    exec(totalStatement.sql, totalStatement.params),
  ]);
  const items = rows as unknown as ListRow[];
  const total = Number((totalRows[0] ?? [0])[0]);
  return page(
    "社会组织登记信息查询 - 社区治理与社会组织登记平台",
    renderSearch(query, items, total, url.searchParams),
  );
}

/* ------------------------------------------------------------------ posting page */

type Row = Record<string, unknown>;

interface VersionView {
  id: number;
  number: number;
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  correctionReason: string | null;
  publishedAt: Date | string;
  reviewedAt: Date | string | null;
  reviewerName: string | null;
  reviewOpinion: string | null;
  contentHash: string;
  previousHash: string;
  chainSeq: number;
  files: Array<{ id: number; fileName: string; size: number }>;
}

async function postingPage(id: number, url: URL): Promise<{ status: number; html: string }> {
  const requested = parseVersionParam(url.searchParams.get("version"));
  const notFound = {
    status: 404,
    html: page("找不到该页面", `<main><h1>找不到该公开事项。</h1></main>`),
  };
  if (requested === null) return notFound;
  // The app's three statements, sent together as the app sends them.
  const [[first], versionRows, fileRows] = await Promise.all([
    caches.posting.get({ id }).then(run),
    caches.versions.get({ id }).then(run),
    caches.files.get({ id }).then(run),
  ]);
  if (!first) return notFound;
  const row = first as { posting: Row; place: Row; street: Row; publicNumbers: string[] | null };
  const posting = row.posting;
  const numbers = new Set(row.publicNumbers ?? []);
  if (posting.status !== "published" && posting.status !== "withdrawn") return notFound;
  const kind = posting.kind as string;
  const versions: VersionView[] = versionRows.map((r) => ({
    ...maskedContent(
      kind,
      {
        title: r.title as string,
        body: r.body as string,
        tableRows: (r.tableRows as PostingTableRows | null) ?? null,
      },
      numbers,
    ),
    id: r.id as number,
    number: r.number as number,
    correctionReason: r.correctionReason ? maskSensitive(r.correctionReason as string, numbers) : null,
    publishedAt: r.publishedAt as Date,
    reviewedAt: (r.reviewedAt as Date | null) ?? null,
    reviewerName: (r.reviewerName as string | null) ?? null,
    reviewOpinion: r.reviewOpinion ? maskSensitive(r.reviewOpinion as string, numbers) : null,
    contentHash: r.contentHash as string,
    previousHash: r.previousHash as string,
    chainSeq: r.chainSeq as number,
    files: fileRows
      .filter((file) => file.versionId === r.id)
      .map((file) => ({
        id: file.id as number,
        fileName: maskSensitive(file.fileName as string, numbers),
        size: Number(file.size),
      })),
  }));
  const picked = pickVersion(versions, posting.currentVersion as number | null, requested);
  if (!picked) return notFound;
  const withdrawnReason = posting.withdrawnReason
    ? maskSensitive(posting.withdrawnReason as string, numbers)
    : null;
  return {
    status: 200,
    html: page(
      `${picked.shown.title} - ${String(row.place.name)}村务公开`,
      renderPosting({
        posting,
        withdrawnReason,
        place: row.place,
        street: row.street,
        ...picked,
        versions,
      }),
    ),
  };
}

/* ------------------------------------------------------------------ HTML */

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = (value: unknown): string => String(value ?? "").replace(/[&<>"']/g, (c) => escapes[c]!);

let district = "";
let streets: Array<{ code: string; name: string }> = [];

function page(title: string, main: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/assets/app.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body class="flex min-h-screen flex-col"><a href="#main" class="sr-only">跳到主要内容</a><header class="border-b bg-white"><div class="mx-auto flex max-w-6xl items-center justify-between px-4 py-3"><a href="/" class="font-semibold">${esc(district)}社区治理与社会组织登记平台</a><nav aria-label="主导航" class="flex gap-4 text-sm"><a href="/orgs">社会组织查询</a><a href="/postings">村务公开</a><a href="/stats">统计</a><a href="/login">登录</a></nav></div></header><div id="main" class="flex-1">${main}</div><footer class="border-t bg-white py-6 text-center text-sm text-slate-500">${esc(district)}民政局 · 社区治理与社会组织登记平台</footer></body></html>`;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${esc(value)}"${selected === value ? " selected" : ""}>${esc(label)}</option>`;
}

function renderSearch(
  query: RegisterQuery,
  items: ListRow[],
  total: number,
  search: URLSearchParams,
): string {
  const form = `<form method="get" role="search" class="mb-4 flex flex-wrap items-end gap-3 rounded border bg-white p-4 text-sm"><label class="flex min-w-64 flex-1 flex-col"><span>名称、统一社会信用代码或备案号</span><input name="q" type="search" value="${esc(query.q ?? "")}" maxlength="60" placeholder="如“书法”或 18 位代码"></label><label class="flex flex-col"><span>类型</span><select name="type"><option value="">全部类型</option>${Object.entries(
    organizationTypeLabels,
  )
    .map(([k, l]) => option(k, l, query.type))
    .join(
      "",
    )}</select></label><label class="flex flex-col"><span>状态</span><select name="status"><option value="">全部状态</option>${Object.entries(
    organizationStatusLabels,
  )
    .map(([k, l]) => option(k, l, query.status))
    .join(
      "",
    )}</select></label><label class="flex flex-col"><span>街道（镇）</span><select name="street"><option value="">全部街道（镇）</option>${streets.map((s) => option(s.code, s.name, query.street)).join("")}</select></label><button type="submit">查询</button></form>`;
  const table = items.length
    ? `<div class="overflow-x-auto rounded border bg-white"><table class="w-full text-left text-sm"><caption class="sr-only">社会组织查询结果</caption><thead><tr><th scope="col">名称</th><th scope="col">统一社会信用代码 / 备案号</th><th scope="col">类型</th><th scope="col">街道（镇）</th><th scope="col">社区（村）</th><th scope="col">登记（备案）日期</th><th scope="col">状态</th></tr></thead><tbody>${items
        .map(
          (o) =>
            `<tr class="border-t align-top"><td><a href="/orgs/${o.id}">${esc(o.name)}</a></td><td class="font-mono text-xs">${esc(o.uscc ?? o.filingNumber ?? "—")}</td><td>${esc(organizationTypeLabels[o.type])}</td><td>${esc(o.street ?? "—")}</td><td>${esc(o.community ?? "—")}</td><td>${esc(formatDate(o.registeredOn))}</td><td><span class="badge">${esc(organizationStatusLabels[o.status])}</span>${o.status !== "normal" && o.statusSince ? `<span class="block text-xs">自 ${esc(formatDate(o.statusSince))}</span>` : ""}</td></tr>`,
        )
        .join("")}</tbody></table></div>`
    : `<p class="rounded border bg-white p-6">没有找到符合条件的社会组织。</p>`;
  const pageSize = query.pageSize || defaultPageSize;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${esc(params)}`;
  };
  const pagination =
    pages <= 1
      ? `<p class="mt-4 text-sm">共 ${total} 条</p>`
      : `<nav aria-label="分页" class="mt-4 flex gap-3 text-sm"><span>共 ${total} 条，第 ${query.page}/${pages} 页</span>${query.page > 1 ? `<a href="${link(query.page - 1)}">上一页</a>` : ""}${query.page < pages ? `<a href="${link(query.page + 1)}">下一页</a>` : ""}</nav>`;
  const csv = new URLSearchParams();
  for (const key of ["q", "type", "status", "street"] as const)
    if (query[key]) csv.set(key, String(query[key]));
  csv.set("format", "csv");
  return `<main class="mx-auto max-w-6xl px-4 py-8"><header class="mb-6"><h1 class="text-2xl font-semibold">社会组织登记信息查询</h1><p class="mt-1 text-slate-600">依法登记的社会团体、民办非企业单位、基金会和在街道（镇）备案的社区社会组织。已注销或被撤销登记的组织仍可查询。</p></header>${form}${table}${pagination}<p class="mt-6 text-sm">开放数据：<a href="/api/v1/organizations?${esc(csv)}">下载本次查询的全部结果（CSV）</a>，或通过 <code>/api/v1/organizations</code> 接口以 JSON 格式获取。</p></main>`;
}

function inlines(items: Inline[]): string {
  return items.map((i) => (i.strong ? `<strong>${esc(i.text)}</strong>` : esc(i.text))).join("");
}

function body(text: string): string {
  return parsePostingBody(text)
    .map((block) =>
      block.type === "paragraph"
        ? `<p>${block.lines.map(inlines).join("<br>")}</p>`
        : `<${block.ordered ? "ol" : "ul"}>${block.items.map((item) => `<li>${inlines(item)}</li>`).join("")}</${block.ordered ? "ol" : "ul"}>`,
    )
    .join("");
}

function postingTable(kind: string, rows: PostingTableRows | null): string {
  const spec = tableSpecOf(kind);
  if (!spec || !rows?.length) return "";
  const totals = tableTotals(spec, rows);
  const numeric = (type: string) => type === "amount" || type === "area" || type === "count";
  const cls = (type: string) => (numeric(type) ? ` class="text-right tabular-nums"` : "");
  const foot = spec.columns
    .map(
      (c) =>
        `<td${cls(c.type)}>${
          c.type === "count"
            ? (totals.sums[c.key] ?? 0)
            : c.type === "amount" || c.type === "area"
              ? formatHundredths(totals.sums[c.key] ?? 0)
              : c === spec.columns[0]
                ? `共 ${totals.rows} 项`
                : ""
        }</td>`,
    )
    .join("");
  const balance =
    spec.balance && totals.balance !== null
      ? `<tr><th scope="row" colspan="${spec.columns.length}">${esc(spec.balance.label)}</th><td class="text-right tabular-nums">${formatHundredths(totals.balance)}</td></tr>`
      : "";
  return `<div class="overflow-x-auto" role="region" aria-label="${esc(spec.label)}" tabindex="0"><table class="w-full text-sm"><caption>${esc(spec.label)}</caption><thead><tr><th scope="col">序号</th>${spec.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join("")}</tr></thead><tbody>${rows
    .map(
      (row, i) =>
        `<tr><td>${i + 1}</td>${spec.columns.map((c) => `<td${cls(c.type)}>${esc(formatCell(c, row[c.key] ?? ""))}</td>`).join("")}</tr>`,
    )
    .join(
      "",
    )}</tbody><tfoot><tr><th scope="row">合计</th>${foot}</tr>${balance}</tfoot></table></div>`;
}

function lineDiff(before: string, after: string, unchanged: string): string {
  const lines = diffLines(before, after);
  if (!lines.some((l) => l.op !== "same")) return `<p class="text-sm">${esc(unchanged)}</p>`;
  return `<pre class="text-sm">${lines.map((l) => (l.op === "added" ? `<ins>${esc(l.text)}</ins>` : l.op === "removed" ? `<del>${esc(l.text)}</del>` : esc(l.text))).join("\n")}</pre>`;
}

function renderPosting(input: {
  posting: Row;
  withdrawnReason: string | null;
  place: Row;
  street: Row;
  shown: VersionView;
  previous: VersionView | null;
  versions: VersionView[];
}): string {
  const { posting, place, street, shown, previous, versions } = input;
  const placeWord = placeLevelLabels[place.level as keyof typeof placeLevelLabels];
  const kind = posting.kind as string;
  const isCurrent = shown.number === posting.currentVersion;
  const versionQuery = isCurrent ? "" : `?version=${shown.number}`;
  const retention = posting.retention as keyof typeof retentionLabels | null;
  const withdrawn =
    posting.status === "withdrawn"
      ? `<section class="mb-6 border-l-4 bg-red-50 px-4 py-3"><h2>本事项已于 ${esc(formatDate(posting.withdrawnAt as Date))} 撤回</h2><p>撤回原因：${esc(input.withdrawnReason ?? "未填写")}</p><p class="text-sm">撤回后内容仍然保留公开，供村民查阅和监督。</p></section>`
      : "";
  const older = isCurrent
    ? ""
    : `<p class="mb-6 border-l-4 bg-amber-50 px-4 py-3">您正在查看第 ${shown.number} 版，该版本已被更正。<a href="/postings/${esc(posting.id)}">查看当前版本（第 ${esc(posting.currentVersion)} 版）</a></p>`;
  const files = shown.files.length
    ? `<section class="mt-6"><h2>附件</h2><ul>${shown.files.map((f) => `<li><a href="/postings/files/${f.id}" download>${esc(f.fileName)}</a><span class="ml-2 text-sm">${esc(formatFileSize(f.size))}</span></li>`).join("")}</ul></section>`
    : "";
  let changes = "";
  if (previous) {
    const moved = fileChanges(previous.files, shown.files);
    const beforeTable = tableAsText(kind, previous.tableRows);
    const afterTable = tableAsText(kind, shown.tableRows);
    changes = `<section class="rounded border bg-white p-4"><h2>第 ${shown.number} 版更正了什么</h2><p class="mb-4 text-sm">与第 ${previous.number} 版（${esc(formatDate(previous.publishedAt))}公开）相比：</p><h3>标题</h3>${
      previous.title === shown.title
        ? `<p class="text-sm">标题没有改动。</p>`
        : `<p>由“<del>${esc(previous.title)}</del>”改为“<ins>${esc(shown.title)}</ins>”</p>`
    }<h3>正文</h3>${lineDiff(previous.body, shown.body, "正文没有改动。")}${beforeTable || afterTable ? `<h3>表格</h3>${lineDiff(beforeTable, afterTable, "表格没有改动。")}` : ""}<h3>附件</h3>${
      moved.added.length || moved.removed.length
        ? `<ul>${moved.added.map((f) => `<li>新增：<a href="/postings/files/${f.id}">${esc(f.fileName)}</a>（${esc(formatFileSize(f.size))}）</li>`).join("")}${moved.removed.map((f) => `<li>删除：<a href="/postings/files/${f.id}">${esc(f.fileName)}</a>（${esc(formatFileSize(f.size))}，仍可在第 ${previous.number} 版中查看）</li>`).join("")}</ul>`
        : `<p class="text-sm">附件没有改动。</p>`
    }</section>`;
  }
  const history = versions
    .map(
      (v) =>
        `<li class="rounded border p-3"><p>${
          v.number === shown.number
            ? `<span aria-current="page">第 ${v.number} 版（正在查看）</span>`
            : `<a href="${v.number === posting.currentVersion ? `/postings/${esc(posting.id)}` : `?version=${v.number}`}">查看第 ${v.number} 版</a>`
        }${v.number === posting.currentVersion ? `<span class="text-sm">当前版本</span>` : ""}<span class="text-sm">${esc(formatDateTime(v.publishedAt))} 公开</span></p><p class="mt-1 text-sm">${esc(v.correctionReason ? `更正原因：${v.correctionReason}` : "首次公开")}</p><p class="text-xs">指纹 <code>${esc(v.contentHash)}</code></p></li>`,
    )
    .join("");
  return `<main class="mx-auto max-w-4xl px-4 py-8"><nav aria-label="位置" class="mb-2 text-sm"><a href="/">首页</a> / <a href="/postings">村务公开</a> / <a href="/villages/${esc(place.code)}">${esc(place.name)}</a></nav><header class="mb-6 border-b pb-4"><h1 class="text-2xl font-semibold">${esc(shown.title)}</h1><p class="mt-2 flex flex-wrap gap-2"><span class="badge">${esc(categoryLabels[posting.category as keyof typeof categoryLabels])}</span><span class="badge">${posting.status === "withdrawn" ? "已撤回" : "已公开"}</span>${shown.number > 1 ? `<span class="text-sm">第 ${shown.number} 版</span>` : ""}<span class="text-sm">${esc(kindOf(kind).label)} · ${esc(periodLabel(posting.period as string))}${retention ? ` · 档案保存期限 ${esc(retentionLabels[retention])}` : ""}</span></p><p class="mt-3 flex gap-6"><a href="/postings/${esc(posting.id)}/print${versionQuery}">打印公告</a><a href="/villages/${esc(place.code)}">查看${esc(place.name)}的全部公开</a></p></header>${withdrawn}${older}<div class="space-y-6"><section class="rounded border bg-white p-4"><dl class="grid gap-2 text-sm"><dt>${esc(placeWord)}</dt><dd><a href="/villages/${esc(place.code)}">${esc(place.name)}</a><span> · ${esc(street.name)}</span></dd><dt>公开期间</dt><dd>${esc(periodLabel(posting.period as string))}</dd><dt>首次公开</dt><dd>${esc(formatDateTime(posting.firstPublishedAt as Date))}</dd><dt>本版公开</dt><dd>${esc(formatDateTime(shown.publishedAt))}</dd>${shown.correctionReason ? `<dt>更正原因</dt><dd>${esc(shown.correctionReason)}</dd>` : ""}</dl><div class="mt-5 space-y-3">${body(shown.body)}</div>${shown.tableRows?.length ? `<div class="mt-6">${postingTable(kind, shown.tableRows)}</div>` : ""}${files}</section><section class="rounded border bg-white p-4"><h2>村务监督委员会审核</h2><dl class="grid gap-2 text-sm"><dt>审核意见</dt><dd>${esc(shown.reviewOpinion ?? "—")}</dd><dt>审核人</dt><dd>${esc(shown.reviewerName ?? "—")}</dd><dt>审核日期</dt><dd>${esc(formatDate(shown.reviewedAt ?? shown.publishedAt))}</dd></dl></section><section class="rounded border bg-white p-4"><h2>防篡改校验</h2><p class="text-sm">${esc(place.name)}的每一次公开和更正，都按先后顺序登记在本${esc(placeWord)}的公开记录链上，并用 SHA-256 算法为内容生成一串“数字指纹”（哈希值）。每条记录的指纹都包含上一条记录的指纹，环环相扣：已经公开的内容哪怕只改动一个字，这条记录和之后所有记录的指纹都会对不上，所以无法被悄悄修改。</p><dl class="mt-4 space-y-3 text-sm"><div><dt>链上位置</dt><dd>本${esc(placeWord)}第 ${esc(shown.chainSeq)} 条公开记录${/^0+$/.test(shown.previousHash) ? "（记录链的第一条）" : ""}</dd></div><div><dt>本版指纹（SHA-256）</dt><dd><code>${esc(shown.contentHash)}</code></dd></div><div><dt>上一条记录的指纹</dt><dd><code>${esc(shown.previousHash)}</code></dd></div></dl></section>${changes}<section class="rounded border bg-white p-4"><h2>版本记录</h2><ol class="space-y-4">${history}</ol></section></div></main>`;
}

/* ------------------------------------------------------------------ server */

/** Distinct page paths answered, and answers gzipped: the benchmark's check that its rotating addresses reach the server. */
const seenPaths = new Set<string>();
let gzipped = 0;

/**
 * As the app's compression middleware does by default (compression 1.8): gzip
 * at zlib's default level when the client accepts it and the body is 1 KB or
 * more, on libuv's thread pool.
 */
async function encode(req: http.IncomingMessage, body: Buffer): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const vary = { Vary: "Accept-Encoding" };
  if (body.length < 1024 || !/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) return { body, headers: vary };
  const zipped = await new Promise<Buffer>((resolve, reject) => zlib.gzip(body, (error, out) => (error ? reject(error) : resolve(out))));
  gzipped++;
  return { body: zipped, headers: { ...vary, "Content-Encoding": "gzip" } };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://baseline");
  const send = async (status: number, html: string, type = "text/html; charset=utf-8") => {
    const { body, headers } = await encode(req, Buffer.from(html));
    res.writeHead(status, { "Content-Type": type, "Content-Length": body.length, ...headers });
    res.end(body);
  };
  if (req.method !== "GET") return send(405, "method not allowed", "text/plain");
  if (url.pathname === "/healthz") return send(200, "ok", "text/plain");
  if (url.pathname === "/__baseline") {
    const served = Object.fromEntries(
      Object.entries(caches).map(([name, cache]) => [name, cache.served]),
    );
    res.writeHead(200, { "Content-Type": "application/json" });
    return void res.end(JSON.stringify({ served, distinctPaths: seenPaths.size, gzipped }));
  }
  seenPaths.add(req.url ?? "");
  if (url.pathname === "/orgs") return send(200, await searchPage(url));
  const posting = /^\/postings\/([^/]+)$/.exec(url.pathname);
  if (posting) {
    const id = parseRowId(posting[1]);
    if (id === null)
      return send(404, page("找不到该页面", "<main><h1>找不到该公开事项。</h1></main>"));
    const answer = await postingPage(id, url);
    return send(answer.status, answer.html);
  }
  send(404, "not found", "text/plain");
}

/** Microseconds per build-and-toSQL of the search's statements: the cost the statement cache saves per request. */
async function builderCost(): Promise<{ searchMicros: number; postingMicros: number }> {
  const query: RegisterQuery = { q: "社区", page: 1, pageSize: defaultPageSize };
  const rounds = 2000;
  for (let i = 0; i < 200; i++) (await publicRegisterQueries(query)).items.toSQL();
  let start = performance.now();
  for (let i = 0; i < rounds; i++) {
    const q = await publicRegisterQueries(query);
    q.items.toSQL();
    q.total.toSQL();
  }
  const searchMicros = ((performance.now() - start) * 1000) / rounds;
  start = performance.now();
  for (let i = 0; i < rounds; i++) {
    const q = publicPostingQueries(db, 1);
    q.posting.toSQL();
    q.versions.toSQL();
    q.files.toSQL();
  }
  const postingMicros = ((performance.now() - start) * 1000) / rounds;
  return { searchMicros, postingMicros };
}

[district, streets] = await Promise.all([districtName(), registerStreets()]);

// The statements of the sample inputs, shown once so a reader can see what runs.
const sample = await publicRegisterQueries({ q: "社区", page: 1, pageSize: defaultPageSize });
const samplePosting = publicPostingQueries(db, 1);
const cost = await builderCost();
console.log(
  JSON.stringify({
    baseline: "ready",
    kind: databaseKind(),
    poolSize: databaseKind() === "postgres" ? poolSize : 1,
    builderMicros: cost,
    statements: {
      searchItems: sample.items.toSQL(),
      searchTotal: sample.total.toSQL(),
      posting: samplePosting.posting.toSQL(),
      versions: samplePosting.versions.toSQL(),
      files: samplePosting.files.toSQL(),
    },
  }),
);

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("internal error");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => console.log(`baseline listening on http://${host}:${port}`));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5000).unref();
    server.close();
    server.closeAllConnections();
    void Promise.allSettled([closeRaw(), closeDb()]).then(() => process.exit(0));
  });
}
