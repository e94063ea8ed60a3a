/**
 * Large posts sent the way an attacker or a broken client would: many at once,
 * each bigger than any form, over raw HTTP so a server that answers early and
 * hangs up is counted rather than thrown. Used by the request-limit test and by
 * `npx tsx bench/flood.ts`.
 */
import fs from "node:fs";
import http from "node:http";

export interface FloodResult {
  sent: number;
  statuses: Record<string, number>;
  /** Connections the server closed before answering (it may stop reading a body it refused). */
  resets: number;
}

/** Sends `count` POSTs of `bytes` each to `url`, `concurrency` at a time. */
export async function flood(
  url: string,
  options: { count: number; bytes: number; concurrency: number; headers?: Record<string, string>; body: (bytes: number) => { contentType: string; chunks: () => Iterable<Buffer> } },
): Promise<FloodResult> {
  const result: FloodResult = { sent: 0, statuses: {}, resets: 0 };
  let next = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = options.body(options.bytes);
      const request = http.request(url, {
        method: "POST",
        headers: { ...options.headers, "Content-Type": body.contentType, "Content-Length": String(options.bytes), Connection: "close" },
      });
      let settled = false;
      const done = (status: string | null) => {
        if (settled) return;
        settled = true;
        if (status) result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        else result.resets++;
        resolve();
      };
      request.on("response", (response) => {
        response.resume();
        response.on("end", () => done(String(response.statusCode)));
        response.on("error", () => done(String(response.statusCode)));
      });
      request.on("error", () => done(null));
      const write = async () => {
        for (const chunk of body.chunks()) {
          if (settled || request.destroyed) return;
          if (!request.write(chunk)) await new Promise((r) => request.once("drain", r).once("close", r));
        }
        request.end();
      };
      write().catch(() => done(null));
    });
  const workers = Array.from({ length: options.concurrency }, async () => {
    while (next < options.count) {
      next++;
      result.sent++;
      await one();
    }
  });
  await Promise.all(workers);
  return result;
}

const megabyte = Buffer.alloc(1024 * 1024, "a");

function* filler(bytes: number): Iterable<Buffer> {
  for (let left = bytes; left > 0; left -= megabyte.length) yield left >= megabyte.length ? megabyte : megabyte.subarray(0, left);
}

/** A sign-in form padded with an unknown field up to `bytes`. */
export function paddedSignIn(bytes: number) {
  const head = Buffer.from("username=a&password=x&junk=");
  return { contentType: "application/x-www-form-urlencoded", chunks: () => [head, ...filler(bytes - head.length)] };
}

/** A multipart upload of one file "材料.pdf" filling `bytes`. */
export function paddedUpload(bytes: number) {
  const boundary = "----flood7d3a";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="材料.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, chunks: () => [head, ...filler(bytes - head.length - tail.length), tail] };
}

/** Resident memory of a process in MiB, from /proc (0 once it is gone). */
export function residentMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Requests of an ordinary reader while the flood runs: each status and how long it took. */
export function bystander(urls: string[], everyMs = 100) {
  const seen: Array<{ status: number; ms: number }> = [];
  let running = true;
  const loop = (async () => {
    let i = 0;
    while (running) {
      const started = Date.now();
      const status = await fetch(urls[i++ % urls.length]!, { signal: AbortSignal.timeout(15_000) })
        .then(async (r) => (await r.arrayBuffer(), r.status))
        .catch(() => 0);
      seen.push({ status, ms: Date.now() - started });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}
