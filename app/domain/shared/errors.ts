/**
 * A missing or forbidden row ends the request: these throw a Response that the
 * error boundary renders as a 404 or 403 page. Problems a user can fix (bad
 * input, a stale version) are returned as values so the form shows them.
 */
/** The body the error page shows to the user; anything else a Response carries is not shown. */
export interface UserMessage {
  userMessage: string;
}

function fail(status: number, statusText: string, message: string): never {
  throw Response.json({ userMessage: message } satisfies UserMessage, { status, statusText });
}

export function forbidden(message = "您没有权限执行此操作。"): never {
  fail(403, "Forbidden", message);
}

export function notFound(message = "找不到您要的内容。"): never {
  fail(404, "Not Found", message);
}

export function badRequest(message = "请求的参数不正确。"): never {
  fail(400, "Bad Request", message);
}

export function invariantFound<T>(value: T | null | undefined, message?: string): T {
  if (value == null) notFound(message);
  return value;
}

/** The result of a write that may fail for reasons the user can fix. */
export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };

/**
 * The constraint a unique index refused a write with (a race between two writes
 * that both checked first), or null when the error is something else. The
 * driver's error may come wrapped as the cause of another.
 */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === "23505") return constraint ?? constraint_name ?? "";
  }
  return null;
}
