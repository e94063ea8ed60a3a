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
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      done(null, Buffer.from(chunk.filter((byte) => byte !== 0)));
    },
  });
}
