import { describe, expect, it } from "vitest";
import {
  findSensitiveNumbers,
  idCardCheckCharacter,
  isValidIdCard,
  luhnValid,
  maskBankCard,
  maskIdCard,
  maskMobile,
  maskSensitive,
  sensitiveKindLabels,
  type SensitiveKind,
} from "../../app/domain/postings/sensitive-numbers";

const kinds = (text: string): SensitiveKind[] => findSensitiveNumbers(text).map((m) => m.kind);

/** Deterministic generator, so a failing case can be reproduced. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("ID check character", () => {
  it("matches examples verified by hand", () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
    expect(idCardCheckCharacter("11010519491231002")).toBe("X");
    // 28+36+0+15+0+28+2+9+48+15+0+54+10+25+16+12+2 = 300; 300 mod 11 = 3 → 9
    expect(idCardCheckCharacter("44030719850615231")).toBe("9");
    expect(isValidIdCard("11010519491231002X")).toBe(true);
    expect(isValidIdCard("440307198506152319")).toBe(true);
  });

  it("accepts x and X, and full-width forms", () => {
    expect(isValidIdCard("11010519491231002x")).toBe(true);
    expect(isValidIdCard("１１０１０５１９４９１２３１００２Ｘ")).toBe(true);
  });

  it("rejects a wrong check character", () => {
    expect(isValidIdCard("110105194912310020")).toBe(false);
    expect(isValidIdCard("440307198506152318")).toBe(false);
    expect(isValidIdCard("350502199001011234")).toBe(false); // its check character would be X
  });

  it("rejects implausible regions and dates even with the right check character", () => {
    const withCheck = (first17: string) => first17 + idCardCheckCharacter(first17);
    expect(isValidIdCard(withCheck("01010519491231002"))).toBe(false); // region 0
    expect(isValidIdCard(withCheck("91010519491231002"))).toBe(false); // region 9
    expect(isValidIdCard(withCheck("11010518991231002"))).toBe(false); // 1899
    expect(isValidIdCard(withCheck("11010521000101002"))).toBe(false); // 2100
    expect(isValidIdCard(withCheck("11010519490230002"))).toBe(false); // 30 February
    expect(isValidIdCard(withCheck("11010519491301002"))).toBe(false); // month 13
    expect(isValidIdCard(withCheck("11010519490229002"))).toBe(false); // 1949 not a leap year
    expect(isValidIdCard(withCheck("11010520000229002"))).toBe(true); // 2000 is
    expect(isValidIdCard(withCheck("11010519000101002"))).toBe(true);
    expect(isValidIdCard(withCheck("11010520991231002"))).toBe(true);
  });

  it("checks the 15-digit old form by region and YYMMDD", () => {
    expect(isValidIdCard("350502900101123")).toBe(true);
    expect(isValidIdCard("350502901301123")).toBe(false);
    expect(isValidIdCard("050502900101123")).toBe(false);
    expect(isValidIdCard("35050290010112X")).toBe(false);
  });

  it("refuses input that is not 17 digits", () => {
    expect(() => idCardCheckCharacter("1101051949123100")).toThrow(RangeError);
    expect(() => idCardCheckCharacter("1101051949123100A")).toThrow(RangeError);
  });
});

describe("Luhn", () => {
  it("tells valid from invalid", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("6222020000000000000")).toBe(true);
    expect(luhnValid("6228480012345678903")).toBe(true);
    expect(luhnValid("6228480012345678904")).toBe(false);
  });

  it("is false for anything but digits", () => {
    expect(luhnValid("")).toBe(false);
    expect(luhnValid("4111 1111 1111 1111")).toBe(false);
  });
});

describe("masks", () => {
  it("ID: first 6 and last 4 kept", () => {
    expect(maskIdCard("350502199001011234")).toBe("350502********1234");
    expect(maskIdCard("11010519491231002X")).toBe("110105********002X");
    expect(maskIdCard("350502900101123")).toBe("350502*****1123");
  });

  it("mobile: 3 + **** + 4, prefix and separators dropped", () => {
    expect(maskMobile("13800138000")).toBe("138****8000");
    expect(maskMobile("+86 138-0013-8000")).toBe("138****8000");
  });

  it("bank card: first and last 4 digits kept, separators dropped", () => {
    expect(maskBankCard("4111111111111111")).toBe("4111********1111");
    expect(maskBankCard("6222 0200 0000 0000 000")).toBe("6222***********0000");
  });
});

describe("finding IDs", () => {
  it("finds an ID inside Chinese text and keeps offsets and the original substring", () => {
    const text = "户主身份证：11010519491231002X，住址……";
    expect(findSensitiveNumbers(text)).toEqual([
      {
        kind: "id_card",
        start: 6,
        end: 24,
        value: "11010519491231002X",
        masked: "110105********002X",
      },
    ]);
  });

  it("finds IDs next to letters and Chinese characters with no space", () => {
    expect(kinds("身份证350502199001011234，")).toEqual(["id_card_suspect"]);
    expect(kinds("甲440307198506152319乙")).toEqual(["id_card"]);
    expect(kinds("ID11010519491231002xEND")).toEqual(["id_card"]);
  });

  it("plausible region and date with a wrong check character is a suspect ID, masked as an ID", () => {
    const [m] = findSensitiveNumbers("身份证350502199001011234，");
    expect(m?.kind).toBe("id_card_suspect");
    expect(m?.masked).toBe("350502********1234");
    expect(sensitiveKindLabels.id_card_suspect).toBe("疑似身份证号（校验位不符）");
  });

  it("an ID-shaped 18-digit number with a wrong check but valid Luhn is a bank card", () => {
    // 1990-02-30 is no date; the number passes Luhn.
    expect(kinds("350502199002301234")).toEqual(["bank_card"]);
    // Plausible date and wrong ID check, but a valid card number.
    const first17 = "35050219900101123";
    const cardLike = [..."0123456789"]
      .map((d) => first17 + d)
      .find((v) => luhnValid(v) && !isValidIdCard(v))!;
    expect(kinds(cardLike)).toEqual(["bank_card"]);
  });

  it("a valid ID wins over a valid Luhn", () => {
    const both = Array.from({ length: 1000 }, (_, i) => "11010519900101" + pad(i, 3))
      .map((first17) => first17 + idCardCheckCharacter(first17))
      .find((v) => luhnValid(v));
    expect(both).toBeDefined();
    expect(kinds(both!)).toEqual(["id_card"]);
  });

  it("implausible date and failing Luhn is no match", () => {
    expect(luhnValid("350502199013011234")).toBe(false);
    expect(findSensitiveNumbers("编号350502199013011234")).toEqual([]);
  });

  it("an ID glued to more digits is not an ID; letters after it do not hide it", () => {
    // The leading digit makes this no ID; its 18-digit run passes Luhn and is taken as a card.
    expect(kinds("911010519491231002X")).toEqual(["bank_card"]);
    // A letter after an ID is a letter next to the number, as a Chinese character would be.
    expect(findSensitiveNumbers("35050219900101123XX")).toMatchObject([{ kind: "id_card", start: 0, end: 18 }]);
    expect(findSensitiveNumbers("11010519491231002X1")).toMatchObject([{ kind: "id_card", start: 0, end: 18 }]);
    expect(maskSensitive("440307198506152319X")).toBe("440307********2319X");
  });

  it("finds 15-digit old IDs and ignores 15-digit numbers with no date", () => {
    expect(kinds("老身份证350502900101123。")).toEqual(["id_card"]);
    expect(findSensitiveNumbers("350502900101123")[0]?.masked).toBe("350502*****1123");
    // Month 13; 15-digit numbers are never taken as bank cards.
    expect(kinds("350502901301123")).toEqual([]);
  });

  it("reads full-width digits and Ｘ, keeping the original text as value", () => {
    const text = "身份证：１１０１０５１９４９１２３１００２Ｘ。";
    const [m] = findSensitiveNumbers(text);
    expect(m).toMatchObject({
      kind: "id_card",
      start: 4,
      end: 22,
      value: "１１０１０５１９４９１２３１００２Ｘ",
    });
    expect(m?.masked).toBe("１１０１０５********００２Ｘ");
    expect(maskSensitive(text)).toBe("身份证：１１０１０５********００２Ｘ。");
  });
});

describe("finding mobiles", () => {
  it("finds a plain mobile next to punctuation", () => {
    expect(findSensitiveNumbers("号码:13800138000。")).toEqual([
      { kind: "mobile", start: 3, end: 14, value: "13800138000", masked: "138****8000" },
    ]);
  });

  it("accepts 3-4-4 with spaces or hyphens, and the +86 / 86 prefix", () => {
    for (const v of [
      "138 0013 8000",
      "138-0013-8000",
      "+8613800138000",
      "+86 13800138000",
      "+86-138-0013-8000",
      "8613800138000",
      "86 138 0013 8000",
    ]) {
      const matches = findSensitiveNumbers(`电话${v}，`);
      expect(matches, v).toEqual([
        { kind: "mobile", start: 2, end: 2 + v.length, value: v, masked: "138****8000" },
      ]);
    }
    expect(kinds("１３９１２３４５６７８")).toEqual(["mobile"]);
  });

  it("covers every 1[3-9] prefix and nothing else", () => {
    for (const second of "3456789") expect(kinds(`1${second}012345678`)).toEqual(["mobile"]);
    for (const second of "012") expect(kinds(`1${second}012345678`)).toEqual([]);
  });

  it("finds mixed separators and any grouping, and rejects longer or shorter runs", () => {
    expect(kinds("138 0013-8000")).toEqual(["mobile"]);
    expect(kinds("1380 013 8000")).toEqual(["mobile"]);
    expect(kinds("(139)1234-5678")).toEqual(["mobile"]);
    expect(kinds("138001380001")).toEqual([]);
    expect(kinds("1380013800")).toEqual([]);
    expect(kinds("213800138000")).toEqual([]);
  });
});

describe("finding bank cards", () => {
  it("finds contiguous 16-19 digit numbers passing Luhn", () => {
    expect(kinds("卡号4111111111111111")).toEqual(["bank_card"]);
    expect(kinds("卡号6228480012345678903，")).toEqual(["bank_card"]);
    expect(kinds("卡号4111111111111112")).toEqual([]);
  });

  it("finds groups of 4 with a short last group", () => {
    const text = "工资卡 6222 0200 0000 0000 000 已核实";
    expect(findSensitiveNumbers(text)).toEqual([
      {
        kind: "bank_card",
        start: 4,
        end: 27,
        value: "6222 0200 0000 0000 000",
        masked: "6222***********0000",
      },
    ]);
    expect(kinds("4111-1111-1111-1111")).toEqual(["bank_card"]);
    expect(kinds("6228-4800-1234-5678-903")).toEqual(["bank_card"]);
  });

  it("finds a card among other groups of a chain, never cutting a group", () => {
    // The 16 digits pass Luhn; the groups around them are other numbers.
    expect(findSensitiveNumbers("4111 1111 1111 1111 001")).toMatchObject([{ kind: "bank_card", start: 0, end: 19 }]);
    expect(findSensitiveNumbers("4111 1111 1111 1111 12345")).toMatchObject([{ kind: "bank_card", start: 0, end: 19 }]);
    expect(findSensitiveNumbers("1234 4111 1111 1111 1111")).toMatchObject([{ kind: "bank_card", start: 5, end: 24 }]);
    // "1111 1111 1111 2222" passes Luhn, but no card starts with 1.
    expect(findSensitiveNumbers("4111 1111 1111 1111 2222")).toMatchObject([{ kind: "bank_card", start: 0, end: 19 }]);
    expect(findSensitiveNumbers("0595 138 0013 8000")).toMatchObject([{ kind: "mobile", start: 5, end: 18 }]);
    expect(kinds("共 5 张：4111 1111 1111 1111")).toEqual(["bank_card"]);
    expect(kinds("41111111111111110")).toEqual([]); // one run of 17 digits is not cut
  });
});

describe("things that are not sensitive numbers", () => {
  it("ignores amounts, dates, landlines and short numbers", () => {
    const text = [
      "补助金额 1,250.00 元，合计 12,500.00 元",
      "日期 20250314，2025-03-14，2025年3月14日",
      "村委会电话 0595-22345678，(0595)22345678，05952234567",
      "户数 138，人口 1380，编号 12345678901234",
    ].join("\n");
    expect(findSensitiveNumbers(text)).toEqual([]);
    expect(maskSensitive(text)).toBe(text);
  });
});

describe("maskSensitive", () => {
  it("masks every kind in a multi-line posting and leaves the rest untouched", () => {
    const text = [
      "2025年第一季度低保发放名单",
      "1. 张三，身份证11010519491231002X，电话138 0013 8000，卡号6222 0200 0000 0000 000，金额1,250.00元",
      "2. 李四，身份证350502199001011234，电话+86-139-1234-5678，卡号4111111111111111",
      "3. 王五，身份证350502900101123，手机１３９１２３４５６７８",
      "监督电话：0595-22345678",
    ].join("\n");
    expect(kinds(text)).toEqual([
      "id_card",
      "mobile",
      "bank_card",
      "id_card_suspect",
      "mobile",
      "bank_card",
      "id_card",
      "mobile",
    ]);
    expect(maskSensitive(text)).toBe(
      [
        "2025年第一季度低保发放名单",
        "1. 张三，身份证110105********002X，电话138****8000，卡号6222***********0000，金额1,250.00元",
        "2. 李四，身份证350502********1234，电话139****5678，卡号4111********1111",
        "3. 王五，身份证350502*****1123，手机１３９****５６７８",
        "监督电话：0595-22345678",
      ].join("\n"),
    );
  });

  it("matches are sorted and do not overlap, and value is the original slice", () => {
    const text = "13800138000 4111111111111111 11010519491231002X 13800138000";
    const matches = findSensitiveNumbers(text);
    expect(matches).toHaveLength(4);
    for (const [i, m] of matches.entries()) {
      expect(text.slice(m.start, m.end)).toBe(m.value);
      if (i > 0) expect(m.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    }
  });

  it("has Chinese labels for every kind", () => {
    expect(sensitiveKindLabels).toEqual({
      id_card: "身份证号",
      id_card_suspect: "疑似身份证号（校验位不符）",
      mobile: "手机号",
      bank_card: "银行卡号",
    });
  });
});

describe("generated valid IDs", () => {
  it("every one is found as an ID and masked, the birth date gone", () => {
    const random = prng(20250314);
    const regions = ["110105", "350502", "440307", "510107", "650102", "810000", "230102"];
    for (let n = 0; n < 500; n++) {
      const region = regions[Math.floor(random() * regions.length)]!;
      const year = 1900 + Math.floor(random() * 200);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
      const first17 =
        region + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(Math.floor(random() * 1000), 3);
      const id = first17 + idCardCheckCharacter(first17);
      expect(isValidIdCard(id), id).toBe(true);

      const text = `第${n}户：${id}，`;
      const matches = findSensitiveNumbers(text);
      expect(matches, id).toHaveLength(1);
      expect(matches[0]).toMatchObject({ kind: "id_card", value: id });
      const masked = maskSensitive(text);
      expect(masked).toBe(`第${n}户：${id.slice(0, 6)}********${id.slice(14)}，`);
      expect(masked).not.toContain(id.slice(6, 14));
    }
  });
});

describe("separators besides space and hyphen", () => {
  const separators: [string, string][] = [
    ["no-break space", "\u00A0"],
    ["figure space", "\u2007"],
    ["narrow no-break space", "\u202F"],
    ["ideographic space", "\u3000"],
    ["tab", "\t"],
    ["full stop", "."],
    ["full-width full stop", "\uFF0E"],
    ["middle dot", "\u00B7"],
    ["em dash", "\u2014"],
    ["en dash", "\u2013"],
    ["full-width hyphen", "\uFF0D"],
  ];

  it("mobile 3-4-4 with each separator, offsets into the original text", () => {
    for (const [name, s] of separators) {
      const v = `138${s}0013${s}8000`;
      expect(findSensitiveNumbers(`电话：${v}，`), name).toEqual([
        { kind: "mobile", start: 3, end: 16, value: v, masked: "138****8000" },
      ]);
    }
  });

  it("bank card 4-4-4-4-3 and 6-13 with each separator", () => {
    for (const [name, s] of separators) {
      const v = `6222${s}0200${s}0000${s}0000${s}000`;
      expect(findSensitiveNumbers(`卡号${v}`), name).toEqual([
        { kind: "bank_card", start: 2, end: 25, value: v, masked: "6222***********0000" },
      ]);
      const w = `622202${s}0200112233446`;
      expect(findSensitiveNumbers(`卡号${w}。`), name).toEqual([
        { kind: "bank_card", start: 2, end: 22, value: w, masked: "6222***********3446" },
      ]);
    }
  });

  it("IDs 6-8-4 and 6-4-4-4 with each separator, masked like a contiguous ID", () => {
    for (const [name, s] of separators) {
      for (const v of [`350502${s}19620714${s}1239`, `350502${s}1962${s}0714${s}1239`]) {
        expect(findSensitiveNumbers(`身份证${v}，`), `${name}: ${v}`).toEqual([
          { kind: "id_card", start: 3, end: 3 + v.length, value: v, masked: "350502********1239" },
        ]);
      }
    }
  });

  it("separators of different kinds may be mixed in one number", () => {
    expect(kinds("138 0013\u00A08000")).toEqual(["mobile"]);
    expect(kinds("138\u30000013\t8000")).toEqual(["mobile"]);
    expect(kinds("138-0013\u20148000")).toEqual(["mobile"]);
    expect(kinds("138\uFF0D0013-8000")).toEqual(["mobile"]);
    expect(kinds("138.0013\u00B78000")).toEqual(["mobile"]);
    expect(kinds("138\u00A00013.8000")).toEqual(["mobile"]);
    expect(kinds("138.0013-8000")).toEqual(["mobile"]);
    expect(kinds("138\u20140013\u00A08000")).toEqual(["mobile"]);
    expect(kinds("6222 0200.0000 0000 000")).toEqual(["bank_card"]);
    expect(kinds("350502 19620714-1239")).toEqual(["id_card"]);
    expect(kinds("350502.1962.0714 1239")).toEqual(["id_card"]);
  });

  it("keeps UTF-16 offsets into the original text with several numbers and separators", () => {
    const text =
      "名单\u3000一、张三\t身份证\u00A0350502\u00A019620714\u00A01239；" +
      "手机１３８．００１３．８０００；卡号6222\u20140200\u20140000\u20140000\u2014000。";
    const matches = findSensitiveNumbers(text);
    expect(matches.map((m) => [m.kind, m.start, m.end])).toEqual([
      ["id_card", 12, 32],
      ["mobile", 35, 48],
      ["bank_card", 51, 74],
    ]);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.value);
    expect(matches[1]!.masked).toBe("１３８****８０００");
    expect(maskSensitive(text)).toBe(
      "名单\u3000一、张三\t身份证\u00A0350502********1239；" +
        "手机１３８****８０００；卡号6222***********0000。",
    );
  });

  it("a one- or two-digit row number or list label before a grouped number is not one of its groups", () => {
    expect(findSensitiveNumbers("1.138.0013.8000")).toMatchObject([
      { kind: "mobile", start: 2, end: 15 },
    ]);
    expect(findSensitiveNumbers("12.138.0013.8000")).toMatchObject([
      { kind: "mobile", start: 3, end: 16 },
    ]);
    expect(findSensitiveNumbers("3\t138 0013 8000")).toMatchObject([
      { kind: "mobile", start: 2, end: 15 },
    ]);
    expect(findSensitiveNumbers("1.350502.19620714.1239")).toMatchObject([
      { kind: "id_card", start: 2, end: 22 },
    ]);
    expect(kinds("1.13800138000")).toEqual(["mobile"]);
    // Other groups before the number do not hide it either.
    expect(findSensitiveNumbers("123.138.0013.8000")).toMatchObject([{ kind: "mobile", start: 4, end: 17 }]);
    expect(findSensitiveNumbers("12 34 138 0013 8000")).toMatchObject([{ kind: "mobile", start: 6, end: 19 }]);
    expect(findSensitiveNumbers("2025.03.138.0013.8000")).toMatchObject([{ kind: "mobile", start: 8, end: 21 }]);
  });
});

describe("IDs written in groups", () => {
  it("finds 6-8-4 and 6-4-4-4 with space or hyphen, with X, and full-width digits", () => {
    expect(kinds("350502 19620714 1239")).toEqual(["id_card"]);
    expect(kinds("350502-19620714-1239")).toEqual(["id_card"]);
    expect(kinds("350502 1962 0714 1239")).toEqual(["id_card"]);
    expect(kinds("350502-1962-0714-1239")).toEqual(["id_card"]);
    expect(findSensitiveNumbers("身份证 110105 19491231 002x。")).toEqual([
      {
        kind: "id_card",
        start: 4,
        end: 24,
        value: "110105 19491231 002x",
        masked: "110105********002x",
      },
    ]);
    expect(findSensitiveNumbers("１１０１０５\u3000１９４９\u3000１２３１\u3000００２Ｘ")).toEqual([
      {
        kind: "id_card",
        start: 0,
        end: 21,
        value: "１１０１０５\u3000１９４９\u3000１２３１\u3000００２Ｘ",
        masked: "１１０１０５********００２Ｘ",
      },
    ]);
  });

  it("checks the check character and plausibility as for contiguous IDs", () => {
    // Right region and date, wrong check character (and no valid Luhn).
    expect(luhnValid("350502196207141234")).toBe(false);
    expect(findSensitiveNumbers("350502 19620714 1234")).toMatchObject([
      { kind: "id_card_suspect", masked: "350502********1234" },
    ]);
    expect(kinds("350502-1962-0714-1234")).toEqual(["id_card_suspect"]);
    // Month 13 or region 0, and failing Luhn: nothing.
    expect(luhnValid("350502196213141239")).toBe(false);
    expect(kinds("350502 19621314 1239")).toEqual([]);
    expect(luhnValid("050502196207141238")).toBe(false);
    expect(kinds("050502 1962 0714 1238")).toEqual([]);
    // As when contiguous, an 18-digit number that is no ID but passes Luhn is a card,
    // but no card starts with 0 (such groups are landlines and codes).
    expect(luhnValid("050502196207141239")).toBe(true);
    expect(kinds("050502 1962 0714 1239")).toEqual([]);
    expect(kinds("550502 1962 0714 1239")).toEqual(luhnValid("550502196207141239") ? ["bank_card"] : []);
  });

  it("in any grouping and among other groups, but never cutting a group", () => {
    expect(kinds("350502 19620714 12391")).toEqual([]);
    expect(findSensitiveNumbers("350502 19620714 1239 5")).toMatchObject([{ kind: "id_card", start: 0, end: 20 }]);
    expect(findSensitiveNumbers("1234 350502 19620714 1239")).toMatchObject([{ kind: "id_card", start: 5, end: 25 }]);
    expect(maskSensitive("350502 19620714 1239X")).toBe("350502********1239X");
    expect(maskSensitive("3505 0219 6207 1412 39")).toBe("350502********1239");
    expect(maskSensitive("350502196 207141239")).toBe("350502********1239");
  });
});

describe("bank cards in groups and UnionPay numbers failing Luhn", () => {
  it("6-13 groups pass on Luhn or a 62 prefix", () => {
    expect(kinds("卡号 456351 0200112233442")).toEqual(["bank_card"]); // Luhn valid
    expect(kinds("卡号 456351 0200112233441")).toEqual([]);
    expect(kinds("卡号 622202 0200112233445")).toEqual(["bank_card"]); // mistyped
    expect(kinds("622202 02001122334466")).toEqual([]); // 6-14
    expect(kinds("622202 020011223344")).toEqual([]); // 6-12
    expect(findSensitiveNumbers("622202 0200112233446 12")).toMatchObject([{ kind: "bank_card", start: 0, end: 20 }]);
  });

  it("contiguous 16-19 digit runs starting with 62 are cards even when Luhn fails", () => {
    for (const v of ["6212345678901234", "62123456789012345", "6228480012345678904"]) {
      expect(luhnValid(v), v).toBe(false);
      expect(findSensitiveNumbers(`卡号${v}，`), v).toEqual([
        {
          kind: "bank_card",
          start: 2,
          end: 2 + v.length,
          value: v,
          masked: maskBankCard(v),
        },
      ]);
    }
    expect(maskSensitive("卡号6228480012345678904")).toBe("卡号6228***********8904");
    // Other runs failing Luhn stay unmatched; 15 and 20 digits are no cards.
    expect(kinds("4111111111111112")).toEqual([]);
    expect(kinds("5228480012345678903")).toEqual([]);
    expect(kinds("621234567890123")).toEqual([]);
    expect(kinds("62123456789012345678")).toEqual([]);
  });

  it("4-4-4-4 groups starting with 62 are cards even when Luhn fails", () => {
    expect(findSensitiveNumbers("6222 0200 0000 0000 001")).toMatchObject([
      { kind: "bank_card", start: 0, end: 23, masked: "6222***********0001" },
    ]);
    expect(kinds("6222-0200-0000-0001")).toEqual(["bank_card"]);
    // The first 16 digits of a longer chain, in card groups.
    expect(findSensitiveNumbers("6222 0200 0000 0000 0001")).toMatchObject([{ kind: "bank_card", start: 0, end: 19 }]);
    expect(kinds("4111 1111 1111 1112")).toEqual([]);
    // Other groupings of a 62… number failing Luhn are not cards.
    expect(luhnValid("6222020000000001")).toBe(false);
    expect(kinds("62 2202 0000 0000 01")).toEqual([]);
  });

  it("an 18-digit 62 number that looks like an ID stays an ID", () => {
    // 620102 is a Gansu region code; a valid ID is an ID, not a card.
    const id = "62010219850615231X";
    expect(isValidIdCard(id)).toBe(true);
    expect(kinds(id)).toEqual(["id_card"]);
    expect(kinds("620102 19850615 231X")).toEqual(["id_card"]);
  });
});

describe("zero-width characters", () => {
  const zeroWidth = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];

  it("are invisible inside a number: the number is found and masked without them", () => {
    for (const z of zeroWidth) {
      const mobile = `1380${z}0138000`;
      expect(findSensitiveNumbers(`电话${mobile}。`)).toEqual([
        { kind: "mobile", start: 2, end: 14, value: mobile, masked: "138****8000" },
      ]);
      const id = `350502${z}19620714${z}1239`;
      expect(findSensitiveNumbers(`${z}身份证${id}${z}`)).toEqual([
        { kind: "id_card", start: 4, end: 24, value: id, masked: "350502********1239" },
      ]);
      const card = `6222 02${z}00 0000 0000 000`;
      expect(findSensitiveNumbers(card)).toMatchObject([
        { kind: "bank_card", start: 0, end: 24, value: card, masked: "6222***********0000" },
      ]);
    }
  });

  it("are not included at either end of the value", () => {
    const text = "号码\u200B13800138000\u200B\u200C，";
    expect(findSensitiveNumbers(text)).toMatchObject([{ start: 3, end: 14, value: "13800138000" }]);
    expect(maskSensitive(text)).toBe("号码\u200B138****8000\u200B\u200C，");
  });

  it("do not join or split numbers differently from the text without them", () => {
    expect(kinds("1\u200B13800138000")).toEqual([]); // a 12-digit run
    expect(kinds("138\u200B 0013 \u200B8000")).toEqual(["mobile"]);
    expect(kinds("138\u200B0013 8000")).toEqual(["mobile"]); // reads 1380013 8000, a mobile in two groups
  });

  it("never crash, alone or anywhere", () => {
    const all = zeroWidth.join("");
    expect(findSensitiveNumbers("")).toEqual([]);
    expect(findSensitiveNumbers(all)).toEqual([]);
    expect(findSensitiveNumbers(`${all}1${all}`)).toEqual([]);
    // The zero-width characters inside the number go with its masked form.
    expect(maskSensitive(all + "1380013800" + all + "0")).toBe(all + "138****8000");
    expect(() => maskIdCard(all)).not.toThrow();
    expect(() => maskMobile(all)).not.toThrow();
    expect(() => maskBankCard(all)).not.toThrow();
    expect(luhnValid(all)).toBe(false);
    expect(isValidIdCard(all)).toBe(false);
  });
});

describe("amounts, dates and decimals with the new separators", () => {
  it("ignores amounts, decimals, dates and landlines", () => {
    const text = [
      "补助金额 1,250.00 元，单价 12.50 元，系数 3.14159265358979323846",
      "日期 2025.03.14，2025-03-14，2025·03·14，2025．03．14，2025—03—14，2025\u00A003\u00A014",
      "村委会电话 0595-22345678，0595—22345678，0595－22345678，0595 2234 5678，0595.2234.5678",
      "面积 1\u202F250\u202F000.5 平方米，人口 1\u00A0380",
    ].join("\n");
    expect(findSensitiveNumbers(text)).toEqual([]);
    expect(maskSensitive(text)).toBe(text);
  });

  it("an 11-digit number directly followed by '.' and a digit is an amount, not a mobile", () => {
    expect(kinds("合计 13512345678.00 元")).toEqual([]);
    expect(kinds("合计 １３５１２３４５６７８．００ 元")).toEqual([]);
    expect(kinds("合计 13512345678.5 元")).toEqual([]);
    // A full stop ending a sentence is no decimal point.
    expect(kinds("电话13512345678.")).toEqual(["mobile"]);
    expect(kinds("电话13512345678. 地址")).toEqual(["mobile"]);
    expect(kinds("电话13512345678。")).toEqual(["mobile"]);
    // Grouped, it cannot be an amount.
    expect(kinds("电话135 1234 5678.")).toEqual(["mobile"]);
  });
});

describe("maskSensitive with the new formats", () => {
  it("masks a posting typed with mixed input methods", () => {
    const text = [
      "1. 张三，身份证 350502 19620714 1239，电话 138\u00A00013\u00A08000，卡号 622202 0200112233445",
      "2. 李四，身份证350502-1962-0714-1239，电话138.0013.8000，卡号6228480012345678904，补助 1,250.00 元",
      "3. 王五，电话１３８\u30000013\u30008000，卡号 6222—0200—0000—0000—001，合计 13512345678.00 元",
    ].join("\n");
    expect(maskSensitive(text)).toBe(
      [
        "1. 张三，身份证 350502********1239，电话 138****8000，卡号 6222***********3445",
        "2. 李四，身份证350502********1239，电话138****8000，卡号6228***********8904，补助 1,250.00 元",
        "3. 王五，电话１３８****8000，卡号 6222***********0001，合计 13512345678.00 元",
      ].join("\n"),
    );
  });
});
