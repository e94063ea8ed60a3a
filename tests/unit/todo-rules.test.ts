/** The association's to-do list: what waits, where to do it, by when; overdue first. */
import { describe, expect, test } from "vitest";
import { associationTodos, inTodoOrder, type AssociationFacts } from "../../app/domain/todo/rules";

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

  test("a returned report and a returned application are to correct; a 基本合格 published asks for its corrections; a report not due is left out", () => {
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
      ["inspection:2024:corrections", null],
      ["application:7", null],
    ]);
    expect(items[2]!.link).toBe("/org/applications/7");
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
