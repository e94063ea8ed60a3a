import { describe, expect, test } from "vitest";
import { termProblems, termStanding, type MemberInput, type TermInput } from "../../app/domain/committee-rules";

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
