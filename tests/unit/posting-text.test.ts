import { describe, expect, it } from "vitest";
import {
  bodyMarkupHint,
  bodyMarkupProblems,
  diffLines,
  hasChanges,
  maxBodyLength,
  parsePostingBody,
  type Inline,
} from "../../app/domain/postings/text";

const t = (text: string): Inline => ({ text, strong: false });
const b = (text: string): Inline => ({ text, strong: true });

describe("parsing a posting body", () => {
  it("blank lines separate paragraphs; lines of a paragraph stay lines", () => {
    expect(parsePostingBody("第一段第一行\n第一段第二行\n\n\n第二段")).toEqual([
      { type: "paragraph", lines: [[t("第一段第一行")], [t("第一段第二行")]] },
      { type: "paragraph", lines: [[t("第二段")]] },
    ]);
  });

  it("an empty or blank body has no blocks", () => {
    expect(parsePostingBody("")).toEqual([]);
    expect(parsePostingBody("  \n\t\n")).toEqual([]);
  });

  it("trims trailing spaces, and a line of spaces is blank", () => {
    expect(parsePostingBody("甲   \n   \n乙\t")).toEqual([
      { type: "paragraph", lines: [[t("甲")]] },
      { type: "paragraph", lines: [[t("乙")]] },
    ]);
  });

  it("normalises CRLF and lone CR", () => {
    expect(parsePostingBody("甲\r\n乙\r\n\r\n- 丙\r- 丁\r\n")).toEqual([
      { type: "paragraph", lines: [[t("甲")], [t("乙")]] },
      { type: "list", ordered: false, items: [[t("丙")], [t("丁")]] },
    ]);
  });

  it.each(["- ", "* ", "• "])("unordered list with %j", (marker) => {
    expect(parsePostingBody(`${marker}低保户 3 户\n${marker}五保户 1 户`)).toEqual([
      { type: "list", ordered: false, items: [[t("低保户 3 户")], [t("五保户 1 户")]] },
    ]);
  });

  it.each([
    ["1. ", "2. "],
    ["1、", "2、"],
    ["（1）", "（2）"],
    ["(1)", "(2)"],
  ])("ordered list with %j", (first, second) => {
    expect(parsePostingBody(`${first}修缮村道\n${second}疏通水渠`)).toEqual([
      { type: "list", ordered: true, items: [[t("修缮村道")], [t("疏通水渠")]] },
    ]);
  });

  it("does not take numbers, years or dashes inside text for list markers", () => {
    expect(parsePostingBody("1.5 万元已拨付")).toEqual([
      { type: "paragraph", lines: [[t("1.5 万元已拨付")]] },
    ]);
    expect(parsePostingBody("2024、2025 年度收支")).toEqual([
      { type: "paragraph", lines: [[t("2024、2025 年度收支")]] },
    ]);
    expect(parsePostingBody("-5℃ 停工")).toEqual([{ type: "paragraph", lines: [[t("-5℃ 停工")]] }]);
    expect(parsePostingBody("**重点**事项")).toEqual([
      { type: "paragraph", lines: [[b("重点"), t("事项")]] },
    ]);
  });

  it("mixed: paragraphs and lists follow each other; a change of list kind starts a new list", () => {
    const body = [
      "村民代表会议决定：",
      "1. 修缮村道",
      "2. 疏通水渠",
      "- 资金来源：村集体",
      "  - 监督：村务监督委员会",
      "以上事项公示七天。",
      "",
      "特此公告。",
    ].join("\n");
    expect(parsePostingBody(body)).toEqual([
      { type: "paragraph", lines: [[t("村民代表会议决定：")]] },
      { type: "list", ordered: true, items: [[t("修缮村道")], [t("疏通水渠")]] },
      {
        type: "list",
        ordered: false,
        items: [[t("资金来源：村集体")], [t("监督：村务监督委员会")]],
      },
      { type: "paragraph", lines: [[t("以上事项公示七天。")]] },
      { type: "paragraph", lines: [[t("特此公告。")]] },
    ]);
  });

  it("a blank line between list items starts a new list", () => {
    expect(parsePostingBody("- 甲\n\n- 乙")).toEqual([
      { type: "list", ordered: false, items: [[t("甲")]] },
      { type: "list", ordered: false, items: [[t("乙")]] },
    ]);
  });

  it("**bold** becomes strong, in paragraphs and list items", () => {
    expect(
      parsePostingBody("本月支出 **12,000 元**，结余 **3,000 元**。\n- **注意**：截止日期"),
    ).toEqual([
      {
        type: "paragraph",
        lines: [[t("本月支出 "), b("12,000 元"), t("，结余 "), b("3,000 元"), t("。")]],
      },
      { type: "list", ordered: false, items: [[b("注意"), t("：截止日期")]] },
    ]);
  });

  it("unmatched or empty ** stays literal text", () => {
    expect(parsePostingBody("面积 5**2 平方米")).toEqual([
      { type: "paragraph", lines: [[t("面积 5**2 平方米")]] },
    ]);
    expect(parsePostingBody("**甲** 与 **乙")).toEqual([
      { type: "paragraph", lines: [[b("甲"), t(" 与 **乙")]] },
    ]);
    expect(parsePostingBody("****")).toEqual([{ type: "paragraph", lines: [[t("****")]] }]);
    expect(parsePostingBody("***甲***")).toEqual([{ type: "paragraph", lines: [[t("***甲***")]] }]);
  });

  it("a masked number's asterisks are text, also inside **strong**", () => {
    expect(parsePostingBody("**电话 139****5678**，身份证 350502********1235")).toEqual([
      { type: "paragraph", lines: [[b("电话 139****5678"), t("，身份证 350502********1235")]] },
    ]);
  });

  it("bold does not run across lines", () => {
    expect(parsePostingBody("**甲\n乙**")).toEqual([
      { type: "paragraph", lines: [[t("**甲")], [t("乙**")]] },
    ]);
  });

  it("markup-looking text is kept as text (rendering escapes it)", () => {
    expect(parsePostingBody("收入 < 支出")).toEqual([
      { type: "paragraph", lines: [[t("收入 < 支出")]] },
    ]);
  });
});

describe("refusing a body", () => {
  const one = (text: string) => {
    const problems = bodyMarkupProblems(text);
    expect(problems).toHaveLength(1);
    return problems[0]!;
  };

  it("accepts plain formatted text", () => {
    expect(
      bodyMarkupProblems("一、收入\n- 上级补助 **5 万元**\n\n二、支出\n1. 修路\t3 万元"),
    ).toEqual([]);
  });

  it("accepts a lone < used as less-than, and & in text", () => {
    expect(bodyMarkupProblems("收入 < 支出")).toEqual([]);
    expect(bodyMarkupProblems("<5人的小组不单独公示")).toEqual([]);
    expect(bodyMarkupProblems("3<5 且 b <= c，结尾一个 <")).toEqual([]);
    expect(bodyMarkupProblems("R&D 与 AT&T，甲 & 乙")).toEqual([]);
    expect(bodyMarkupProblems("《村民委员会组织法》和 <村规民约>")).toEqual([]);
  });

  it("refuses an empty or blank body", () => {
    expect(bodyMarkupProblems("")).toEqual(["正文不能为空。"]);
    expect(bodyMarkupProblems(" \n\r\n\t")).toEqual(["正文不能为空。"]);
  });

  it("refuses a body over maxBodyLength characters, counted as characters seen", () => {
    expect(maxBodyLength).toBe(20000);
    expect(bodyMarkupProblems("字".repeat(maxBodyLength))).toEqual([]);
    expect(bodyMarkupProblems("😀".repeat(maxBodyLength))).toEqual([]);
    expect(bodyMarkupProblems("甲\r\n".repeat(maxBodyLength / 2))).toEqual([]);
    expect(one("字".repeat(maxBodyLength + 1))).toContain("正文不能超过 20000 字");
  });

  it.each([
    ["<script>alert(1)</script>", "<script>"],
    ["这是<b>重点</b>", "<b>"],
    ["段落</p>", "</p>"],
    ["<!-- 注释 -->", "<!-- 注释 -->"],
    ["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"],
    ["<a href='x'>链接", "<a href='x'>"],
    ["<?xml version='1.0'?>", "<?xml version='1.0'?>"],
    ["未闭合的 <div class='x' 标签", "<div class='x' 标签"],
  ])("refuses HTML: %j", (body, found) => {
    const message = one(body);
    expect(message).toContain("正文不能包含 HTML 标记");
    expect(message).toContain(`“${found}”`);
    expect(message).toContain(bodyMarkupHint);
  });

  it("< right before an ASCII letter looks like a tag, even in a formula", () => {
    expect(one("a<b")).toContain("发现“<b”");
  });

  it("names a few of the tags found, not all of them, and cuts long ones short", () => {
    const message = one("<p>1</p><b>2</b><i>3</i>");
    expect(message).toContain("发现“<p>”、“</p>”、“<b>”等");
    expect(one(`<span title="${"x".repeat(100)}">`)).toMatch(/发现“<span title="x+…”/);
  });

  it.each(["javascript:alert(1)", "链接 JavaScript:void(0)", "java\tscript:alert(1)"])(
    "refuses javascript: URLs: %j",
    (body) => {
      expect(one(body)).toContain("正文不能包含“javascript:”链接");
    },
  );

  it.each([
    ["&lt;", "<"],
    ["&#60;", "<"],
    ["&#x3c;", "<"],
    ["&#X3C", "<"],
    ["&amp;", "&"],
    ["&nbsp;", "空格"],
  ])("refuses HTML entity %j and says what to type instead", (entity, character) => {
    const message = one(`收入 ${entity} 支出`);
    expect(message).toContain("正文不能包含 HTML 字符实体");
    expect(message).toContain(`“${entity}”请直接写“${character}”`);
    expect(message).toContain("请直接输入字符本身");
  });

  it("refuses an unknown named entity too", () => {
    expect(one("&foo;")).toContain("发现“&foo;”");
  });

  it("refuses control characters but not tab or line breaks", () => {
    expect(bodyMarkupProblems("甲\t乙\n丙\r\n丁")).toEqual([]);
    expect(one("甲\u0000乙\u0007丙\u0007")).toContain(
      "正文不能包含控制字符（发现 “U+0000”、“U+0007”，共 3 处）",
    );
    expect(one("甲\u001b[31m")).toContain("U+001B");
    expect(one("甲\u0085")).toContain("U+0085");
  });

  it("refuses bidirectional overrides, which could reorder the figures shown", () => {
    expect(one("支出 \u202E0001\u202C 元")).toContain("U+202E");
    expect(one("甲\u2066乙")).toContain("U+2066");
  });

  it("reports every kind of problem at once", () => {
    expect(bodyMarkupProblems("<b>x</b> &lt; javascript:x \u0001")).toHaveLength(4);
  });
});

describe("diffLines", () => {
  it("identical texts: all same, no changes", () => {
    const d = diffLines("甲\n乙\n丙", "甲\n乙\n丙");
    expect(d).toEqual([
      { op: "same", text: "甲" },
      { op: "same", text: "乙" },
      { op: "same", text: "丙" },
    ]);
    expect(hasChanges(d)).toBe(false);
  });

  it("line breaks do not count as changes: CRLF and a final newline", () => {
    expect(hasChanges(diffLines("甲\r\n乙\r\n", "甲\n乙"))).toBe(false);
  });

  it("both empty: nothing", () => {
    expect(diffLines("", "")).toEqual([]);
    expect(hasChanges([])).toBe(false);
  });

  it("empty before: all added", () => {
    expect(diffLines("", "甲\n乙")).toEqual([
      { op: "added", text: "甲" },
      { op: "added", text: "乙" },
    ]);
  });

  it("empty after: all removed", () => {
    const d = diffLines("甲\n乙", "");
    expect(d).toEqual([
      { op: "removed", text: "甲" },
      { op: "removed", text: "乙" },
    ]);
    expect(hasChanges(d)).toBe(true);
  });

  it("insertions at the start, middle and end", () => {
    expect(diffLines("乙\n丁", "甲\n乙\n丙\n丁\n戊")).toEqual([
      { op: "added", text: "甲" },
      { op: "same", text: "乙" },
      { op: "added", text: "丙" },
      { op: "same", text: "丁" },
      { op: "added", text: "戊" },
    ]);
  });

  it("deletions", () => {
    expect(diffLines("甲\n乙\n丙\n丁", "乙\n丁")).toEqual([
      { op: "removed", text: "甲" },
      { op: "same", text: "乙" },
      { op: "removed", text: "丙" },
      { op: "same", text: "丁" },
    ]);
  });

  it("replacements show the removed lines before the added ones", () => {
    expect(
      diffLines("标题\n支出 3 万元\n审核人 张三\n结尾", "标题\n支出 3.5 万元\n审核人 李四\n结尾"),
    ).toEqual([
      { op: "same", text: "标题" },
      { op: "removed", text: "支出 3 万元" },
      { op: "removed", text: "审核人 张三" },
      { op: "added", text: "支出 3.5 万元" },
      { op: "added", text: "审核人 李四" },
      { op: "same", text: "结尾" },
    ]);
  });

  it("keeps the longest common run when lines move", () => {
    const d = diffLines("a\nb\nc\nd", "b\nc\nd\na");
    expect(d.filter((l) => l.op === "same").map((l) => l.text)).toEqual(["b", "c", "d"]);
    expect(d).toContainEqual({ op: "removed", text: "a" });
    expect(d).toContainEqual({ op: "added", text: "a" });
  });

  it("repeated and blank lines", () => {
    expect(diffLines("x\n\nx", "x\nx")).toEqual([
      { op: "same", text: "x" },
      { op: "removed", text: "" },
      { op: "same", text: "x" },
    ]);
  });

  it("rebuilds both sides from any diff", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8";
    const after = "0\n2\n3\n9\n5\n7\n8\n8\n10";
    const d = diffLines(before, after);
    expect(
      d
        .filter((l) => l.op !== "added")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(before);
    expect(
      d
        .filter((l) => l.op !== "removed")
        .map((l) => l.text)
        .join("\n"),
    ).toBe(after);
  });

  it("large inputs: exact up to ~2000 lines, prefix/suffix trim beyond", () => {
    const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`);
    const before = [...lines(1999, "a"), "middle-old", ...lines(10, "z")];
    const after = [...lines(1999, "a"), "middle-new", ...lines(10, "z")];
    const d = diffLines(before.join("\n"), after.join("\n"));
    expect(d.filter((l) => l.op !== "same")).toEqual([
      { op: "removed", text: "middle-old" },
      { op: "added", text: "middle-new" },
    ]);

    // 3000 differing lines in the middle on each side: too big for the table, so all replaced.
    const shared = lines(3000, "s");
    const bigBefore = ["head", ...shared.map((l) => `${l}-old`), "mid", "tail"];
    const bigAfter = ["head", "mid", ...shared.map((l) => `${l}-new`), "tail"];
    const big = diffLines(bigBefore.join("\n"), bigAfter.join("\n"));
    expect(big[0]).toEqual({ op: "same", text: "head" });
    expect(big[big.length - 1]).toEqual({ op: "same", text: "tail" });
    expect(big.filter((l) => l.op === "removed")).toHaveLength(3001);
    expect(big.filter((l) => l.op === "added")).toHaveLength(3001);

    // Within the limit the LCS finds the shared line.
    const smallBefore = ["head", ...lines(1500, "x"), "mid", "tail"];
    const smallAfter = ["head", "mid", ...lines(1500, "y"), "tail"];
    const small = diffLines(smallBefore.join("\n"), smallAfter.join("\n"));
    expect(small.filter((l) => l.op === "same").map((l) => l.text)).toEqual([
      "head",
      "mid",
      "tail",
    ]);
  });
});
