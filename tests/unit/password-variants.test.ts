import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { commonPasswordMessage, isCommonPassword, passwordListProblems, usernameInPasswordMessage } from "../../app/auth/common-passwords.server";
import { containsUsername, foldCase, listEntryForms, passwordVariants, stripDecoration } from "../../app/auth/password-variants";

describe("normalising a password", () => {
  test("case and full-width characters fold", () => {
    expect(foldCase("ＰＡＳＳword")).toBe("password");
  });

  test("digits and symbols at the ends are decoration", () => {
    expect(stripDecoration("password2026!")).toBe("password");
    expect(stripDecoration("!!2026password")).toBe("password");
    expect(stripDecoration("pass2026word")).toBe("pass2026word");
    expect(stripDecoration("123456")).toBe("");
  });

  test("look-alike characters are read as letters", () => {
    expect(passwordVariants("P@ssw0rd2026!")).toContain("password");
    expect(passwordVariants("Pa$$w0rd")).toContain("password");
    expect(passwordVariants("1loveyou")).toContain("iloveyou");
    expect(passwordVariants("dr4g0n!")).toContain("dragon");
  });

  test("Password1234 comes down to password", () => {
    expect(passwordVariants("Password1234")).toContain("password");
  });

  test("a list entry stands for its letters, unless they are too few to mean anything", () => {
    expect(listEntryForms("woaini1314")).toEqual(["woaini1314", "woaini"]);
    expect(listEntryForms("a123456")).toEqual(["a123456"]);
    expect(listEntryForms("")).toEqual([]);
  });

  test("the username, in any case and with look-alikes", () => {
    expect(containsUsername("My-Officer-Pass-1", "officer")).toBe(true);
    expect(containsUsername("0ff1cer-and-more", "officer")).toBe(true);
    expect(containsUsername("Harbour-Lantern-58", "officer")).toBe(false);
    // Too short a name would refuse half the alphabet.
    expect(containsUsername("ab-something-long", "ab")).toBe(false);
  });
});

describe("the list of common passwords (server only)", () => {
  test.each(["Password1234", "P@ssw0rd2026!", "password", "Qwerty123!", "Iloveyou2026", "Dragon2026!", "woaini1314", "5201314", "qq123456", "a123456", "Woaini1314!!", "Admin123456!"])(
    "%s is common",
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  test.each(["demo-pass-2026", "Kaiyuan-Street-2026", "My-Own-Pass-2026", "Harbour-Lantern-58", "社区登记平台abcd1234", "x7Kq!mPz29Lr"])("%s is not", (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  test("both problems are named", () => {
    expect(passwordListProblems("Password1234", "password")).toEqual([commonPasswordMessage, usernameInPasswordMessage]);
    expect(passwordListProblems("Harbour-Lantern-58", "officer")).toEqual([]);
  });

  test("random passwords of 16 letters, digits and symbols are almost never refused", () => {
    const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_!";
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 16, maxLength: 16 }), (chars) => !isCommonPassword(chars.join(""))),
      { numRuns: 500 },
    );
  });
});
