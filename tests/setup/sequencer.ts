/**
 * The order the test files start in. Vitest starts the files that took longest
 * in an earlier run first, but a clean clone (CI) has no earlier run, and then
 * it starts the largest files first: the short files that start servers,
 * clusters and outages of their own (a minute each) came last and left the
 * other workers idle at the end. These start first; the rest keep Vitest's order.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files that take half a minute or more on two cores, longest first (as measured in CI). */
const slowFirst = [
  "tests/integration/fuzz-actions.test.ts",
  "tests/integration/access-matrix.test.ts",
  "tests/integration/postgres-only/supervisor.test.ts",
  "tests/integration/postgres-only/request-limits.test.ts",
  "tests/integration/postgres-only/outage-writes.test.ts",
  "tests/integration/postgres-only/city-seed.test.ts",
  "tests/integration/imports.test.ts",
  "tests/integration/data-folder.test.ts",
];

function rank(spec: TestSpecification): number {
  const index = slowFirst.findIndex((file) => spec.moduleId.endsWith(file));
  return index < 0 ? slowFirst.length : index;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    // Array.prototype.sort is stable: within a rank, Vitest's own order stays.
    return ordered.sort((a, b) => rank(a) - rank(b));
  }
}
