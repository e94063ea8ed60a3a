import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Integration tests always run on PGlite and, when TEST_DATABASE_URL names a
 * PostgreSQL server, once more on it; each test file gets a clean, migrated
 * database of its own. Files under postgres-only/ need a server process
 * (outage and shutdown behaviour) and run only there.
 */
const postgres = process.env.TEST_DATABASE_URL;

const integration = (name: string, kind: "pglite" | "postgres", include: string[]) => ({
  extends: true as const,
  test: {
    name,
    include,
    setupFiles: ["tests/setup/integration.ts"],
    env: { TEST_DB_KIND: kind },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: "node",
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration-pglite", "pglite", ["tests/integration/*.test.ts"]),
      ...(postgres
        ? [
            integration("integration-postgres", "postgres", [
              "tests/integration/*.test.ts",
              "tests/integration/postgres-only/*.test.ts",
            ]),
          ]
        : []),
    ],
  },
});
