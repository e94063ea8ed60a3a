import type { HeadersFunction } from "@remix-run/node";

/**
 * A page's `headers`: a refused attempt's Retry-After reaches the browser. Remix
 * keeps only the cookies of an action's headers unless the route passes others on.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
