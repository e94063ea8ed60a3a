/**
 * Personal numbers in public village-affairs postings (村务公开): mainland ID
 * cards (GB 11643), mobiles and bank cards. A subsistence-allowance list can
 * carry all three; the clerk is warned before submitting, and every public page
 * shows the masked form. Detection errs towards masking: a false mask costs a
 * reader little, a leaked ID number cannot be taken back.
 */
export type SensitiveKind = "id_card" | "id_card_suspect" | "mobile" | "bank_card";

export const sensitiveKindLabels: Record<SensitiveKind, string> = {
  id_card: "身份证号",
  id_card_suspect: "疑似身份证号（校验位不符）",
  mobile: "手机号",
  bank_card: "银行卡号",
};

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
  /** The original substring, full-width digits and separators as typed. */
  value: string;
  masked: string;
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckCharacters = "10X98765432";

/**
 * One ASCII character for each character that can stand in a number: ０-９,
 * Ｘ/ｘ and ＋ from full-width input mode, and the separators people put between
 * digit groups, folded into three kinds (a grouped number uses one kind
 * throughout):
 * - space-like → " ": space, tab, no-break space U+00A0, figure space U+2007,
 *   narrow no-break space U+202F, ideographic space U+3000;
 * - dash-like → "-": hyphen, en dash U+2013, em dash U+2014, full-width hyphen U+FF0D;
 * - dot-like → ".": full stop, full-width full stop U+FF0E, middle dot U+00B7.
 * Every character maps to exactly one UTF-16 unit, so offsets into the folded
 * text are offsets into the original.
 */
function foldWidth(text: string): string {
  return text.replace(
    /[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D\uFF0E\u3000\u00A0\u2007\u202F\t\u2013\u2014\u00B7]/g,
    (c) => {
      if (c === "\u3000" || c === "\u00A0" || c === "\u2007" || c === "\u202F" || c === "\t")
        return " ";
      if (c === "\u2013" || c === "\u2014") return "-";
      if (c === "\u00B7") return ".";
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    },
  );
}

/**
 * Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM). Input forms refuse
 * them; should one reach the finder anyway, it is invisible to the reader and
 * so invisible to the finder: skipped wherever it stands, inside a number or
 * not, and dropped from the masked form.
 */
const isZeroWidth = (c: string): boolean =>
  c === "\u200B" || c === "\u200C" || c === "\u200D" || c === "\u2060" || c === "\uFEFF";

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** Check character (ISO 7064 MOD 11-2) of an 18-character ID from its first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  const digits = foldWidth(first17);
  if (!/^\d{17}$/.test(digits)) throw new RangeError("身份证号前 17 位应为数字");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * idWeights[i]!;
  return idCheckCharacters[sum % 11]!;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Region and birth date look real; says nothing about the check character. */
function plausibleId18(v: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(v)) return false;
  const year = Number(v.slice(6, 10));
  return (
    year >= 1900 &&
    year <= 2099 &&
    isCalendarDate(year, Number(v.slice(10, 12)), Number(v.slice(12, 14)))
  );
}

/** Pre-1999 15-digit form: no check character, two-digit year of the 1900s. */
function plausibleId15(v: string): boolean {
  if (!/^[1-8]\d{14}$/.test(v)) return false;
  return isCalendarDate(
    1900 + Number(v.slice(6, 8)),
    Number(v.slice(8, 10)),
    Number(v.slice(10, 12)),
  );
}

export function isValidIdCard(value: string): boolean {
  const v = foldWidth(value);
  if (v.length === 15) return plausibleId15(v);
  return plausibleId18(v) && idCardCheckCharacter(v.slice(0, 17)) === v[17]!.toUpperCase();
}

export function luhnValid(digits: string): boolean {
  const d = foldWidth(digits);
  if (!/^\d+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** The characters of a value whose folded form passes `keep`, as originally typed. */
function originalChars(v: string, keep: (folded: string) => boolean): string[] {
  const folded = foldWidth(v);
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) if (keep(folded[i]!)) out.push(v[i]!);
  return out;
}

/** The digits of a value in their original (possibly full-width) form, separators dropped. */
const originalDigits = (v: string): string[] => originalChars(v, isDigit);

/** First 6 and last 4 characters kept; separators and zero-width characters dropped. */
export function maskIdCard(v: string): string {
  const c = originalChars(v, (f) => isDigit(f) || f === "X" || f === "x");
  if (c.length <= 10) return "*".repeat(c.length);
  return c.slice(0, 6).join("") + "*".repeat(c.length - 10) + c.slice(-4).join("");
}

export function maskMobile(v: string): string {
  // The number is the last 11 digits; anything before is the +86 / 86 prefix.
  const d = originalDigits(v).slice(-11);
  if (d.length < 11) return "*".repeat(d.length);
  return d.slice(0, 3).join("") + "****" + d.slice(-4).join("");
}

export function maskBankCard(v: string): string {
  const d = originalDigits(v);
  if (d.length <= 8) return "*".repeat(d.length);
  return d.slice(0, 4).join("") + "*".repeat(d.length - 8) + d.slice(-4).join("");
}

/** Kind of an 18-character ID-shaped run, or null when it is neither an ID nor a card. */
function classify18(v: string): SensitiveKind | null {
  const allDigits = /^\d{18}$/.test(v);
  if (plausibleId18(v)) {
    if (idCardCheckCharacter(v.slice(0, 17)) === v[17]!.toUpperCase()) return "id_card";
    // An 18-digit card can look like an ID by chance; its own check decides.
    return allDigits && luhnValid(v) ? "bank_card" : "id_card_suspect";
  }
  return allDigits && luhnValid(v) ? "bank_card" : null;
}

type Found = { kind: SensitiveKind; end: number };

// Sticky patterns: each tries to match exactly at lastIndex, on the folded text
// with zero-width characters taken out. Group 1 of a grouped pattern is its
// separator, used again between every later group; a grouped number must be a
// whole group chain, so none is followed by its separator and another digit.
const separator = "([ .-])";
const chainEnd = "(?!\\1\\d)";
const grouped = (groups: string[], after: string): RegExp =>
  new RegExp(groups[0]! + separator + groups.slice(1).join("\\1") + after + chainEnd, "y");

const id18Patterns = [
  /\d{17}[\dXx](?![\dXx])/y,
  grouped(["\\d{6}", "\\d{8}", "\\d{3}[\\dXx]"], "(?![\\dXx])"), // 350502 19620714 1239
  grouped(["\\d{6}", "\\d{4}", "\\d{4}", "\\d{3}[\\dXx]"], "(?![\\dXx])"), // 350502 1962 0714 1239
];
// 15-digit numbers are taken only as old IDs, never as cards: mainland cards
// are 16-19 digits, and ten percent of arbitrary 15-digit numbers pass Luhn.
const id15Pattern = /\d{15}(?![\dXx])/y;
// The +86 / 86 prefix takes a space-like or dash-like separator, never a dot.
// An 11-digit run directly followed by "." and a digit is the integer part of
// a decimal ("合计 13512345678.00 元"), not a mobile.
const mobilePattern = /(?:\+?86[ -]?)?1[3-9]\d(?:\d{8}(?!\d|\.\d)|([ .-])\d{4}\1\d{4}(?!\d|\1\d))/y;
const cardRunPattern = /\d{16,19}(?!\d)/y;
const cardGroupPatterns = [
  grouped(["\\d{4}", "\\d{4}", "\\d{4}", "\\d{4}(?:\\1\\d{1,3})?"], "(?!\\d)"), // 6222 0200 0000 0000 000
  grouped(["\\d{6}", "\\d{13}"], "(?!\\d)"), // 622202 0200112233446
];

function execAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * "1234 " before a grouped number makes it the tail of a longer group chain.
 * A one- or two-digit number before it is a row number, count or list label
 * ("1.138.0013.8000", "3\t138 0013 8000" from a pasted table): no format we
 * look for starts with such a group. It counts as a group only when it is
 * itself the tail of a chain ("12 34 138 0013 8000").
 */
function continuesChain(text: string, at: number, sep: string): boolean {
  if (text[at - 1] !== sep || !isDigit(text[at - 2])) return false;
  let k = at - 2;
  while (isDigit(text[k])) k--;
  return at - 2 - k > 2 || (text[k] === sep && isDigit(text[k - 1]));
}

/** A grouped pattern's match at `at` that is a whole chain, as its characters without separators. */
function groupedAt(
  pattern: RegExp,
  text: string,
  at: number,
): { chars: string; end: number } | null {
  const m = execAt(pattern, text, at);
  if (!m) return null;
  const s = m[1];
  if (s && continuesChain(text, at, s)) return null;
  return { chars: s ? m[0].replaceAll(s, "") : m[0], end: at + m[0].length };
}

/**
 * A mainland card number: passes Luhn, or starts with 62 (UnionPay), because a
 * mistyped card number must still be masked.
 */
const isCardNumber = (digits: string): boolean => digits.startsWith("62") || luhnValid(digits);

function matchAt(text: string, at: number): Found | null {
  for (const pattern of id18Patterns) {
    const id = groupedAt(pattern, text, at);
    const kind = id && classify18(id.chars);
    if (id && kind) return { kind, end: id.end };
  }
  const id15 = execAt(id15Pattern, text, at);
  if (id15 && plausibleId15(id15[0])) return { kind: "id_card", end: at + 15 };
  const mobile = groupedAt(mobilePattern, text, at);
  if (mobile) return { kind: "mobile", end: mobile.end };
  const run = execAt(cardRunPattern, text, at);
  if (run && isCardNumber(run[0])) return { kind: "bank_card", end: at + run[0].length };
  for (const pattern of cardGroupPatterns) {
    const card = groupedAt(pattern, text, at);
    if (card && isCardNumber(card.chars)) return { kind: "bank_card", end: card.end };
  }
  return null;
}

function maskFor(kind: SensitiveKind, value: string): string {
  if (kind === "mobile") return maskMobile(value);
  if (kind === "bank_card") return maskBankCard(value);
  return maskIdCard(value);
}

/** Every ID, mobile and bank-card number in the text, by position, none overlapping. */
export function findSensitiveNumbers(text: string): SensitiveMatch[] {
  // Match on the folded text without zero-width characters; at[k] is where
  // its k-th character stands in the original.
  const folded = foldWidth(text);
  let visible = "";
  const at: number[] = [];
  for (let k = 0; k < folded.length; k++) {
    if (isZeroWidth(folded[k]!)) continue;
    visible += folded[k];
    at.push(k);
  }
  const matches: SensitiveMatch[] = [];
  let i = 0;
  while (i < visible.length) {
    const c = visible[i]!;
    // A number glued to a preceding digit is part of a longer number, not one of ours.
    if ((!isDigit(c) && c !== "+") || isDigit(visible[i - 1])) {
      i++;
      continue;
    }
    const found = matchAt(visible, i);
    if (!found) {
      i++;
      continue;
    }
    const start = at[i]!;
    const end = at[found.end - 1]! + 1;
    const value = text.slice(start, end);
    matches.push({ kind: found.kind, start, end, value, masked: maskFor(found.kind, value) });
    i = found.end;
  }
  return matches;
}

export function maskSensitive(text: string): string {
  let out = "";
  let last = 0;
  for (const m of findSensitiveNumbers(text)) {
    out += text.slice(last, m.start) + m.masked;
    last = m.end;
  }
  return out + text.slice(last);
}
