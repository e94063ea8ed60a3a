/**
 * Valid personal numbers and ways of typing them, for the masking's property
 * tests (tests/unit/sensitive-numbers-formats.test.ts) and the test of every
 * public output (tests/integration/public-output.test.ts).
 */
import fc from "fast-check";
import { idCardCheckCharacter, luhnValid } from "../../app/domain/postings/sensitive-numbers";

const provinces = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(""));

/** Region, birth date and sequence of a real-looking ID. */
const idParts = (minYear: number, maxYear: number) =>
  fc
    .record({
      province: fc.constantFrom(...provinces),
      region: digitString(4),
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      sequence: digitString(3),
    })
    .map((p) => ({ ...p, day: 1 + Math.floor(p.dayFraction * daysIn(p.year, p.month)) }));

/** 18 characters with the right check character, X included. */
export const validId18 = idParts(1900, 2099).map((p) => {
  const first17 = `${p.province}${p.region}${pad(p.year, 4)}${pad(p.month, 2)}${pad(p.day, 2)}${p.sequence}`;
  return first17 + idCardCheckCharacter(first17);
});
/** The pre-1999 form: 15 digits with a two-digit year. */
export const validId15 = idParts(1900, 1999).map((p) => `${p.province}${p.region}${pad(p.year % 100, 2)}${pad(p.month, 2)}${pad(p.day, 2)}${p.sequence}`);
export const validMobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digitString(9)).map(([second, rest]) => `1${second}${rest}`);

/** A Luhn check digit for the digits before it. */
function luhnCompleted(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}
const cardPrefixes = ["62", "6228", "622202", "4", "4367", "5", "5187", "9558", "3568", "2221", "2720"];
export const validCard = fc
  .record({ prefix: fc.constantFrom(...cardPrefixes), length: fc.integer({ min: 16, max: 19 }), rest: digitString(19) })
  .map(({ prefix, length, rest }) => luhnCompleted((prefix + rest).slice(0, length - 1)));

/* Ways of typing a number. */

const separators = [
  " ", "\u00A0", "\u2007", "\u202F", "\u3000", "\t",
  "-", "\u2010", "\u2013", "\u2014", "\u2212", "\uFF0D",
  "/", "\uFF0F", ",", "\uFF0C", "\u3001", ".", "\uFF0E", "\u00B7", "\u3002",
  "_", "\uFF3F", "(", ")", "\uFF08", "\uFF09", "[", "]", "【", "】",
];
const invisibles = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"];
const xForms = ["X", "x", "\uFF38", "\uFF58"];
/**
 * Where a number appears: sentences, labels, letters and Chinese characters
 * right next to it; never digits, and no X straight after it (X belongs to the
 * ID alphabet: 17 digits and an X are an ID whatever follows).
 */
const contexts = [
  (s: string) => s,
  (s: string) => `户主张三，身份证号${s}，家庭人口三人。`,
  (s: string) => `联系电话：${s}（工作日）`,
  (s: string) => `ID${s}号`,
  (s: string) => `abc${s}yz`,
  (s: string) => `甲${s}乙`,
  (s: string) => `- 李四 ${s}`,
  (s: string) => `**张三** ${s} 已核实`,
  (s: string) => `开户行：农业银行，账号${s}。`,
];

export interface Typed {
  text: string;
  /** The number as typed, without the context. */
  typed: string;
}

/**
 * Formats a number: cut into groups anywhere, each gap a run of one to three
 * separators of any kinds (sometimes with markup), digits full-width or not,
 * invisible characters anywhere, markup around it, and a context.
 *
 * One shape is left out on purpose: a lone ".", "-", "/" or "·" before a
 * group of one or two digits. That is how amounts ("56.78") and dates
 * ("2026-1-5") are written, and the finder reads them as such (a documented
 * false negative, tested below).
 */
export function typedNumber(value: string, options: { prefixes?: string[]; oneLine?: boolean } = {}): fc.Arbitrary<Typed> {
  // One-line fields (titles, cells, reasons) refuse tabs and invisible characters: only bodies and file names hold them.
  const gapCharacters = options.oneLine ? separators.filter((c) => c !== "\t") : separators;
  const n = value.length;
  const hasX = value.endsWith("X");
  const digitCount = hasX ? n - 1 : n;
  return fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, digitCount - 1) }), { maxLength: 8 }),
      gaps: fc.array(
        fc.record({
          chars: fc.array(fc.constantFrom(...gapCharacters), { minLength: 1, maxLength: 3 }),
          markup: fc.constantFrom("", "", "**", "****"),
          markupAt: fc.nat(3),
        }),
        { minLength: 9, maxLength: 9 },
      ),
      fullWidth: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      invisibleAt: fc.array(fc.record({ at: fc.nat(n), char: fc.constantFrom(...invisibles) }), { maxLength: options.oneLine ? 0 : 3 }),
      x: fc.constantFrom(...xForms),
      xGap: fc.constantFrom("", "", " ", "**"),
      around: fc.constantFrom("", "**"),
      prefix: fc.constantFrom(...(options.prefixes ?? [""])),
      context: fc.constantFrom(...contexts),
    })
    .map((f): Typed => {
      const cuts = [...f.cuts].filter((c) => c < digitCount).sort((a, b) => a - b);
      const bounds = [0, ...cuts, digitCount];
      const chars = [...value].map((c, i) => {
        if (c === "X") return f.x;
        return f.fullWidth[i] ? String.fromCharCode(0xff10 + Number(c)) : c;
      });
      let typed = "";
      for (let g = 0; g + 1 < bounds.length; g++) {
        const group = chars.slice(bounds[g], bounds[g + 1]);
        if (g > 0) {
          const gap = f.gaps[(g - 1) % f.gaps.length]!;
          let sep = gap.chars.join("");
          if (group.length <= 2 && gap.chars.length === 1 && /^[-./·\u2010\u2013\u2014\u2212\uFF0D\uFF0F\uFF0E\u00B7]$/.test(sep)) sep = ` ${sep}`;
          const at = Math.min(gap.markupAt, sep.length);
          typed += sep.slice(0, at) + gap.markup + sep.slice(at);
        }
        typed += group.join("");
      }
      if (hasX) typed += f.xGap + chars[n - 1];
      for (const { at, char } of f.invisibleAt) {
        const i = Math.min(at, typed.length);
        typed = typed.slice(0, i) + char + typed.slice(i);
      }
      typed = f.prefix + typed;
      const around = `${f.around}${typed}${f.around}`;
      return { text: f.context(around), typed };
    });
}

