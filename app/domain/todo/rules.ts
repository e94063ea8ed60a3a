/**
 * The to-do list on a home page: what waits for this user, each item a link to
 * where the work is done, with its deadline and the days left. Pure: the
 * queries gather the facts, these rules say what is to do and in which order
 * (overdue first, then by deadline, then what has none).
 */
import type { ApplicationKind, ApplicationState, InspectionState, ObjectionState } from "../../../vocabulary";
import { kindLabels } from "../applications/rules";
import type { RectificationState } from "../spot-checks/rules";
import { daysFrom } from "../reminders/rules";

export interface TodoItem {
  /** Stable per item, for React and tests. */
  key: string;
  title: string;
  /** The page where the work is done. */
  link: string;
  dueOn: string | null;
  /** Days from today to the deadline: negative once overdue; null without one. */
  daysLeft: number | null;
  /** What the deadline is, where "截止" would not say it (the notice clock, the end of a term). */
  dueLabel?: string;
  /** Something to read rather than to do (an answer given). */
  info?: boolean;
  /** A line for the rest of a kind sorts as the last of its kind shown, so it stays beside them. */
  sortAs?: number;
}

export interface AssociationFacts {
  inspections: Array<{ year: number; deadline: string; notDue: string | null; state: InspectionState | null; conclusion: string | null; publishedAt: Date | string | null }>;
  applications: Array<{ id: number; kind: ApplicationKind; state: ApplicationState; title: string; dueOn: string | null }>;
  rectifications: Array<{ id: number; plan: string; deadline: string; state: RectificationState }>;
  objections: Array<{ id: number; subject: string; state: ObjectionState; answeredOn: string | null; correctedOn: string | null }>;
}

/** Answers to the organization's objections stay on its list this many days. */
export const answerShownDays = 30;

export const item = (key: string, title: string, link: string, dueOn: string | null, today: string, info = false): TodoItem => ({
  key,
  title,
  link,
  dueOn,
  daysLeft: dueOn ? daysFrom(today, dueOn) : null,
  ...(info ? { info } : {}),
});

/** How many of one kind are listed one by one: the rest are one line linking to the list where they are. */
export const shownPerKind = 3;

/**
 * The nearest `shownPerKind` of one kind, and, when there are more (`total`
 * counts them all, though only the first may have been read), one line for the
 * rest: a list of forty reports does not flood the panel.
 */
export function firstFew(items: TodoItem[], total: number, rest: { key: string; title: (more: number) => string; link: string }): TodoItem[] {
  const shown = inTodoOrder(items).slice(0, shownPerKind);
  const more = Math.max(total, items.length) - shown.length;
  if (more <= 0) return shown;
  const last = shown.at(-1)?.daysLeft;
  return [...shown, { key: rest.key, title: rest.title(more), link: rest.link, dueOn: null, daysLeft: null, ...(last != null ? { sortAs: last } : {}) }];
}

/** Overdue first, then the nearest deadline, then what has none; things to read last. */
export function inTodoOrder(items: TodoItem[]): TodoItem[] {
  const days = (i: TodoItem) => i.daysLeft ?? i.sortAs ?? null;
  const rank = (i: TodoItem) => (i.info ? 2 : days(i) === null ? 1 : 0);
  return [...items].sort((a, b) => rank(a) - rank(b) || (days(a) ?? 0) - (days(b) ?? 0));
}

/** An association's list: its annual report, returned or unfinished applications, rectification, answers to its objections. */
export function associationTodos(f: AssociationFacts, today: string): TodoItem[] {
  const items: TodoItem[] = [];
  // A report never started is asked for in the latest campaign only: an earlier one missed went to the credit lists.
  const latest = Math.max(...f.inspections.map((r) => r.year));
  for (const r of f.inspections) {
    const link = `/org/inspections/${r.year}`;
    if (r.notDue || (r.state === null && r.year !== latest)) continue;
    if (r.state === null || r.state === "draft") items.push(item(`inspection:${r.year}`, `报送 ${r.year} 年度工作报告${r.state === "draft" ? "（已有草稿）" : ""}`, link, r.deadline, today));
    else if (r.state === "returned") items.push(item(`inspection:${r.year}`, `按退回意见修改 ${r.year} 年度工作报告后重新报送`, link, r.deadline, today));
    // A published 基本合格's corrections are a rectification item below, with their deadline.
  }
  for (const a of f.applications) {
    const link = `/org/applications/${a.id}`;
    if (a.state === "returned") items.push(item(`application:${a.id}`, `按补正通知修改并重新提交${kindLabels[a.kind]}申请（${a.title}）`, link, a.dueOn, today));
    else if (a.state === "draft") items.push(item(`application:${a.id}`, `完成并提交${kindLabels[a.kind]}申请草稿（${a.title}）`, link, null, today));
  }
  for (const r of f.rectifications) {
    if (r.state === "open" || r.state === "overdue") items.push(item(`rectification:${r.id}`, `报告整改情况：${r.plan}`, "/org/rectifications", r.deadline, today));
  }
  for (const o of f.objections) {
    const answered = o.correctedOn ?? o.answeredOn;
    if (o.state === "filed" || !answered || daysFrom(answered, today) > answerShownDays) continue;
    const what = o.state === "corrected" ? "已更正" : o.state === "upheld" ? "异议成立，待更正" : "异议不成立";
    items.push(item(`objection:${o.id}`, `信用信息异议已答复（${what}）：${o.subject}`, "/org/objections", null, today, true));
  }
  return inTodoOrder(items);
}
