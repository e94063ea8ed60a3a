/**
 * The village's to-do lists on /village, and the 业务主管单位's on /unit. The clerk:
 * periods to publish (missed, or ended and due by the end of the next month),
 * postings returned to correct, villagers' questions to answer within ten days.
 * The supervision committee: postings waiting for its review, and the same
 * questions, which it may answer too. The unit: establishments and annual reports
 * waiting for its review. Pure, as ./rules.ts.
 */
import type { ComplianceStatus } from "../postings/rules";
import { firstFew, inTodoOrder, item, type TodoItem } from "./rules";

export interface PeriodFact {
  category: "finance" | "village";
  period: { key: string; label: string };
  dueOn: string;
  status: ComplianceStatus;
}

export interface VillageFacts {
  /** The recent window's periods and the ones due next, as the compliance rules judged them. */
  periods: PeriodFact[];
  /** The clerk's versions returned by the committee; the committee's, those submitted to it. */
  postings: { rows: Array<{ id: number; title: string }>; total: number };
  /** Unanswered, the longest waiting first. */
  questions: Array<{ id: number; question: string; dueOn: string }>;
}

/** What a question is called in the list: its opening words. */
export function questionGist(text: string, length = 24): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return [...flat].length > length ? `${[...flat].slice(0, length).join("")}…` : flat;
}

function questionItems(questions: VillageFacts["questions"], today: string): TodoItem[] {
  return firstFew(
    questions.map((q) => ({ ...item(`question:${q.id}`, `答复村民质询：${questionGist(q.question)}`, `/village/questions#question-${q.id}`, q.dueOn, today), dueLabel: "答复期限" })),
    questions.length,
    { key: "question:more", title: (n) => `另有 ${n} 条村民质询待答复`, link: "/village/questions" },
  );
}

/** The 村务公开员's list. */
export function clerkTodos(f: VillageFacts, today: string): TodoItem[] {
  const what = (p: PeriodFact) => `${p.period.label}${p.category === "finance" ? "财务收支" : "村务"}`;
  const newPosting = (p: PeriodFact) => `/village/postings/new?kind=${p.category === "finance" ? "finance_monthly" : "general_notice"}&period=${p.period.key}`;
  const missed = f.periods.filter((p) => p.status === "missing");
  return inTodoOrder([
    ...firstFew(
      missed.map((p) => item(`period:${p.category}:${p.period.key}`, `补公开${what(p)}（已逾期）`, newPosting(p), p.dueOn, today)),
      missed.length,
      { key: "period:missing:more", title: (n) => `另有 ${n} 个期间逾期未公开`, link: "/village#compliance" },
    ),
    ...f.periods.filter((p) => p.status === "pending").map((p) => item(`period:${p.category}:${p.period.key}`, `公开${what(p)}`, newPosting(p), p.dueOn, today)),
    ...firstFew(
      f.postings.rows.map((p) => item(`posting:${p.id}`, `按审核意见修改后重新提交：${p.title}`, `/village/postings/${p.id}`, null, today)),
      f.postings.total,
      { key: "posting:more", title: (n) => `另有 ${n} 个退回修改的事项`, link: "/village/postings?state=returned" },
    ),
    ...questionItems(f.questions, today),
  ]);
}

/** The 村务监督委员会's list: the periods are the clerk's to publish, not the committee's. */
export function supervisorTodos(f: Omit<VillageFacts, "periods">, today: string): TodoItem[] {
  return inTodoOrder([
    ...firstFew(
      f.postings.rows.map((p) => item(`posting:${p.id}`, `审核：${p.title}`, `/village/postings/${p.id}`, null, today)),
      f.postings.total,
      { key: "posting:more", title: (n) => `另有 ${n} 个事项待审核`, link: "/village/postings?state=submitted" },
    ),
    ...questionItems(f.questions, today),
  ]);
}

export interface UnitFacts {
  /** Establishments naming the unit that wait for its review, the longest waiting first. */
  applications: Array<{ id: number; title: string }>;
  /** The latest campaign's reports waiting for its 初审, due by the unit's deadline. */
  reports: { year: number; deadline: string; rows: Array<{ reportId: number; name: string }> } | null;
}

/** The 业务主管单位's list. */
export function unitTodos(f: UnitFacts, today: string): TodoItem[] {
  const reports = f.reports;
  return inTodoOrder([
    ...firstFew(
      f.applications.map((a) => item(`application:${a.id}`, `审查成立登记申请：${a.title}`, `/unit/applications/${a.id}`, null, today)),
      f.applications.length,
      { key: "application:more", title: (n) => `另有 ${n} 件成立登记申请待审查`, link: "/unit#applications" },
    ),
    ...(reports
      ? firstFew(
          reports.rows.map((r) => ({
            ...item(`inspection:${r.reportId}`, `初审 ${reports.year} 年度工作报告：${r.name}`, `/unit/inspections/${reports.year}/reports/${r.reportId}`, reports.deadline, today),
            dueLabel: "初审截止",
          })),
          reports.rows.length,
          { key: "inspection:more", title: (n) => `另有 ${n} 份 ${reports.year} 年度工作报告待初审`, link: "/unit/inspections" },
        )
      : []),
  ]);
}
