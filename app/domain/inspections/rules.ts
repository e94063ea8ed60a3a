/**
 * The annual inspection's rules, pure so that pages and tests share them:
 * who is due, what a report holds and when it is complete, and the steps a
 * report takes from draft to conclusion.
 */
import type { InspectionConclusion, InspectionState, PreliminaryDecision } from "../../../vocabulary";
import type { OrganizationStatus, OrganizationType } from "../../../vocabulary";
import type { Role } from "../../auth/roles";
import { organizationStatusLabels, isLive } from "../organizations/rules";
import { notFound } from "../shared/errors";
import { parseRowId } from "../shared/ids";
import { addMonths, formatDate } from "../shared/time";
import { formatYuanFromFen } from "../shared/money";
import { closingNetAssets, fenOf, incomeItems, spendingItems, sumOfItems, withDerivedFigures } from "./figures";
import type { Report } from "./forms";

export type { InspectionConclusion, InspectionState, PreliminaryDecision, Report };

/**
 * A campaign is named after the year reported on: the 2025 inspection (2025年度年检)
 * is filed during 2026 on 2025, with the supervising unit's preliminary review by
 * 31 March and the registry's deadline of 31 May of 2026 (seed 002 runs the 2012
 * inspection in 2013).
 */
export function defaultDeadlines(year: number) {
  // The inverse of `campaignFiledIn`.
  return { supervisingDeadline: `${year + 1}-03-31`, registryDeadline: `${year + 1}-05-31` };
}

/** The campaign whose reports are filed during `filingYear`: the one on the year before. */
export function campaignFiledIn(filingYear: number): number {
  return filingYear - 1;
}

/**
 * What is wrong with a year's deadlines: the supervising unit's review comes
 * first, and year Y's registry deadline falls in Y+1, the year the reports on Y are filed.
 */
export function deadlineProblems(year: number, d: { supervisingDeadline: string; registryDeadline: string }): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (d.supervisingDeadline > d.registryDeadline) {
    problems.supervisingDeadline = ["业务主管单位初审截止日期应早于登记管理机关截止日期"];
  }
  if (!d.registryDeadline.startsWith(`${year + 1}-`)) {
    problems.registryDeadline = [`${year} 年度年检的登记管理机关截止日期应在 ${year + 1} 年内`];
  }
  return problems;
}

/**
 * Year Y's inspection covers registered (not filed) organizations in normal or
 * abnormal status registered before 1 July of Y: those registered in the last
 * six months of a year report first on the following year.
 */
export function isDue(
  org: { type: OrganizationType; status: OrganizationStatus; registeredOn: string },
  year: number,
): boolean {
  return (
    org.type !== "community" &&
    isLive(org.status) &&
    org.registeredOn < dueCutoff(year)
  );
}

/** Organizations registered before this day report on `year`. */
export function dueCutoff(year: number): string {
  return `${year}-07-01`;
}

export const conclusionLabels: Record<InspectionConclusion, string> = {
  pass: "合格",
  basic_pass: "基本合格",
  fail: "不合格",
};

/**
 * A conclusion of 基本合格 orders its corrections when it is published: the
 * organization reports them within this many months, and the registry
 * verifies them as it does a spot check's (未按期完成整改 then counts for the
 * credit lists alike).
 */
export const correctionMonths = 3;

/** The day the corrections of a 基本合格 published on `publishedOn` are due. */
export function correctionDeadline(publishedOn: string): string {
  return addMonths(publishedOn, correctionMonths);
}

export const inspectionStateLabels: Record<InspectionState, string> = {
  draft: "填报中",
  submitted: "已报送",
  returned: "退回修改",
  concluded: "已作结论",
};

export const partyCoverages = ["own_branch", "joint_branch", "instructor", "none"] as const;
export const partyCoverageLabels: Record<(typeof partyCoverages)[number], string> = {
  own_branch: "单独建立党组织",
  joint_branch: "纳入联合党支部",
  instructor: "选派党建指导员",
  none: "尚未覆盖",
};


export const reportSections: Array<{ title: string; fields: Array<keyof Report> }> = [
  { title: "一、登记事项变动情况", fields: ["recordChanged", "recordChanges"] },
  {
    title: "二、财务情况（单位：元）",
    fields: [
      "incomeDonations", "incomeGrants", "incomeServices", "incomeFees", "incomeOther", "incomeTotal",
      "expenditurePrograms", "expenditureAdministration", "expenditureOther", "expenditureTotal",
      "netAssetsStart", "netAssetsEnd", "donationsReceived",
    ],
  },
  { title: "三、业务活动情况", fields: ["activitiesCount", "mainActivities"] },
  { title: "四、人员和负责人情况", fields: ["fullTimeStaff", "volunteers", "officers"] },
  { title: "五、党建工作情况", fields: ["partyFormalMembers", "partyProbationaryMembers", "partyCoverage"] },
  { title: "六、声明", fields: ["declaration"] },
];

export const reportLabels: Record<keyof Report, string> = {
  recordChanged: "本年度登记事项是否有变动",
  recordChanges: "变动情况说明",
  incomeDonations: "捐赠收入",
  incomeGrants: "政府补助收入",
  incomeServices: "提供服务收入",
  incomeFees: "会费收入",
  incomeOther: "其他收入",
  incomeTotal: "收入合计",
  expenditurePrograms: "业务活动成本",
  expenditureAdministration: "管理费用",
  expenditureOther: "其他费用",
  expenditureTotal: "费用合计",
  netAssetsStart: "年初净资产",
  netAssetsEnd: "年末净资产",
  donationsReceived: "本年接受捐赠总额",
  activitiesCount: "全年开展活动次数",
  mainActivities: "主要业务活动",
  fullTimeStaff: "专职工作人员数",
  volunteers: "志愿者人数",
  officers: "负责人（理事长、秘书长等）",
  partyFormalMembers: "正式党员人数",
  partyProbationaryMembers: "预备党员人数",
  partyCoverage: "党组织覆盖方式",
  declaration: "本组织承诺所报内容真实、准确、完整",
};

const required: Array<keyof Report> = [
  "recordChanged", "incomeTotal", "expenditureTotal", "netAssetsStart", "netAssetsEnd", "donationsReceived",
  "activitiesCount", "mainActivities", "fullTimeStaff", "officers", "partyFormalMembers",
  "partyProbationaryMembers", "partyCoverage",
];

/** A total follows from its items (worked out as they are typed, where the browser runs JavaScript): the items are what is missing. */
const missingMessages: Partial<Record<keyof Report, string>> = {
  incomeTotal: "请填写各项收入（没有的填 0）及收入合计",
  expenditureTotal: "请填写各项费用（没有的填 0）及费用合计",
};

const cents = (v: number | undefined) => Math.round((v ?? 0) * 100);

/** Problems that stop a report being submitted, by field. */
export function reportProblems(report: Report): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: keyof Report, message: string) => (problems[field] = [...(problems[field] ?? []), message]);
  for (const field of required) if (report[field] === undefined || report[field] === "") add(field, missingMessages[field] ?? `请填写${reportLabels[field]}`);
  if (report.recordChanged === "yes" && !report.recordChanges) add("recordChanges", "有变动时请说明变动情况");
  const incomeItemsSum = sumOfItems(report, incomeItems) ?? 0;
  if (report.incomeTotal !== undefined && incomeItemsSum !== cents(report.incomeTotal)) {
    add("incomeTotal", `收入合计应等于各项收入之和 ${formatYuanFromFen(incomeItemsSum)}`);
  }
  const spendingItemsSum = sumOfItems(report, spendingItems) ?? 0;
  if (report.expenditureTotal !== undefined && spendingItemsSum !== cents(report.expenditureTotal)) {
    add("expenditureTotal", `费用合计应等于各项费用之和 ${formatYuanFromFen(spendingItemsSum)}`);
  }
  // Checked against the totals as reported, so a wrong total is named once, beside itself.
  const expected = closingNetAssets(fenOf(report.netAssetsStart), fenOf(report.incomeTotal), fenOf(report.expenditureTotal));
  if (expected !== null && report.netAssetsEnd !== undefined && expected !== cents(report.netAssetsEnd)) {
    add("netAssetsEnd", `年末净资产应为年初净资产加收入合计减费用合计，即 ${formatYuanFromFen(expected)}`);
  }
  if (report.donationsReceived !== undefined && cents(report.donationsReceived) < cents(report.incomeDonations)) {
    add("donationsReceived", "接受捐赠总额不应少于计入收入的捐赠收入");
  }
  if ((report.partyFormalMembers ?? 0) >= 3 && report.partyCoverage === "none") {
    add("partyCoverage", "有 3 名以上正式党员的组织应单独建立党组织或已纳入党组织覆盖");
  }
  if (report.declaration !== "on") add("declaration", "请阅读并确认声明后再报送");
  return problems;
}

/** The fields whose values differ from last year's report, for "confirm rather than retype". */
export function changedSinceLastYear(report: Report, lastYear: Report | null): Array<keyof Report> {
  if (!lastYear) return [];
  return (Object.keys(reportLabels) as Array<keyof Report>).filter(
    (f) => f !== "declaration" && JSON.stringify(report[f] ?? null) !== JSON.stringify(lastYear[f] ?? null),
  );
}

export type InspectionAction = "submit" | "return" | "resubmit" | "conclude" | "unit_agree" | "unit_return";

export const inspectionTransitions: ReadonlyArray<{
  action: InspectionAction;
  from: readonly InspectionState[];
  to: InspectionState;
  roles: readonly Role[];
}> = [
  { action: "submit", from: ["draft"], to: "submitted", roles: ["association"] },
  { action: "return", from: ["submitted"], to: "returned", roles: ["district_officer"] },
  { action: "resubmit", from: ["returned"], to: "submitted", roles: ["association"] },
  { action: "conclude", from: ["submitted"], to: "concluded", roles: ["district_officer"] },
  // The 业务主管单位's 初审: agreeing leaves the report with the registry; returning sends it back to the organization.
  { action: "unit_agree", from: ["submitted"], to: "submitted", roles: ["supervising_authority"] },
  { action: "unit_return", from: ["submitted"], to: "returned", roles: ["supervising_authority"] },
];

export const inspectionActionLabels: Record<InspectionAction, string> = {
  submit: "报送",
  return: "退回修改",
  resubmit: "修改后重新报送",
  conclude: "作出年检结论",
  unit_agree: "业务主管单位初审同意",
  unit_return: "业务主管单位初审退回修改",
};

export const preliminaryDecisionLabels: Record<PreliminaryDecision, string> = {
  agreed: "初审同意",
  returned: "初审退回修改",
};

/**
 * The 业务主管单位 that reviews an organization's annual report first (初审), or null
 * for one registered directly (行业协会商会、科技类、公益慈善类、城乡社区服务类, 中办发〔2016〕46号),
 * which reports straight to the registry.
 */
export function preliminaryUnitOf(org: { supervisingUnit: string | null }): string | null {
  return org.supervisingUnit?.trim() || null;
}

/** The article that puts the 业务主管单位's 初审 before the registry's inspection, by kind. */
export function preliminaryBasis(type: OrganizationType): string {
  return type === "private_non_enterprise"
    ? "《民办非企业单位登记管理暂行条例》第二十三条"
    : type === "foundation"
      ? "《基金会管理条例》第三十六条"
      : "《社会团体登记管理条例》第二十八条";
}

/**
 * The day an organization's report is due: an organization with a 业务主管单位 reports
 * to it by 31 March, and after its 初审 to the registry by 31 May; one registered
 * directly reports to the registry by 31 May (社会团体登记管理条例 art. 28;
 * 民办非企业单位登记管理暂行条例 art. 23). The year's settings may move both days.
 */
export function filingDeadlineOf(org: { supervisingUnit: string | null }, d: { supervisingDeadline: string; registryDeadline: string }): string {
  return preliminaryUnitOf(org) ? d.supervisingDeadline : d.registryDeadline;
}

/** What a report's facts say about its 初审, for the refusal of a step. */
export interface PreliminaryFacts {
  /** The unit named at submission, or null (registered directly, or filed before the 初审 was recorded). */
  unitName?: string | null;
  unitDecision?: PreliminaryDecision | null;
  type?: OrganizationType;
}

/** Why a step is not allowed now, or null. A return needs a reason; 基本合格 and 不合格 need their note. */
export function inspectionRefusal(
  state: InspectionState,
  action: InspectionAction,
  role: Role,
  detail: { reason?: string | null; conclusion?: InspectionConclusion | null; note?: string | null } & PreliminaryFacts = {},
): string | null {
  const t = inspectionTransitions.find((x) => x.action === action)!;
  if (!t.roles.includes(role)) return `您的角色不能${inspectionActionLabels[action]}。`;
  if (!t.from.includes(state)) {
    return state === "concluded"
      ? "该年度报告已作出年检结论，不能再修改或报送。"
      : `年度报告当前为“${inspectionStateLabels[state]}”，不能${inspectionActionLabels[action]}。`;
  }
  if ((action === "return" || action === "unit_return") && !detail.reason?.trim()) return "退回修改须填写理由。";
  if (action === "unit_agree" || action === "unit_return") {
    if (!detail.unitName) return "该组织为直接登记，年度工作报告无需业务主管单位初审。";
    if (detail.unitDecision) return "本单位已对本次报送作出初审意见。";
  }
  if (action === "conclude") {
    if (detail.unitName && detail.unitDecision !== "agreed") {
      return `年度工作报告须经业务主管单位（${detail.unitName}）初审同意后，登记管理机关方可作出年检结论（${preliminaryBasis(detail.type ?? "social_group")}）。`;
    }
    if (!detail.conclusion) return "请选择年检结论。";
    if (detail.conclusion === "basic_pass" && !detail.note?.trim()) return "结论为基本合格时，须写明需要整改的事项。";
    if (detail.conclusion === "fail" && !detail.note?.trim()) return "结论为不合格时，须写明理由。";
  }
  return null;
}

/** A report submitted to its 业务主管单位 and still waiting for its 初审 after the unit's deadline. */
export function preliminaryLate(
  report: { state: InspectionState; unitName: string | null; unitDecision: PreliminaryDecision | null },
  supervisingDeadline: string,
  today: string,
): boolean {
  return report.state === "submitted" && !!report.unitName && !report.unitDecision && today > supervisingDeadline;
}

/** Why an organization does not report in a year's inspection (see `isDue`). */
export function notDueReason(
  org: { type: string; status: keyof typeof organizationStatusLabels; registeredOn: string },
  year: number,
): string {
  if (org.type === "community") return "本组织为备案的社区社会组织，不参加年度检查。";
  if (org.status !== "normal" && org.status !== "abnormal") return `本组织状态为“${organizationStatusLabels[org.status]}”，不参加年度检查。`;
  return `本组织于 ${formatDate(org.registeredOn)} 登记。${year} 年度年检检查 ${year} 年度的情况，${year} 年 7 月 1 日以后登记的组织不参加本年度年检，自下一年度起参加。`;
}

/**
 * Last year's report carried forward for the organization to confirm: last
 * year's closing net assets open this year; the totals and this year's closing
 * net assets are worked out from the carried figures (left blank where they
 * cannot be), so the pre-filled report agrees with itself; the declaration is made anew.
 */
export function prefillReport(last: Report | null): Report {
  if (!last) return { recordChanged: "no" };
  const { declaration: _declaration, ...rest } = last;
  return withDerivedFigures({ ...rest, netAssetsStart: last.netAssetsEnd, netAssetsEnd: undefined, recordChanged: "no", recordChanges: undefined });
}

/** A first report with no earlier one to copy from names the register's legal representative among its officers. */
export function withRegisterOfficers(report: Report, legalRepresentative: string | null): Report {
  return !report.officers && legalRepresentative ? { ...report, officers: `法定代表人：${legalRepresentative}` } : report;
}

/** A year not yet reported and past its deadline: the organization is late. */
export function filingLate(report: { state: InspectionState | null }, deadline: string, today: string): boolean {
  return (!report.state || report.state === "draft") && today > deadline;
}

export const inspectionYearRange = { min: 2000, max: 2100 } as const;

/** A year from a URL: four digits within the range, or null. */
export function parseInspectionYear(param: string | undefined): number | null {
  if (!param || !/^\d{4}$/.test(param)) return null;
  const year = Number(param);
  return year >= inspectionYearRange.min && year <= inspectionYearRange.max ? year : null;
}

/** The year and the filed report a URL (`…/:year/reports/:reportId`) names; anything else names none (a 404). */
export function reportTargetOf(params: { year?: string; reportId?: string }): { year: number; reportId: number } {
  const year = parseInspectionYear(params.year);
  const reportId = parseRowId(params.reportId);
  if (!year || !reportId) notFound("找不到该年度报告。");
  return { year, reportId };
}

/** The campaign the registry is offered to open next: the first not yet opened, from last year (reported on this year) on. */
export function nextYearToOpen(opened: readonly number[], today: string): number {
  const taken = new Set(opened);
  let next = campaignFiledIn(Number(today.slice(0, 4)));
  while (taken.has(next)) next++;
  return next;
}

export type FiledInspectionState = Exclude<InspectionState, "draft">;

/** The registry's lists of a year's reports: those waiting for review first. */
export const reportFilters: ReadonlyArray<{ value: FiledInspectionState | "all"; label: string }> = [
  { value: "submitted", label: "待审查（已报送）" },
  { value: "returned", label: inspectionStateLabels.returned },
  { value: "concluded", label: inspectionStateLabels.concluded },
  { value: "all", label: "全部已报送" },
];

/** The list a query string asks for; anything else is the reports waiting for review. */
export function reportFilterOf(requested: string | null): FiledInspectionState | "all" {
  return reportFilters.find((f) => f.value === requested)?.value ?? "submitted";
}

/** The reason offered for listing a year's non-filers. */
export function defaultListingReason(year: number): string {
  return `未按规定报送 ${year} 年度工作报告（${year} 年度年检）`;
}

/** Why a listing date cannot be used, or null: after the registry's deadline, and not in the future. */
export function listingDateProblem(listedOn: string, { today, registryDeadline }: { today: string; registryDeadline: string }): string | null {
  if (listedOn <= registryDeadline) return "列入日期应在登记管理机关截止日期之后";
  if (listedOn > today) return "列入日期不能晚于今天";
  return null;
}

