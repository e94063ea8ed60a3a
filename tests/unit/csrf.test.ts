import { describe, expect, test } from "vitest";
import { crossSiteRefusal, type RequestOriginFacts } from "../../app/auth/csrf";

const host = "registry.example.gov.cn";

function post(facts: Partial<RequestOriginFacts>): RequestOriginFacts {
  return { method: "POST", origin: null, secFetchSite: null, host, ...facts };
}

describe("safe methods", () => {
  test.each(["GET", "HEAD", "OPTIONS", "get", "head"])(
    "%s passes even when a browser says it is cross-site",
    (method) => {
      expect(
        crossSiteRefusal(
          post({ method, secFetchSite: "cross-site", origin: "https://evil.example" }),
        ),
      ).toBeNull();
    },
  );

  test.each(["POST", "PUT", "PATCH", "DELETE", "post"])(
    "%s from another site is refused",
    (method) => {
      expect(crossSiteRefusal(post({ method, secFetchSite: "cross-site" }))).not.toBeNull();
    },
  );
});

describe("Sec-Fetch-Site", () => {
  test("same-origin passes", () => {
    expect(crossSiteRefusal(post({ secFetchSite: "same-origin" }))).toBeNull();
  });

  test("none (typed into the address bar, a bookmark) passes", () => {
    expect(crossSiteRefusal(post({ secFetchSite: "none" }))).toBeNull();
  });

  test("cross-site is refused and the refusal names the header", () => {
    expect(crossSiteRefusal(post({ secFetchSite: "cross-site" }))).toBe(
      "Sec-Fetch-Site: cross-site",
    );
  });

  test("same-site (a sibling subdomain) is refused", () => {
    expect(crossSiteRefusal(post({ secFetchSite: "same-site" }))).toBe("Sec-Fetch-Site: same-site");
  });

  test("Sec-Fetch-Site cross-site is refused even if the Origin looks like ours", () => {
    expect(
      crossSiteRefusal(post({ secFetchSite: "cross-site", origin: `https://${host}` })),
    ).not.toBeNull();
  });

  test("Sec-Fetch-Site same-origin decides over an Origin header", () => {
    expect(
      crossSiteRefusal(post({ secFetchSite: "same-origin", origin: `https://${host}` })),
    ).toBeNull();
  });
});

describe("Origin, when Sec-Fetch-Site is absent", () => {
  test("an Origin matching the host passes", () => {
    expect(crossSiteRefusal(post({ origin: `https://${host}` }))).toBeNull();
  });

  test("an Origin matching the host including its port passes", () => {
    expect(
      crossSiteRefusal(post({ origin: "http://localhost:3000", host: "localhost:3000" })),
    ).toBeNull();
  });

  test("the same host on another port is refused", () => {
    expect(
      crossSiteRefusal(post({ origin: "http://localhost:4000", host: "localhost:3000" })),
    ).not.toBeNull();
  });

  test("another origin is refused and the refusal names both", () => {
    const refusal = crossSiteRefusal(post({ origin: "https://evil.example" }));
    expect(refusal).toContain("https://evil.example");
    expect(refusal).toContain(host);
  });

  test("a lookalike subdomain of ours is refused", () => {
    expect(crossSiteRefusal(post({ origin: `https://${host}.evil.example` }))).not.toBeNull();
  });

  test('an Origin of "null" (sandboxed frame, data: URL) is refused', () => {
    expect(crossSiteRefusal(post({ origin: "null" }))).toBe("Origin: null");
  });

  test("an unparseable Origin is refused", () => {
    expect(crossSiteRefusal(post({ origin: "not a url" }))).toMatch(/^Origin 无法解析/);
  });

  test("an Origin is refused when the host is unknown", () => {
    expect(crossSiteRefusal(post({ origin: `https://${host}`, host: null }))).not.toBeNull();
  });
});

describe("clients that are not browsers", () => {
  test("a request with neither header passes (curl, servers carry no ambient cookies)", () => {
    expect(crossSiteRefusal(post({}))).toBeNull();
  });
});

describe("trusted origins", () => {
  const trustedOrigins = ["https://portal.example.gov.cn"];

  test("a trusted origin passes although its host differs", () => {
    expect(
      crossSiteRefusal(post({ origin: "https://portal.example.gov.cn", trustedOrigins })),
    ).toBeNull();
  });

  test("a trusted origin passes although the browser says cross-site", () => {
    expect(
      crossSiteRefusal(
        post({
          origin: "https://portal.example.gov.cn",
          secFetchSite: "cross-site",
          trustedOrigins,
        }),
      ),
    ).toBeNull();
  });

  test("an untrusted origin is still refused when a list is given", () => {
    expect(
      crossSiteRefusal(post({ origin: "https://evil.example", trustedOrigins })),
    ).not.toBeNull();
  });

  test("a trusted origin must match exactly, not by prefix", () => {
    expect(
      crossSiteRefusal(
        post({
          origin: "https://portal.example.gov.cn.evil.example",
          secFetchSite: "cross-site",
          trustedOrigins,
        }),
      ),
    ).not.toBeNull();
  });
});
