import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  approvalOpinion,
  blankRowsOf,
  cellName,
  defaultBlankRows,
  maxBlankRows,
  newPostingSchema,
  periodChoiceOf,
  periodCodeOf,
  periodPartOptions,
  periodYears,
  postingPageSchema,
  returnOpinionProblem,
  staleForm,
  suggestedPeriod,
  tableCellProblems,
} from "../../app/domain/postings/forms";
import { cleanTableRows, periodProblem, postingKinds, tableProblems, tableSpecs, type PostingKindCode } from "../../app/domain/postings/rules";
import { parseSubmission } from "../../app/domain/shared/form-submission";

/** A refused submission's errors (none when it was accepted). */
const errorsOf = (submission: { status?: string; error?: unknown }) => (submission.status === "success" ? undefined : (submission.error as Record<string, string[] | null> | undefined));

function form(entries: Array<[string, string | Blob]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

/** The draft form as the posting page's schema reads it (intent "save", at version 1 unless the entries say otherwise). */
function draft(entries: Array<[string, string | Blob]>) {
  const submission = parseSubmission(form([["intent", "save"], ["version", "1"], ...entries]), { schema: postingPageSchema });
  if (submission.status !== "success" || submission.value.intent !== "save") throw new Error(JSON.stringify(errorsOf(submission)));
  return submission.value;
}
const parseTableRows = (data: FormData) => draft([...data.entries()]).tableRows;

describe("the draft form", () => {
  it("reads title, body and period as posted", () => {
    const parsed = draft([["title", " 三月财务 "], ["body", "第一行\r\n第二行"], ["period", "2025-03"]]);
    expect(parsed).toMatchObject({ title: " 三月财务 ", body: "第一行\r\n第二行", period: "2025-03", tableRows: [], expectedVersion: 1 });
  });

  it("has no period when the form has none or leaves it blank (the command asks a first version for one)", () => {
    expect(draft([["title", "t"], ["body", ""]]).period).toBeUndefined();
    expect(draft([["period", ""]]).period).toBeUndefined();
  });

  it("treats missing fields as empty text", () => {
    const parsed = draft([]);
    expect(parsed.title).toBe("");
    expect(parsed.body).toBe("");
  });

  it("is a save when the form names no intent, as the Enter key in the draft posts it", () => {
    const submission = parseSubmission(form([["version", "3"], ["title", "t"]]), { schema: postingPageSchema });
    expect(submission.status === "success" && submission.value).toMatchObject({ intent: "save", expectedVersion: 3, title: "t" });
  });
});

describe("the table grid", () => {
  it("orders rows by number, not as text, and drops rows with nothing typed", () => {
    const rows = parseTableRows(
      form([
        [cellName(10, "item"), "第十一行"],
        [cellName(2, "item"), "第三行"],
        [cellName(2, "income"), "100"],
        [cellName(0, "item"), "第一行"],
        [cellName(1, "item"), "  "],
        [cellName(1, "income"), ""],
      ]),
    );
    expect(rows).toEqual([{ item: "第一行" }, { item: "第三行", income: "100" }, { item: "第十一行" }]);
  });

  it("keeps what was typed as typed (the domain trims and checks)", () => {
    expect(parseTableRows(form([[cellName(0, "amount"), " 1,200.5 "]]))).toEqual([{ amount: " 1,200.5 " }]);
  });

  it("ignores fields that are not cells", () => {
    const rows = parseTableRows(
      form([
        ["row.x.item", "a"],
        ["row.-1.item", "b"],
        ["row.1", "c"],
        ["row.123456.item", "too far"],
        ["row.0.__proto__", "d"],
        ["row.0.item.extra", "e"],
        ["title", "f"],
        [cellName(3, "item"), new Blob(["file"])],
      ]),
    );
    expect(rows).toEqual([]);
  });

  it("never throws, and every row it returns has something in it", () => {
    const key = fc.oneof(
      fc.string().filter((k) => !["intent", "version", "title", "body", "period", "acknowledgedFindings"].includes(k)),
      fc.tuple(fc.nat({ max: 120_000 }), fc.constantFrom("item", "income", "name", "x1", "__proto__", "")).map(([i, k]) => `row.${i}.${k}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string())), (entries) => {
        const rows = draft(entries).tableRows;
        for (const row of rows) expect(Object.values(row).some((v) => v.trim() !== "")).toBe(true);
      }),
    );
  });

  it("numbers rows the way the domain's messages do, so a message names the row the clerk sees", () => {
    const spec = tableSpecs.ledger;
    const rows = parseTableRows(
      form([
        [cellName(0, "item"), "上级转移支付"],
        [cellName(0, "income"), "100"],
        [cellName(1, "item"), ""],
        [cellName(2, "item"), ""],
        [cellName(2, "expense"), "十元"],
      ]),
    );
    const messages = tableProblems(spec, cleanTableRows(spec, rows));
    expect(messages).toEqual(["第 2 行：请填写“项目”", "第 2 行：“支出（元）”应为不小于 0 的金额，最多两位小数（填写了“十元”）"]);
    const cells = tableCellProblems(spec, messages);
    expect([...cells.entries()]).toEqual([
      ["1.item", [0]],
      ["1.expense", [1]],
    ]);
  });

  it("finds the cell of each domain message, and leaves messages about the whole table alone", () => {
    const spec = tableSpecs.allowance;
    const messages = ["表格不能超过 2000 行", "第 12 行：请填写“姓名”", "第 12 行：“保障人数”应为整数（填写了“两”）", "第 3 行：请填写“姓名”"];
    expect(Object.fromEntries(tableCellProblems(spec, messages))).toEqual({ "11.name": [1], "11.members": [2], "2.name": [3] });
  });

  it("shows at least the default blank rows and never an unbounded number", () => {
    expect(blankRowsOf(undefined)).toBe(defaultBlankRows);
    expect(blankRowsOf("15")).toBe(15);
    expect(blankRowsOf("0")).toBe(defaultBlankRows);
    expect(blankRowsOf("9999")).toBe(maxBlankRows);
    expect(blankRowsOf("1e9")).toBe(defaultBlankRows);
    expect(blankRowsOf(["15", "20"])).toBe(defaultBlankRows);
    expect(draft([["blankRows", "15"]]).blankRows).toBe(15);
  });
});

describe("versions and ids", () => {
  const version = (entries: Array<[string, string]>) => parseSubmission(form([["intent", "discard"], ["confirmDiscard", "on"], ...entries]), { schema: postingPageSchema });

  it("accepts a row version and refuses anything else as a stale page", () => {
    const accepted = version([["version", "7"]]);
    expect(accepted.status === "success" && accepted.value).toEqual({ intent: "discard", expectedVersion: 7 });
    for (const bad of ["", "0", "-1", "1.5", "abc", "99999999999", "2147483648", " 7"]) {
      expect(errorsOf(version([["version", bad]]))).toEqual({ version: [staleForm] });
    }
    expect(errorsOf(version([]))).toEqual({ version: [staleForm] });
  });
});

describe("suggestedPeriod", () => {
  it("suggests last month's finances, also across a new year", () => {
    expect(suggestedPeriod("finance_monthly", "2025-06-10")).toBe("2025-05");
    expect(suggestedPeriod("finance_monthly", "2026-01-05")).toBe("2025-12");
  });

  it("suggests the quarter last month fell in", () => {
    expect(suggestedPeriod("general_notice", "2025-04-03")).toBe("2025-Q1");
    expect(suggestedPeriod("general_notice", "2025-05-20")).toBe("2025-Q2");
    expect(suggestedPeriod("party_affairs", "2026-01-02")).toBe("2025-Q4");
  });

  it("suggests today for a posting of a single day, nothing for an unknown kind", () => {
    expect(suggestedPeriod("assembly_decision", "2025-06-10")).toBe("2025-06-10");
    expect(suggestedPeriod("", "2025-06-10")).toBe("");
    expect(suggestedPeriod("nope", "2025-06-10")).toBe("");
  });

  it("always suggests a period the domain accepts for the kind", () => {
    const kinds: PostingKindCode[] = [
      "party_affairs",
      "finance_monthly",
      "collective_assets",
      "assembly_decision",
      "subsistence_allowance",
      "relief",
      "homestead",
      "general_notice",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.date({ min: new Date("2001-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (kind, date) => {
        const today = date.toISOString().slice(0, 10);
        expect(periodProblem(kind, suggestedPeriod(kind, today), today)).toBeNull();
      }),
    );
  });
});

describe("returning a posting", () => {
  it("needs a reason of its own, not the approval text", () => {
    expect(returnOpinionProblem(approvalOpinion)).not.toBeNull();
    expect(returnOpinionProblem(" 经审核，同意公开 ")).not.toBeNull();
    expect(returnOpinionProblem("第 3 行金额有误，请核对票据。")).toBeNull();
    expect(returnOpinionProblem("")).toBeNull();
  });
});

describe("the period picker: a year and a month, quarter or the whole year, or a day, posted as parts the server makes the code it always read", () => {
  it("a code shown as picked is the same code when posted back, for every kind of period", () => {
    for (const code of ["2025-03", "2025-12", "2025-Q1", "2026-Q4", "2025", "2025-03-14"]) {
      expect(periodCodeOf(periodChoiceOf(code)), code).toBe(code);
    }
    expect(periodChoiceOf("2025-Q2")).toEqual({ year: "2025", part: "Q2", date: "" });
    expect(periodChoiceOf("2025年3月")).toEqual({ year: "2025", part: "03", date: "" });
    expect(periodChoiceOf("2025-03-14")).toEqual({ year: "2025", part: "date", date: "2025-03-14" });
    expect(periodChoiceOf("")).toEqual({ year: "", part: "", date: "" });
    expect(periodChoiceOf("下个月")).toEqual({ year: "", part: "", date: "" });
  });

  it("an incomplete pick is no period; a day picked alone is the day", () => {
    expect(periodCodeOf({ year: "2025", part: "" })).toBe("");
    expect(periodCodeOf({ year: "", part: "Q1" })).toBe("");
    expect(periodCodeOf({ year: "2025", part: "date", date: "" })).toBe("");
    expect(periodCodeOf({ part: "date", date: "2025-03-14", year: "2024" })).toBe("2025-03-14");
    expect(periodCodeOf({ date: "2025-03-14" })).toBe("2025-03-14");
    expect(periodCodeOf({ year: 2025, part: ["Q1"] })).toBe("");
  });

  it("the second list offers only what the posting's kind may cover, in the order month, quarter, year, day", () => {
    expect(periodPartOptions(postingKinds.finance_monthly.periodKinds).map((g) => g.kind)).toEqual(["month"]);
    expect(periodPartOptions(postingKinds.finance_monthly.periodKinds)[0]!.options.map((o) => o.label)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}月`));
    const assets = periodPartOptions(postingKinds.collective_assets.periodKinds);
    expect(assets.map((g) => [g.label, g.options.map((o) => o.value)])).toEqual([
      ["季度", ["Q1", "Q2", "Q3", "Q4"]],
      ["年度", ["year"]],
    ]);
    expect(periodPartOptions(postingKinds.relief.periodKinds).map((g) => g.kind)).toEqual(["month", "quarter", "date"]);
  });

  it("offers this year and the nine before, and an older year already picked", () => {
    expect(periodYears("2026-11-20")).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    expect(periodYears("2026-11-20", "2012")).toContain(2012);
    expect(periodYears("2026-11-20", "abcd")).toHaveLength(10);
  });

  it("the posting page and the new-posting form read the picked parts as the code, and a posted code as before", () => {
    expect(draft([["periodYear", "2025"], ["periodPart", "Q3"]]).period).toBe("2025-Q3");
    expect(draft([["periodYear", "2025"], ["periodPart", "03"], ["periodDate", ""]]).period).toBe("2025-03");
    expect(draft([["periodPart", "date"], ["periodDate", "2025-03-14"]]).period).toBe("2025-03-14");
    expect(draft([["period", "2025-Q1"]]).period).toBe("2025-Q1");
    // A correction's form has no period: none is read.
    expect(draft([]).period).toBeUndefined();
    const created = (entries: Array<[string, string]>) => parseSubmission(form([["kind", "finance_monthly"], ["title", "三月收支"], ["body", "明细如下。"], ...entries]), { schema: newPostingSchema });
    const picked = created([["periodYear", "2025"], ["periodPart", "03"]]);
    expect(picked.status === "success" && picked.value.period).toBe("2025-03");
    const unpicked = created([["periodYear", "2025"], ["periodPart", ""]]);
    expect(unpicked.status === "success" && unpicked.value.period).toBe("");
    // A tampered part is refused beside the period, as a typed code was.
    expect(errorsOf(created([["periodYear", "2025"], ["periodPart", "Q9"]]))).toEqual({ period: [expect.stringContaining("无法识别公开期间“2025-Q9”")] });
  });

  it("the domain refuses an incomplete pick, and a period the kind does not cover, beside the field", () => {
    expect(periodProblem("finance_monthly", "", "2026-05-01")).toBe("请选择公开期间");
    expect(periodProblem("finance_monthly", periodCodeOf({ year: "2026", part: "Q1" }), "2026-05-01")).toContain("月度财务收支的公开期间应为月度");
    expect(periodProblem("finance_monthly", periodCodeOf({ year: "2026", part: "04" }), "2026-05-01")).toBeNull();
  });
});
