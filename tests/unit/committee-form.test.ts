import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  committeeFormSchema,
  maxMemberRows,
  memberCellName,
  mergeFieldErrors,
  normalizeDate,
  parseWholeNumber,
  readMemberRows,
  refusedTermOf,
  splitFacilities,
  suggestedNewTerm,
  termEndFor,
  termValuesOf,
  turnout,
} from "../../app/domain/committees/forms";
import { jointMeetingParties, termProblems } from "../../app/domain/committees/rules";
import { parseSubmission } from "../../app/domain/shared/form-submission";

function form(entries: Array<[string, string | Blob]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const parse = (entries: Array<[string, string | Blob]>) => parseSubmission(form(entries), { schema: committeeFormSchema });
type Parsed = ReturnType<typeof parse>;
const errorsOf = (submission: Parsed) => (submission.status === "success" ? undefined : (submission.error ?? undefined));
const valueOf = (submission: Parsed) => (submission.status === "success" ? submission.value : undefined);

/** The value of an accepted form, or the test fails with its errors. */
function accepted(entries: Array<[string, string | Blob]>) {
  const submission = parse(entries);
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

/** The errors of a refused form, by field. */
function refused(entries: Array<[string, string | Blob]>) {
  const submission = parse(entries);
  expect(submission.status).toBe("error");
  return errorsOf(submission) ?? {};
}

const member = (i: number, name: string, post = "member", secretary = false): Array<[string, string]> => [
  [memberCellName(i, "name"), name],
  [memberCellName(i, "post"), post],
  ...(secretary ? ([[memberCellName(i, "partySecretary"), "on"]] as Array<[string, string]>) : []),
];

const termEntries = (overrides: Record<string, string> = {}): Array<[string, string]> =>
  Object.entries({
    intent: "new-term",
    body: "residents",
    termNumber: "12",
    startsOn: "2021-05-20",
    endsOn: "2026-05-19",
    electedOn: "2021-05-16",
    eligibleVoters: "2000",
    votesCast: "1800",
    ...overrides,
  });

/** A new term's form with these grid cells: the members as the schema reads them, or its problems. */
function grid(cells: Array<[string, string | Blob]>) {
  const submission = parse([...termEntries(), ...cells]);
  return submission.status === "success"
    ? { rows: submission.value.intent === "new-term" ? submission.value.member : [], problems: [] }
    : { rows: null, problems: submission.error?.member ?? [] };
}

describe("parseWholeNumber", () => {
  it("reads whole numbers, also typed with full-width digits, spaces or thousands separators", () => {
    expect(parseWholeNumber("12", { label: "届次", max: 99 })).toEqual({ value: 12 });
    expect(parseWholeNumber("１２", { label: "届次", max: 99 })).toEqual({ value: 12 });
    expect(parseWholeNumber(" 2,000 ", { label: "人数", max: 10_000 })).toEqual({ value: 2000 });
    expect(parseWholeNumber("", { label: "人数", max: 10 })).toEqual({ value: null });
  });

  it("says what is wrong instead of returning NaN", () => {
    for (const text of ["abc", "1.5", "1e3", "-1", "12人", "Infinity", "0x10", "999999999999999999999"]) {
      const read = parseWholeNumber(text, { label: "登记选民人数", max: 1_000_000 });
      expect(read.value, text).toBeNull();
      expect(read.problem, text).toBe("登记选民人数应为 0 至 1000000 之间的整数");
    }
    expect(parseWholeNumber("100", { label: "届次", min: 1, max: 99 }).problem).toBe("届次应为 1 至 99 之间的整数");
    expect(parseWholeNumber("0", { label: "届次", min: 1, max: 99 }).problem).toBeDefined();
  });

  it("never gives NaN or a number out of range, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const read = parseWholeNumber(text, { label: "x", min: 0, max: 1000 });
        if (read.value !== null) {
          expect(Number.isInteger(read.value)).toBe(true);
          expect(read.value).toBeGreaterThanOrEqual(0);
          expect(read.value).toBeLessThanOrEqual(1000);
          expect(read.problem).toBeUndefined();
        }
      }),
    );
  });
});

describe("normalizeDate", () => {
  it("writes common ways of typing a date as YYYY-MM-DD and leaves the rest for the domain", () => {
    expect(normalizeDate("2021-05-20")).toBe("2021-05-20");
    expect(normalizeDate("2021/5/20")).toBe("2021-05-20");
    expect(normalizeDate("2021.5.2")).toBe("2021-05-02");
    expect(normalizeDate("2021年5月20日")).toBe("2021-05-20");
    expect(normalizeDate(" ２０２１-０５-２０ ")).toBe("2021-05-20");
    expect(normalizeDate("")).toBe("");
    expect(normalizeDate("五月二十日")).toBe("五月二十日");
  });
});

describe("the hidden fields of a change", () => {
  it("accept positive ids only: anything else is a stale page", () => {
    const change = (termId: string) => parse([...termEntries({ intent: "change-term", termId, version: "3" }), ...member(0, "张三", "chair")]);
    const ok = change("7");
    expect(ok.status === "success" && ok.value.intent === "change-term" && ok.value.termId).toBe(7);
    for (const text of ["", "0", "-1", "07", "1.0", "abc", "99999999999", "2147483648"]) {
      expect(errorsOf(change(text))?.termId, text).toEqual(["页面已过期，请刷新后重试。"]);
    }
  });
});

describe("the members grid", () => {
  it("orders rows by their number, not as text, and leaves blank rows out", () => {
    const read = grid([...member(10, "王十"), ...member(2, "李二", "vice_chair"), ...member(0, " 张三 ", "chair", true), ...member(1, "   "), ...member(3, "")]);
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { name: "张三", post: "chair", partySecretary: true },
      { name: "李二", post: "vice_chair", partySecretary: false },
      { name: "王十", post: "member", partySecretary: false },
    ]);
  });

  it("numbers its problems as the rows are shown again, blank rows left out", () => {
    const read = grid([...member(0, "张三", "chair"), ...member(1, ""), ...member(4, "", "member", true), ...member(5, "李四", "boss")]);
    expect(read.problems).toEqual(["第 2 行：已勾选兼任党组织书记，请填写姓名", "第 3 行：请从列表中选择职务"]);
  });

  it("ignores names that are not cells and indexes beyond three digits, and files", () => {
    const read = grid([
      ["member.1000.name", "甲"],
      ["member.-1.name", "乙"],
      ["member.1.nickname", "丙"],
      ["member.x.name", "丁"],
      ["member.0.name", new Blob(["戊"])],
      ["member.1.name", "己"],
    ]);
    expect(read.rows).toEqual([{ name: "己", post: "member", partySecretary: false }]);
  });

  it("refuses a grid of more rows than any form shows", () => {
    const entries = Array.from({ length: maxMemberRows + 1 }, (_, i) => member(i, `成员${i}`)).flat();
    expect(grid(entries).problems).toEqual([`成员最多填写 ${maxMemberRows} 名`]);
  });

  it("reads the same whether posted or given as conform's payload", () => {
    expect(readMemberRows({ "10": { name: "王十" }, "2": { name: "李二", post: "vice_chair" }, x: { name: "丁" } }).rows).toEqual([
      { name: "李二", post: "vice_chair", partySecretary: false },
      { name: "王十", post: "member", partySecretary: false },
    ]);
    expect(readMemberRows("张三")).toEqual({ rows: [], problems: [] });
  });
});

describe("a term's form", () => {
  it("gives the domain a term when everything parses", () => {
    expect(accepted([...termEntries({ electedOn: "2021/5/16" }), ...member(0, "张三", "chair", true), ...member(1, "李四")])).toEqual({
      intent: "new-term",
      body: "residents",
      termNumber: 12,
      startsOn: "2021-05-20",
      endsOn: "2026-05-19",
      electedOn: "2021-05-16",
      eligibleVoters: 2000,
      votesCast: 1800,
      member: [
        { name: "张三", post: "chair", partySecretary: true },
        { name: "李四", post: "member", partySecretary: false },
      ],
    });
  });

  it("leaves election figures out when they are left empty", () => {
    expect(accepted(termEntries({ electedOn: "", eligibleVoters: "", votesCast: " " }))).toMatchObject({
      electedOn: null,
      eligibleVoters: null,
      votesCast: null,
      member: [],
    });
  });

  it("puts what cannot be read beside its field and keeps what was typed", () => {
    const submission = parse([...termEntries({ termNumber: "十二", eligibleVoters: "两千", votesCast: "1800.5" }), ...member(0, "张三", "chair")]);
    expect(errorsOf(submission)).toEqual({
      termNumber: ["届次应为 1 至 99 之间的整数"],
      eligibleVoters: ["登记选民人数应为 0 至 1000000 之间的整数"],
      votesCast: ["参加投票人数应为 0 至 1000000 之间的整数"],
    });
    expect(termValuesOf(submission.reply().initialValue)).toMatchObject({
      termNumber: "十二",
      eligibleVoters: "两千",
      votesCast: "1800.5",
      members: [{ name: "张三", post: "chair" }],
    });
    expect(refused(termEntries({ termNumber: "" })).termNumber).toEqual(["请填写届次，如 12"]);
  });

  it("lets the rules tell the other problems at once when a number cannot be read", () => {
    const submission = parse([...termEntries({ termNumber: "x", endsOn: "2019-01-01" }), ...member(0, "张三"), ...member(1, "张三")]);
    const term = refusedTermOf(submission.payload, errorsOf(submission));
    expect(term?.errors).toEqual({ termNumber: ["届次应为 1 至 99 之间的整数"] });
    const rules = termProblems("residents", term!.term);
    expect(rules.termNumber).toBeUndefined();
    expect(rules.endsOn).toEqual(["任期结束日期应晚于开始日期"]);
    expect(rules.members).toEqual(expect.arrayContaining(["应有且只有一名主任（现有 0 名）", "成员“张三”重复填写"]));
  });

  it("refuses a body the page does not have as a stale page, and an unknown intent as one it does not know", () => {
    expect(refused(termEntries({ body: "council" })).body).toEqual(["页面已过期，请刷新后重试。"]);
    expect(refused(termEntries({ intent: "rename-term" })).intent).toEqual(["无法识别的操作，请刷新页面后重试。"]);
  });

  it("never throws and never hands the domain NaN, whatever is posted", () => {
    const key = fc.oneof(
      fc.constantFrom("termNumber", "startsOn", "endsOn", "electedOn", "eligibleVoters", "votesCast"),
      fc.tuple(fc.nat(2000), fc.constantFrom("name", "post", "partySecretary")).map(([i, k]) => `member.${i}.${k}`),
      fc.string().filter((name) => name !== "intent" && name !== "body"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string())), (entries) => {
        const submission = parse([["intent", "new-term"], ["body", "villagers"], ...entries]);
        const input =
          submission.status === "success" && submission.value.intent === "new-term"
            ? { ...submission.value, members: submission.value.member }
            : refusedTermOf(submission.payload, errorsOf(submission))!.term;
        for (const n of [input.termNumber, input.eligibleVoters, input.votesCast]) if (n !== null) expect(Number.isFinite(n)).toBe(true);
        expect(() => termProblems("villagers", input)).not.toThrow();
      }),
    );
  });
});

describe("mergeFieldErrors", () => {
  it("keeps each message once, in order", () => {
    expect(mergeFieldErrors({ members: ["a"], termNumber: ["x"] }, { members: ["a", "b"], endsOn: ["y"] })).toEqual({
      members: ["a", "b"],
      termNumber: ["x"],
      endsOn: ["y"],
    });
  });
});

describe("new terms", () => {
  it("end five years on, less a day", () => {
    expect(termEndFor("2026-05-20")).toBe("2031-05-19");
    expect(termEndFor("2026-01-01")).toBe("2030-12-31");
    expect(termEndFor("2028-02-29")).toBe("2033-02-28");
    expect(termEndFor("2026-03-01")).toBe("2031-02-28");
    expect(termEndFor("not a date")).toBe("");
  });

  it("suggest the next number, starting today; the rules accept the suggested dates", () => {
    expect(suggestedNewTerm({ termNumber: 11 }, "2026-11-24")).toEqual({ termNumber: "12", startsOn: "2026-11-24", endsOn: "2031-11-23" });
    expect(suggestedNewTerm(null, "2026-11-24").termNumber).toBe("1");
    // A newest term that ends later than today: the new one is suggested to begin the day after, which the rules accept.
    expect(suggestedNewTerm({ termNumber: 11, endsOn: "2026-12-31" }, "2026-11-24")).toEqual({ termNumber: "12", startsOn: "2027-01-01", endsOn: "2031-12-31" });
    expect(suggestedNewTerm({ termNumber: 11, endsOn: "2026-11-24" }, "2026-11-24").startsOn).toBe("2026-11-25");
    expect(suggestedNewTerm({ termNumber: 11, endsOn: "2026-10-01" }, "2026-11-24").startsOn).toBe("2026-11-24");
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }), (day) => {
        const today = day.toISOString().slice(0, 10);
        const { startsOn, endsOn } = suggestedNewTerm(null, today);
        const problems = termProblems("villagers", { termNumber: 1, startsOn, endsOn, electedOn: null, eligibleVoters: null, votesCast: null, members: [] });
        expect(problems.startsOn).toBeUndefined();
        expect(problems.endsOn).toBeUndefined();
      }),
    );
  });
});

describe("deleting a term", () => {
  it("reads the term, its version and the reason; tampered ids are a stale page", () => {
    expect(accepted([["intent", "delete-term"], ["body", "villagers"], ["termId", "12"], ["version", "3"], ["reason", " 重复录入 "]])).toEqual({
      intent: "delete-term",
      body: "villagers",
      termId: 12,
      version: 3,
      reason: " 重复录入 ",
    });
    expect(refused([["intent", "delete-term"], ["body", "villagers"], ["termId", "x"], ["version", "0"]])).toEqual({
      termId: ["页面已过期，请刷新后重试。"],
      version: ["页面已过期，请刷新后重试。"],
    });
  });
});

describe("turnout", () => {
  it("is votes cast over eligible voters, or nothing when a figure is missing", () => {
    expect(turnout(1800, 2000)).toBe("90.0%");
    expect(turnout(1, 3)).toBe("33.3%");
    expect(turnout(null, 2000)).toBeNull();
    expect(turnout(10, 0)).toBeNull();
  });
});

describe("service centre form", () => {
  const centre = (entries: Array<[string, string]>): Parsed => parse([["intent", "service-centre"], ...entries]);

  it("splits facilities by line or by 、，, and keeps each once", () => {
    expect(splitFacilities("日间照料中心\r\n图书室、警务室，图书室\n\n 卫生服务站 ;；")).toEqual(["日间照料中心", "图书室", "警务室", "卫生服务站"]);
    expect(splitFacilities("  ")).toEqual([]);
  });

  it("reads the floor area with or without its unit, and the version it was filled in against", () => {
    for (const text of ["880", "880 平方米", "880㎡", "880m²", "８８０"]) {
      expect(valueOf(centre([["floorArea", text], ["facilities", "图书室"], ["version", "3"]])), text).toEqual({
        intent: "service-centre",
        floorArea: 880,
        facilities: ["图书室"],
        version: 3,
      });
    }
    expect(valueOf(centre([["floorArea", ""], ["version", ""]]))).toEqual({ intent: "service-centre", floorArea: null, facilities: [], version: null });
  });

  it("refuses an area that is not a whole number, and notices a tampered version", () => {
    const submission = centre([["floorArea", "880.5"], ["facilities", "图书室"], ["version", "x"]]);
    expect(errorsOf(submission)).toEqual({
      floorArea: ["建筑面积应为 0 至 100000 之间的整数（平方米）"],
      version: ["页面已过期，请刷新后重试。"],
    });
    expect(submission.reply().initialValue).toEqual({ intent: "service-centre", floorArea: "880.5", facilities: "图书室", version: "x" });
    expect(errorsOf(centre([["floorArea", "200000"]]))?.floorArea).toBeDefined();
  });
});

describe("joint meeting form", () => {
  it("keeps the five parties that were ticked, in their order, and nothing else", () => {
    expect(
      accepted([
        ["intent", "joint-meeting"],
        ["heldOn", "2026/10/10"],
        ["parties", "物业服务企业"],
        ["parties", "社区党组织"],
        ["parties", "不是五方之一"],
        ["parties", new Blob(["社会组织"])],
        ["topics", "加装电梯"],
        ["decisions", "成立协调小组"],
      ]),
    ).toEqual({ intent: "joint-meeting", heldOn: "2026-10-10", parties: ["社区党组织", "物业服务企业"], topics: "加装电梯", decisions: "成立协调小组" });
    expect(accepted([["intent", "joint-meeting"]])).toMatchObject({ parties: [] });
    expect(jointMeetingParties).toHaveLength(5);
  });
});
