/**
 * Which reminders a user should have today, as pure rules over facts the
 * queries gather. Each reminder has a key naming the event it is about, so a
 * rule run again (the next day, or by another instance) makes nothing new.
 */
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import { addWorkingDays, type HolidayTable } from "../applications/periods";
import { formatDate } from "../shared/time";

export interface ReminderDraft {
  key: string;
  title: string;
  body: string;
  /** The page where the work is done. */
  link: string;
  dueOn: string | null;
}

/** Days from one calendar date (YYYY-MM-DD) to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An annual report is reminded of 30, 7 and 1 days before the registry's deadline (the nearest one reached, once). */
export const reportReminderDays = [30, 7, 1] as const;

/**
 * An association's reminders on one campaign: the report due (30, 7, 1 days
 * before its filing date: to its 业务主管单位 by the unit's deadline, or, registered
 * directly, to the registry by the registry's; 社会团体登记管理条例 art. 28,
 * 民办非企业单位登记管理暂行条例 art. 23), overdue, returned for changes (each
 * return once), and the corrections a published 基本合格 requires.
 */
export function reportReminders(
  c: {
    year: number;
    supervisingDeadline: string;
    registryDeadline: string;
    /** The 业务主管单位 that reviews the report first, or null (registered directly). */
    unitName: string | null;
    state: InspectionState | null;
    returnedAt: string | null;
    returnReason: string | null;
    conclusion: InspectionConclusion | null;
    conclusionNote: string | null;
    published: boolean;
  },
  today: string,
): ReminderDraft[] {
  const link = `/org/inspections/${c.year}`;
  const drafts: ReminderDraft[] = [];
  const deadline = c.unitName ? c.supervisingDeadline : c.registryDeadline;
  const to = c.unitName ? `业务主管单位（${c.unitName}）初审` : "登记管理机关";
  if (c.state === null || c.state === "draft") {
    const left = daysFrom(today, deadline);
    if (left < 0) {
      drafts.push({
        key: `inspection:${c.year}:overdue`,
        title: `${c.year} 年度工作报告已逾期未报送`,
        body: `${c.year} 年度工作报告应于 ${formatDate(deadline)} 前报送${to}，现已逾期，请尽快填报并报送${
          c.unitName ? `；登记管理机关的截止日期为 ${formatDate(c.registryDeadline)}` : ""
        }。逾期未报送的，登记管理机关可将本组织列入活动异常名录。`,
        link,
        dueOn: deadline,
      });
    } else {
      const reached = [...reportReminderDays].reverse().find((d) => left <= d);
      if (reached !== undefined) {
        drafts.push({
          key: `inspection:${c.year}:due-${reached}`,
          title: left === 0 ? `${c.year} 年度工作报告今天截止` : `${c.year} 年度工作报告还有 ${left} 天截止`,
          body: `请于 ${formatDate(deadline)} 前填报 ${c.year} 年度工作报告（${c.year} 年度年检）并报送${to}。`,
          link,
          dueOn: deadline,
        });
      }
    }
  }
  if (c.state === "returned" && c.returnedAt) {
    drafts.push({
      key: `inspection:${c.year}:returned:${c.returnedAt}`,
      title: `${c.year} 年度工作报告被退回修改`,
      body: `退回理由：${c.returnReason ?? "（未填写）"}。请修改后重新报送。`,
      link,
      dueOn: c.registryDeadline,
    });
  }
  if (c.conclusion === "basic_pass" && c.published) {
    drafts.push({
      key: `inspection:${c.year}:corrections`,
      title: `${c.year} 年度年检结论为基本合格，请按要求整改`,
      body: `需要整改的事项：${c.conclusionNote ?? "（见年检结论）"}`,
      link,
      dueOn: null,
    });
  }
  return drafts;
}

/**
 * A 业务主管单位's reminders on a filing that waits for its 初审: once when it arrives
 * (each submission once), and once more if it still waits after the unit's deadline.
 */
export function preliminaryReminders(
  r: { reportId: number; year: number; organizationName: string; submittedOn: string },
  supervisingDeadline: string,
  today: string,
): ReminderDraft[] {
  const link = `/unit/inspections/${r.year}/reports/${r.reportId}`;
  const what = `${r.organizationName}的 ${r.year} 年度工作报告`;
  const drafts: ReminderDraft[] = [
    {
      key: `preliminary:${r.reportId}:${r.submittedOn}`,
      title: `${what}待本单位初审`,
      body: `该组织于 ${formatDate(r.submittedOn)} 报送，请于 ${formatDate(supervisingDeadline)} 前作出初审意见：同意的转登记管理机关审查，需修改的退回并写明理由。`,
      link,
      dueOn: supervisingDeadline,
    },
  ];
  if (today > supervisingDeadline) {
    drafts.push({
      key: `preliminary:${r.reportId}:${r.submittedOn}:late`,
      title: `${what}已过初审截止日期`,
      body: `初审截止日期 ${formatDate(supervisingDeadline)} 已过，请尽快作出初审意见，以免该组织错过登记管理机关的年检截止日期。`,
      link,
      dueOn: supervisingDeadline,
    });
  }
  return drafts;
}

/** An application waits for 受理 past this many weekdays before the officer is reminded. */
export const acceptanceReminderWorkingDays = 3;
/** A decision is reminded of this many days before its statutory date. */
export const decisionReminderDays = 7;

/**
 * The officer's reminders on one application: waiting for 受理 past 3
 * working days since it was submitted (public holidays not counted, weekend
 * days worked counted: the holiday table; each submission once), and a decision
 * within 7 days of its date or past it (each date once).
 */
export function applicationReminders(
  a: { id: number; title: string; state: string; submittedOn: string | null; dueOn: string | null },
  today: string,
  holidays: HolidayTable,
): ReminderDraft[] {
  const link = `/officer/applications/${a.id}`;
  if (a.state === "submitted" && a.submittedOn && today > addWorkingDays(a.submittedOn, acceptanceReminderWorkingDays, holidays)) {
    return [
      {
        key: `application:${a.id}:to-accept:${a.submittedOn}`,
        title: `“${a.title}”的申请待受理已超过 ${acceptanceReminderWorkingDays} 个工作日`,
        body: `申请于 ${formatDate(a.submittedOn)} 提交，请审查材料后受理，或一次性告知需要补正的全部内容。`,
        link,
        dueOn: null,
      },
    ];
  }
  if (a.state === "accepted" && a.dueOn) {
    const left = daysFrom(today, a.dueOn);
    if (left <= decisionReminderDays) {
      return [
        {
          key: `application:${a.id}:decide-by:${a.dueOn}`,
          title: left < 0 ? `“${a.title}”的申请已超过法定办理期限` : `“${a.title}”的申请还有 ${left} 天到法定办理期限`,
          body: `法定办理期限为 ${formatDate(a.dueOn)}，请及时作出决定。`,
          link,
          dueOn: a.dueOn,
        },
      ];
    }
  }
  return [];
}

/** A committee's term ending within six months (城市居民委员会组织法 art. 8, 村民委员会组织法 art. 11: five-year terms), or past its end, once per term. */
export function termReminder(t: { termId: number; placeName: string; placeCode: string; body: string; termNumber: number; endsOn: string }, today: string): ReminderDraft {
  const ended = t.endsOn < today;
  return {
    key: `term:${t.termId}:ending`,
    title: ended ? `${t.placeName}${t.body}第 ${t.termNumber} 届任期已届满` : `${t.placeName}${t.body}第 ${t.termNumber} 届任期将于 ${formatDate(t.endsOn)} 届满`,
    body: ended ? "任期已届满而尚未记录新一届，请督促按期换届并录入换届结果。" : "请提前做好换届选举的准备，选举后录入新一届成员。",
    link: `/officer/communities/${t.placeCode}`,
    dueOn: t.endsOn,
  };
}

/** A village's postings due: a period ended and not yet published (pending), or past its date (missing); each once. */
export function postingReminders(
  cells: Array<{ category: "finance" | "village"; label: string; start: string; dueOn: string; status: string }>,
): ReminderDraft[] {
  return cells
    .filter((c) => c.status === "pending" || c.status === "missing")
    .map((c) => {
      const what = c.category === "finance" ? `${c.label}财务收支` : `${c.label}村务`;
      const missing = c.status === "missing";
      return {
        key: `posting:${c.category}:${c.start}:${missing ? "missing" : "due"}`,
        title: missing ? `${what}逾期未公开` : `${what}应于 ${formatDate(c.dueOn)} 前公开`,
        body: missing
          ? `${what}的公开期限 ${formatDate(c.dueOn)} 已过，请尽快起草并提交村务监督委员会审核后公开。`
          : `请起草${what}公开内容，提交村务监督委员会审核后于 ${formatDate(c.dueOn)} 前公开。`,
        link: "/village/postings/new",
        dueOn: c.dueOn,
      };
    });
}

/** A supervisor's reminder for a version submitted for review (each version once). */
export function reviewReminder(v: { postingId: number; versionId: number; title: string; submittedOn: string }): ReminderDraft {
  return {
    key: `posting-review:${v.versionId}`,
    title: `“${v.title}”待村务监督委员会审核`,
    body: `村务公开员于 ${formatDate(v.submittedOn)} 提交审核，请审核后同意公开或退回修改。`,
    link: `/village/postings/${v.postingId}`,
    dueOn: null,
  };
}

/** The e-mail copy of a reminder. */
export function reminderMail(r: Pick<ReminderDraft, "title" | "body" | "link">, baseUrl: string): { subject: string; body: string } {
  return {
    subject: `【社区治理与社会组织登记平台】${r.title}`,
    body: `${r.title}\n\n${r.body}\n\n办理地址：${baseUrl.replace(/\/$/, "")}${r.link}\n\n（本邮件由系统自动发送，请勿回复。）`,
  };
}
