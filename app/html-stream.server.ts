import { Transform } from "node:stream";

/**
 * React 18.3's Node stream writer flushes its whole 2 KB buffer when a
 * three-byte character does not fit at the end, so one or two NUL bytes from
 * the unfilled tail reach the page (Chinese text hits this on most pages). A
 * NUL never belongs in our HTML and never occurs inside a UTF-8 character, so
 * dropping every 0x00 byte restores exactly what React meant to write.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, dropNulBytes(chunk));
    },
  });
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
