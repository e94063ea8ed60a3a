/**
 * Vitest globalSetup of the integration projects: migrates one template
 * database per run, so that each test file copies it (tests/setup/integration.ts)
 * instead of replaying every migration, which took seconds per file.
 * Vitest runs it for each integration project that has files to run, and only
 * the kinds of database those projects use are made: a dumpDataDir() file for
 * PGlite, a database on the TEST_DATABASE_URL server for PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrationsFolder } from "../../db/client.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A file written by PGlite's dumpDataDir(): the migrated in-memory database. */
    pgliteTemplate?: string;
    /** A migrated database on the TEST_DATABASE_URL server, for `create database … template`. */
    postgresTemplate?: string;
  }
}

const stamp = () => `${process.pid}_${Date.now().toString(36)}`;

interface Template {
  value: string;
  remove: () => Promise<void>;
}

/**
 * Several projects use one kind of database (PGlite runs again on shifted
 * clocks), and Vitest loads this file afresh for each; the one globalThis of the
 * main process lets them share a template, removed when the last is torn down.
 */
const templates = ((globalThis as { crIntegrationTemplates?: Map<string, { made: Promise<Template>; users: number }> })
  .crIntegrationTemplates ??= new Map());

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.config.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite";
  const entry = templates.get(kind) ?? { made: kind === "postgres" ? postgresTemplate() : pgliteTemplate(), users: 0 };
  templates.set(kind, entry);
  entry.users++;
  const template = await entry.made;
  project.provide(kind === "postgres" ? "postgresTemplate" : "pgliteTemplate", template.value);
  return async () => {
    if (--entry.users > 0) return;
    templates.delete(kind);
    await template.remove();
  };
}

async function pgliteTemplate(): Promise<Template> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite("memory://", { extensions: { pg_trgm } });
  try {
    await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    // Uncompressed: every test file reads it back, and gunzip would cost each of them time.
    const dump = await client.dumpDataDir("none");
    const file = path.join(os.tmpdir(), `cr_template_${stamp()}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    // The demo copies that tests/setup/demo.ts keeps beside it go with it.
    const remove = async () => {
      for (const name of fs.readdirSync(os.tmpdir())) {
        if (name.startsWith(path.basename(file))) fs.rmSync(path.join(os.tmpdir(), name), { force: true });
      }
    };
    return { value: file, remove };
  } finally {
    await client.close();
  }
}

async function postgresTemplate(): Promise<Template> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const name = `cr_template_${stamp()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const drop = async () => {
    // The demo copies that tests/setup/demo.ts keeps beside it go with it.
    const copies = await admin<Array<{ datname: string }>>`select datname from pg_database where datname like ${`${name}_demo%`}`;
    for (const { datname } of copies) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  try {
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() });
    } finally {
      await client.end();
    }
    // CREATE DATABASE … TEMPLATE fails while the source has a session, and a
    // backend may outlive end() by a moment: make sure none is left.
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  } catch (error) {
    await drop();
    throw error;
  }
  return { value: name, remove: drop };
}
