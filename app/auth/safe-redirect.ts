/**
 * Only local paths: "/officer" yes; "//evil.example", "/\\evil", "https://..." no.
 * The path is read the way a browser reads it (which drops tabs and newlines,
 * treats "\\" as "/" and resolves dot segments), and the decision is made on the
 * normalised result: "/.//evil.example" normalises to "//evil.example", which a
 * browser would take for another host. The answer is itself normalised, so
 * reading it again gives the same path.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const local = "http://local.invalid";
  let url: URL;
  try {
    url = new URL(to, local);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== local || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
