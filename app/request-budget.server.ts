/**
 * The memory one process lends to request bodies in flight. Small bodies pass
 * freely; large ones reserve their declared size (or their route's limit when
 * no size is declared) and wait in line when the budget is spent, reading
 * nothing meanwhile (TCP holds the rest back). A line that grows too long is
 * answered "busy" at once, so a flood of large posts costs waiting sockets, not
 * memory, and small requests from everyone else keep being served.
 */
import { fitsBudget, smallBodyBytes, type BudgetState } from "./auth/request-limits";

const capacity = Math.max(1, Number(process.env.REQUEST_BODY_BUDGET_MB ?? 32)) * 1024 * 1024;
const maxWaiting = 200;

const state: BudgetState = { inUse: 0, capacity };
const waiting: Array<{ bytes: number; admit: () => void }> = [];

function admitWaiting() {
  while (waiting.length > 0 && fitsBudget(state, waiting[0]!.bytes)) {
    const next = waiting.shift()!;
    state.inUse += next.bytes;
    next.admit();
  }
}

/**
 * What reading a body of `bytes` costs in memory: a form is held as bytes,
 * then as text, then as fields (about four times its size); an upload's files
 * are held as their bytes and copied once for the database.
 */
export function bodyCost(bytes: number, contentType: string | null): number {
  return /^multipart\/form-data/i.test(contentType ?? "") ? bytes * 2 : bytes * 4;
}

/**
 * Resolves with a release function once `bytes` may be read, or with null when
 * the line is full (answer 503) or `gaveUp` fires while waiting (the client left).
 * Call release when the response is done.
 */
export function admitBody(bytes: number, gaveUp?: AbortSignal): Promise<(() => void) | null> {
  if (bytes <= smallBodyBytes) return Promise.resolve(() => {});
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    state.inUse -= bytes;
    admitWaiting();
  };
  if (waiting.length === 0 && fitsBudget(state, bytes)) {
    state.inUse += bytes;
    return Promise.resolve(release);
  }
  if (waiting.length >= maxWaiting) return Promise.resolve(null);
  return new Promise((resolve) => {
    const entry = { bytes, admit: () => resolve(release) };
    waiting.push(entry);
    gaveUp?.addEventListener("abort", () => {
      const index = waiting.indexOf(entry);
      if (index < 0) return;
      waiting.splice(index, 1);
      resolve(null);
      admitWaiting();
    });
  });
}

export function bodyBudgetInUse(): number {
  return state.inUse;
}
