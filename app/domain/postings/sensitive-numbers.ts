/**
 * Personal numbers in public village-affairs postings (村务公开): mainland ID
 * cards (GB 11643), mobiles and bank cards. A subsistence-allowance list can
 * carry all three; the clerk is warned before submitting, and every public page
 * shows the masked form. Detection errs towards masking: a false mask costs a
 * reader little, a leaked ID number cannot be taken back.
 *
 * How numbers are found, whatever way they are typed:
 * 1. The text is read as characters: digits of any script (ASCII, full-width,
 *    mathematical…) are digits; format characters and combining marks
 *    (zero-width spaces, joiners, BOM, soft hyphens, bidi marks, variation
 *    selectors) are invisible and skipped; X/x/Ｘ/ｘ/× after the digits, also
 *    set off like a group, may be an ID's check character; separators are
 *    spaces of every kind (not line breaks), dashes, / \ , ， 、 . ． · 。 _,
 *    brackets of both widths, and asterisks (so `**strong**` markup inside a
 *    number changes nothing).
 * 2. Runs of digits are groups; groups joined by separators (any number of
 *    asterisks, at most three other separator characters) form a chain. A
 *    letter, a Chinese character, a line break or a longer gap ends a chain.
 * 3. A candidate is any run of whole groups of a chain: a number is never cut
 *    out of a longer run of digits, but is found among other groups (a date
 *    or row number before a mobile does not hide it).
 * 4. The most certain reading is claimed first: an 18-character ID with a
 *    valid check character, a real province and a plausible birth date. Then
 *    the weaker ones: mobiles (11 digits 1[3-9]…, with +86, 86, 0086 or 0
 *    before), bank cards (16-19 digits starting 3-6, 9 or 2221-2720, passing
 *    Luhn; a UnionPay 62… failing Luhn only as typed on a card: contiguous,
 *    4-4-4-4(-n) or 6-13), old 15-digit IDs (province, plausible date) and
 *    ID-shaped numbers with a wrong check character. Of these the one
 *    covering most digits wins: a card holding a mobile-shaped run is masked
 *    whole, and a row number that happens to make a longer valid reading with
 *    the number is masked with it.
 * 5. What finance and affairs postings really contain keeps readings away:
 *    no reading includes a decimal amount ("1,380.00", "13512345678.00": a
 *    lone "." and one or two digits, not in a longer dotted run) or cuts a
 *    landline ("0595-22345678", "(0595) 2234 5678") in two, and only an ID
 *    holds a date ("2026-11-30", "2026.1.5"), as its birth date. The price, a
 *    known false negative: a number typed so that a lone "." sets off its last
 *    one or two digits ("139 1234 56.78") reads as an amount, and one whose
 *    groups read as a date elsewhere ("1 2026-1-5 3…") as a date; both stay
 *    visible. Known false positives: a valid-looking number made by chance of
 *    neighbouring numbers with only separators between (two 8-digit local
 *    numbers "62345678，62345679" when they pass Luhn; counts and amounts
 *    without decimals in a row of bare numbers) is masked.
 * A match's span runs from its first to its last digit (separators and markup
 * inside it included) and is replaced by the masked form.
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

/**
 * Numbers a village has marked as public contacts (a hotline, the supervision
 * committee's phone): the digits as `publicNumberDigits` gives them.
 */
export type PublicNumbers = ReadonlySet<string>;

/* ------------------------------------------------------------------ characters */

type SeparatorClass = " " | "-" | "/" | "," | "、" | "." | "·" | "。" | "_" | "(" | "*";

const separatorClasses: Record<string, SeparatorClass> = {};
const addSeparators = (chars: string, cls: SeparatorClass) => {
  for (const c of chars) separatorClasses[c] = cls;
};
addSeparators("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\uFE58\uFE63\uFF0D", "-");
addSeparators("/\\\u2215\u2044\uFF0F\uFF3C", "/");
addSeparators(",\uFF0C\uFE50", ",");
addSeparators("\u3001\uFF64\uFE51", "、");
addSeparators(".\uFF0E", ".");
addSeparators("\u00B7\u30FB\uFF65\u2027", "·");
addSeparators("\u3002\uFF61", "。");
addSeparators("_\uFF3F\u2017", "_");
addSeparators("()（）[]［］【】〔〕{}｛｝", "(");
addSeparators("*\uFF0A\u2217\u204E\uFE61", "*");

const xCharacters = new Set(["X", "x", "\uFF38", "\uFF58", "\u00D7"]);
const plusCharacters = new Set(["+", "\uFF0B", "\uFE62"]);
const lineBreaks = new Set(["\n", "\r", "\v", "\f", "\u0085", "\u2028", "\u2029"]);
const invisiblePattern = /^[\p{Cf}\p{Mn}\p{Me}]$/u;
const decimalDigitPattern = /^\p{Nd}$/u;
const whitespacePattern = /^\s$/u;

type CharClass =
  | { t: "digit"; d: number }
  | { t: "x" }
  | { t: "plus" }
  | { t: "sep"; cls: SeparatorClass }
  | { t: "invisible" }
  | { t: "other" };

const digitValues = new Map<number, number>();

/**
 * The value of a decimal digit of any script: Unicode encodes them only in
 * contiguous runs of ten from 0 to 9, so the distance from the start of its
 * run gives it.
 */
function digitValue(cp: number): number {
  let value = digitValues.get(cp);
  if (value === undefined) {
    let first = cp;
    while (decimalDigitPattern.test(String.fromCodePoint(first - 1))) first--;
    value = (cp - first) % 10;
    digitValues.set(cp, value);
  }
  return value;
}

function classify(c: string): CharClass {
  const cp = c.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return { t: "digit", d: cp - 48 };
  if (cp < 128) {
    if (c === "X" || c === "x") return { t: "x" };
    if (c === "+") return { t: "plus" };
    const cls = separatorClasses[c];
    if (cls) return { t: "sep", cls };
    if (c === " " || c === "\t") return { t: "sep", cls: " " };
    return { t: "other" };
  }
  if (decimalDigitPattern.test(c)) return { t: "digit", d: digitValue(cp) };
  if (xCharacters.has(c)) return { t: "x" };
  if (plusCharacters.has(c)) return { t: "plus" };
  if (invisiblePattern.test(c)) return { t: "invisible" };
  const cls = separatorClasses[c];
  if (cls) return { t: "sep", cls };
  if (!lineBreaks.has(c) && whitespacePattern.test(c)) return { t: "sep", cls: " " };
  return { t: "other" };
}

/** ASCII digits for every digit, "X" for every check-character form; null if anything else is in the text. */
function foldIdCharacters(text: string): string | null {
  let out = "";
  for (const c of text) {
    const k = classify(c);
    if (k.t === "digit") out += String(k.d);
    else if (k.t === "x") out += "X";
    else return null;
  }
  return out;
}

/** The digits of a text as ASCII, everything else dropped. */
export function digitsOf(text: string): string {
  let out = "";
  for (const c of text) {
    const k = classify(c);
    if (k.t === "digit") out += String(k.d);
  }
  return out;
}

/* ------------------------------------------------------------------ checks */

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckCharacters = "10X98765432";

/** The check character of ASCII digits whose first 17 are an ID's. */
function checkCharacterOf(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * idWeights[i]!;
  return idCheckCharacters[sum % 11]!;
}

/** Check character (ISO 7064 MOD 11-2) of an 18-character ID from its first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  const digits = foldIdCharacters(first17);
  if (digits === null || !/^\d{17}$/.test(digits)) throw new RangeError("身份证号前 17 位应为数字");
  return checkCharacterOf(digits);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Region and birth date look real; says nothing about the check character. */
function plausibleId18(v: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/.test(v)) return false;
  const year = Number(v.slice(6, 10));
  return year >= 1900 && year <= 2099 && isCalendarDate(year, Number(v.slice(10, 12)), Number(v.slice(12, 14)));
}

/** Pre-1999 15-digit form: no check character, two-digit year of the 1900s. */
function plausibleId15(v: string): boolean {
  if (!/^[1-8]\d{14}$/.test(v)) return false;
  return isCalendarDate(1900 + Number(v.slice(6, 8)), Number(v.slice(8, 10)), Number(v.slice(10, 12)));
}

/**
 * Province-level codes (the first two digits of a real region code): the weak
 * readings (old 15-digit IDs, IDs with a wrong check character) need one.
 */
const provinces = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
  "71", "81", "82", "83",
]);

export function isValidIdCard(value: string): boolean {
  const v = foldIdCharacters(value);
  if (v === null) return false;
  if (v.length === 15) return plausibleId15(v);
  return v.length === 18 && plausibleId18(v) && checkCharacterOf(v) === v[17];
}

export function luhnValid(digits: string): boolean {
  const d = foldIdCharacters(digits);
  return d !== null && /^\d+$/.test(d) && luhn(d);
}

/** Luhn over ASCII digits. */
function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Mainland cards start with 62 (UnionPay), 3, 4, 5, 6, 9 or 2221-2720: never 0, 1 (mobiles), 7 or 8. */
function cardPrefix(digits: string): boolean {
  if (/^[34569]/.test(digits)) return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

/** The national 11 digits of a mobile in any of its prefixed forms, or null. */
function nationalMobile(digits: string): string | null {
  const national =
    digits.length === 11 ? digits
    : digits.length === 12 && digits.startsWith("0") ? digits.slice(1)
    : digits.length === 13 && digits.startsWith("86") ? digits.slice(2)
    : digits.length === 15 && digits.startsWith("0086") ? digits.slice(4)
    : null;
  return national && /^1[3-9]/.test(national) ? national : null;
}

/* ------------------------------------------------------------------ masks */

/** The characters of a value whose class passes `keep`, as originally typed. */
function originalChars(v: string, keep: (k: CharClass) => boolean): string[] {
  const out: string[] = [];
  for (const c of v) if (keep(classify(c))) out.push(c);
  return out;
}

/** First 6 and last 4 characters kept; separators and invisible characters dropped. */
export function maskIdCard(v: string): string {
  const c = originalChars(v, (k) => k.t === "digit" || k.t === "x");
  if (c.length <= 10) return "*".repeat(c.length);
  return c.slice(0, 6).join("") + "*".repeat(c.length - 10) + c.slice(-4).join("");
}

export function maskMobile(v: string): string {
  // The number is the last 11 digits; anything before is the +86 / 86 / 0 prefix.
  const d = originalChars(v, (k) => k.t === "digit").slice(-11);
  if (d.length < 11) return "*".repeat(d.length);
  return d.slice(0, 3).join("") + "****" + d.slice(-4).join("");
}

export function maskBankCard(v: string): string {
  const d = originalChars(v, (k) => k.t === "digit");
  if (d.length <= 8) return "*".repeat(d.length);
  return d.slice(0, 4).join("") + "*".repeat(d.length - 8) + d.slice(-4).join("");
}

function maskFor(kind: SensitiveKind, value: string): string {
  if (kind === "mobile") return maskMobile(value);
  if (kind === "bank_card") return maskBankCard(value);
  return maskIdCard(value);
}

/**
 * The digits by which a mobile or bank card is marked as a public contact: a
 * mobile's national 11 digits, a card's digits; null for IDs.
 */
export function publicNumberDigits(match: Pick<SensitiveMatch, "kind" | "value">): string | null {
  const digits = digitsOf(match.value);
  if (match.kind === "mobile") return digits.slice(-11);
  if (match.kind === "bank_card") return digits;
  return null;
}

/* ------------------------------------------------------------------ groups and chains */

interface Unit {
  k: CharClass;
  start: number;
  end: number;
}

interface Group {
  /** The digits as ASCII. */
  digits: string;
  /** Original offsets of the first digit and just after the last. */
  start: number;
  end: number;
  /** End offset of a check-character X directly after the last digit, if any. */
  xEnd: number | null;
  /** Start offset of a "+" directly before the first digit, if any. */
  plusStart: number | null;
  /** Separator classes between this group and the previous one of its chain. */
  gapBefore: SeparatorClass[];
}

/** Visible characters of the text with their offsets; invisible ones dropped. */
function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  let offset = 0;
  for (const c of text) {
    const k = classify(c);
    if (k.t !== "invisible") units.push({ k, start: offset, end: offset + c.length });
    offset += c.length;
  }
  return units;
}

/** At most this many separator characters (asterisks aside) join two groups. */
const maxGap = 3;

/** The chains of digit groups of a text. */
function chainsOf(units: Unit[]): Group[][] {
  const chains: Group[][] = [];
  let chain: Group[] = [];
  let i = 0;
  let pendingGap: SeparatorClass[] | null = null;
  const close = () => {
    if (chain.length) chains.push(chain);
    chain = [];
    pendingGap = null;
  };
  while (i < units.length) {
    const u = units[i]!;
    if (u.k.t !== "digit") {
      i++;
      continue;
    }
    let digits = "";
    const start = u.start;
    let end = u.end;
    const before = units[i - 1];
    while (i < units.length && units[i]!.k.t === "digit") {
      digits += String((units[i]!.k as { d: number }).d);
      end = units[i]!.end;
      i++;
    }
    const gap: SeparatorClass[] = [];
    let j = i;
    let counted = 0;
    while (j < units.length && units[j]!.k.t === "sep") {
      const cls = (units[j]!.k as { cls: SeparatorClass }).cls;
      gap.push(cls);
      if (cls !== "*") counted++;
      j++;
    }
    const joinable = counted <= maxGap;
    // An X after the digits, directly or set off like a group ("002 X", "002**X**"), may be a check character.
    const x = joinable && units[j]?.k.t === "x" ? units[j]! : null;
    const group: Group = {
      digits,
      start,
      end,
      xEnd: x ? x.end : null,
      plusStart: before?.k.t === "plus" ? before.start : null,
      gapBefore: pendingGap ?? [],
    };
    if (pendingGap === null) close();
    chain.push(group);
    pendingGap = null;
    // A check character ends the number; so does anything but a short run of separators.
    if (x) {
      close();
      i = j + 1;
    } else if (units[j]?.k.t === "digit" && gap.length > 0 && joinable) {
      pendingGap = gap;
      i = j;
    } else {
      close();
      i = j;
    }
  }
  close();
  return chains;
}

/* ------------------------------------------------------------------ amounts, dates, landlines */

type Range = [number, number];

const lone = (gap: SeparatorClass[], ...classes: SeparatorClass[]) => gap.length === 1 && classes.includes(gap[0]!);

/**
 * Decimal amounts in a chain, as ranges of group indices: an integer part (one
 * group, or groups of three after commas) and one or two digits after a lone
 * "." in no longer dotted run ("2025.03.14" is no amount).
 */
function amountRanges(chain: Group[]): Range[] {
  const ranges: Range[] = [];
  for (let k = 1; k < chain.length; k++) {
    const fraction = chain[k]!;
    if (!lone(fraction.gapBefore, ".") || fraction.digits.length > 2 || fraction.xEnd !== null) continue;
    const next = chain[k + 1];
    if (next && lone(next.gapBefore, ".")) continue;
    let a = k - 1;
    while (a > 0 && lone(chain[a]!.gapBefore, ",") && chain[a]!.digits.length === 3 && chain[a - 1]!.digits.length <= 3) a--;
    // A dotted run ("3505.0219.8001.0112.35") is no amount.
    if (!lone(chain[a]!.gapBefore, ".")) ranges.push([a, k]);
  }
  return ranges;
}

/** Dates: a year 1900-2099, a month and a day, with the same lone "-", "/", "." or "·" twice. */
function dateRanges(chain: Group[]): Range[] {
  const ranges: Range[] = [];
  for (let k = 0; k + 2 < chain.length; k++) {
    const [y, m, d] = [chain[k]!, chain[k + 1]!, chain[k + 2]!];
    if (y.digits.length !== 4 || m.digits.length > 2 || d.digits.length > 2) continue;
    if (!lone(m.gapBefore, "-", "/", ".", "·") || d.gapBefore.length !== 1 || d.gapBefore[0] !== m.gapBefore[0]) continue;
    const year = Number(y.digits);
    if (year >= 1900 && year <= 2099 && isCalendarDate(year, Number(m.digits), Number(d.digits))) ranges.push([k, k + 2]);
  }
  return ranges;
}

/** Landlines: an area code 0xx or 0xxx, then a local number of 7 or 8 digits starting 2-9, in one or two groups. */
function landlineRanges(chain: Group[]): Range[] {
  const ranges: Range[] = [];
  for (let k = 0; k + 1 < chain.length; k++) {
    const area = chain[k]!.digits;
    if (area.length < 3 || area.length > 4 || !/^0[1-9]/.test(area)) continue;
    const local = chain[k + 1]!.digits;
    if (!/^[2-9]/.test(local)) continue;
    if (local.length === 7 || local.length === 8) ranges.push([k, k + 1]);
    else if (local.length >= 3 && local.length <= 4) {
      const rest = chain[k + 2]?.digits.length ?? 0;
      if (rest >= 3 && rest <= 4 && local.length + rest >= 7 && local.length + rest <= 8) ranges.push([k, k + 2]);
    }
  }
  return ranges;
}

/* ------------------------------------------------------------------ candidates */

interface Candidate {
  kind: SensitiveKind;
  /** Group indices in the chain, inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
  digits: number;
}

/** Every kind each run of whole groups of the chain could be, with the rules above. */
function candidatesOf(chain: Group[]): { strong: Candidate[]; weak: Candidate[] } {
  const strong: Candidate[] = [];
  const weak: Candidate[] = [];
  // No reading includes a group of an amount or starts or ends inside a landline;
  // only an ID holds a date, and only as its birth date (digits 7-14).
  const countBefore = (flags: Uint8Array) => {
    const before = new Int32Array(chain.length + 1);
    flags.forEach((f, g) => (before[g + 1] = before[g]! + f));
    return before;
  };
  const amount = new Uint8Array(chain.length);
  for (const [a, b] of amountRanges(chain)) amount.fill(1, a, b + 1);
  const amountBefore = countBefore(amount);
  const date = new Uint8Array(chain.length);
  const dateStarts = new Set<number>();
  for (const [a, b] of dateRanges(chain)) {
    date.fill(1, a, b + 1);
    dateStarts.add(a);
  }
  const dateBefore = countBefore(date);
  const noStart = new Uint8Array(chain.length);
  const noEnd = new Uint8Array(chain.length);
  for (const [a, b] of landlineRanges(chain)) {
    noStart.fill(1, a + 1, b + 1);
    noEnd.fill(1, a, b);
  }
  const digitsBefore = new Int32Array(chain.length + 1);
  chain.forEach((g, k) => (digitsBefore[k + 1] = digitsBefore[k]! + g.digits.length));
  const vetoed = ([i, j]: Range) => amountBefore[j + 1]! > amountBefore[i]! || noStart[i] === 1 || noEnd[j] === 1;
  const holdsDate = ([i, j]: Range) => dateBefore[j + 1]! > dateBefore[i]!;
  const birthDateOnly = ([i, j]: Range) => {
    if (dateBefore[j + 1]! - dateBefore[i]! !== 3) return false;
    for (let a = i; a + 2 <= j; a++) {
      if (dateStarts.has(a)) return digitsBefore[a]! - digitsBefore[i]! === 6 && digitsBefore[a + 3]! - digitsBefore[a]! === 8;
    }
    return false;
  };

  for (let i = 0; i < chain.length; i++) {
    let digits = "";
    for (let j = i; j < chain.length; j++) {
      const last = chain[j]!;
      digits += last.digits;
      if (digits.length > 19) break;
      // Mobiles have 11 digits at least, IDs 15 or 18, cards 16-19.
      if (digits.length < 11) continue;
      const range: Range = [i, j];
      const base = { first: i, last: j, start: chain[i]!.start, digits: digits.length };
      const withCheckX = digits.length === 17 && last.xEnd !== null ? `${digits}X` : null;
      const id18 = digits.length === 18 ? digits : withCheckX;
      const idEnd = withCheckX ? last.xEnd! : last.end;
      if (vetoed(range)) continue;
      if (id18 && provinces.has(id18.slice(0, 2)) && plausibleId18(id18) && checkCharacterOf(id18) === id18[17]) {
        if (!holdsDate(range) || birthDateOnly(range)) strong.push({ ...base, kind: "id_card", end: idEnd });
        continue;
      }
      if (holdsDate(range)) continue;
      if (nationalMobile(digits)) {
        // The span of +86 (or ＋86) starts at its plus sign.
        const plus = digits.length > 11 && !digits.startsWith("0") ? chain[i]!.plusStart : null;
        weak.push({ ...base, kind: "mobile", start: plus ?? base.start, end: last.end });
      }
      if (digits.length >= 16 && cardPrefix(digits)) {
        const lengths = chain.slice(i, j + 1).map((g) => g.digits.length);
        const cardShape =
          lengths.length === 1 ||
          (lengths.length === 2 && lengths[0] === 6 && lengths[1] === 13) ||
          ((lengths.length === 4 || lengths.length === 5) && lengths.slice(0, 4).every((n) => n === 4));
        if (luhn(digits) || (digits.startsWith("62") && cardShape)) weak.push({ ...base, kind: "bank_card", end: last.end });
      }
      if (id18 && provinces.has(id18.slice(0, 2)) && plausibleId18(id18)) weak.push({ ...base, kind: "id_card_suspect", end: idEnd });
      if (digits.length === 15 && provinces.has(digits.slice(0, 2)) && plausibleId15(digits)) weak.push({ ...base, kind: "id_card", end: last.end });
    }
  }
  return { strong, weak };
}

const kindRank: Record<SensitiveKind, number> = { id_card: 0, mobile: 1, bank_card: 2, id_card_suspect: 3 };

/**
 * The order in which weaker readings are taken: the one covering the most
 * digits first (a card holding a mobile-shaped run of groups is masked whole;
 * +86 goes with its number), a card before an ID-shaped number with a wrong
 * check character.
 */
function weakOrder(weak: Candidate[]): Candidate[] {
  return weak.sort((a, b) => b.digits - a.digits || kindRank[a.kind] - kindRank[b.kind] || a.first - b.first);
}

/** Takes candidates in order, each unless it overlaps one already taken. */
function claim(taken: Candidate[], ordered: Candidate[]): void {
  for (const c of ordered) {
    if (!taken.some((t) => c.first <= t.last && t.first <= c.last)) taken.push(c);
  }
}

/** Every ID, mobile and bank-card number in the text, by position, none overlapping. */
export function findSensitiveNumbers(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const chain of chainsOf(unitsOf(text))) {
    const { strong, weak } = candidatesOf(chain);
    const taken: Candidate[] = [];
    claim(taken, strong);
    claim(taken, weakOrder(weak));
    for (const c of taken) {
      const value = text.slice(c.start, c.end);
      matches.push({ kind: c.kind, start: c.start, end: c.end, value, masked: maskFor(c.kind, value) });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/**
 * The text with every number found replaced by its masked form; mobiles and
 * cards among `publicNumbers` (the village's marked public contacts) are left
 * as typed.
 */
export function maskSensitive(text: string, publicNumbers?: PublicNumbers): string {
  let out = "";
  let last = 0;
  for (const m of findSensitiveNumbers(text)) {
    if (publicNumbers?.size && publicNumbers.has(publicNumberDigits(m) ?? "")) continue;
    out += text.slice(last, m.start) + m.masked;
    last = m.end;
  }
  return out + text.slice(last);
}

/** Whether a found number is one of the village's public contacts. */
export function isPublicNumber(match: Pick<SensitiveMatch, "kind" | "value">, publicNumbers?: PublicNumbers): boolean {
  const digits = publicNumberDigits(match);
  return !!digits && !!publicNumbers?.has(digits);
}
