/**
 * Cross-site request refusal, in the way of Go's CrossOriginProtection: browsers
 * mark every request with Sec-Fetch-Site or Origin, so a state-changing request
 * that a browser says came from elsewhere is refused; clients that send neither
 * (curl, servers) are not browsers and carry no ambient cookies to abuse.
 */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOriginFacts {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** The host this site is served under (after trusted proxies). */
  host: string | null;
  /** Extra origins allowed to post, e.g. "https://registry.example.gov.cn". */
  trustedOrigins?: readonly string[];
}

/** Null when the request may proceed, otherwise why it is refused. */
export function crossSiteRefusal(facts: RequestOriginFacts): string | null {
  if (safeMethods.has(facts.method.toUpperCase())) return null;
  if (facts.origin && facts.trustedOrigins?.includes(facts.origin)) return null;
  if (facts.secFetchSite) {
    if (facts.secFetchSite === "same-origin" || facts.secFetchSite === "none") return null;
    return `Sec-Fetch-Site: ${facts.secFetchSite}`;
  }
  if (!facts.origin) return null;
  if (facts.origin === "null") return "Origin: null";
  let originHost: string;
  try {
    originHost = new URL(facts.origin).host;
  } catch {
    return `Origin 无法解析: ${facts.origin}`;
  }
  return originHost === facts.host ? null : `Origin ${facts.origin} 与本站 ${facts.host ?? "?"} 不一致`;
}
