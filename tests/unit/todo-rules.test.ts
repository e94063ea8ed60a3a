/** The association's to-do list: what waits, where to do it, by when; overdue first. */
import { describe, expect, test } from "vitest";
import { holidays2026 } from "../../app/domain/applications/periods";
import { periodsDueSoon } from "../../app/domain/postings/rules";
import { addDays } from "../../app/domain/shared/time";
import { kindsDecidedBy, officerTodos, type OfficerFacts } from "../../app/domain/todo/officer";
import { associationTodos, inTodoOrder, type AssociationFacts, type TodoItem } from "../../app/domain/todo/rules";
import { clerkTodos, supervisorTodos, unitTodos, type PeriodFact } from "../../app/domain/todo/village";

const none: AssociationFacts = { inspections: [], applications: [], rectifications: [], objections: [] };
const today = "2026-05-20";

describe("the association's to-do list", () => {
  test("the latest campaign's report, by its deadline, with the days left; an earlier year never filed is not asked for", () => {
    const items = associationTodos(
      {
        ...none,
        inspections: [
          { year: 2025, deadline: "2026-05-31", notDue: null, state: null, conclusion: null, publishedAt: null },
          { year: 2024, deadline: "2025-05-31", notDue: null, state: null, conclusion: null, publishedAt: null },
        ],
      },
      today,
    );
    expect(items).toEqual([{ key: "inspection:2025", title: "报送 2025 年度工作报告", link: "/org/inspections/2025", dueOn: "2026-05-31", daysLeft: 11 }]);
  });

  test("a returned report and a returned application are to correct; a 基本合格 published asks through its rectification item, not twice; a report not due is left out", () => {
    const items = associationTodos(
      {
        ...none,
        inspections: [
          { year: 2025, deadline: "2026-05-10", notDue: null, state: "returned", conclusion: null, publishedAt: null },
          { year: 2024, deadline: "2025-05-31", notDue: null, state: "concluded", conclusion: "basic_pass", publishedAt: "2025-07-01" },
          { year: 2023, deadline: "2024-05-31", notDue: "2023 年 7 月 1 日后成立", state: null, conclusion: null, publishedAt: null },
        ],
        applications: [
          { id: 7, kind: "change", state: "returned", title: "变更住所", dueOn: null },
          { id: 8, kind: "change", state: "approved", title: "变更名称", dueOn: null },
        ],
      },
      today,
    );
    expect(items.map((i) => [i.key, i.daysLeft])).toEqual([
      ["inspection:2025", -10],
      ["application:7", null],
    ]);
    expect(items[1]!.link).toBe("/org/applications/7");
  });

  test("open rectification by its deadline; answers to objections shown for thirty days as something to read, last", () => {
    const items = associationTodos(
      {
        ...none,
        rectifications: [
          { id: 1, plan: "2026 年第一批抽查", deadline: "2026-06-30", state: "open" },
          { id: 2, plan: "已核实的", deadline: "2026-04-30", state: "done" },
          { id: 3, plan: "已报告的", deadline: "2026-04-30", state: "answered" },
        ],
        objections: [
          { id: 1, subject: "住所", state: "dismissed", answeredOn: "2026-05-01", correctedOn: null },
          { id: 2, subject: "年报", state: "corrected", answeredOn: "2026-03-01", correctedOn: "2026-03-05" },
          { id: 3, subject: "处罚", state: "filed", answeredOn: null, correctedOn: null },
        ],
      },
      today,
    );
    expect(items.map((i) => i.key)).toEqual(["rectification:1", "objection:1"]);
    expect(items[1]).toMatchObject({ info: true, title: "信用信息异议已答复（异议不成立）：住所" });
  });

  test("order: overdue, then the nearest deadline, then no deadline, then things to read", () => {
    const at = (key: string, daysLeft: number | null, info = false) => ({ key, title: key, link: "/", dueOn: null, daysLeft, ...(info ? { info } : {}) });
    expect(inTodoOrder([at("read", null, true), at("none", null), at("later", 9), at("overdue", -3), at("soon", 1)]).map((i) => i.key)).toEqual(["overdue", "soon", "later", "none", "read"]);
  });
});

const noHolidays = { off: [], on: [] };
const officerNone: OfficerFacts = {
  holidays: noHolidays,
  toAccept: { rows: [], total: 0 },
  toDecide: { rows: [], total: 0 },
  openApplications: 0,
  reports: null,
  nonFilers: [],
  rectifications: [],
  corrections: [],
  terms: [],
  postings: null,
  creditProposals: 0,
  objections: { open: 0, overdue: 0 },
  overdueQuestions: 0,
};
const keys = (items: TodoItem[]) => items.map((i) => i.key);

describe("the officers' to-do list", () => {
  test("the registry decides registrations, a street its filings; the administrator none", () => {
    expect(kindsDecidedBy("district_officer")).toEqual(["establishment", "change", "cancellation"]);
    expect(kindsDecidedBy("street_officer")).toEqual(["filing"]);
    expect(kindsDecidedBy("admin")).toEqual([]);
  });

  test("an application to accept is due by the fifth working day after receipt, holidays not counted (行政许可法 art. 32)", () => {
    const items = officerTodos(
      { ...officerNone, holidays: holidays2026, toAccept: { rows: [{ id: 9, kind: "change", title: "鲤城区书法家协会", submittedOn: "2026-04-30" }], total: 1 } },
      today,
    );
    // 1–5 May are off and Saturday 9 May is worked: Wednesday 6, 7, 8, Saturday 9, Monday 11.
    expect(items[0]).toMatchObject({ key: "application:9:accept", title: "受理变更登记申请：鲤城区书法家协会", link: "/officer/applications/9", dueOn: "2026-05-11", daysLeft: -9 });
    expect(items[0]!.dueLabel).toMatch(/补正告知期限/);
  });

  test("applications to decide by their statutory date, the nearest few listed and the rest one line to the filtered list", () => {
    const rows = [30, 2, -4].map((d, i) => ({ id: i + 1, kind: "establishment" as const, title: `协会${i + 1}`, dueOn: addDays(today, d) }));
    const terms = [{ termId: 1, placeName: "象峰社区", placeCode: "350502001001", body: "居民委员会", termNumber: 7, endsOn: addDays(today, 10) }];
    const items = officerTodos({ ...officerNone, toDecide: { rows, total: 8 }, terms }, today);
    // The line for the rest stays beside the last of its kind shown.
    expect(items.map((i) => [i.key, i.daysLeft])).toEqual([
      ["application:3:decide", -4],
      ["application:2:decide", 2],
      ["term:1", 10],
      ["application:1:decide", 30],
      ["application:decide:more", null],
      ["applications", null],
    ]);
    expect(items[4]).toMatchObject({ title: "另有 5 件已受理的申请待决定", link: "/officer/applications?state=accepted" });
  });

  test("reports wait for the registry once their 业务主管单位 agreed, or straight away when registered directly", () => {
    const items = officerTodos(
      {
        ...officerNone,
        reports: {
          year: 2025,
          rows: [
            { id: 1, name: "甲协会", unitName: "鲤城区教育局", unitDecision: null },
            { id: 2, name: "乙协会", unitName: "鲤城区教育局", unitDecision: "agreed" },
            { id: 3, name: "丙商会", unitName: null, unitDecision: null },
          ],
        },
      },
      today,
    );
    expect(keys(items).filter((k) => k.startsWith("inspection"))).toEqual(["inspection:2", "inspection:3"]);
    expect(items[0]).toMatchObject({ title: "审查 2025 年度工作报告：乙协会", link: "/officer/inspections/2025/reports/2" });
    const many = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `协会${i}`, unitName: null, unitDecision: null }));
    const capped = officerTodos({ ...officerNone, reports: { year: 2025, rows: many } }, today);
    expect(capped.find((i) => i.key === "inspection:2025:more")).toMatchObject({ title: "另有 2 份 2025 年度工作报告待审查", link: "/officer/inspections/2025?state=submitted" });
  });

  test("terms by their end, an ended one overdue; non-filers, rectification reported, credit, objections, questions, postings; nothing for a zero", () => {
    const items = officerTodos(
      {
        ...officerNone,
        nonFilers: [{ year: 2024, proposedAt: "2025-06-01", unlisted: 3 }],
        rectifications: [
          { planId: 4, title: "2026 年第一批抽查", answered: 2 },
          { planId: 5, title: "2025 年抽查", answered: 0 },
        ],
        corrections: [{ reportId: 31, year: 2025, name: "鲤城区书法协会" }],
        terms: [
          { termId: 1, placeName: "象峰社区", placeCode: "350502001001", body: "居民委员会", termNumber: 7, endsOn: "2026-09-30" },
          { termId: 2, placeName: "大良村", placeCode: "350502100201", body: "村民委员会", termNumber: 6, endsOn: "2026-05-01" },
        ],
        postings: { year: 2026, villages: 8, behind: 2 },
        creditProposals: 4,
        objections: { open: 2, overdue: 1 },
        overdueQuestions: 0,
        openApplications: 12,
      },
      today,
    );
    expect(keys(items)).toEqual(["term:2", "term:1", "non-filers:2024", "rectification:4", "correction:31", "postings", "credit", "objections", "applications"]);
    expect(items.find((i) => i.key === "correction:31")).toMatchObject({ title: "核实整改情况：鲤城区书法协会（2025 年度年检基本合格）", link: "/officer/inspections/2025/reports/31" });
    expect(items[0]).toMatchObject({ title: "大良村村民委员会第 6 届任期已届满，督促换届", daysLeft: -19, dueLabel: "任期届满" });
    expect(items[1]!.title).toBe("象峰社区居民委员会第 7 届任期将届满，准备换届");
    expect(items[2]).toMatchObject({ title: "2024 年度年检已截止：3 个组织逾期未报送，年检日历于 2025年6月1日 提请审核列入活动异常名录", link: "/officer/inspections/2024#not-filed" });
    expect(items[3]).toMatchObject({ title: "核实整改情况：2026 年第一批抽查（2 项已报告整改，待核实）", link: "/officer/checks/4" });
    expect(items[7]).toMatchObject({ title: "信用信息异议：2 件办理中，其中 1 件已超过答复或更正期限", link: "/officer/objections?view=overdue" });
    expect(items[8]).toMatchObject({ title: "办理中的申请共 12 件（已提交、已受理、退回补正）", info: true });
  });

  test("villages all up to date is something to read, not to do", () => {
    const items = officerTodos({ ...officerNone, postings: { year: 2026, villages: 8, behind: 0 } }, today);
    expect(items[0]).toMatchObject({ key: "postings", title: "村务公开：2026 年 8 个村已到期的期间均已公开", info: true });
  });
});

const period = (category: "finance" | "village", key: string, label: string, dueOn: string, status: PeriodFact["status"]): PeriodFact => ({ category, period: { key, label }, dueOn, status });

describe("the village's to-do lists", () => {
  test("the clerk: missed periods first (a few, then one line), the period due next with its deadline, returned postings, questions by their ten days", () => {
    const items = clerkTodos(
      {
        periods: [
          period("finance", "2026-01", "2026年1月", "2026-02-28", "missing"),
          period("finance", "2026-02", "2026年2月", "2026-03-31", "missing"),
          period("finance", "2026-03", "2026年3月", "2026-04-30", "on_time"),
          period("village", "2025-Q4", "2025年第四季度", "2026-01-31", "missing"),
          period("village", "2026-Q1", "2026年第一季度", "2026-04-30", "missing"),
          period("finance", "2026-04", "2026年4月", "2026-05-31", "pending"),
        ],
        postings: { rows: [{ id: 3, title: "村级公益事业建设项目公示" }], total: 1 },
        questions: [{ id: 7, question: "集体土地租金收入一栏没有写明承租人和租期，请补充说明。", dueOn: "2026-05-27" }],
      },
      today,
    );
    // The line for the rest of the missed periods stays beside them.
    expect(keys(items)).toEqual(["period:village:2025-Q4", "period:finance:2026-01", "period:finance:2026-02", "period:missing:more", "question:7", "period:finance:2026-04", "posting:3"]);
    expect(items[0]).toMatchObject({ title: "补公开2025年第四季度村务（已逾期）", link: "/village/postings/new?kind=general_notice&period=2025-Q4", daysLeft: -109 });
    expect(items[3]).toMatchObject({ title: "另有 1 个期间逾期未公开", link: "/village#compliance", daysLeft: null });
    expect(items[4]).toMatchObject({ title: "答复村民质询：集体土地租金收入一栏没有写明承租人和租期，请补充…", link: "/village/questions#question-7", daysLeft: 7, dueLabel: "答复期限" });
    expect(items[5]).toMatchObject({ title: "公开2026年4月财务收支", link: "/village/postings/new?kind=finance_monthly&period=2026-04", daysLeft: 11 });
    expect(items[6]).toMatchObject({ title: "按审核意见修改后重新提交：村级公益事业建设项目公示", link: "/village/postings/3", daysLeft: null });
  });

  test("a village up to date with nothing returned or asked has nothing to do", () => {
    expect(clerkTodos({ periods: [period("finance", "2026-03", "2026年3月", "2026-04-30", "on_time")], postings: { rows: [], total: 0 }, questions: [] }, today)).toEqual([]);
  });

  test("the supervision committee: postings waiting for its review and the questions it may answer, never the periods", () => {
    const items = supervisorTodos(
      {
        postings: { rows: [{ id: 2, title: "低保对象名单公示" }], total: 4 },
        questions: [{ id: 8, question: "路灯电费怎么计算？", dueOn: "2026-05-10" }],
      },
      today,
    );
    expect(items.map((i) => [i.key, i.title, i.link])).toEqual([
      ["question:8", "答复村民质询：路灯电费怎么计算？", "/village/questions#question-8"],
      ["posting:2", "审核：低保对象名单公示", "/village/postings/2"],
      ["posting:more", "另有 3 个事项待审核", "/village/postings?state=submitted"],
    ]);
    expect(items[0]!.daysLeft).toBe(-10);
  });

  test("the 业务主管单位: establishments to review, and annual reports by its 初审 deadline", () => {
    const items = unitTodos(
      { applications: [{ id: 2, title: "鲤城区古城保护志愿者协会" }], reports: { year: 2025, deadline: "2026-03-31", rows: [{ reportId: 5, name: "鲤城区书法家协会" }] } },
      today,
    );
    expect(items.map((i) => [i.title, i.link, i.daysLeft])).toEqual([
      ["初审 2025 年度工作报告：鲤城区书法家协会", "/unit/inspections/2025/reports/5", -50],
      ["审查成立登记申请：鲤城区古城保护志愿者协会", "/unit/applications/2", null],
    ]);
    expect(unitTodos({ applications: [], reports: { year: 2025, deadline: "2026-03-31", rows: [] } }, today)).toEqual([]);
  });
});

describe("the periods due next", () => {
  test("the month just ended, and the quarter just ended until the end of the month after it", () => {
    const keysOf = (d: string) => {
      const soon = periodsDueSoon(d);
      return [...soon.months, ...soon.quarters].map((p) => p.key);
    };
    expect(keysOf("2026-05-20")).toEqual(["2026-04"]);
    expect(keysOf("2026-04-10")).toEqual(["2026-03", "2026-Q1"]);
    expect(keysOf("2026-01-31")).toEqual(["2025-12", "2025-Q4"]);
    expect(keysOf("2026-02-01")).toEqual(["2026-01"]);
  });
});
