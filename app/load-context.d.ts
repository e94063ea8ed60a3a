import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy. */
    cspNonce: string;
    /** The client's address (after trusted proxies). */
    clientIp: string | null;
    /** The one-time key the posted form carried, with where it was posted (app/auth/submission-request.ts). */
    submission?: import("./auth/submission-request").SubmissionRequest | null;
  }
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
