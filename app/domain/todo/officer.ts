/**
 * The district's and the streets' to-do list on the 工作台: applications to
 * accept and to decide, annual reports to review, non-filers to propose,
 * rectification to verify (a check's, a 基本合格's), committee terms ending, villages behind on their
 * postings, credit proposals, objections and villagers' questions overdue. Pure:
 * the query reads each fact within the officer's reach.
 */
import type { Role } from "../../auth/roles";
import { applicationKinds, kindLabels, parties, type ApplicationKind } from "../applications/rules";
import { materialsNoticeDays, materialsNoticeDueOn, type HolidayTable } from "../applications/periods";
import type { PreliminaryDecision } from "../../../vocabulary";
import { answerDays } from "../questions/rules";
import { formatDate } from "../shared/time";
import { firstFew, inTodoOrder, item, type TodoItem } from "./rules";

/** The first rows of a list as the database ordered them, and how many it holds. */
export interface FirstRows<T> {
  rows: T[];
  total: number;
}

export interface OfficerFacts {
  holidays: HolidayTable;
  /** Submitted, of the kinds the officer decides, the longest waiting first. */
  toAccept: FirstRows<{ id: number; kind: ApplicationKind; title: string; submittedOn: string | null }>;
  /** Accepted, of the kinds the officer decides, the nearest statutory date first. */
  toDecide: FirstRows<{ id: number; kind: ApplicationKind; title: string; dueOn: string | null }>;
  /** Open applications of every kind in reach (submitted, accepted, returned). */
  openApplications: number;
  /** The latest campaign's submitted reports, for those who review them; null for others. */
  reports: { year: number; rows: Array<{ id: number; name: string; unitName: string | null; unitDecision: PreliminaryDecision | null }> } | null;
  nonFilers: Array<{ year: number; proposedAt: string; unlisted: number }>;
  /** Spot-check plans with rectification reported and not yet verified. */
  rectifications: Array<{ planId: number; title: string; answered: number }>;
  /** Corrections ordered by a published 基本合格, reported and not yet verified, the earliest report first. */
  corrections: Array<{ reportId: number; year: number; name: string }>;
  /** Committee terms ending within six months or ended without a successor, the nearest first. */
  terms: Array<{ termId: number; placeName: string; placeCode: string; body: string; termNumber: number; endsOn: string }>;
  postings: { year: number; villages: number; behind: number } | null;
  creditProposals: number;
  objections: { open: number; overdue: number };
  overdueQuestions: number;
}

/** The kinds of application a role decides (accepts, approves): the registry's registrations, the street's filings. */
export function kindsDecidedBy(role: Role): ApplicationKind[] {
  return applicationKinds.filter((kind) => parties[kind].decider.includes(role));
}

/** A report waits for the registry once filed, unless its 业务主管单位 has still to agree (社会团体登记管理条例 art. 28). */
export function waitsForRegistry(r: { unitName: string | null; unitDecision: PreliminaryDecision | null }): boolean {
  return !r.unitName || r.unitDecision === "agreed";
}

export function officerTodos(f: OfficerFacts, today: string): TodoItem[] {
  const items: TodoItem[] = [
    ...firstFew(
      f.toAccept.rows.map((a) => ({
        ...item(`application:${a.id}:accept`, `受理${kindLabels[a.kind]}申请：${a.title}`, `/officer/applications/${a.id}`, a.submittedOn ? materialsNoticeDueOn(a.submittedOn, f.holidays) : null, today),
        // 行政许可法 art. 32: what is missing is told at once within five working days, or the application counts as accepted.
        dueLabel: `补正告知期限（收到材料后 ${materialsNoticeDays} 个工作日）`,
      })),
      f.toAccept.total,
      { key: "application:accept:more", title: (n) => `另有 ${n} 件申请待受理`, link: "/officer/applications?state=submitted" },
    ),
    ...firstFew(
      f.toDecide.rows.map((a) => ({
        ...item(`application:${a.id}:decide`, `对${kindLabels[a.kind]}申请作出决定：${a.title}`, `/officer/applications/${a.id}`, a.dueOn, today),
        dueLabel: "法定办理期限",
      })),
      f.toDecide.total,
      { key: "application:decide:more", title: (n) => `另有 ${n} 件已受理的申请待决定`, link: "/officer/applications?state=accepted" },
    ),
  ];
  if (f.reports) {
    const { year } = f.reports;
    const waiting = f.reports.rows.filter(waitsForRegistry);
    items.push(
      ...firstFew(
        waiting.map((r) => item(`inspection:${r.id}`, `审查 ${year} 年度工作报告：${r.name}`, `/officer/inspections/${year}/reports/${r.id}`, null, today)),
        waiting.length,
        { key: `inspection:${year}:more`, title: (n) => `另有 ${n} 份 ${year} 年度工作报告待审查`, link: `/officer/inspections/${year}?state=submitted` },
      ),
    );
  }
  for (const p of f.nonFilers) {
    items.push(
      item(
        `non-filers:${p.year}`,
        `${p.year} 年度年检已截止：${p.unlisted} 个组织逾期未报送，年检日历于 ${formatDate(p.proposedAt)} 提请审核列入活动异常名录`,
        `/officer/inspections/${p.year}#not-filed`,
        null,
        today,
      ),
    );
  }
  for (const p of f.rectifications) {
    if (p.answered > 0) items.push(item(`rectification:${p.planId}`, `核实整改情况：${p.title}（${p.answered} 项已报告整改，待核实）`, `/officer/checks/${p.planId}`, null, today));
  }
  const [firstCorrection] = f.corrections;
  items.push(
    ...firstFew(
      f.corrections.map((c) => item(`correction:${c.reportId}`, `核实整改情况：${c.name}（${c.year} 年度年检基本合格）`, `/officer/inspections/${c.year}/reports/${c.reportId}`, null, today)),
      f.corrections.length,
      { key: "correction:more", title: (n) => `另有 ${n} 项年检整改情况待核实`, link: `/officer/inspections/${firstCorrection?.year ?? ""}?state=concluded` },
    ),
  );
  items.push(
    ...firstFew(
      f.terms.map((t) => ({
        ...item(
          `term:${t.termId}`,
          `${t.placeName}${t.body}第 ${t.termNumber} 届任期${t.endsOn < today ? "已届满，督促换届" : "将届满，准备换届"}`,
          `/officer/communities/${t.placeCode}`,
          t.endsOn,
          today,
        ),
        dueLabel: "任期届满",
      })),
      f.terms.length,
      { key: "term:more", title: (n) => `另有 ${n} 个组织的任期半年内届满或已届满`, link: "/officer/communities" },
    ),
  );
  if (f.postings?.villages) {
    const { year, villages, behind } = f.postings;
    items.push(
      behind
        ? item("postings", `村务公开：${year} 年有 ${behind} 个村未按期公开（共 ${villages} 个村）`, "/officer/postings", null, today)
        : item("postings", `村务公开：${year} 年 ${villages} 个村已到期的期间均已公开`, "/officer/postings", null, today, true),
    );
  }
  if (f.creditProposals) items.push(item("credit", `信用监管：${f.creditProposals} 条列入建议待核对确认`, "/officer/credit", null, today));
  if (f.objections.open) {
    const { open, overdue } = f.objections;
    items.push(
      item("objections", `信用信息异议：${open} 件办理中${overdue ? `，其中 ${overdue} 件已超过答复或更正期限` : ""}`, overdue ? "/officer/objections?view=overdue" : "/officer/objections", null, today),
    );
  }
  if (f.overdueQuestions) items.push(item("questions", `村民质询：${f.overdueQuestions} 条超过 ${answerDays} 日未答复，请督促所在村答复`, "/officer/questions", null, today));
  items.push(item("applications", `办理中的申请共 ${f.openApplications} 件（已提交、已受理、退回补正）`, "/officer/applications", null, today, true));
  return inTodoOrder(items);
}
