import { expect, test } from "vitest";
import { safeRedirect } from "../../app/auth/require.server";

test("a path on this site is kept", () => {
  expect(safeRedirect("/officer")).toBe("/officer");
});

test("a path with a query and hash is kept", () => {
  expect(safeRedirect("/officer/organizations?page=2#list", "/home")).toBe(
    "/officer/organizations?page=2#list",
  );
});

test.each([
  ["a protocol-relative URL", "//evil.example"],
  ["a backslash that browsers read as a slash", "/\\evil"],
  ["an absolute URL", "https://evil.example"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["a relative path", "officer"],
  ["the empty string", ""],
])("%s falls back", (_name, to) => {
  expect(safeRedirect(to, "/home")).toBe("/home");
});

test("null falls back", () => {
  expect(safeRedirect(null, "/home")).toBe("/home");
});

test("undefined falls back", () => {
  expect(safeRedirect(undefined, "/home")).toBe("/home");
});

test("an uploaded file instead of a string falls back", () => {
  expect(safeRedirect(new File(["/officer"], "to.txt"), "/home")).toBe("/home");
});

test("the default fallback is the home page", () => {
  expect(safeRedirect("//evil.example")).toBe("/");
});

test("a tab or newline that browsers strip cannot smuggle in a protocol-relative URL", () => {
  for (const to of ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\t\\evil.example"]) {
    expect(safeRedirect(to, "/home")).toBe("/home");
  }
});
