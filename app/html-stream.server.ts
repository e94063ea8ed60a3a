import { Writable } from "node:stream";

/**
 * A page React writes, gathered whole: `sink` is what React pipes into, `page`
 * the document once React has ended it. No page streams deferred parts and the
 * server sends a page in one piece, so the 2 KB pieces need not pass through a
 * Node stream and a web stream on the way.
 *
 * React 18.3's Node stream writer flushes its whole 2 KB buffer when a
 * three-byte character does not fit at the end, so one or two NUL bytes from
 * the unfilled tail reach the page (Chinese text hits this on most pages). A
 * NUL never belongs in our HTML and never occurs inside a UTF-8 character, so
 * dropping every 0x00 byte restores exactly what React meant to write.
 */
export function wholePage(): { sink: Writable; page: Promise<Buffer> } {
  const chunks: Uint8Array[] = [];
  let resolve!: (page: Buffer) => void;
  let reject!: (error: Error) => void;
  const page = new Promise<Buffer>((yes, no) => ((resolve = yes), (reject = no)));
  const sink = new Writable({
    write(chunk: Uint8Array, _encoding, done) {
      chunks.push(chunk);
      done();
    },
    final(done) {
      resolve(dropNulBytes(Buffer.concat(chunks)));
      done();
    },
    destroy(error, done) {
      if (error) reject(error);
      done(error);
    },
  });
  return { sink, page };
}

/**
 * The chunk without its 0x00 bytes. The zeros sit in a run or two, so the bytes
 * between them are copied as blocks (a byte-by-byte filter cost a tenth of a
 * page's CPU); a chunk without any is returned as it is.
 */
export function dropNulBytes(chunk: Buffer): Buffer {
  let zero = chunk.indexOf(0);
  if (zero === -1) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let length = 0;
  let start = 0;
  while (zero !== -1) {
    length += chunk.copy(out, length, start, zero);
    start = zero + 1;
    zero = chunk.indexOf(0, start);
  }
  length += chunk.copy(out, length, start);
  return out.subarray(0, length);
}
