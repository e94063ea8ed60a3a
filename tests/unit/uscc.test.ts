import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  composeUscc,
  orgCodeCheckCharacter,
  usccAlphabet,
  usccCheckCharacter,
  usccProblems,
} from "../../app/domain/organizations/uscc";

const valid = ["53100000500019795A", "51100000500002862F", "51100000500009247D"];

describe("valid codes", () => {
  test.each(valid)("%s has no problems", (code) => {
    expect(usccProblems(code)).toEqual([]);
  });

  test("surrounding spaces and lower case are forgiven", () => {
    expect(usccProblems("  51100000500009247d ")).toEqual([]);
  });

  test("a foundation code passes when a foundation is expected", () => {
    expect(usccProblems("53100000500019795A", "3")).toEqual([]);
  });

  test("the check characters of the known codes are computed", () => {
    for (const code of valid) expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    for (const code of valid) expect(orgCodeCheckCharacter(code.slice(8, 16))).toBe(code[16]);
  });

  test("the alphabet has 31 characters and omits I, O, Z, S, V", () => {
    expect(usccAlphabet).toHaveLength(31);
    for (const c of "IOZSV") expect(usccAlphabet).not.toContain(c);
  });
});

describe("check character (position 18)", () => {
  test("91350100M000100Y4Z is refused: the check should be 3", () => {
    const problems = usccProblems("91350100M000100Y4Z");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "check", expected: "3" });
    expect(problems[0]?.message).toContain("“3”");
    expect(problems[0]?.message).toContain("“Z”");
  });

  test("the corrected code 91350100M000100Y43 passes", () => {
    expect(usccProblems("91350100M000100Y43")).toEqual([]);
  });

  test("a wrong last digit of a known code is refused with the right expectation", () => {
    expect(usccProblems("51100000500002862G")).toEqual([
      expect.objectContaining({ code: "check", expected: "F" }),
    ]);
  });
});

describe("length", () => {
  test.each([
    ["empty", "", 0],
    ["17 characters", "5110000050000286F", 17],
    ["19 characters", "51100000500002862F0", 19],
  ])("%s is a length problem and nothing else", (_name, input, length) => {
    const problems = usccProblems(input);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "length" });
    expect(problems[0]?.message).toContain(`当前为 ${length} 位`);
  });

  test("the length is counted after trimming", () => {
    expect(usccProblems(" 5110000050000286F ")[0]?.message).toContain("当前为 17 位");
  });
});

describe("illegal characters", () => {
  test.each(["I", "O", "Z", "S", "V"])(
    "%s is refused at each of positions 1 to 17, with its position",
    (ch) => {
      const base = "51100000500002862F";
      for (let position = 1; position <= 17; position++) {
        const code = base.slice(0, position - 1) + ch + base.slice(position);
        expect(usccProblems(code)).toEqual([
          expect.objectContaining({ code: "character", position, character: ch }),
        ]);
      }
    },
  );

  test("the first illegal character is the one reported", () => {
    expect(usccProblems("51100000O0000I862F")).toEqual([
      expect.objectContaining({ code: "character", position: 9, character: "O" }),
    ]);
  });

  test("a punctuation mark is refused with its position", () => {
    expect(usccProblems("5110000050000-862F")).toEqual([
      expect.objectContaining({ code: "character", position: 14, character: "-" }),
    ]);
  });

  test("a lower-case illegal letter is reported in upper case", () => {
    expect(usccProblems("5i100000500002862F")).toEqual([
      expect.objectContaining({ code: "character", position: 2, character: "I" }),
    ]);
  });
});

describe("kind (positions 1 and 2)", () => {
  test('a "52…" code where a social group ("1") is expected has a kind problem', () => {
    const code = composeUscc("2", "100000", "50000286");
    const problems = usccProblems(code, "1");
    expect(problems).toEqual([expect.objectContaining({ code: "kind" })]);
    expect(problems[0]?.message).toContain("“51”");
    expect(problems[0]?.message).toContain("社会团体");
  });

  test("an enterprise code (91…) is not a civil-affairs social group", () => {
    expect(usccProblems("91350100M000100Y43", "1")).toEqual([
      expect.objectContaining({ code: "kind" }),
    ]);
  });

  test("a code of the expected kind has no kind problem", () => {
    expect(usccProblems(composeUscc("2", "350100", "50000286"), "2")).toEqual([]);
  });

  test("no kind is checked when none is expected", () => {
    expect(usccProblems(composeUscc("2", "350100", "50000286"))).toEqual([]);
  });

  test("kind and check problems are both reported, kind first", () => {
    const problems = usccProblems("52100000500002862F", "1");
    expect(problems.map((p) => p.code)).toEqual(["kind", "check"]);
  });
});

describe("organization code (positions 9 to 17)", () => {
  test("a wrong organization-code check character is reported with the expected one", () => {
    // 51100000500002862F: the organization code is 500002862, its check "2".
    const first16 = "5110000050000286";
    const first17 = first16 + "3";
    const code = first17 + usccCheckCharacter(first17);
    expect(usccProblems(code)).toEqual([
      expect.objectContaining({ code: "org_code_check", expected: "2" }),
    ]);
  });

  test("an organization code whose check should be X", () => {
    const body = findBody((check) => check === "X");
    const code = composeUscc("1", "350100", body);
    expect(code[16]).toBe("X");
    expect(orgCodeSumIsZero(code.slice(8, 17))).toBe(true);
    expect(usccProblems(code)).toEqual([]);
    const wrong = code.slice(0, 16) + "0";
    const recomputed = wrong + usccCheckCharacter(wrong);
    expect(usccProblems(recomputed)).toEqual([
      expect.objectContaining({ code: "org_code_check", expected: "X" }),
    ]);
  });

  test("an organization code whose check should be 0", () => {
    const body = findBody((check) => check === "0");
    const code = composeUscc("1", "350100", body);
    expect(orgCodeSumIsZero(code.slice(8, 17))).toBe(true);
    expect(usccProblems(code)).toEqual([]);
  });
});

/** The first 8-digit body whose organization-code check passes `wanted`. */
function findBody(wanted: (check: string) => boolean): string {
  for (let n = 10_000_000; ; n++) {
    const body = String(n);
    if (wanted(orgCodeCheckCharacter(body))) return body;
  }
}

/**
 * Independent restatements of the two standards, used as oracles: GB 32100 weights
 * position i by 3^(i-1) mod 31 and a valid code's 18 weighted values sum to 0 mod 31
 * (position 18 weighted 1 after the full cycle); GB 11714 makes the 8 weighted values
 * plus the check value (X = 10) sum to 0 mod 11.
 */
function usccSumIsZero(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccAlphabet.indexOf(code[i]!) * 3 ** i;
  sum += usccAlphabet.indexOf(code[17]!);
  return sum % 31 === 0;
}

function orgCodeSumIsZero(orgCode: string): boolean {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (c: string) => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(c);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += value(orgCode[i]!) * weights[i]!;
  const check = orgCode[8] === "X" ? 10 : value(orgCode[8]!);
  return (sum + check) % 11 === 0;
}

const alphabetChar = fc.constantFrom(...usccAlphabet);
const bodyChar = fc.constantFrom(..."0123456789ABCDEFGHJKLMNPQRTUWXY");
const kind = fc.constantFrom("1", "2", "3", "9");
const division = fc.stringMatching(/^[0-9]{6}$/);
const body = fc.array(bodyChar, { minLength: 8, maxLength: 8 }).map((cs) => cs.join(""));

describe("properties", () => {
  test("composeUscc always yields a code with no problems for its kind", () => {
    fc.assert(
      fc.property(kind, division, body, (k, d, b) => {
        const code = composeUscc(k, d, b);
        expect(code).toHaveLength(18);
        expect(code.slice(0, 2)).toBe(`5${k}`);
        expect(usccProblems(code, k)).toEqual([]);
      }),
    );
  });

  test("every composed code satisfies both standards' weighted sums", () => {
    fc.assert(
      fc.property(kind, division, body, (k, d, b) => {
        const code = composeUscc(k, d, b);
        expect(usccSumIsZero(code)).toBe(true);
        expect(orgCodeSumIsZero(code.slice(8, 17))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("a code is free of check problems exactly when its weighted sum is 0 mod 31", () => {
    fc.assert(
      fc.property(fc.array(alphabetChar, { minLength: 18, maxLength: 18 }), (cs) => {
        const code = cs.join("");
        const hasCheckProblem = usccProblems(code).some((p) => p.code === "check");
        expect(hasCheckProblem).toBe(!usccSumIsZero(code));
      }),
      { numRuns: 2000 },
    );
  });

  test("an organization code is free of check problems exactly when its weighted sum is 0 mod 11", () => {
    fc.assert(
      fc.property(
        fc.array(bodyChar, { minLength: 8, maxLength: 8 }),
        fc.constantFrom(..."0123456789X"),
        (cs, check) => {
          const orgCode = cs.join("") + check;
          const first17 = `51100000${orgCode}`;
          const code = first17 + usccCheckCharacter(first17);
          const hasOrgProblem = usccProblems(code).some((p) => p.code === "org_code_check");
          expect(hasOrgProblem).toBe(!orgCodeSumIsZero(orgCode));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("changing the 18th character of a valid code gives exactly one check problem naming the original", () => {
    fc.assert(
      fc.property(kind, division, body, alphabetChar, (k, d, b, replacement) => {
        const code = composeUscc(k, d, b);
        fc.pre(replacement !== code[17]);
        expect(usccProblems(code.slice(0, 17) + replacement, k)).toEqual([
          expect.objectContaining({ code: "check", expected: code[17] }),
        ]);
      }),
    );
  });

  test("changing one of the first 17 characters of a valid code is always caught", () => {
    fc.assert(
      fc.property(
        kind,
        division,
        body,
        fc.integer({ min: 0, max: 16 }),
        alphabetChar,
        (k, d, b, i, c) => {
          const code = composeUscc(k, d, b);
          fc.pre(c !== code[i]);
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(usccProblems(changed).length).toBeGreaterThan(0);
        },
      ),
    );
  });

  test("never throws on arbitrary strings", () => {
    const check = (s: string) => {
      expect(Array.isArray(usccProblems(s))).toBe(true);
      expect(Array.isArray(usccProblems(s, "1"))).toBe(true);
    };
    fc.assert(fc.property(fc.string(), check));
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), check));
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), check));
  });

  test("never throws on 18-character strings, the length that reaches every check", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 18, maxLength: 18 }), (s) => {
        expect(Array.isArray(usccProblems(s))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(alphabetChar, { minLength: 18, maxLength: 18 }), (cs) => {
        expect(Array.isArray(usccProblems(cs.join("")))).toBe(true);
      }),
    );
  });
});
