import { expect, test } from "vitest";
import { nameGrams, searchGrams } from "../../app/domain/shared/name-grams";

test("a fragment of one character is looked up as itself; longer ones by every two-character piece", () => {
  expect(searchGrams("社")).toEqual(["社"]);
  expect(searchGrams("社区")).toEqual(["社区"]);
  expect(searchGrams("社区服务")).toEqual(["社区", "区服", "服务"]);
  // A repeated piece is asked for once.
  expect(searchGrams("哈哈哈")).toEqual(["哈哈"]);
  expect(searchGrams("ABc")).toEqual(["ab", "bc"]);
  // An astral character is one character, as PostgreSQL counts it.
  expect(searchGrams("𠀋")).toEqual(["𠀋"]);
  expect(searchGrams("𠀋村")).toEqual(["𠀋村"]);
});

test("a name keeps its characters and two-character pieces, so every fragment's pieces are among them", () => {
  const name = "鲤城区老年人体育协会";
  const stored = new Set(nameGrams(name));
  expect(stored.has("鲤")).toBe(true);
  expect(stored.has("体育")).toBe(true);
  for (let start = 0; start < name.length; start++) {
    for (let end = start + 1; end <= name.length; end++) {
      for (const piece of searchGrams(name.slice(start, end))) expect(stored.has(piece)).toBe(true);
    }
  }
  expect(stored.has("育体")).toBe(false);
});
