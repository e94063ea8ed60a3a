/**
 * The HTTP server: Express in front of Remix, so loaders learn the client's
 * address (rate limits) and every response gets the security headers. The
 * rules themselves live in the app (app/entry.server.tsx exports them), so this
 * file is glue only. NODE_ENV=development serves through Vite with hot reload.
 *
 * In production the process is a small supervisor that runs the app in worker
 * processes (node:cluster) and starts a new one whenever one exits: one per CPU
 * core on a PostgreSQL server, one on the embedded database (PGlite belongs to
 * one process). WEB_CONCURRENCY sets the number; 0 runs the app in this process
 * without a supervisor.
 */
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { fileURLToPath } from "node:url";

const development = process.env.NODE_ENV === "development";
const here = path.dirname(fileURLToPath(import.meta.url));

function workersWanted() {
  if (development) return 0;
  const asked = process.env.WEB_CONCURRENCY;
  if (!process.env.DATABASE_URL) {
    if (asked && Number(asked) > 1) console.warn("内置数据库（PGlite）只能由一个进程使用：WEB_CONCURRENCY 按 1 处理。");
    return asked === "0" ? 0 : 1;
  }
  if (asked !== undefined && asked !== "") return Math.max(0, Math.floor(Number(asked)) || 0);
  return os.availableParallelism();
}

const workers = workersWanted();
if (cluster.isPrimary && workers > 0) supervise(workers);
else await serve();

/**
 * Keeps `wanted` workers running (no more than the database connections they
 * share): a worker that exits is replaced, with a growing pause if they keep
 * dying young. Each worker's heap is capped (APP_HEAP_MB, default 192 MB) and
 * its young generation kept small, so garbage from large posts is collected
 * early instead of growing the process.
 */
function supervise(wanted) {
  const heapMb = Math.max(64, Number(process.env.APP_HEAP_MB ?? 192) || 192);
  const inherited = process.execArgv.filter((a) => !/^--max-(old|semi)-space-size/.test(a));
  cluster.setupPrimary({ execArgv: [...inherited, `--max-old-space-size=${heapMb}`, "--max-semi-space-size=8"] });
  const startedAt = new Map();
  let stopping = false;
  let youngDeaths = 0;
  // DATABASE_POOL_SIZE is the instance's: its workers share it, so "instances × pool size" sizes the
  // database's max_connections whatever the number of cores (a worker needs one at least: no more workers
  // than connections).
  const pool = Math.max(1, Math.floor(Number(process.env.DATABASE_POOL_SIZE ?? 10)) || 10);
  if (process.env.DATABASE_URL && wanted > pool) console.warn(`数据库连接池（DATABASE_POOL_SIZE=${pool}）不足以分给 ${wanted} 个工作进程：只启动 ${pool} 个。`);
  const count = process.env.DATABASE_URL ? Math.min(wanted, pool) : wanted;
  const workerEnv = { DATABASE_POOL_SIZE: String(Math.floor(pool / count)) };

  const start = () => {
    if (stopping) return;
    const worker = cluster.fork(workerEnv);
    startedAt.set(worker.id, Date.now());
    console.log(`工作进程 ${worker.process.pid} 启动中`);
  };

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    youngDeaths = lived < 10_000 ? youngDeaths + 1 : 0;
    const pause = youngDeaths === 0 ? 0 : Math.min(30_000, 500 * 2 ** (youngDeaths - 1));
    console.error(`工作进程 ${worker.process.pid} 已退出（${signal ?? `退出码 ${code}`}），${pause ? `${pause / 1000} 秒后` : "立即"}重新启动`);
    setTimeout(start, pause);
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit(0);
      for (const worker of alive) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(1), 8000).unref();
    });
  }

  for (let i = 0; i < count; i++) start();
}

/** Counts a body as it is read and stops it at `limit` bytes. */
function bodyCounter(limit) {
  const counter = new Transform({
    transform(chunk, _encoding, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > limit) {
        counter.exceeded = true;
        done(new Error("request body over its limit"));
      } else done(null, chunk);
    },
  });
  counter.bytes = 0;
  counter.exceeded = false;
  return counter;
}

/** What the app's guard reads of a request (entry's RequestFacts). */
function requestFacts(req) {
  return {
    method: req.method,
    path: req.originalUrl,
    origin: req.get("origin") ?? null,
    secFetchSite: req.get("sec-fetch-site") ?? null,
    host: req.get("host") ?? null,
    accept: req.get("accept") ?? "",
    cookie: req.get("cookie") ?? null,
    ip: req.ip ?? null,
  };
}

function remixHeaders(req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}

/**
 * Database errors the driver may leave on a promise nobody holds: postgres.js
 * can reject such an orphan when a connection attempt fails while the database
 * is away (porsager/postgres #162, #896), seen here once under load in the
 * outage test. The query that wanted the connection fails on its own (the
 * request answers 503); the orphan must not end the worker and every request
 * it is serving.
 */
const connectionLossCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

function isConnectionLoss(reason) {
  return typeof reason === "object" && reason !== null && connectionLossCodes.has(/** @type {{ code?: unknown }} */ (reason).code);
}

async function serve() {
  // Any other unhandled rejection still ends the worker (as Node does by default), and the supervisor starts another.
  process.on("unhandledRejection", (reason) => {
    if (isConnectionLoss(reason)) {
      console.error(`数据库连接中断：${/** @type {Error} */ (reason).message}（驱动中无人处理的连接错误，已记录，进程继续服务）`);
      return;
    }
    throw reason;
  });
  const { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } = await import("@remix-run/node");
  const { default: compression } = await import("compression");
  const { default: express } = await import("express");

  const vite = development
    ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }))
    : undefined;

  /** @returns {Promise<import("@remix-run/node").ServerBuild>} */
  async function loadBuild() {
    return vite
      ? vite.ssrLoadModule("virtual:remix/server-build")
      : import(path.join(here, "build/server/index.js"));
  }

  const initialBuild = await loadBuild();
  /** The app's own entry module, with guardRequest, securityHeaders, prepare and shutdown. */
  const entry = () => (vite ? loadBuild() : Promise.resolve(initialBuild)).then((b) => b.entry.module);

  // Open (and, embedded, migrate and seed) the database before taking traffic.
  await (await entry()).prepare();

  const handleRequest = createRequestHandler(vite ? loadBuild : initialBuild, vite ? "development" : "production");

  const app = express();
  app.disable("x-powered-by");
  // The kept public pages carry their own validators (app/public-pages.server.ts); a hash of a page
  // that holds this response's nonce would match nothing.
  app.set("etag", false);
  // Behind a load balancer set TRUST_PROXY (e.g. "1" or "loopback") so req.ip and
  // req.protocol come from X-Forwarded-For / X-Forwarded-Proto.
  if (process.env.TRUST_PROXY) {
    const value = process.env.TRUST_PROXY;
    app.set("trust proxy", /^\d+$/.test(value) ? Number(value) : value === "true" ? true : value);
  }

  const refuse = async (res, kind, req) => {
    const refusal = (await entry()).requestRefusal(kind, { path: req.originalUrl, accept: req.get("accept") ?? "" }, res.locals.cspNonce ?? "");
    res.status(refusal.status).set(refusal.headers).send(refusal.body);
  };

  // Nothing here reads req.query: Express need not parse every address's query with qs.
  app.set("query parser", false);

  // An anonymous reader's page of the register or the postings, written without React (app/reading),
  // answered before the rest of the chain after the same checks (entry's answerReadingRequest says why).
  if (!vite) {
    app.use(async (req, res, next) => {
      if (req.method !== "GET") return next();
      try {
        const answer = await (await entry()).answerReadingRequest({
          ...requestFacts(req),
          https: req.protocol === "https",
          acceptsGzip: /\bgzip\b/.test(req.get("accept-encoding") ?? ""),
          ifNoneMatch: req.get("if-none-match") ?? null,
        });
        if (!answer) return next();
        if (answer.status === 304) {
          // As Express's send: no body, so nothing said of one.
          const { "Content-Type": _type, ...headers } = answer.headers;
          return void res.writeHead(304, headers).end();
        }
        res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)) });
        res.end(answer.body);
      } catch (error) {
        next(error);
      }
    });
  }

  app.use(compression());

  app.use(async (req, res, next) => {
    try {
      const module = await entry();
      const nonce = crypto.randomBytes(16).toString("base64");
      res.locals.cspNonce = nonce;
      const authenticated = (req.get("cookie") ?? "").includes("cr_session=");
      res.set(module.securityHeaders({ nonce, development, https: req.protocol === "https", authenticated }));
      next();
    } catch (error) {
      next(error);
    }
  });

  // A method the app does not answer (TRACE, PUT, …) gets a 405 before any other work.
  app.use((req, res, next) => {
    if (["GET", "HEAD", "POST"].includes(req.method)) return next();
    refuse(res, "method", req).catch(next);
  });

  // An anonymous reader's GET reads from the read replica, if there is one; whoever sends something
  // reads from the primary for a few seconds after (app/auth/read-routing.ts).
  app.use(async (req, res, next) => {
    try {
      const module = await entry();
      const reads = module.requestReads(req.method, req.get("cookie") ?? null, req.protocol === "https");
      if (reads.setCookie) res.append("Set-Cookie", reads.setCookie);
      if (reads.public) module.withPublicReads(next);
      else next();
    } catch (error) {
      next(error);
    }
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    // The other public files (the favicon, the templates) by their top-level names only: a page's
    // address never costs a file-system lookup.
    const clientDir = path.join(here, "build/client");
    const publicFiles = express.static(clientDir, { maxAge: "1h" });
    const topLevel = new Set(fs.readdirSync(clientDir).filter((name) => name !== "assets"));
    app.use((req, res, next) => (topLevel.has(req.path.split("/")[1] ?? "") ? publicFiles(req, res, next) : next()));
  }

  // Refuse cross-site writes and answer 503 while the database is away, before Remix runs.
  app.use(async (req, res, next) => {
    try {
      const refusal = await (
        await entry()
      ).guardRequest(requestFacts(req), res.locals.cspNonce);
      if (!refusal) return next();
      res.status(refusal.status).set(refusal.headers).send(refusal.body);
    } catch (error) {
      next(error);
    }
  });

  // Bodies are bounded before a byte is read: by their route's limit (413 when the
  // declared size is over it, or when the body turns out longer than declared), and
  // large ones by the process's memory budget (they wait their turn, or get 503).
  app.use(async (req, res, next) => {
    if (req.method !== "POST") return next();
    try {
      const module = await entry();
      const limit = module.bodyLimitFor(req.originalUrl, req.get("content-type") ?? null);
      const declared = req.get("content-length") === undefined ? null : Number(req.get("content-length"));
      if (declared !== null && !(declared <= limit)) return await refuseBody(req, res, "too_large");
      const gaveUp = new AbortController();
      res.on("close", () => gaveUp.abort());
      const release = await module.admitBody(module.bodyCost(declared ?? limit, req.get("content-type") ?? null), gaveUp.signal);
      if (!release) return gaveUp.signal.aborted ? undefined : await refuseBody(req, res, "busy");
      res.on("close", release);
      res.locals.bodyLimit = limit;
      next();
    } catch (error) {
      next(error);
    }
  });

  /** Answers without keeping the body, and reads the rest of it away (discardRest). */
  async function refuseBody(req, res, kind) {
    await refuse(res, kind, req);
    discardRest(req, 256 * 1024 * 1024);
  }

  /**
   * Reads and drops what is left of a body the answer did not need (a 413, a
   * 403, a form refused before it was read, a repeated submission). Left unread,
   * the rest would stall the connection for the next request, and closing a
   * socket with unread data resets it, which can lose the answer the client has
   * not read yet. So the connection stays open while the client keeps sending,
   * up to `most` bytes, 30 seconds in all, or 2 seconds of silence; past those
   * it is cut. A connection that is to close after this answer (the client said
   * so, or Node decided) is half-closed once the answer is out (a lingering
   * close, as web servers do), rather than destroyed with the rest unread.
   */
  function discardRest(req, most) {
    if (req.complete || req.destroyed) return;
    const socket = req.socket;
    socket.destroySoon = function lingeringClose() {
      if (this.writable) this.end();
    };
    req.unpipe();
    let discarded = 0;
    let quiet = null;
    const hangUp = () => socket.destroy();
    const whole = setTimeout(hangUp, 30_000).unref();
    const listen = () => {
      clearTimeout(quiet);
      quiet = setTimeout(hangUp, 2_000).unref();
    };
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(whole);
    };
    req.on("data", (chunk) => {
      discarded += chunk.length;
      if (discarded > most) hangUp();
      else listen();
    });
    req.on("end", () => {
      done();
      // All read: a half-closed connection can now close cleanly.
      if (socket.writableEnded) socket.destroy();
    });
    req.on("close", done);
    listen();
    req.resume();
  }

  /** The Fetch request Remix reads, its body counted against the route's limit. */
  function remixRequest(req, res) {
    const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
    const controller = new AbortController();
    let finished = false;
    res.on("finish", () => (finished = true));
    res.on("close", () => finished || controller.abort());
    const init = { method: req.method, headers: remixHeaders(req), signal: controller.signal };
    let counter = null;
    if (req.method !== "GET" && req.method !== "HEAD") {
      counter = bodyCounter(res.locals.bodyLimit ?? 0);
      req.on("error", (error) => counter.destroy(error));
      init.body = createReadableStreamFromReadable(req.pipe(counter));
      init.duplex = "half";
    }
    return { request: new Request(url, init), counter };
  }

  async function sendResponse(res, response) {
    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [name, value] of response.headers.entries()) res.append(name, value);
    if (!response.body) return void res.end();
    // A page goes out whole: React writes it in 2 KB pieces, and compressing and sending each piece on
    // its own took three times the CPU of the whole page at once. No page here streams deferred parts;
    // other bodies (an import's progress) still stream.
    if ((response.headers.get("content-type") ?? "").startsWith("text/html")) {
      let page;
      try {
        page = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        // The reader left while the page was being made (Remix stopped rendering it): nobody to answer.
        if (res.destroyed) return;
        throw error;
      }
      if (!res.destroyed) res.end(page);
      return;
    }
    await writeReadableStreamToWritable(response.body, res);
  }

  const loadContext = (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? null, submission: res.locals.submission ?? null });

  // Public pages for readers not signed in: kept until the public data changes, the search and the
  // postings written without React (app/public-pages.server.ts, app/reading).
  app.get("*", async (req, res, next) => {
    try {
      const module = await entry();
      if (vite || !module.isCacheablePublicRequest(req.method, req.originalUrl, req.get("cookie") ?? null)) return next();
      const address = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const client = { acceptsGzip: /\bgzip\b/.test(req.get("accept-encoding") ?? ""), nonce: res.locals.cspNonce, ifNoneMatch: req.get("if-none-match") ?? null };
      const answer = await module.answerPublicPage(address, client, (nonce) =>
        handleRequest(new Request(address, { headers: remixHeaders(req) }), { ...loadContext(req, res), cspNonce: nonce }),
      );
      if (!answer) return next();
      res.status(answer.status).set(answer.headers).send(answer.body);
    } catch (error) {
      next(error);
    }
  });

  app.all("*", async (req, res, next) => {
    try {
      const module = await entry();
      let { request, counter } = remixRequest(req, res);
      if (req.method === "POST") res.locals.submission = module.submissionRequest(new URL(request.url), req.get("referer") ?? null);
      let response = await handleRequest(request, loadContext(req, res));
      // The replica went away under this reader: once more, on the primary.
      if (await module.failedOnReplica(request)) {
        await response.body?.cancel();
        request = new Request(request.url, { headers: request.headers, signal: request.signal });
        response = await module.withPrimaryReads(() => handleRequest(request, loadContext(req, res)));
      }
      // The body ran past its limit while being read (no size was declared, or a wrong one).
      if (counter?.exceeded) return await refuseBody(req, res, "too_large");
      if (counter) discardRest(req, res.locals.bodyLimit ?? 0);
      const unavailable = module.databaseFailureAnswer(request, response.status, req.get("accept") ?? "", res.locals.cspNonce ?? "");
      if (unavailable) return void res.status(unavailable.status).set(unavailable.headers).send(unavailable.body);
      // A form's one-time key: remember where its answer sends the user, for a repeat to go there too.
      const location = response.headers.get("location");
      if (res.locals.submission && location) await module.noteSubmissionAnswer(res.locals.submission.key, location);
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Errors before Remix (a malformed URL escape): the site's own page, and no stack for a bad request.
  app.use(async (error, req, res, _next) => {
    const status = error?.status === 400 || error instanceof URIError ? 400 : 500;
    if (status === 500) console.error(error);
    if (res.headersSent) return res.destroy();
    discardRest(req, res.locals.bodyLimit ?? 0);
    const page = (await entry()).errorPage(status, res.locals.cspNonce ?? "");
    res.status(status).set(page.headers).send(page.body);
  });

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
    const connections = process.env.DATABASE_URL ? `，数据库连接至多 ${process.env.DATABASE_POOL_SIZE ?? 10} 个` : "";
    console.log(`社区治理与社会组织登记平台 已启动：http://localhost:${port}${cluster.isWorker ? `（工作进程 ${process.pid}${connections}）` : ""}`);
  });

  // Close the database on the way out, or an open postgres pool keeps the process alive.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server.close();
    server.closeAllConnections?.();
    try {
      await (await entry()).shutdown();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, stop);
  // A worker whose supervisor is gone stops too, rather than hold the database.
  if (cluster.isWorker) process.on("disconnect", stop);
}
