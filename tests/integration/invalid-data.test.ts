/**
 * The net below the input checks: a value the database refuses (SQLSTATE
 * class 22) is answered with a 400, never a 500, whether a page, a single-fetch
 * data request or a resource route asked. The errors here are real ones from
 * this file's database (PGlite, and PostgreSQL when configured).
 */
import { isRouteErrorResponse } from "@remix-run/react";
import { decodeViaTurboStream } from "@remix-run/react/dist/single-fetch.js";
import type { EntryContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterEach, expect, test, vi } from "vitest";
import { getDb, isDatabaseUnavailableError, isInvalidDataError } from "../../db/client.server";
import handleRequest, { handleDataRequest, handleError } from "../../app/entry.server";
import { answeringInvalidData, invalidData } from "../../app/domain/shared/invalid-data.server";

/** The error the database raises for `statement`, as the app sees it (drizzle's wrapper around the driver's error). */
async function refusal(statement: ReturnType<typeof sql>): Promise<unknown> {
  const db = await getDb();
  return db.execute(statement).then(
    () => {
      throw new Error("the database accepted it");
    },
    (error: unknown) => error,
  );
}

const logged = vi.spyOn(console, "error").mockImplementation(() => {});
afterEach(() => logged.mockClear());

test("out-of-range numbers, text that is no number, impossible dates and NUL in text are the request's fault", async () => {
  for (const statement of [
    sql`select ${"2147483648"}::integer`,
    sql`select ${"abc"}::integer`,
    sql`select ${"2026-02-30"}::date`,
    sql`select ${"0000-01-01"}::timestamptz`,
    sql`select ${"adm\u0000in"}::text`,
  ]) {
    const error = await refusal(statement);
    expect(isInvalidDataError(error)).toBe(true);
    expect(isDatabaseUnavailableError(error)).toBe(false);
  }
  // A broken query or a broken rule is the server's fault: still a 500.
  expect(isInvalidDataError(await refusal(sql`select * from no_such_table`))).toBe(false);
  expect(isInvalidDataError(new Error("plain"))).toBe(false);
});

const entryContext = {} as EntryContext;
const context = { cspNonce: "n0nce", clientIp: null };

test("a page whose loader or action met such a refusal is the 400 page, logged, with nothing of the error shown", async () => {
  const error = await refusal(sql`select ${"2147483648"}::integer`);
  const request = new Request("http://localhost/officer/users/7");
  handleError(error, { request, params: {}, context });
  expect(logged).toHaveBeenCalledTimes(1);
  const response = (await handleRequest(request, 500, new Headers(), entryContext, context)) as Response;
  expect(response.status).toBe(400);
  const body = await response.text();
  expect(body).toContain(invalidData.message);
  expect(body).not.toMatch(/Failed query|integer|2147483648|select/i);
});

test("a single-fetch action is a 400 that Remix's client reads as an error response with the message", async () => {
  const error = await refusal(sql`select ${"abc"}::integer`);
  const request = new Request("http://localhost/officer/users/new.data", { method: "POST" });
  handleError(error, { request, params: {}, context });
  const original = new Response("[]", { status: 500 });
  const response = await handleDataRequest(original, { request, params: {}, context });
  expect(response.status).toBe(400);
  const decoded = await decodeViaTurboStream(response.body!, globalThis);
  const result = decoded.value as { error: unknown };
  expect(isRouteErrorResponse(result.error)).toBe(true);
  expect(result.error).toMatchObject({ status: 400, data: { userMessage: invalidData.message } });
});

test("a single-fetch page load sends the browser to the page itself, which is the 400 page", async () => {
  const error = await refusal(sql`select ${"2026-02-30"}::date`);
  const request = new Request("http://localhost/officer/audit.data?from=x&_routes=routes%2Fofficer.audit");
  handleError(error, { request, params: {}, context });
  const response = await handleDataRequest(new Response("[]", { status: 500 }), { request, params: {}, context });
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/officer/audit?from=x");
  expect(response.headers.has("X-Remix-Reload-Document")).toBe(true);
});

test("other requests and other errors are left as they were", async () => {
  const untouched = new Response("[]", { status: 500 });
  const request = new Request("http://localhost/officer.data", { method: "POST" });
  handleError(new Error("a bug"), { request, params: {}, context });
  expect(await handleDataRequest(untouched, { request, params: {}, context })).toBe(untouched);
  expect(logged).toHaveBeenCalledTimes(1);
});

test("resource routes: the refusal is a 400 (the open-data error under /api/), anything else is thrown on", async () => {
  const error = await refusal(sql`select ${"adm\u0000in"}::text`);
  const failing = answeringInvalidData(async (_: { request: Request }): Promise<Response> => {
    throw error;
  });
  const page = await failing({ request: new Request("http://localhost/officer/reports.csv?from=x") }).catch((e: unknown) => e);
  expect(page).toBeInstanceOf(Response);
  expect((page as Response).status).toBe(400);
  expect(await (page as Response).json()).toEqual({ userMessage: invalidData.message });

  const api = await failing({ request: new Request("http://localhost/api/v1/postings?q=x") }).catch((e: unknown) => e);
  expect((api as Response).status).toBe(400);
  expect(await (api as Response).json()).toEqual({ error: { code: "invalid_parameter", message: invalidData.message } });

  const bug = new Error("a bug");
  const buggy = answeringInvalidData(async (_: { request: Request }): Promise<Response> => {
    throw bug;
  });
  await expect(buggy({ request: new Request("http://localhost/x.csv") })).rejects.toBe(bug);
});
