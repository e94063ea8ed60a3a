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
 * Full-width input mode yields ０-９, Ｘ/ｘ, ＋, － and the ideographic space.
 * Each maps to one ASCII character, so offsets into the folded text are
 * offsets into the original.
 */
function foldWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

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

/** The digits of a value in their original (possibly full-width) form, separators dropped. */
function originalDigits(v: string): string[] {
  const folded = foldWidth(v);
  return [...v].filter((_, i) => isDigit(folded[i]));
}

export function maskIdCard(v: string): string {
  if (v.length <= 10) return "*".repeat(v.length);
  return v.slice(0, 6) + "*".repeat(v.length - 10) + v.slice(-4);
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

// Sticky: each tries to match exactly at lastIndex, on the width-folded text.
const id18Pattern = /\d{17}[\dXx](?![\dXx])/y;
// 15-digit numbers are taken only as old IDs, never as cards: mainland cards
// are 16-19 digits, and ten percent of arbitrary 15-digit numbers pass Luhn.
const id15Pattern = /\d{15}(?![\dXx])/y;
const mobilePattern = /(?:\+?86[ -]?)?1[3-9]\d(?:\d{8}(?!\d)|([ -])\d{4}\1\d{4}(?!\d|\1\d))/y;
const cardRunPattern = /\d{16,19}(?!\d)/y;
const cardGroupsPattern = /\d{4}([ -])\d{4}\1\d{4}\1\d{4}/y;

function execAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** "1234 " before a grouped number makes it the tail of a longer group chain. */
const continuesChain = (text: string, at: number, sep: string): boolean =>
  text[at - 1] === sep && isDigit(text[at - 2]);

/**
 * 4-4-4-4 groups plus an optional short last group (16-19 digits in all). The
 * longest Luhn-valid reading wins. A grouped match must be the whole group
 * chain, so "6222 0200 0000 0000 12345" yields no 16-digit card at either end.
 */
function cardGroupsAt(text: string, at: number): number | null {
  const m = execAt(cardGroupsPattern, text, at);
  const sep = m?.[1];
  if (!m || !sep || continuesChain(text, at, sep)) return null;
  const base = at + m[0].length;
  const groups = m[0].replaceAll(sep, "");
  for (let tail = 3; tail >= 0; tail--) {
    const end = tail === 0 ? base : base + 1 + tail;
    const tailDigits = tail === 0 ? "" : text.slice(base + 1, end);
    if (tail > 0 && (text[base] !== sep || !new RegExp(`^\\d{${tail}}$`).test(tailDigits)))
      continue;
    if (isDigit(text[end]) || (text[end] === sep && isDigit(text[end + 1]))) continue;
    if (luhnValid(groups + tailDigits)) return end;
  }
  return null;
}

function matchAt(text: string, at: number): Found | null {
  const id18 = execAt(id18Pattern, text, at);
  if (id18) {
    const kind = classify18(id18[0]);
    if (kind) return { kind, end: at + 18 };
  }
  const id15 = execAt(id15Pattern, text, at);
  if (id15 && plausibleId15(id15[0])) return { kind: "id_card", end: at + 15 };
  const mobile = execAt(mobilePattern, text, at);
  if (mobile && !(mobile[1] && continuesChain(text, at, mobile[1]))) {
    return { kind: "mobile", end: at + mobile[0].length };
  }
  const run = execAt(cardRunPattern, text, at);
  if (run && luhnValid(run[0])) return { kind: "bank_card", end: at + run[0].length };
  const groupsEnd = cardGroupsAt(text, at);
  if (groupsEnd !== null) return { kind: "bank_card", end: groupsEnd };
  return null;
}

function maskFor(kind: SensitiveKind, value: string): string {
  if (kind === "mobile") return maskMobile(value);
  if (kind === "bank_card") return maskBankCard(value);
  return maskIdCard(value);
}

/** Every ID, mobile and bank-card number in the text, by position, none overlapping. */
export function findSensitiveNumbers(text: string): SensitiveMatch[] {
  const folded = foldWidth(text);
  const matches: SensitiveMatch[] = [];
  let i = 0;
  while (i < folded.length) {
    const c = folded[i]!;
    // A number glued to a preceding digit is part of a longer number, not one of ours.
    if ((!isDigit(c) && c !== "+") || isDigit(folded[i - 1])) {
      i++;
      continue;
    }
    const found = matchAt(folded, i);
    if (!found) {
      i++;
      continue;
    }
    const value = text.slice(i, found.end);
    matches.push({
      kind: found.kind,
      start: i,
      end: found.end,
      value,
      masked: maskFor(found.kind, value),
    });
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
