import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { minPasswordLength, passwordProblems } from "../../app/auth/password-policy";

const lengthProblem = "密码至少需要 12 个字符";
const tooLongProblem = "密码不能超过 128 个字符";
const classProblem = "密码须包含小写字母、大写字母、数字、符号中的至少三类";

describe("passwordProblems", () => {
  test("the demo password passes", () => {
    expect(passwordProblems("demo-pass-2026")).toEqual([]);
  });

  test("the minimum length is 12", () => {
    expect(minPasswordLength).toBe(12);
  });

  test("11 characters of three classes are too short", () => {
    expect(passwordProblems("Abcdefgh123")).toEqual([lengthProblem]);
  });

  test("12 characters of three classes pass", () => {
    expect(passwordProblems("Abcdefgh1234")).toEqual([]);
  });

  test("128 characters pass; 129 are too long", () => {
    expect(passwordProblems("Aa1" + "x".repeat(125))).toEqual([]);
    expect(passwordProblems("Aa1" + "x".repeat(126))).toEqual([tooLongProblem]);
  });

  test("lowercase letters alone fail the class rule", () => {
    expect(passwordProblems("abcdefghijklmn")).toEqual([classProblem]);
  });

  test("two classes fail the class rule", () => {
    expect(passwordProblems("abcdefgh12345")).toEqual([classProblem]);
    expect(passwordProblems("ABCDEFGH-----")).toEqual([classProblem]);
  });

  test.each([
    ["lowercase, uppercase, digit", "Abcdefghij12"],
    ["lowercase, uppercase, symbol", "Abcdefghij!!"],
    ["lowercase, digit, symbol", "abcdefghij1!"],
    ["uppercase, digit, symbol", "ABCDEFGHIJ1!"],
  ])("any three classes suffice: %s", (_name, password) => {
    expect(passwordProblems(password)).toEqual([]);
  });

  test("Chinese characters count as symbols", () => {
    expect(passwordProblems("社区登记平台abcd1234")).toEqual([]);
  });

  test("a short single-class password has both problems", () => {
    expect(passwordProblems("abc")).toEqual([lengthProblem, classProblem]);
  });

  test("the empty password has both problems", () => {
    expect(passwordProblems("")).toEqual([lengthProblem, classProblem]);
  });

  test("any string of 12 to 128 characters with a lowercase, an uppercase and a digit has no problems", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 9, maxLength: 125 }),
        fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        fc.constantFrom(..."0123456789"),
        fc.nat(),
        (rest, lower, upper, digit, seed) => {
          const chars = [...rest];
          for (const c of [lower, upper, digit])
            chars.splice((seed + chars.length) % (chars.length + 1), 0, c);
          const password = chars.join("");
          expect(password.length).toBeGreaterThanOrEqual(12);
          expect(password.length).toBeLessThanOrEqual(128);
          expect(passwordProblems(password)).toEqual([]);
        },
      ),
    );
  });

  test("any string shorter than 12 characters has the length problem", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 11 }), (password) => {
        expect(passwordProblems(password)).toContain(lengthProblem);
      }),
    );
  });

  test("any string with at most two classes has the class problem", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{0,40}$/), (password) => {
        expect(passwordProblems(password)).toContain(classProblem);
      }),
    );
  });
});
