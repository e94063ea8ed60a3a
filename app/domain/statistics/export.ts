/**
 * A report's figures as a table of (section, item, value) rows, in the order
 * the reports page shows them: one table serves the CSV and the XLSX export.
 */
import { associationCountingShortLabels } from "../committees/coverage";
import { organizationTypeLabels } from "../organizations/rules";
import { reportPercent, type ReportFigures } from "./paragraph";

export interface ReportRow {
  section: string;
  item: string;
  /** A count stays a number; a rate is written as the reports write it ("86.5%"); "" when there is nothing to divide by. */
  value: string | number;
}

const kinds = ["social_group", "private_non_enterprise", "foundation", "community"] as const;

export function reportRows(f: ReportFigures, from: string, to: string): ReportRow[] {
  const rows: ReportRow[] = [];
  const add = (section: string, item: string, value: string | number) => rows.push({ section, item, value });
  const rate = (part: number, whole: number) => (whole ? reportPercent(part / whole) : "");
  const byKind = (section: string, counts: Record<(typeof kinds)[number], number>) => {
    for (const t of kinds) add(section, organizationTypeLabels[t], counts[t]);
    add(section, "合计", kinds.reduce((n, t) => n + counts[t], 0));
  };

  add("基本信息", "统计期间", f.periodName);
  add("基本信息", "开始日期", from);
  add("基本信息", "结束日期", to);
  add("基本信息", "范围", f.scopeName);

  byKind("社会组织（新登记）", f.newRegistrations);
  byKind("社会组织（期末现有）", f.register);

  const a = f.applications;
  add("登记申请", "受理", a.received);
  add("登记申请", "办结", a.decided);
  add("登记申请", "法定期限内办结", a.decidedInTime);
  add("登记申请", "法定期限内办结比例", rate(a.decidedInTime, a.decided));

  if (f.inspection) {
    const section = `年度检查（${f.inspection.year}年度）`;
    add(section, "年度", f.inspection.year);
    for (const k of f.inspection.byKind) {
      const name = organizationTypeLabels[k.type];
      add(section, `${name}应检`, k.due);
      add(section, `${name}已报送`, k.filed);
      add(section, `${name}参检率`, k.due ? reportPercent(k.participationRate) : "");
      add(section, `${name}合格`, k.conclusions.pass);
      add(section, `${name}基本合格`, k.conclusions.basic_pass);
      add(section, `${name}不合格`, k.conclusions.fail);
    }
  } else {
    add("年度检查", "年度", "");
  }

  // Counted as they are now: for a period that has ended, the day they are counted on.
  if (f.currentAsOf) add("基本信息", "党建、一居多会、村务公开数据截至", f.currentAsOf);

  const p = f.party;
  add("党组织覆盖", "覆盖率目标", reportPercent(p.target));
  add("党组织覆盖", "组织覆盖（已覆盖）", p.organizational.covered);
  add("党组织覆盖", "组织覆盖（应覆盖）", p.organizational.total);
  add("党组织覆盖", "组织覆盖率", p.organizational.total ? reportPercent(p.organizational.rate) : "");
  add("党组织覆盖", "工作覆盖（已覆盖）", p.work.covered);
  add("党组织覆盖", "工作覆盖（应覆盖）", p.work.total);
  add("党组织覆盖", "工作覆盖率", p.work.total ? reportPercent(p.work.rate) : "");
  add("党组织覆盖", "新建党支部", p.branchesFounded);
  add("党组织覆盖", "党支部总数", p.branchesTotal);
  add("党组织覆盖", "新增预备党员", p.probationaryAdmitted);

  const c = f.communities;
  add("一居多会", "社区（村）", c.total);
  add("一居多会", "目标（个/城市社区）", c.target);
  add("一居多会", "目标（个/村）", c.villageTarget);
  add("一居多会", "已达目标", c.meetingTarget);
  add("一居多会", "统计口径", associationCountingShortLabels[c.counting]);

  add("村务公开", "村", f.postings.villages);
  add("村务公开", "按期公开", f.postings.upToDate);
  return rows;
}

