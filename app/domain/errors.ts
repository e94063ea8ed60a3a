/**
 * A missing or forbidden row ends the request: these throw a Response that the
 * error boundary renders as a 404 or 403 page. Problems a user can fix (bad
 * input, a stale version) are returned as values so the form shows them.
 */
export function forbidden(message = "您没有权限执行此操作。"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "找不到您要的内容。"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function invariantFound<T>(value: T | null | undefined, message?: string): T {
  if (value == null) notFound(message);
  return value;
}

/** The result of a write that may fail for reasons the user can fix. */
export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };
