import { expect, test } from "vitest";
import { escapeLike } from "../../app/domain/shared/like";

test("a percent sign is searched for literally", () => {
  expect(escapeLike("50%")).toBe("50\\%");
});

test("an underscore is searched for literally", () => {
  expect(escapeLike("a_b")).toBe("a\\_b");
});

test("a backslash is escaped first so it cannot escape the wildcard after it", () => {
  expect(escapeLike("\\%")).toBe("\\\\\\%");
});

test("every wildcard is escaped, not only the first", () => {
  expect(escapeLike("%%__")).toBe("\\%\\%\\_\\_");
});

test("ordinary text, including Chinese, is unchanged", () => {
  expect(escapeLike("幸福社区 居委会")).toBe("幸福社区 居委会");
});

test("the empty string stays empty", () => {
  expect(escapeLike("")).toBe("");
});
