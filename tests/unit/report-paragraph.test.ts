import { describe, expect, test } from "vitest";
import { reportParagraph, reportPercent, type ReportFigures } from "../../app/domain/statistics/paragraph";

/** Seed 002's first half of 2013, as figures. */
const seed002: ReportFigures = {
  periodLabel: "上半年",
  periodName: "2013年上半年",
  periodEnd: "2013-06-30",
  countedOn: "2013-06-30",
  currentAsOf: null,
  scopeName: "全区",
  newRegistrations: { social_group: 2, private_non_enterprise: 22, foundation: 0, community: 0 },
  register: { social_group: 58, private_non_enterprise: 335, foundation: 0, community: 38 },
  applications: { received: 0, decided: 0, decidedInTime: 0 },
  inspection: {
    year: 2012,
    byKind: [
      { type: "social_group", due: 51, filed: 20, participationRate: 0.4, conclusions: { pass: 20, basic_pass: 0, fail: 0 } },
      { type: "private_non_enterprise", due: 292, filed: 123, participationRate: 0.42, conclusions: { pass: 123, basic_pass: 0, fail: 0 } },
      { type: "foundation", due: 0, filed: 0, participationRate: 0, conclusions: { pass: 0, basic_pass: 0, fail: 0 } },
    ],
  },
  party: {
    target: 0.9,
    organizational: { covered: 300, total: 393, rate: 300 / 393 },
    work: { covered: 320, total: 393, rate: 320 / 393 },
    branchesFounded: 2,
    branchesTotal: 9,
    probationaryAdmitted: 2,
  },
  communities: { total: 97, target: 6, villageTarget: 6, meetingTarget: 4, counting: "registered_and_filed" },
  postings: { villages: 0, upToDate: 0 },
};

/** The enumeration's items, in order: "一是…", "二是…". */
function items(text: string): string[] {
  return text.split(/(?=[一二三四五六]是)/).slice(1);
}

describe("the work-report paragraph", () => {
  test("is written in seed 002's shape: 截至 once, then 一是…二是…三是…, 个 for branches, a target with its deadline", () => {
    const text = reportParagraph(seed002);
    expect(text).toBe(
      "截至2013年6月30日，全区社会组织工作情况如下：" +
        "一是社会组织登记。上半年新登记社团2个，新登记民办非企业单位22个；共有社团58个，民办非企业单位335个，社区备案的社会组织38个，共计431个。" +
        "二是依法开展2012年度年检工作。应接受2012年度年检的社团有51个，现有40%的社团参加了年检，均为合格；应接受2012年度年检的民非有292个，现有42%的民非参加了年检，均为合格。" +
        "三是推进社会组织党组织覆盖。社会组织党组织覆盖率为76.3%（300/393个），工作覆盖率为81.4%，力争2013年底前达到90%以上。上半年新成立了2个党支部，共有9个党支部，新增预备党员2人。" +
        "四是推广“一居多会”。97个社区（村）中有4个已建立6个以上社区社会组织（登记和备案均计入）。",
    );
    expect(text.match(/截至/g)).toHaveLength(1);
    expect(text).toMatch(/^截至\d{4}年\d{1,2}月\d{1,2}日，/);
    expect(items(text).map((item) => item.slice(0, 2))).toEqual(["一是", "二是", "三是", "四是"]);
    expect(text).not.toMatch(/家党支部|全部合计共|现共有/);
    expect(text).not.toContain("基金会");
    expect(text).not.toContain("村务公开");
  });

  test("names the counting basis and separate targets for communities and villages", () => {
    expect(reportParagraph({ ...seed002, communities: { ...seed002.communities, counting: "filed_only" } })).toContain("已建立6个以上社区社会组织（仅计入备案）。");
    expect(reportParagraph({ ...seed002, communities: { ...seed002.communities, villageTarget: 5 } })).toContain("已建立目标数量（城市社区6个、村5个）以上的社区社会组织");
  });

  test("names mixed conclusions, decided applications, a met target and the villages, numbering the items on", () => {
    const text = reportParagraph({
      ...seed002,
      scopeName: "开元街道",
      newRegistrations: { social_group: 0, private_non_enterprise: 0, foundation: 0, community: 0 },
      applications: { received: 12, decided: 10, decidedInTime: 9 },
      inspection: { year: 2025, byKind: [{ type: "social_group", due: 10, filed: 8, participationRate: 0.8, conclusions: { pass: 5, basic_pass: 2, fail: 1 } }] },
      party: { ...seed002.party, organizational: { covered: 91, total: 100, rate: 0.91 } },
      postings: { villages: 20, upToDate: 17 },
    });
    expect(text).toMatch(/^截至2013年6月30日，开元街道社会组织工作情况如下：一是社会组织登记。上半年未新登记社会组织；共有社团58个/);
    expect(text).toContain("共计431个。受理登记申请12件，办结10件，其中在法定期限内办结9件（90%）。二是");
    expect(text).toContain("已作出结论8个（合格5个、基本合格2个、不合格1个）");
    expect(text).toContain("已达到90%的目标");
    expect(text).not.toContain("力争");
    expect(text).toMatch(/五是推进村务公开。20个村中有17个按期公开财务和村务。$/);
    expect(items(text)).toHaveLength(5);
  });

  test("without a campaign the items close up: the party's is the second", () => {
    const text = reportParagraph({ ...seed002, inspection: null });
    expect(items(text).map((item) => item.slice(0, 6))).toEqual(["一是社会组织", "二是推进社会", "三是推广“一"]);
  });

  test("a period that has ended counts the register at its end and says once that coverage is today's, with this year's deadline", () => {
    const text = reportParagraph({ ...seed002, periodEnd: "2025-12-31", countedOn: "2025-12-31", periodLabel: "2025年", currentAsOf: "2026-11-24", postings: { villages: 20, upToDate: 17 } });
    expect(text).toMatch(/^截至2025年12月31日，全区社会组织工作情况如下：一是社会组织登记。2025年新登记/);
    expect(text.match(/截至/g)).toHaveLength(1);
    expect(text).toContain("力争2026年底前达到90%以上");
    expect(text).toMatch(/五是推进村务公开。20个村中有17个按期公开财务和村务。（党组织覆盖、“一居多会”和村务公开为2026年11月24日的现状数字。）$/);
  });

  test("a period that runs is counted to today", () => {
    const text = reportParagraph({ ...seed002, periodEnd: "2026-12-31", countedOn: "2026-11-24", periodLabel: "下半年" });
    expect(text).toMatch(/^截至2026年11月24日，/);
    expect(text).toContain("力争2026年底前");
    expect(text).not.toContain("现状数字");
  });

  test("percentages drop a zero decimal but keep a real one", () => {
    expect(reportPercent(0.4)).toBe("40%");
    expect(reportPercent(0.8857)).toBe("88.6%");
    expect(reportPercent(1)).toBe("100%");
  });
});
