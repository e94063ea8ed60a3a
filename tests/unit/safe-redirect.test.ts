import fc from "fast-check";
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

test("dot segments are resolved before the decision: /.//evil.example is another host once normalised", () => {
  for (const to of ["/.//evil.example", "/./\\evil.example", "/a/..//evil.example", "/%2e//evil.example", "/a/../\\/evil.example", "/..//evil.example/x"]) {
    expect(safeRedirect(to, "/home")).toBe("/home");
  }
});

test("paths that only look odd stay on this site, normalised", () => {
  expect(safeRedirect("/a/./b/../c?x=1#y")).toBe("/a/c?x=1#y");
  expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  expect(safeRedirect("/officer\\users")).toBe("/officer/users");
});

/** Pieces a crafted redirect is made of: dot segments, slashes and backslashes, encodings, schemes, hosts, tabs. */
const piece = fc.constantFrom(
  "/", "//", "\\", "\\\\", ".", "..", "./", "../", "%2e", "%2E%2E", "%2F", "%2f", "%5C", "%5c", "%09", "%0a",
  "\t", "\n", "\r", " ", "@", ":", "?", "#", "&", "http:", "https:", "javascript:", "data:", "evil.example",
  "evil.example:443", "officer", "orgs", "a", "é", "社区", "%E7%A4%BE", "\u3002", "\uff0f",
);
const crafted = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

/** Where a browser on our site would go with this Location header. */
const followed = (location: string, from: string) => new URL(location, from);

test("property: whatever is asked for, the answer is the fallback or a path on this very site, and stable", () => {
  const site = "https://registry.example.gov.cn";
  fc.assert(
    fc.property(fc.oneof(crafted, crafted.map((s) => `/${s}`), fc.string(), fc.webPath()), (to) => {
      const out = safeRedirect(to, "/fallback");
      if (out === "/fallback") return;
      expect(out.startsWith("/")).toBe(true);
      expect(out.startsWith("//")).toBe(false);
      expect(out.startsWith("/\\")).toBe(false);
      for (const from of [`${site}/`, `${site}/login?redirectTo=x`, `${site}/a/b/c`]) {
        expect(followed(out, from).origin).toBe(site);
      }
      expect(safeRedirect(out, "/fallback")).toBe(out);
    }),
    { numRuns: 5000, seed: 20261204 },
  );
});

test("property: a path that a browser would read as another host always falls back", () => {
  const site = "https://registry.example.gov.cn";
  fc.assert(
    fc.property(crafted.map((s) => `/${s}`), (to) => {
      let elsewhere = false;
      try {
        elsewhere = new URL(to, `${site}/`).origin !== site;
      } catch {
        elsewhere = true;
      }
      if (elsewhere) expect(safeRedirect(to, "/fallback")).toBe("/fallback");
    }),
    { numRuns: 5000, seed: 4 },
  );
});
