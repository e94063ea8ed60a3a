import { describe, expect, test } from "vitest";
import {
  arrangeTerms,
  seatWarnings,
  termProblems,
  termProblemsInPlace,
  termStanding,
  textCharacterProblem,
  type MemberInput,
  type RecordedTerm,
  type TermInput,
} from "../../app/domain/committees/rules";

const member = (name: string, post: MemberInput["post"] = "member", partySecretary = false): MemberInput => ({ name, post, partySecretary });
const term = (members: MemberInput[], extra: Partial<TermInput> = {}): TermInput => ({
  termNumber: 12,
  startsOn: "2026-04-20",
  endsOn: "2031-04-19",
  electedOn: "2026-04-15",
  eligibleVoters: 2400,
  votesCast: 2100,
  members,
  ...extra,
});
const villagers = [member("陈建国", "chair", true), member("林丽华", "vice_chair"), member("黄志强"), member("王美玲"), member("李文杰")];

describe("a term", () => {
  test("a villagers' committee of five with one chair is fine", () => {
    expect(termProblems("villagers", term(villagers))).toEqual({});
  });

  test("dates, election and turnout are checked", () => {
    expect(termProblems("villagers", term(villagers, { endsOn: "2026-04-01" })).endsOn).toEqual(["任期结束日期应晚于开始日期"]);
    expect(termProblems("villagers", term(villagers, { endsOn: "2032-01-01" })).endsOn?.[0]).toContain("5 年");
    expect(termProblems("villagers", term(villagers, { electedOn: "2026-05-01" })).electedOn).toEqual(["选举日期不应晚于任期开始日期"]);
    expect(termProblems("villagers", term(villagers, { votesCast: 2500 })).votesCast).toEqual(["参加投票人数不能多于登记选民人数"]);
    expect(termProblems("villagers", term(villagers, { termNumber: 0 })).termNumber).toBeDefined();
  });

  test("posts, party secretaries and voter figures are checked whoever calls", () => {
    const odd = { name: "甲", post: "secretary" as unknown as MemberInput["post"], partySecretary: false };
    expect(termProblems("villagers", term([member("乙", "chair"), member("丙"), odd])).members).toContain("成员职务应为主任、副主任或委员");
    expect(termProblems("villagers", term([member("乙", "chair", true), member("丙", "member", true), member("丁")])).members).toContain(
      "只能有一名成员兼任村（社区）党组织书记",
    );
    expect(termProblems("villagers", term(villagers, { eligibleVoters: -1 })).eligibleVoters).toBeDefined();
    expect(termProblems("villagers", term(villagers, { votesCast: 2.5 })).votesCast).toBeDefined();
  });

  test("a residents' committee has five to nine members (城市居民委员会组织法 第八条), a villagers' committee three to seven (村民委员会组织法 第六条)", () => {
    const people = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"].map((name, i) => member(name, i === 0 ? "chair" : "member"));
    const size = (body: "residents" | "villagers", n: number) => termProblems(body, term(people.slice(0, n))).members;
    expect(size("residents", 4)).toEqual(["居民委员会应有 5 至 9 名成员，现填写 4 名"]);
    expect(size("residents", 3)?.[0]).toContain("5 至 9 名");
    expect(size("residents", 5)).toBeUndefined();
    expect(size("residents", 9)).toBeUndefined();
    expect(size("residents", 10)?.[0]).toContain("现填写 10 名");
    expect(size("villagers", 3)).toBeUndefined();
    expect(size("villagers", 7)).toBeUndefined();
    expect(size("villagers", 2)?.[0]).toContain("3 至 7 名");
    expect(size("villagers", 8)?.[0]).toContain("3 至 7 名");
  });

  test("names with control, zero-width or bidi characters are refused beside the members", () => {
    for (const bad of ["陈\u0000建国", "陈建国\u202E", "陈\u200B建国", "陈\t建国"]) {
      const problems = termProblems("villagers", term([member(bad, "chair"), ...villagers.slice(1)])).members ?? [];
      expect(problems.some((p) => p.includes("不可见的控制字符")), JSON.stringify(bad)).toBe(true);
    }
  });

  test("member counts and exactly one chair", () => {
    expect(termProblems("villagers", term(villagers.slice(0, 2))).members?.[0]).toContain("3 至 7 名");
    expect(termProblems("villagers", term([...villagers, member("甲"), member("乙"), member("丙")])).members?.[0]).toContain("现填写 8 名");
    expect(termProblems("villagers", term([member("甲", "chair"), member("乙", "chair"), member("丙")])).members).toContain("应有且只有一名主任（现有 2 名）");
    expect(termProblems("villagers", term([member("甲", "chair"), member("甲"), member("丙")])).members).toContain("成员“甲”重复填写");
  });
});

describe("the supervision committee", () => {
  const supervision = [member("吴秀英", "chair"), member("蔡国栋"), member("郑海燕")];

  test("three to five members from outside the villagers' committee is fine", () => {
    expect(termProblems("supervision", term(supervision), villagers)).toEqual({});
    expect(termProblems("supervision", term([...supervision, member("a"), member("b"), member("c")]), villagers).members?.[0]).toContain("3 至 5 名");
  });

  test("no member of the villagers' committee sits on it", () => {
    const problems = termProblems("supervision", term([...supervision, member("黄志强")]), villagers);
    expect(problems.members).toEqual(["“黄志强”是村民委员会成员，不能担任村务监督委员会成员"]);
  });

  test("its chair is not the party secretary, nor is any member", () => {
    const secretaryOutside = [member("许金龙", "chair", true), member("施雅琴")];
    const problems = termProblems("supervision", term([member("许金龙", "chair"), member("蔡国栋"), member("郑海燕")]), secretaryOutside);
    expect(problems.members).toContain("村务监督委员会主任不能由村党组织书记担任");
    expect(termProblems("supervision", term([member("吴秀英", "chair"), member("蔡国栋", "member", true), member("郑海燕")])).members).toContain(
      "村党组织书记不能担任村务监督委员会成员",
    );
  });
});

/* A village's terms as recorded: the villagers' committee's 11th (ended) and 12th (in office), the supervision committee's 4th. */
const recorded = (): RecordedTerm[] => [
  { id: 1, body: "villagers", termNumber: 11, startsOn: "2021-04-20", endsOn: "2026-04-19", members: [member("老书记", "chair", true), member("老委员甲"), member("老委员乙")] },
  { id: 2, body: "villagers", termNumber: 12, startsOn: "2026-04-20", endsOn: "2031-04-19", members: villagers },
  { id: 3, body: "supervision", termNumber: 4, startsOn: "2026-04-20", endsOn: "2031-04-19", members: [member("吴秀英", "chair"), member("蔡国栋"), member("郑海燕")] },
  { id: 4, body: "finance_group", termNumber: 7, startsOn: "2026-04-20", endsOn: "2031-04-19", members: [member("许金龙", "chair"), member("施雅琴"), member("黄志强")] },
];
const today = "2026-10-01";
const inPlace = (body: RecordedTerm["body"], t: TermInput, termId?: number, terms = recorded()) => termProblemsInPlace(body, t, { today, recorded: terms, termId });

describe("a term among the place's other terms", () => {
  test("the villagers' committee may not take in a member of the supervision committee in office at the same time", () => {
    const withOverseer = villagers.map((m) => (m.name === "王美玲" ? member("蔡国栋") : m));
    expect(inPlace("villagers", term(withOverseer), 2).members).toEqual(["“蔡国栋”是村务监督委员会第 4 届成员，不能同时担任村民委员会成员"]);
    // The 11th term ended before the supervision committee's 4th began: no conflict.
    const eleventh = term([member("老书记", "chair", true), member("老委员甲"), member("蔡国栋")], { termNumber: 11, startsOn: "2021-04-20", endsOn: "2026-04-19", electedOn: null });
    expect(inPlace("villagers", eleventh, 1)).toEqual({});
  });

  test("the party secretary ticked on the villagers' committee may not chair the supervision committee nor sit on the finance group", () => {
    const secretaryChairs = recorded().map((t) => (t.body === "supervision" ? { ...t, members: [member("新书记", "chair"), member("蔡国栋"), member("郑海燕")] } : t));
    const withSecretary = [member("新书记", "chair", true), ...villagers.slice(1).map((m) => ({ ...m, partySecretary: false }))];
    expect(inPlace("villagers", term(withSecretary), 2, secretaryChairs).members).toEqual([
      "“新书记”是村务监督委员会第 4 届成员，不能同时担任村民委员会成员",
      "“新书记”是村务监督委员会第 4 届主任，村党组织书记不能担任村务监督委员会主任",
    ]);
    // 黄志强 sits on the finance group: as a villagers' committee member that is allowed, as its party secretary not.
    const huangSecretary = villagers.map((m) => ({ ...m, partySecretary: m.name === "黄志强" }));
    expect(inPlace("villagers", term(villagers), 2)).toEqual({});
    expect(inPlace("villagers", term(huangSecretary), 2).members).toEqual(["“黄志强”是民主理财小组第 7 届成员，村党组织书记不能担任民主理财小组成员"]);
  });

  test("the finance group is checked against the party secretary of the villagers' committee whose term overlaps its own", () => {
    const group = [member("许金龙", "chair"), member("施雅琴"), member("陈建国")];
    expect(inPlace("finance_group", term(group), 4).members).toEqual(["“陈建国”是村党组织书记（在村民委员会第 12 届中兼任），不能担任民主理财小组成员"]);
    // The 11th term's secretary sits on a group that begins after the 11th ended.
    expect(inPlace("finance_group", term([member("许金龙", "chair"), member("施雅琴"), member("老书记")]), 4)).toEqual({});
    // Other members of the villagers' committee may sit on the finance group.
    expect(inPlace("finance_group", term([member("许金龙", "chair"), member("施雅琴"), member("林丽华")]), 4)).toEqual({});
  });

  test("the supervision committee is checked against a villagers' committee entered ahead of its start, not only the one in office", () => {
    const ahead: RecordedTerm = {
      id: 9,
      body: "villagers",
      termNumber: 13,
      startsOn: "2031-04-20",
      endsOn: "2036-04-19",
      members: [member("未来主任", "chair", true), member("未来委员"), member("刘明辉")],
    };
    const terms = [...recorded().filter((t) => t.id !== 2), ahead];
    const next = term([member("吴秀英", "chair"), member("刘明辉"), member("郑海燕")], { termNumber: 5, startsOn: "2026-06-01", endsOn: "2031-05-31", electedOn: null });
    expect(inPlace("supervision", next, 3, terms).members).toEqual(["“刘明辉”是村民委员会第 13 届成员，不能担任村务监督委员会成员"]);
  });

  test("term N+1 begins on or after the day term N ends; terms of one body never overlap", () => {
    // A new 13th term dated like the 11th: before the 12th, so refused.
    expect(inPlace("villagers", term(villagers, { termNumber: 13, startsOn: "2021-04-20", endsOn: "2026-04-19", electedOn: null })).startsOn).toEqual([
      "第 13 届应在第 12 届任期结束（2031年4月19日）当天或之后开始；如第 12 届提前结束，请先修改第 12 届的结束日期",
    ]);
    // Beginning on the day the 12th ends is the handover: allowed (up to a year ahead, so judged on a later day).
    const handover = term(villagers, { termNumber: 13, startsOn: "2031-04-19", endsOn: "2036-04-18", electedOn: null });
    expect(termProblemsInPlace("villagers", handover, { today: "2031-01-01", recorded: recorded() })).toEqual({});
    // An earlier number may not end after a later one begins.
    expect(inPlace("villagers", term(villagers, { termNumber: 10, startsOn: "2020-01-01", endsOn: "2024-12-31", electedOn: null })).endsOn).toEqual([
      "第 10 届应在第 11 届开始（2021年4月20日）当天或之前结束",
    ]);
    // A change of the 12th is not compared with itself; its number may not take another term's.
    expect(inPlace("villagers", term(villagers), 2)).toEqual({});
    expect(inPlace("villagers", term(villagers, { termNumber: 11 }), 2).termNumber).toEqual(["第 11 届已有记录，届次不能重复"]);
    expect(inPlace("villagers", term(villagers)).termNumber).toEqual(["第 12 届已有记录，请修改该届而不是新建"]);
  });

  test("dates from 1949-10-01: elections up to today, a term's start up to a year ahead", () => {
    const first = (t: Partial<TermInput>) => inPlace("residents", term([member("甲", "chair"), member("乙"), member("丙"), member("丁"), member("戊")], { termNumber: 1, ...t }), undefined, []);
    expect(first({ startsOn: "1900-01-01", endsOn: "1900-12-31", electedOn: null }).startsOn).toEqual(["任期开始日期不能早于 1949 年 10 月 1 日，请检查年份"]);
    // Before 1900 is no date any field accepts (app/domain/shared/time.ts).
    expect(first({ startsOn: "0001-01-01", endsOn: "0001-12-31", electedOn: null }).startsOn).toEqual(["请填写任期开始日期，如 2021-05-20"]);
    expect(first({ startsOn: "1949-10-01", endsOn: "1954-09-30", electedOn: "1949-09-30" }).electedOn).toEqual(["选举日期不能早于 1949 年 10 月 1 日，请检查年份"]);
    expect(first({ startsOn: "1949-10-01", endsOn: "1954-09-30", electedOn: "1949-10-01" })).toEqual({});
    expect(first({ startsOn: "2027-10-01", endsOn: "2032-09-30", electedOn: null })).toEqual({});
    expect(first({ startsOn: "2027-10-02", endsOn: "2032-09-30", electedOn: null }).startsOn).toEqual(["任期开始日期最多可提前一年录入，不能晚于2027年10月1日"]);
    expect(first({ startsOn: "2027-01-01", endsOn: "2031-12-31", electedOn: "2026-10-02" }).electedOn).toEqual(["选举日期不能晚于今天：选举后再录入"]);
  });
});

describe("warnings of conflicts already recorded", () => {
  test("name both terms, whichever was saved first", () => {
    const terms = recorded().map((t) =>
      t.body === "supervision" ? { ...t, members: [member("陈建国", "chair"), member("黄志强"), member("郑海燕")] } : t.body === "finance_group" ? { ...t, members: [member("陈建国", "chair"), member("施雅琴"), member("许金龙")] } : t,
    );
    expect(seatWarnings(terms).map((w) => [w.bodies, w.termIds, w.message])).toEqual([
      [["villagers", "supervision"], [2, 3], "“陈建国”同时是村民委员会第 12 届和村务监督委员会第 4 届的成员：村民委员会成员不能担任村务监督委员会成员。"],
      [["villagers", "supervision"], [2, 3], "村务监督委员会第 4 届主任“陈建国”在村民委员会第 12 届中兼任村党组织书记：村党组织书记不能担任村务监督委员会主任。"],
      [["villagers", "supervision"], [2, 3], "“黄志强”同时是村民委员会第 12 届和村务监督委员会第 4 届的成员：村民委员会成员不能担任村务监督委员会成员。"],
      [["villagers", "finance_group"], [2, 4], "民主理财小组第 7 届成员“陈建国”在村民委员会第 12 届中兼任村党组织书记：村党组织书记不能担任民主理财小组成员。"],
    ]);
    expect(seatWarnings(recorded())).toEqual([]);
  });
});

describe("a body's terms as the page shows them", () => {
  const t = (id: number, termNumber: number, startsOn: string, endsOn: string) => ({ id, termNumber, startsOn, endsOn });

  test("a term not yet begun is the next term, not a past one; the one in office needs no election once its successor is recorded", () => {
    const arranged = arrangeTerms([t(1, 11, "2021-05-20", "2026-05-19"), t(3, 13, "2026-05-20", "2031-05-19"), t(2, 12, "2016-05-20", "2021-05-19")], "2026-03-01");
    expect(arranged.current).toMatchObject({ id: 1, standing: "succeeded" });
    expect(arranged.upcoming.map((x) => x.id)).toEqual([3]);
    expect(arranged.past.map((x) => x.id)).toEqual([2]);
    // Without the successor the same term is ending within six months.
    expect(arrangeTerms([t(1, 11, "2021-05-20", "2026-05-19")], "2026-03-01").current?.standing).toBe("ending_soon");
    // Ended, successor not yet begun: still no election to prepare.
    expect(arrangeTerms([t(1, 11, "2021-05-20", "2026-05-19"), t(3, 12, "2026-07-01", "2031-06-30")], "2026-06-01").current?.standing).toBe("succeeded");
    // Only a term not yet begun: nothing in office.
    expect(arrangeTerms([t(3, 1, "2026-07-01", "2031-06-30")], "2026-06-01")).toMatchObject({ current: null, upcoming: [{ id: 3 }], past: [] });
  });

  test("ordered by start date, then number, newest first", () => {
    const arranged = arrangeTerms([t(1, 3, "2010-01-01", "2014-12-31"), t(2, 5, "2005-01-01", "2009-12-31"), t(3, 4, "2010-01-01", "2010-06-30")], "2026-01-01");
    expect([arranged.current!.id, ...arranged.past.map((x) => x.id)]).toEqual([3, 1, 2]);
  });
});

describe("multi-line text", () => {
  test("line breaks are allowed; NUL, other controls and bidi overrides are not", () => {
    expect(textCharacterProblem("第一项\r\n第二项\n第三项", "议题")).toBeNull();
    for (const bad of ["议题\u0000", "议\u202E题", "议\u0007题", "议\u2066题"]) expect(textCharacterProblem(bad, "议题"), JSON.stringify(bad)).toContain("“议题”中含有不可见的控制字符");
  });
});

describe("where a term stands", () => {
  test("in office, ending within six months, expired, not yet begun, or past", () => {
    const t = { startsOn: "2021-05-20", endsOn: "2026-05-19" };
    expect(termStanding(t, "2025-11-16", true)).toBe("current");
    expect(termStanding(t, "2025-11-17", true)).toBe("ending_soon");
    expect(termStanding(t, "2026-05-19", true)).toBe("ending_soon");
    expect(termStanding(t, "2026-05-20", true)).toBe("expired");
    expect(termStanding(t, "2021-05-01", true)).toBe("future");
    expect(termStanding(t, "2023-01-01", false)).toBe("past");
  });
});
