import fc from "fast-check";
import { expect, test } from "vitest";
import { isRowId, maxRowId, parseRowId, rowIdOrNotFound } from "../../app/domain/shared/ids";

test("row ids: plain digits from 1 to PostgreSQL's largest integer", () => {
  expect(parseRowId("42")).toBe(42);
  expect(parseRowId("2147483647")).toBe(2147483647);
  for (const bad of [undefined, null, "", "0", "012", "-1", "1.5", "1e3", "0x10", " 7", "7 ", "2147483648", "99999999999", "abc", "１２"]) {
    expect(parseRowId(bad), String(bad)).toBeNull();
  }
});

test("any text either names a row PostgreSQL can hold or nothing at all", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.bigInt().map(String), fc.double().map(String)), (text) => {
      const id = parseRowId(text);
      if (id !== null) {
        expect(isRowId(id)).toBe(true);
        expect(String(id)).toBe(text);
      }
    }),
    { seed: 20260601, numRuns: 2000 },
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: maxRowId }), (n) => parseRowId(String(n)) === n), { seed: 20260602 });
});

test("a URL parameter that names no row is the 404 page", () => {
  expect(rowIdOrNotFound("7")).toBe(7);
  let thrown: unknown;
  try {
    rowIdOrNotFound("2147483648", "找不到该账号。");
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
});
