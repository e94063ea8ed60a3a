/**
 * Masking must not be talked around by how a number is typed: the security
 * review's 26 variants as plain cases, then generated valid numbers formatted
 * every way (any grouping, mixed separators, full-width digits, markup around
 * and inside, invisible characters, letters and Chinese text next to them, in
 * sentences and table cells), and what finance and affairs postings really
 * contain, which must come out unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskedContent, sensitiveFindings } from "../../app/domain/postings/rules";
import { digitsOf, findSensitiveNumbers, isValidIdCard, maskSensitive } from "../../app/domain/postings/sensitive-numbers";
import { typedNumber, validCard, validId15, validId18, validMobile, type Typed } from "../setup/typed-numbers";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("the security review's 26 variants", () => {
  // The reviewer's 350502198001011235 is a valid ID (check character 5).
  const variants: Array<[string, string, string]> = [
    ["ID, markup inside (the reported bypass)", "身份证：3505021980**0101**1235", "身份证：350502********1235"],
    ["ID, markup around", "身份证：**440307198506152319**", "身份证：**440307********2319**"],
    ["ID, grouped 4-4-4-4-2", "4403 0719 8506 1523 19", "440307********2319"],
    ["ID, 6-8-4 with mixed separators", "440307-19850615 2319", "440307********2319"],
    ["ID, four kinds of separator", "4403.0719-8506 1523_19", "440307********2319"],
    ["ID, slashes", "440307/19850615/2319", "440307********2319"],
    ["ID, commas", "440307,19850615,2319", "440307********2319"],
    ["ID, full-width commas", "440307，19850615，2319", "440307********2319"],
    ["ID, parentheses", "(440307)19850615(2319)", "(440307********2319)"],
    ["ID, full-width parentheses", "（440307）（19850615）（2319）", "（440307********2319）"],
    ["ID, underscores", "440307_1985_0615_2319", "440307********2319"],
    ["ID, letters next to it", "ID440307198506152319号码", "ID440307********2319号码"],
    ["ID, check character X set off", "110105 19491231 002 X", "110105********002X"],
    ["ID, full-width digits and ideographic spaces", "１１０１０５　１９４９１２３１　００２Ｘ", "１１０１０５********００２Ｘ"],
    ["ID, zero-width characters inside", "4403\u200B07198506\u200D152319", "440307********2319"],
    ["old 15-digit ID, grouped", "350502 800101 123", "350502*****1123"],
    ["mobile, (139)1234-5678", "电话(139)1234-5678", "电话(139****5678"],
    ["mobile, 139 1234-5678", "电话139 1234-5678", "电话139****5678"],
    ["mobile, +86 and parentheses", "电话+86 (139) 1234 5678", "电话139****5678"],
    ["mobile, slashes", "139/1234/5678", "139****5678"],
    ["mobile, full-width commas", "139，1234，5678", "139****5678"],
    ["mobile, markup inside", "139**1234**5678", "139****5678"],
    ["mobile, full-width digits and hyphens", "电话１３９－１２３４－５６７８转", "电话１３９****５６７８转"],
    ["mobile, letters next to it", "Tel13912345678ext", "Tel139****5678ext"],
    ["bank card, mixed separators", "卡号6222 0200-0000.0000 000", "卡号6222***********0000"],
    ["bank card, slash, underscore and comma", "4111/1111_1111，1111", "4111********1111"],
  ];

  it("are 26", () => expect(variants).toHaveLength(26));

  it.each(variants)("%s", (_name, text, masked) => {
    expect(maskSensitive(text)).toBe(masked);
  });

  it("each is listed by the pre-submit warning, also inside markup", () => {
    for (const [name, text] of variants) {
      const findings = sensitiveFindings("general_notice", { title: "", body: `公示如下：\n${text}`, tableRows: null, fileNames: [] });
      expect(findings, name).toHaveLength(1);
      expect(findings[0]!.where, name).toBe("正文第 2 行");
    }
  });
});

/**
 * The number is not in the output, neither as typed nor as its digits, and no
 * more of its digits are visible than the masked form keeps (the contexts hold
 * no digits): it was masked whole, as one number.
 */
function expectHidden(output: string, value: string, typed: Typed, kept: number) {
  expect(output).not.toContain(typed.typed);
  const visible = digitsOf(output);
  expect(visible).not.toContain(digitsOf(value));
  expect(visible.length).toBeLessThanOrEqual(kept);
}

/**
 * Digits a card's mask leaves: 4 + 4. A valid ID is claimed first, so 18 of a
 * card's digits that happen to be a valid ID (about 1 in 20,000 cards) are
 * masked as an ID (6 + 4 kept) and a digit before or after it stays.
 */
function cardKept(card: string): number {
  for (let i = 0; i + 18 <= card.length; i++) if (isValidIdCard(card.slice(i, i + 18))) return 10 + card.length - 18;
  return 8;
}

/** MASK_RUNS=100000 for a long search. */
const runs = { numRuns: Number(process.env.MASK_RUNS ?? 400) };

describe("generated valid numbers, typed every way", () => {
  it("18-character IDs (check character X included) are always masked", () => {
    fc.assert(
      fc.property(
        validId18.chain((id) => typedNumber(id).map((t) => ({ id, t }))),
        ({ id, t }) => {
          expect(isValidIdCard(id)).toBe(true);
          expectHidden(maskSensitive(t.text), id, t, 10);
        },
      ),
      runs,
    );
  });

  it("old 15-digit IDs are always masked", () => {
    fc.assert(
      fc.property(
        validId15.chain((id) => typedNumber(id).map((t) => ({ id, t }))),
        ({ id, t }) => expectHidden(maskSensitive(t.text), id, t, 10),
      ),
      runs,
    );
  });

  it("mobiles are always masked, with or without +86, 86, 0086 or 0", () => {
    fc.assert(
      fc.property(
        validMobile.chain((mobile) => typedNumber(mobile, { prefixes: ["", "", "+86 ", "+86-", "＋86", "86 ", "(+86)", "0086 ", "0"] }).map((t) => ({ mobile, t }))),
        ({ mobile, t }) => expectHidden(maskSensitive(t.text), mobile, t, 7),
      ),
      runs,
    );
  });

  it("bank cards (Luhn-valid, 16-19 digits) are always masked", () => {
    fc.assert(
      fc.property(
        validCard.chain((card) => typedNumber(card).map((t) => ({ card, t }))),
        ({ card, t }) => expectHidden(maskSensitive(t.text), card, t, cardKept(card)),
      ),
      runs,
    );
  });

  it("in table text cells, titles and bodies alike, and the warning lists each", () => {
    const anyNumber = fc.oneof(
      validId18.chain((v) => typedNumber(v).map((t) => ({ v, t, kept: 10 }))),
      validMobile.chain((v) => typedNumber(v).map((t) => ({ v, t, kept: 7 }))),
      validCard.chain((v) => typedNumber(v).map((t) => ({ v, t, kept: cardKept(v) }))),
    );
    fc.assert(
      fc.property(anyNumber, ({ v, t, kept }) => {
        const content = { title: t.text, body: `公示内容：\n${t.text}\n以上。`, tableRows: [{ name: "张三", item: "临时救助", amount: "500.00", note: t.text }] };
        const masked = maskedContent("relief", content);
        for (const text of [masked.title, masked.body, masked.tableRows![0]!.note!]) expectHidden(text, v, t, kept);
        expect(masked.tableRows![0]!.amount).toBe("500.00");
        const findings = sensitiveFindings("relief", { ...content, fileNames: [`${t.text}.pdf`] });
        expect(findings.map((f) => f.where)).toEqual(["标题", "正文第 2 行", "表格第 1 行“备注”", `附件“${maskSensitive(t.text)}.pdf”的文件名`]);
        expect(JSON.stringify(findings)).not.toContain(digitsOf(v));
      }),
      { numRuns: 200 },
    );
  });

  it("the one shape left out above is read as an amount or a date", () => {
    expect(maskSensitive("139 1234 56.78")).toBe("139 1234 56.78");
    expect(maskSensitive("4403 0719 8506 1523.19")).toBe("4403 0719 8506 1523.19");
    expect(maskSensitive("1 2026-1-5 3")).toBe("1 2026-1-5 3");
    // A dotted run is no amount, and an ID may show its birth date as a date.
    expect(maskSensitive("4403.0719.8506.1523.19")).toBe("440307********2319");
    expect(maskSensitive("440307 1985-06-15 2319")).toBe("440307********2319");
    expect(maskSensitive("440307-1985.06.15-2319")).toBe("440307********2319");
  });
});

/* ------------------------------------------------------------------ no false alarms */

describe("what finance and affairs postings really contain stays as it is", () => {
  const realistic = [
    "2026年10月财务收支公开",
    "本月收入合计 13,800.00 元，支出合计 2,345.60 元，本期结余 11,454.40 元。",
    "收入\t13,800.00\t2,345.60\t11,454.40",
    "1,234.56 2,345.67 3,456.78 4,567.89 13,800.00 138,000.00",
    "村集体经营性收入 1,380,000.00 元，同比增长 12.5%。",
    "合计 13512345678.00 元；单价 12.50 元；面积 1,250.5 平方米",
    "公示期：2026-11-01 至 2026-11-30，共 30 天。",
    "2026.11.30 2026/11/30 2026-1-5 2026·03·14 2026年11月30日",
    "序号\t日期\t人数\n18\t2026-01-15\t3\n19\t2026-01-16\t12",
    "第一季度（2026-Q1）、2025年度、2025-2026 学年",
    "监督电话：0595-22345678，0595—22345679，(0595)22345670，0595 2234 5671，0595.2234.5672",
    "镇政府 0595-2234 5678 转 801；民政所 22345678、22345679",
    "全村 1,380 户 4,521 人，其中低保 38 户 61 人，五保 7 人。",
    "1. 张三 2 人 1,660.00 元\n2. 李四 3 人 2,490.00 元\n3. 王五 1 人 830.00 元",
    "会议于 2026 年 11 月 30 日 9:30 召开，应到 15 人，实到 13 人，表决 12 票赞成、1 票弃权。",
    "文号：汝政〔2026〕18 号；合同编号 HT-2026-0018；发票号码 04400123",
    "宅基地面积 120 平方米，位于 3 组 15 号",
  ];

  it.each(realistic)("%s", (text) => {
    expect(findSensitiveNumbers(text)).toEqual([]);
    expect(maskSensitive(text)).toBe(text);
  });

  it("generated ledgers: amounts, dates, landlines and counts in any order and spacing", () => {
    const amount = fc
      .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
      .map(([yuan, fen, grouped]) => `${grouped ? yuan.toLocaleString("en-US") : yuan}.${pad(fen, 2)}`);
    const date = fc
      .tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom("-", ".", "/"), fc.boolean())
      .map(([y, m, d, sep, padded]) => [y, padded ? pad(m, 2) : m, padded ? pad(d, 2) : d].join(sep));
    const landline = fc
      .tuple(
        fc.constantFrom("0595", "0591", "010", "020"),
        // Local numbers start with 2-9.
        fc.oneof(fc.integer({ min: 2_000_000, max: 9_999_999 }), fc.integer({ min: 20_000_000, max: 99_999_999 })),
        fc.constantFrom("-", " ", "—", ")"),
      )
      .map(([area, local, sep]) => (sep === ")" ? `(${area})${local}` : `${area}${sep}${local}`));
    const count = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom("人", "户", "票", "元", "亩", "平方米", "%")).map(([n, unit]) => `${n}${unit}`);
    const rowNumber = fc.integer({ min: 1, max: 99 }).map((n) => `${n}. 张三`);
    const item = fc.oneof(amount, date, landline, count, rowNumber);
    const joiner = fc.constantFrom(" ", "\t", "，", "、", "；", " | ", "\n", "  ");
    fc.assert(
      fc.property(fc.array(fc.tuple(item, joiner), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.map(([p, j]) => p + j).join("");
        expect(findSensitiveNumbers(text)).toEqual([]);
      }),
      { numRuns: Number(process.env.MASK_RUNS ?? 1000) },
    );
  });

  it("a date, an amount or a row number next to a real number leaves both readings apart", () => {
    expect(maskSensitive("2026-11-30 13912345678")).toBe("2026-11-30 139****5678");
    expect(maskSensitive("13,800.00 13912345678")).toBe("13,800.00 139****5678");
    expect(maskSensitive("1. 13912345678")).toBe("1. 139****5678");
  });
});
