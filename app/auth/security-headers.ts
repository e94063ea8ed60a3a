/**
 * Headers every response carries. The Content-Security-Policy is enforced (not
 * report-only) and allows scripts only with this request's nonce; a page that
 * runs no inline script or style (the reading pages, `nonce: null`) allows
 * only the site's own files.
 */
export function securityHeaders(options: {
  nonce: string | null;
  development: boolean;
  https: boolean;
  /** The request carries a session: its pages must not be stored by browsers or proxies. */
  authenticated?: boolean;
}): Record<string, string> {
  const { nonce, development } = options;
  const nonceSource = nonce === null ? "" : ` 'nonce-${nonce}'`;
  const csp = [
    "default-src 'self'",
    development
      ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'"
      : `script-src 'self'${nonceSource}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self'${nonceSource}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000";
  if (options.authenticated) headers["Cache-Control"] = "private, no-store";
  return headers;
}
