import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { actionLabels, entityLabels } from "../../app/domain/audit/rules";

/** Every source file of the app, read once. */
const sources = (fs.readdirSync("app", { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => fs.readFileSync(path.join("app", f), "utf8"));

test("every audit action and entity the app writes by name has its Chinese label (the audit page and the dashboard show them)", () => {
  const actions = new Set(sources.flatMap((s) => [...s.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!)));
  const entities = new Set(sources.flatMap((s) => [...s.matchAll(/entityType: "([a-z_]+)"/g)].map((m) => m[1]!)));
  expect(actions.size).toBeGreaterThan(40);
  expect([...actions].filter((a) => !actionLabels[a])).toEqual([]);
  expect([...entities].filter((e) => !entityLabels[e])).toEqual([]);
});

test("the actions named from a step or a kind are labelled for each of their values", () => {
  const composed = [
    ...["submit", "resubmit", "accept", "return", "approve", "reject", "unit_consent", "unit_withhold"].map((a) => `application.${a}`),
    ...["submit", "resubmit", "return", "conclude", "unit_agree", "unit_return"].map((a) => `inspection.${a}`),
    ...["change", "cancellation", "register", "file"].map((k) => `organization.${k}`),
    ...["organizations", "communities"].map((k) => `import.${k}`),
  ];
  expect(composed.filter((a) => !actionLabels[a])).toEqual([]);
});
