/** Organization labels and rules the browser may use too. */
import type { CommunityCategory, OrganizationStatus, OrganizationType } from "../../../vocabulary";
import { formatDate } from "../shared/time";

export type { CommunityCategory, OrganizationStatus, OrganizationType };

export const organizationTypeLabels: Record<OrganizationType, string> = {
  social_group: "社会团体",
  private_non_enterprise: "民办非企业单位",
  foundation: "基金会",
  community: "社区社会组织",
};

export const organizationStatusLabels = {
  normal: "正常",
  abnormal: "列入活动异常名录",
  revoked: "已撤销登记",
  cancelled: "已注销",
} as const satisfies Record<OrganizationStatus, string>;

/** Badge colours of the statuses: the register's lists and records use the same ones. */
export const organizationStatusTones: Record<OrganizationStatus, "green" | "amber" | "red" | "slate"> = {
  normal: "green",
  abnormal: "amber",
  revoked: "red",
  cancelled: "slate",
};

export const communityCategoryLabels: Record<CommunityCategory, string> = {
  life_service: "生活服务类",
  charity: "公益慈善类",
  culture_sports: "文体娱乐类",
  mediation: "专业调处类",
};

// The codes in their order, from the labels: the browser gets them without the database schema.
export const organizationTypes = Object.keys(organizationTypeLabels) as OrganizationType[];
export const organizationStatuses = Object.keys(organizationStatusLabels) as OrganizationStatus[];

/** Still registered (or filed): normal, or on the abnormal-activity list. Cancelled and revoked ones stay in the register, ended. */
export const liveStatuses = ["normal", "abnormal"] as const satisfies readonly OrganizationStatus[];
export function isLive(status: string): boolean {
  return (liveStatuses as readonly string[]).includes(status);
}
export const communityCategories = Object.keys(communityCategoryLabels) as CommunityCategory[];

/** The USCC kind character (position 2) each registered kind calls for. */
export const usccKindOf: Partial<Record<OrganizationType, string>> = {
  social_group: "1",
  private_non_enterprise: "2",
  foundation: "3",
};

/** Filed community organizations have no legal-person status: no USCC, a filing number instead. */
export function isFiled(type: OrganizationType): boolean {
  return type === "community";
}

/**
 * Registered kinds that may also be a community social organization of their
 * community or village: the 2017 guidance (民政部《关于大力培育发展社区社会组织的意见》)
 * counts registered ones beside filed ones. A foundation serves no one community.
 */
export const registeredCommunityTypes = ["social_group", "private_non_enterprise"] as const satisfies readonly OrganizationType[];

export function mayBeCommunityOrganization(type: OrganizationType): boolean {
  return isFiled(type) || (registeredCommunityTypes as readonly string[]).includes(type);
}

/**
 * Whether a registered organization may carry the community category it is
 * given, and where the refusal belongs: a foundation may not, and one without
 * a community or village has none to be the community organization of.
 * Filed organizations follow their own rules (a category is required).
 */
export function registeredCategoryProblem(record: {
  type: OrganizationType;
  category: CommunityCategory | null | undefined;
  placeId: number | null | undefined;
}): { field: "category" | "placeId"; message: string } | null {
  if (isFiled(record.type) || !record.category) return null;
  if (!mayBeCommunityOrganization(record.type)) return { field: "category", message: "基金会不属于社区社会组织" };
  if (record.placeId == null) return { field: "placeId", message: "登记的社区社会组织须选择所属社区（村）" };
  return null;
}

/** "社会团体（社区社会组织 · 公益慈善类）", "社区社会组织（文体娱乐类）", "基金会". */
export function organizationKindLabel(type: OrganizationType, category: CommunityCategory | null): string {
  if (!category) return organizationTypeLabels[type];
  const kind = communityCategoryLabels[category];
  return isFiled(type) ? `${organizationTypeLabels[type]}（${kind}）` : `${organizationTypeLabels[type]}（社区社会组织 · ${kind}）`;
}

export const organizationChangeKindLabels: Record<string, string> = {
  establishment: "成立登记",
  filing: "备案",
  change: "变更登记",
  correction: "登记信息更正",
  cancellation: "注销登记",
  status: "状态变更",
  import: "导入",
};

/** The register's fields in Chinese, as the record and its change history name them. */
const fieldLabels: Record<string, string> = {
  name: "名称",
  type: "类型",
  uscc: "统一社会信用代码",
  filingNumber: "备案号",
  certificateNumber: "登记证书号",
  registeringAuthority: "登记管理机关",
  supervisingUnit: "业务主管单位",
  legalRepresentative: "法定代表人",
  registeredOn: "成立登记日期",
  registeredFunds: "注册资金",
  businessScope: "业务范围",
  address: "住所",
  category: "类别",
  status: "状态",
  statusSince: "状态起始日期",
  statusReason: "状态原因",
  place: "所属社区（村）",
  placeId: "所属社区（村）",
  contactPhone: "联系电话",
  usccAcceptedReason: "代码核准说明",
};

/** A filed organization is headed by a 负责人 and filed by the street, not registered by the bureau. */
const filedFieldLabels: Record<string, string> = {
  legalRepresentative: "负责人",
  registeringAuthority: "备案机关",
  registeredOn: "备案日期",
};

/** A registered organization's category says what it is besides: a community social organization. */
const registeredFieldLabels: Record<string, string> = {
  category: "社区社会组织类别",
};

export function organizationFieldLabel(field: string, type?: OrganizationType): string {
  const own = type ? (isFiled(type) ? filedFieldLabels : registeredFieldLabels)[field] : undefined;
  return own ?? fieldLabels[field] ?? field;
}

/** "30000" → "30,000 元" */
export function formatFunds(yuan: number | null | undefined): string {
  return yuan == null ? "" : `${yuan.toLocaleString("zh-CN")} 元`;
}

/** A recorded value as a reader should see it: codes become their Chinese names, empty becomes "—". */
export function formatFieldValue(field: string, value: unknown): string {
  if (value == null || value === "") return "—";
  switch (field) {
    case "type":
      return organizationTypeLabels[value as OrganizationType] ?? String(value);
    case "status":
      return organizationStatusLabels[value as OrganizationStatus] ?? String(value);
    case "category":
      return communityCategoryLabels[value as CommunityCategory] ?? String(value);
    case "registeredFunds":
      return typeof value === "number" ? formatFunds(value) : String(value);
    case "registeredOn":
    case "statusSince":
      return formatDate(String(value)) || String(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/** Annual-inspection conclusions as the public register shows them (docs/api.md, codes). */
export const inspectionConclusionLabels = {
  pass: "合格",
  basic_pass: "基本合格",
  fail: "不合格",
} as const;
