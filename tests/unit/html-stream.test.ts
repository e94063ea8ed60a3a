import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { withoutNulBytes } from "../../app/html-stream.server";

async function through(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(withoutNulBytes())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

test("drops the NUL bytes React 18 leaves at a buffer's end, keeping every character whole", async () => {
  const text = "社区社会组织".repeat(400);
  const bytes = Buffer.from(text, "utf8");
  // As React writes it: a chunk cut before a three-byte character, padded with the buffer's unfilled zeros.
  const chunks = [Buffer.concat([bytes.subarray(0, 2046), Buffer.alloc(2)]), bytes.subarray(2046)];
  expect((await through(chunks)).toString("utf8")).toBe(text);
});

test("passes chunks without NUL through unchanged", async () => {
  const chunk = Buffer.from("<p>村务公开</p>", "utf8");
  expect(await through([chunk])).toEqual(chunk);
});
