/**
 * The figures of a period as the paragraph officers paste into their work
 * report, in the style of the bureau's own half-year summaries (seed 002):
 * "上半年新登记社团2个，新登记民办非企业单位22个。现共有社团58个，……"
 */
import { associationCountingShortLabels, type AssociationCounting } from "../committees/coverage";

export interface ReportKindFigures {
  social_group: number;
  private_non_enterprise: number;
  foundation: number;
  community: number;
}

export interface InspectionKindFigures {
  type: "social_group" | "private_non_enterprise" | "foundation";
  due: number;
  filed: number;
  participationRate: number;
  conclusions: { pass: number; basic_pass: number; fail: number };
}

export interface ReportFigures {
  /** As the paragraph opens: "上半年", "2026年", "2026年3月1日至2026年8月31日" */
  periodLabel: string;
  /** With its year, for titles and exports: "2026年上半年", "2026年", "2026年3月1日至2026年8月31日" */
  periodName: string;
  /** The period's last day, ISO. */
  periodEnd: string;
  /** The day the register is counted on (ISO): the period's last day, or today while the period runs. */
  countedOn: string;
  /**
   * Party coverage, 一居多会 and village postings are kept as they are now, not
   * as they were: for a period that has ended, the day they are counted on
   * (ISO), so the report says so; null while the period runs.
   */
  currentAsOf: string | null;
  /** "全区" or the street's name */
  scopeName: string;
  newRegistrations: ReportKindFigures;
  register: ReportKindFigures;
  applications: { received: number; decided: number; decidedInTime: number };
  inspection: { year: number; byKind: InspectionKindFigures[] } | null;
  party: {
    target: number;
    organizational: { covered: number; total: number; rate: number };
    work: { covered: number; total: number; rate: number };
    branchesFounded: number;
    branchesTotal: number;
    probationaryAdmitted: number;
  };
  /** `target` per urban community, `villageTarget` per village; `counting` which organizations count (committees/coverage.ts). */
  communities: { total: number; target: number; villageTarget: number; meetingTarget: number; counting: AssociationCounting };
  postings: { villages: number; upToDate: number };
}

const kindNames = { social_group: "社团", private_non_enterprise: "民非", foundation: "基金会" } as const;

/** "6月30日" */
function monthDay(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** "2026年11月24日" */
function fullDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${monthDay(iso)}`;
}

/** 40% as the reports write it: whole percent unless that hides a difference. */
export function reportPercent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

function conclusionsText(c: InspectionKindFigures["conclusions"], filed: number): string {
  const concluded = c.pass + c.basic_pass + c.fail;
  if (!filed) return "";
  if (!concluded) return "，年检结论尚在审查中";
  if (c.pass === concluded && concluded === filed) return "，均为合格";
  const parts = [c.pass ? `合格${c.pass}个` : "", c.basic_pass ? `基本合格${c.basic_pass}个` : "", c.fail ? `不合格${c.fail}个` : ""].filter(Boolean);
  return `，已作出结论${concluded}个（${parts.join("、")}）`;
}

const ordinals = ["一", "二", "三", "四", "五", "六"];

/**
 * The paragraph; every figure in it comes from `f`. As seed 002 writes it: the
 * day the figures stand at said once ("截至…"), then the areas of work as an
 * enumeration "一是…。二是…。", a target with its deadline ("力争…年底前").
 */
export function reportParagraph(f: ReportFigures): string {
  const items: string[] = [];
  const n = f.newRegistrations;
  const news = [n.social_group ? `新登记社团${n.social_group}个` : "", n.private_non_enterprise ? `新登记民办非企业单位${n.private_non_enterprise}个` : "", n.foundation ? `新登记基金会${n.foundation}个` : "", n.community ? `新备案社区社会组织${n.community}个` : ""].filter(Boolean);
  const r = f.register;
  const total = r.social_group + r.private_non_enterprise + r.foundation + r.community;
  const a = f.applications;
  items.push(
    `社会组织登记。${f.periodLabel}${news.length ? news.join("，") : "未新登记社会组织"}；` +
      `共有社团${r.social_group}个，民办非企业单位${r.private_non_enterprise}个，${r.foundation ? `基金会${r.foundation}个，` : ""}社区备案的社会组织${r.community}个，共计${total}个。` +
      (a.received || a.decided
        ? `受理登记申请${a.received}件，办结${a.decided}件${a.decided ? `，其中在法定期限内办结${a.decidedInTime}件（${reportPercent(a.decidedInTime / a.decided)}）` : ""}。`
        : ""),
  );
  if (f.inspection) {
    const parts = f.inspection.byKind
      .filter((k) => k.due)
      .map((k) => `应接受${f.inspection!.year}年度年检的${kindNames[k.type]}有${k.due}个，现有${reportPercent(k.participationRate)}的${kindNames[k.type]}参加了年检${conclusionsText(k.conclusions, k.filed)}`);
    if (parts.length) items.push(`依法开展${f.inspection.year}年度年检工作。${parts.join("；")}。`);
  }
  const p = f.party;
  // The target's deadline: the end of the year the coverage is counted in.
  const deadline = (f.currentAsOf ?? f.countedOn).slice(0, 4);
  items.push(
    `推进社会组织党组织覆盖。社会组织党组织覆盖率为${reportPercent(p.organizational.rate)}（${p.organizational.covered}/${p.organizational.total}个），工作覆盖率为${reportPercent(p.work.rate)}，` +
      `${p.organizational.rate >= p.target ? `已达到${reportPercent(p.target)}的目标` : `力争${deadline}年底前达到${reportPercent(p.target)}以上`}。` +
      `${f.periodLabel}新成立了${p.branchesFounded}个党支部，共有${p.branchesTotal}个党支部，新增预备党员${p.probationaryAdmitted}人。`,
  );
  const c = f.communities;
  const goal = c.target === c.villageTarget ? `${c.target}个以上` : `目标数量（城市社区${c.target}个、村${c.villageTarget}个）以上的`;
  items.push(`推广“一居多会”。${c.total}个社区（村）中有${c.meetingTarget}个已建立${goal}社区社会组织（${associationCountingShortLabels[c.counting]}）。`);
  if (f.postings.villages) items.push(`推进村务公开。${f.postings.villages}个村中有${f.postings.upToDate}个按期公开财务和村务。`);
  // Coverage and the rest are today's: a report on a past period says so, without a second 截至.
  const note = f.currentAsOf ? `（党组织覆盖、“一居多会”和村务公开为${fullDate(f.currentAsOf)}的现状数字。）` : "";
  return `截至${fullDate(f.countedOn)}，${f.scopeName}社会组织工作情况如下：${items.map((item, i) => `${ordinals[i]}是${item}`).join("")}${note}`;
}
