import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// When a load is cancelled (a second click interrupts the reload that follows
// a save), Remix has already read the data it needs, but the decoder of the
// response's remaining stream (turbo-stream 2.4) leaves two promises rejected
// with the AbortError and nothing waiting on them. Cancelling is intended, not
// a fault: keep it off the console. Every other unhandled rejection still shows.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
