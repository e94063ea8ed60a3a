import { describe, expect, test } from "vitest";
import { securityHeaders } from "../../app/auth/security-headers";

const nonce = "bm9uY2UtZm9yLXRlc3Q";
const production = { nonce, development: false, https: true };

function directives(csp: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe("Content-Security-Policy", () => {
  test("is enforced, not report-only", () => {
    const headers = securityHeaders(production);
    expect(headers["Content-Security-Policy"]).toBeTruthy();
    expect(headers).not.toHaveProperty("Content-Security-Policy-Report-Only");
  });

  test("allows scripts only from this site and with this request's nonce", () => {
    const csp = directives(securityHeaders(production)["Content-Security-Policy"]);
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
  });

  test("a different nonce gives a different script-src", () => {
    const csp = directives(
      securityHeaders({ ...production, nonce: "other" })["Content-Security-Policy"],
    );
    expect(csp.get("script-src")).toContain("'nonce-other'");
    expect(csp.get("script-src")).not.toContain(`'nonce-${nonce}'`);
  });

  test("a page without inline script or style (no nonce) allows only this site's files", () => {
    const csp = directives(securityHeaders({ ...production, nonce: null })["Content-Security-Policy"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
  });

  test("production allows no inline or eval'd script", () => {
    const scriptSrc = directives(securityHeaders(production)["Content-Security-Policy"]).get(
      "script-src",
    );
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
  });

  test("forbids framing by anyone", () => {
    const csp = directives(securityHeaders(production)["Content-Security-Policy"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  test("forbids plugins and base-tag rewriting, and posts forms only to this site", () => {
    const csp = directives(securityHeaders(production)["Content-Security-Policy"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  test("development relaxes script-src for the dev server and drops the nonce", () => {
    const dev = securityHeaders({ nonce, development: true, https: false });
    const scriptSrc = directives(dev["Content-Security-Policy"]).get("script-src");
    expect(scriptSrc).toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain(`'nonce-${nonce}'`);
  });

  test("development still forbids framing", () => {
    const dev = securityHeaders({ nonce, development: true, https: false });
    expect(directives(dev["Content-Security-Policy"]).get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("other headers", () => {
  test("sniffing content types is off", () => {
    expect(securityHeaders(production)["X-Content-Type-Options"]).toBe("nosniff");
  });

  test("a referrer policy is set", () => {
    expect(securityHeaders(production)["Referrer-Policy"]).toBeTruthy();
  });

  test("legacy framing protection is DENY", () => {
    expect(securityHeaders(production)["X-Frame-Options"]).toBe("DENY");
  });

  test("no X-Powered-By key is set, in any letter case", () => {
    for (const development of [true, false]) {
      const keys = Object.keys(
        securityHeaders({ nonce, development, https: true, authenticated: true }),
      );
      expect(keys.map((k) => k.toLowerCase())).not.toContain("x-powered-by");
    }
  });
});

describe("caching", () => {
  test("a signed-in page must not be stored", () => {
    expect(securityHeaders({ ...production, authenticated: true })["Cache-Control"]).toBe(
      "private, no-store",
    );
  });

  test("an anonymous page sets no Cache-Control", () => {
    expect(securityHeaders({ ...production, authenticated: false })).not.toHaveProperty(
      "Cache-Control",
    );
    expect(securityHeaders(production)).not.toHaveProperty("Cache-Control");
  });
});

describe("Strict-Transport-Security", () => {
  test("is sent over https", () => {
    expect(securityHeaders(production)["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  test("lasts at least a year", () => {
    const value = securityHeaders(production)["Strict-Transport-Security"] ?? "";
    expect(Number(/max-age=(\d+)/.exec(value)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });

  test("is not sent over plain http", () => {
    expect(securityHeaders({ ...production, https: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });
});
