/** Organization labels and rules the browser may use too. */
import type { CommunityCategory, OrganizationType } from "../../db/schema/organizations";

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
} as const;


export const communityCategoryLabels: Record<CommunityCategory, string> = {
  life_service: "生活服务类",
  charity: "公益慈善类",
  culture_sports: "文体娱乐类",
  mediation: "专业调处类",
};

/** The USCC kind character (position 2) each registered kind calls for. */
export const usccKindOf: Partial<Record<OrganizationType, string>> = {
  social_group: "1",
  private_non_enterprise: "2",
  foundation: "3",
};
