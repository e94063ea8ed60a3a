import { Readable } from "node:stream";
import { expect, test } from "vitest";
import { dropNulBytes, wholePage } from "../../app/html-stream.server";

/** The chunks piped in as React pipes its output. */
async function through(chunks: Buffer[]): Promise<Buffer> {
  const { sink, page } = wholePage();
  Readable.from(chunks).pipe(sink);
  return page;
}

test("drops the NUL bytes React 18 leaves at a buffer's end, keeping every character whole", async () => {
  const text = "社区社会组织".repeat(400);
  const bytes = Buffer.from(text, "utf8");
  // As React writes it: a chunk cut before a three-byte character, padded with the buffer's unfilled zeros.
  const chunks = [Buffer.concat([bytes.subarray(0, 2046), Buffer.alloc(2)]), bytes.subarray(2046)];
  expect((await through(chunks)).toString("utf8")).toBe(text);
});

test("joins chunks without NUL unchanged", async () => {
  const chunks = [Buffer.from("<p>村务", "utf8"), Buffer.from("公开</p>", "utf8")];
  expect(await through(chunks)).toEqual(Buffer.concat(chunks));
});

test("drops zeros anywhere: leading, trailing, in runs, between characters, and a chunk of nothing else", () => {
  const of = (...parts: Array<string | number>) => Buffer.concat(parts.map((p) => (typeof p === "number" ? Buffer.alloc(p) : Buffer.from(p, "utf8"))));
  expect(dropNulBytes(of(1, "村务", 2, "公开", 3)).toString("utf8")).toBe("村务公开");
  expect(dropNulBytes(of("a", 1, "b", 1, "c")).toString("utf8")).toBe("abc");
  expect(dropNulBytes(of(5))).toHaveLength(0);
  expect(dropNulBytes(of(""))).toHaveLength(0);
  // Every other byte in a long chunk: the same as filtering byte by byte.
  const mixed = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 0 : 32 + (i % 90))));
  expect(dropNulBytes(mixed)).toEqual(Buffer.from(mixed.filter((b) => b !== 0)));
});
