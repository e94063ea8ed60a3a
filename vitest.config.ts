import os from "node:os";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import SlowFirstSequencer from "./tests/setup/sequencer";

/**
 * Integration tests always run on PGlite and, when TEST_DATABASE_URL names a
 * PostgreSQL server, once more on it; each test file gets a clean, migrated
 * database of its own, copied from a template migrated once per run (the
 * globalSetup). Files under postgres-only/ need a server process (outage and
 * shutdown behaviour) and run only there.
 */
const postgres = process.env.TEST_DATABASE_URL;

const integration = (name: string, kind: "pglite" | "postgres", include: string[], clock?: string, exclude: string[] = []) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude,
    // Per project, so a run without this project (e.g. --project unit) makes no template.
    globalSetup: ["tests/setup/integration-template.ts"],
    setupFiles: [...(clock ? ["tests/setup/clock.ts"] : []), "tests/setup/integration.ts"],
    env: { TEST_DB_KIND: kind, ...(clock ? { TEST_CLOCK: clock } : {}) },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * The suites whose demo district and rules are dated run again on four days
 * spread over a year (tests/setup/clock.ts moves the clock): a January day
 * before the inspection deadlines, the registry's deadline of 31 May, the first
 * day of the second half-year, and early December. The year is the one the run
 * happens in, so the dates move with it.
 */
const year = new Date().getFullYear();
const clockDays = ["01-15", "05-31", "07-01", "12-04"].map((day) => `${year}-${day}`);
const datedSuites = ["demo-district", "calendar", "reminders", "stats", "inspections", "applications", "postings", "party", "communities", "todo"].map(
  (name) => `tests/integration/${name}.test.ts`,
);

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    // Vitest leaves one core free by default, which on a 2-core machine means one
    // file at a time. The integration files also wait (on the PostgreSQL server, on
    // app servers they start, on outages they stage), so one file more than the
    // cores keeps the machine busy.
    maxWorkers: os.availableParallelism() + 1,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      // The property tests run hundreds of cases each: on a busy machine that takes longer than the default 5 s.
      // The timeout is there to stop a hang, not to time anything (speed is measured by `npm run bench`).
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 30_000 } },
      // The access matrix asks who may reach what, which no database engine changes: it runs once, on
      // PostgreSQL when there is one (it takes minutes), else on PGlite.
      integration("integration-pglite", "pglite", ["tests/integration/*.test.ts"], undefined, postgres ? ["tests/integration/access-matrix.test.ts"] : []),
      ...clockDays.map((day) => integration(`integration-dated-${day}`, "pglite", datedSuites, day)),
      ...(postgres
        ? [
            // The data folder is the embedded database's own: the server adds nothing to that file.
            integration(
              "integration-postgres",
              "postgres",
              ["tests/integration/*.test.ts", "tests/integration/postgres-only/*.test.ts"],
              undefined,
              ["tests/integration/data-folder.test.ts"],
            ),
          ]
        : []),
    ],
  },
});
