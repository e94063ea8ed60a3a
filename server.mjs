/**
 * The HTTP server: Express in front of Remix, so loaders learn the client's
 * address (rate limits) and every response gets the security headers. The
 * rules themselves live in the app (app/entry.server.tsx exports them), so this
 * file is glue only. NODE_ENV=development serves through Vite with hot reload.
 */
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const development = process.env.NODE_ENV === "development";
const here = path.dirname(fileURLToPath(import.meta.url));

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

const app = express();
app.disable("x-powered-by");
// Behind a load balancer set TRUST_PROXY (e.g. "1" or "loopback") so req.ip and
// req.protocol come from X-Forwarded-For / X-Forwarded-Proto.
if (process.env.TRUST_PROXY) {
  const value = process.env.TRUST_PROXY;
  app.set("trust proxy", /^\d+$/.test(value) ? Number(value) : value === "true" ? true : value);
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

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
}

// Refuse cross-site writes and answer 503 while the database is away, before Remix runs.
app.use(async (req, res, next) => {
  try {
    const refusal = await (
      await entry()
    ).guardRequest({
      method: req.method,
      path: req.originalUrl,
      origin: req.get("origin") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
      host: req.get("host") ?? null,
      accept: req.get("accept") ?? "",
      cookie: req.get("cookie") ?? null,
      ip: req.ip ?? null,
    }, res.locals.cspNonce);
    if (!refusal) return next();
    res.status(refusal.status).set(refusal.headers).send(refusal.body);
  } catch (error) {
    next(error);
  }
});

// Public pages for readers not signed in: kept until the public data changes (app/public-pages.server.ts).
const renderPage = vite ? null : createFetchHandler(initialBuild, "production");
app.get("*", async (req, res, next) => {
  try {
    const module = await entry();
    if (!renderPage || !module.isCacheablePublicRequest(req.method, req.originalUrl, req.get("cookie") ?? null)) return next();
    // Keyed by the full address, host included: a page that prints its own address (the notice-board
    // print view) must never be kept under a Host header someone else sent.
    const address = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
    const looked = await module.lookupPublicPage(address);
    if (looked.kind === "skip") return next();
    const nonce = res.locals.cspNonce;
    if (looked.kind === "hit") {
      res.status(200).set(looked.headers).set("X-Page-Cache", "hit").send(module.withNonce(looked.body, nonce));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const request = new Request(address, { headers });
    const response = await renderPage(request, { cspNonce: module.nonceSentinel, clientIp: req.ip ?? null });
    const body = await response.text();
    module.keepPublicPage(looked.key, looked.version, response.status, response.headers, body);
    response.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)) res.append(name, value);
    });
    res.status(response.status).set("X-Page-Cache", "miss").send(module.withNonce(body, nonce));
  } catch (error) {
    next(error);
  }
});

app.all(
  "*",
  createRequestHandler({
    build: vite ? loadBuild : initialBuild,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? null }),
  }),
);

// Errors before Remix (a malformed URL escape): the site's own page, and no stack for a bad request.
app.use(async (error, req, res, _next) => {
  const status = error?.status === 400 || error instanceof URIError ? 400 : 500;
  if (status === 500) console.error(error);
  const page = (await entry()).errorPage(status, res.locals.cspNonce ?? "");
  res.status(status).set(page.headers).send(page.body);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(`社区治理与社会组织登记平台 已启动：http://localhost:${port}`);
});

// Close the database on the way out, or an open postgres pool keeps the process alive.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
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
  });
}
