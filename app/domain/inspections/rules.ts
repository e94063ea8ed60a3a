/**
 * The annual inspection's rules, pure so that pages and tests share them:
 * who is due, what a report holds and when it is complete, and the steps a
 * report takes from draft to conclusion.
 */
import { z } from "zod";
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import type { OrganizationStatus, OrganizationType } from "../../../vocabulary";
import type { Role } from "../../auth/roles";

export type { InspectionConclusion, InspectionState };

export function defaultDeadlines(year: number) {
  return { supervisingDeadline: `${year}-03-31`, registryDeadline: `${year}-05-31` };
}

/**
 * What is wrong with a year's deadlines: the supervising unit's review comes
 * first, and year Y's registry deadline falls in Y (organizations report on Y-1 during Y).
 */
export function deadlineProblems(year: number, d: { supervisingDeadline: string; registryDeadline: string }): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (d.supervisingDeadline > d.registryDeadline) {
    problems.supervisingDeadline = ["业务主管单位初审截止日期应早于登记管理机关截止日期"];
  }
  if (!d.registryDeadline.startsWith(`${year}-`)) {
    problems.registryDeadline = [`${year} 年度年检的登记管理机关截止日期应在 ${year} 年内`];
  }
  return problems;
}

/**
 * Year Y's inspection covers registered (not filed) organizations in normal or
 * abnormal status registered before 1 July of Y-1: those registered in the
 * last six months of the year report the following year.
 */
export function isDue(
  org: { type: OrganizationType; status: OrganizationStatus; registeredOn: string },
  year: number,
): boolean {
  return (
    org.type !== "community" &&
    (org.status === "normal" || org.status === "abnormal") &&
    org.registeredOn < `${year - 1}-07-01`
  );
}

export const conclusionLabels: Record<InspectionConclusion, string> = {
  pass: "合格",
  basic_pass: "基本合格",
  fail: "不合格",
};

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

const money = z.coerce
  .number({ error: "请填写金额（元）" })
  .min(0, "金额不能为负数")
  .max(1e12, "金额过大")
  // Compared with a tolerance: 4.35 * 100 is 434.99999999999994 in floating point.
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "金额最多保留两位小数")
  .optional();
const whole = z.coerce.number({ error: "请填写整数" }).int("请填写整数").min(0, "不能为负数").max(1_000_000).optional();
const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 个字`).optional();

/** The report's fields by section. A draft may leave any of them empty. */
export const reportSchema = z.object({
  // 一、登记事项变动情况
  recordChanged: z.enum(["yes", "no"], { error: "请选择" }).optional(),
  recordChanges: text(1000),
  // 二、财务情况（元）
  incomeDonations: money,
  incomeGrants: money,
  incomeServices: money,
  incomeFees: money,
  incomeOther: money,
  incomeTotal: money,
  expenditurePrograms: money,
  expenditureAdministration: money,
  expenditureOther: money,
  expenditureTotal: money,
  netAssetsStart: money,
  netAssetsEnd: money,
  donationsReceived: money,
  // 三、业务活动
  activitiesCount: whole,
  mainActivities: text(2000),
  // 四、人员和负责人
  fullTimeStaff: whole,
  volunteers: whole,
  officers: text(500),
  // 五、党建情况
  partyFormalMembers: whole,
  partyProbationaryMembers: whole,
  partyCoverage: z.enum(partyCoverages, { error: "请选择党组织覆盖方式" }).optional(),
  // 六、声明
  declaration: z.literal("on", { error: "请确认声明" }).optional(),
});
export type Report = z.output<typeof reportSchema>;

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

const cents = (v: number | undefined) => Math.round((v ?? 0) * 100);

/** Problems that stop a report being submitted, by field. */
export function reportProblems(report: Report): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: keyof Report, message: string) => (problems[field] = [...(problems[field] ?? []), message]);
  for (const field of required) if (report[field] === undefined || report[field] === "") add(field, `请填写${reportLabels[field]}`);
  if (report.recordChanged === "yes" && !report.recordChanges) add("recordChanges", "有变动时请说明变动情况");
  const incomeItems = cents(report.incomeDonations) + cents(report.incomeGrants) + cents(report.incomeServices) + cents(report.incomeFees) + cents(report.incomeOther);
  if (report.incomeTotal !== undefined && incomeItems !== cents(report.incomeTotal)) {
    add("incomeTotal", `收入合计应等于各项收入之和 ${(incomeItems / 100).toLocaleString("zh-CN")} 元`);
  }
  const spendingItems = cents(report.expenditurePrograms) + cents(report.expenditureAdministration) + cents(report.expenditureOther);
  if (report.expenditureTotal !== undefined && spendingItems !== cents(report.expenditureTotal)) {
    add("expenditureTotal", `费用合计应等于各项费用之和 ${(spendingItems / 100).toLocaleString("zh-CN")} 元`);
  }
  if (report.netAssetsStart !== undefined && report.netAssetsEnd !== undefined && report.incomeTotal !== undefined && report.expenditureTotal !== undefined) {
    const expected = cents(report.netAssetsStart) + cents(report.incomeTotal) - cents(report.expenditureTotal);
    if (expected !== cents(report.netAssetsEnd)) {
      add("netAssetsEnd", `年末净资产应为年初净资产加收入合计减费用合计，即 ${(expected / 100).toLocaleString("zh-CN")} 元`);
    }
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

export type InspectionAction = "submit" | "return" | "resubmit" | "conclude";

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
];

export const inspectionActionLabels: Record<InspectionAction, string> = {
  submit: "报送",
  return: "退回修改",
  resubmit: "修改后重新报送",
  conclude: "作出年检结论",
};

/** Why a step is not allowed now, or null. A return needs a reason; 基本合格 and 不合格 need their note. */
export function inspectionRefusal(
  state: InspectionState,
  action: InspectionAction,
  role: Role,
  detail: { reason?: string | null; conclusion?: InspectionConclusion | null; note?: string | null } = {},
): string | null {
  const t = inspectionTransitions.find((x) => x.action === action)!;
  if (!t.roles.includes(role)) return `您的角色不能${inspectionActionLabels[action]}。`;
  if (!t.from.includes(state)) {
    return state === "concluded"
      ? "该年度报告已作出年检结论，不能再修改或报送。"
      : `年度报告当前为“${inspectionStateLabels[state]}”，不能${inspectionActionLabels[action]}。`;
  }
  if (action === "return" && !detail.reason?.trim()) return "退回修改须填写理由。";
  if (action === "conclude") {
    if (!detail.conclusion) return "请选择年检结论。";
    if (detail.conclusion === "basic_pass" && !detail.note?.trim()) return "结论为基本合格时，须写明需要整改的事项。";
    if (detail.conclusion === "fail" && !detail.note?.trim()) return "结论为不合格时，须写明理由。";
  }
  return null;
}

/** Two years on the abnormal-activity list lead to the serious-violation list (严重违法失信名单). */
export function seriousViolationDue(listedOn: string, today: string): boolean {
  const [y, m, d] = listedOn.split("-");
  return `${Number(y) + 2}-${m}-${d}` <= today;
}
