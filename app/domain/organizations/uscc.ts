/**
 * Unified social credit codes (GB 32100-2015): 18 characters; position 1 the
 * registering authority, 2 the kind, 3-8 the division code, 9-17 the
 * organization code (GB 11714) with its own check character, 18 the check.
 */
export const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/** A typed code as stored: trimmed, ASCII letters upper-cased (Unicode case mapping can change a string's length). */
export function normalizeUscc(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** Civil-affairs kind characters (position 2). */
export const civilAffairsKinds: Record<string, string> = {
  "1": "社会团体",
  "2": "民办非企业单位",
  "3": "基金会",
  "9": "其他",
};

export type UsccProblem =
  | { code: "length"; message: string }
  | { code: "character"; message: string; position: number; character: string }
  | { code: "kind"; message: string }
  | { code: "org_code_check"; message: string; expected: string }
  | { code: "check"; message: string; expected: string };

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccAlphabet.indexOf(first17[i]!) * weights[i]!;
  const value = (31 - (sum % 31)) % 31;
  return usccAlphabet[value]!;
}

/** Check character of a 9-character organization code, from its first 8 characters. */
export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i]!;
    const v = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * orgCodeWeights[i]!;
  }
  const value = 11 - (sum % 11);
  return value === 10 ? "X" : value === 11 ? "0" : String(value);
}

/**
 * Every problem of a code, in reading order. `expectedKind` is the position-2
 * character the organization's kind calls for ("1" social group, "2" 民非, "3" foundation).
 */
export function usccProblems(input: string, expectedKind?: string): UsccProblem[] {
  const code = normalizeUscc(input);
  if (code.length !== 18) {
    return [{ code: "length", message: `统一社会信用代码应为 18 位，当前为 ${code.length} 位` }];
  }
  // Position 18 is judged by the check below, which names the character it should be.
  for (let i = 0; i < 17; i++) {
    const ch = code[i]!;
    if (!usccAlphabet.includes(ch)) {
      return [
        {
          code: "character",
          position: i + 1,
          character: ch,
          message: `第 ${i + 1} 位“${ch}”不是统一社会信用代码允许的字符（不使用 I、O、Z、S、V）`,
        },
      ];
    }
  }
  const problems: UsccProblem[] = [];
  if (expectedKind && (code[0] !== "5" || code[1] !== expectedKind)) {
    const kindName = civilAffairsKinds[expectedKind] ?? expectedKind;
    problems.push({
      code: "kind",
      message: `代码前两位“${code.slice(0, 2)}”与机构类型不符：民政登记的${kindName}应以“5${expectedKind}”开头`,
    });
  }
  const orgCode = code.slice(8, 17);
  if (/^[0-9A-Z]{8}$/.test(orgCode.slice(0, 8))) {
    const expectedOrg = orgCodeCheckCharacter(orgCode.slice(0, 8));
    if (orgCode[8] !== expectedOrg) {
      problems.push({
        code: "org_code_check",
        expected: expectedOrg,
        message: `第 9-17 位组织机构代码的校验码（第 17 位）应为“${expectedOrg}”，实为“${orgCode[8]}”`,
      });
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    problems.push({
      code: "check",
      expected,
      message: `校验码（第 18 位）应为“${expected}”，实为“${code[17]}”`,
    });
  }
  return problems;
}

/** Builds a valid code from its parts; the seed and import tests use it. */
export function composeUscc(kind: string, divisionCode: string, orgCodeBody: string): string {
  const orgCode = orgCodeBody + orgCodeCheckCharacter(orgCodeBody);
  const first17 = `5${kind}${divisionCode}${orgCode}`;
  return first17 + usccCheckCharacter(first17);
}
