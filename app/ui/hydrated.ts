import { useEffect, useState } from "react";

/**
 * False in the server's HTML and in the first render in the browser, true once
 * React runs: what only works with JavaScript (a live total, a button that adds
 * a row in place) is shown from then on, and the page works without it before.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
