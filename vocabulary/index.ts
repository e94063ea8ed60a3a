/**
 * The registry's vocabulary: the codes of roles, statuses, kinds and
 * categories, and the shapes kept in JSON columns. Import-free, so that the
 * schema (db/schema), the domain and browser code all take them from here
 * without pulling the database layer into the browser.
 */

/* Places */

/** 区 → 街道/镇 → 社区/村. The level names match the codes used in URLs and the API. */
export const placeLevels = ["district", "street", "town", "community", "village"] as const;
export type PlaceLevel = (typeof placeLevels)[number];

/* Accounts */

export const roles = [
  "admin",
  "district_officer",
  "street_officer",
  "association",
  "village_clerk",
  "village_supervisor",
  "supervising_authority",
] as const;
export type Role = (typeof roles)[number];

/* Organizations (the register) */

/** API codes of the four kinds (docs/api.md). */
export const organizationTypes = [
  "social_group",
  "private_non_enterprise",
  "foundation",
  "community",
] as const;
export type OrganizationType = (typeof organizationTypes)[number];
export const organizationStatuses = ["normal", "abnormal", "revoked", "cancelled"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];
/** Categories of filed community social organizations (docs/glossary.md). */
export const communityCategories = ["life_service", "charity", "culture_sports", "mediation"] as const;
export type CommunityCategory = (typeof communityCategories)[number];
/** What happened to an organization's record: each event lists the fields with before and after. */
export const organizationChangeKinds = ["establishment", "filing", "change", "correction", "cancellation", "status", "import"] as const;

/* Applications */

export const applicationKinds = ["establishment", "change", "cancellation", "filing"] as const;
/**
 * The four kinds of organization registered directly, without a 业务主管单位,
 * since the 2016 reform; "supervised" is any other, which needs one.
 */
export const registrationRoutes = ["trade_association", "science_technology", "charity", "community_service", "supervised"] as const;
export type RegistrationRoute = (typeof registrationRoutes)[number];
/** The 业务主管单位's review of an establishment before the registry takes it up (社会团体登记管理条例 art. 9). */
export const unitDecisions = ["consented", "withheld"] as const;
export type UnitDecision = (typeof unitDecisions)[number];
export type ApplicationKind = (typeof applicationKinds)[number];
export const applicationStates = ["draft", "submitted", "accepted", "returned", "approved", "rejected"] as const;
export type ApplicationState = (typeof applicationStates)[number];

/* Annual inspection */

export const inspectionStates = ["draft", "submitted", "returned", "concluded"] as const;
export type InspectionState = (typeof inspectionStates)[number];
export const inspectionConclusions = ["pass", "basic_pass", "fail"] as const;
export type InspectionConclusion = (typeof inspectionConclusions)[number];
/**
 * The 业务主管单位's preliminary review (初审) of an annual report before the registry's
 * inspection (社会团体登记管理条例 art. 28; 民办非企业单位登记管理暂行条例 art. 23).
 */
export const preliminaryDecisions = ["agreed", "returned"] as const;
export type PreliminaryDecision = (typeof preliminaryDecisions)[number];

/* Supervision and credit */

/**
 * 行政处罚 a registry may decide on a social organization (社会团体登记管理条例
 * art. 30; 民办非企业单位登记管理暂行条例 art. 25; 基金会管理条例 art. 42).
 */
export const penaltyKinds = ["warning", "fine", "confiscation", "suspension", "revocation", "certificate_withdrawal"] as const;
export type PenaltyKind = (typeof penaltyKinds)[number];

/* Village-affairs postings */

/** 党务, 村务, 财务: the codes used in URLs and the open-data API. */
export const postingCategories = ["party", "village", "finance"] as const;
export type PostingCategory = (typeof postingCategories)[number];
export const periodKinds = ["month", "quarter", "year", "date"] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const retentionClasses = ["permanent", "30y", "10y"] as const;
export type RetentionClass = (typeof retentionClasses)[number];
/** A posting as the public sees it: never published yet, published (current version shown), or withdrawn; or a first draft given up. */
export const postingStatuses = ["unpublished", "published", "withdrawn", "discarded"] as const;
export type PostingStatus = (typeof postingStatuses)[number];
/** One version's way through review; a published version becomes superseded when its correction is published. */
export const postingVersionStates = ["draft", "submitted", "returned", "published", "superseded", "discarded"] as const;
export type PostingVersionState = (typeof postingVersionStates)[number];
/** Structured table rows: one record per row, keyed by the kind's column keys, values as entered. */
export type PostingTableRows = Array<Record<string, string>>;

/* Committees */

/**
 * The self-governing bodies of a community or village: its residents' or
 * villagers' committee, and for a village its supervision committee (村务监督委员会)
 * and democratic finance group (民主理财小组).
 */
export const committeeBodies = ["residents", "villagers", "supervision", "finance_group"] as const;
export type CommitteeBody = (typeof committeeBodies)[number];
export const memberPosts = ["chair", "vice_chair", "member"] as const;
export type MemberPost = (typeof memberPosts)[number];

/* Party coverage */

/** 单独组建 (an organization's own branch) or 联合党支部 (one branch for several organizations). */
export const branchKinds = ["single", "joint"] as const;
export type BranchKind = (typeof branchKinds)[number];

/* Imports */

/** What a file brings in: organizations into the register, or communities and villages into the places. */
export const importKinds = ["organizations", "communities"] as const;
export type ImportKind = (typeof importKinds)[number];
export const importStatuses = ["previewed", "imported", "discarded"] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** One problem of one cell: the spreadsheet's row number, the column's name, what it held and what is wrong. */
export interface ImportProblem {
  line: number;
  column: string;
  value: string;
  message: string;
}

/**
 * Why an organization is put on the 活动异常名录 (社会组织信用信息管理办法 art. 10):
 * the annual work report, no party organization, rectification overdue, a warning
 * or a fine under 50,000 yuan, unreachable at its registered address, others by law.
 */
export const abnormalTriggers = ["annual_report", "no_party_org", "rectification_overdue", "penalty", "unreachable", "other"] as const;
export type AbnormalTrigger = (typeof abnormalTriggers)[number];
/** How a listing left the 活动异常名录. */
export const abnormalRemovalKinds = ["corrected", "six_months", "moved_to_serious", "error"] as const;
export type AbnormalRemovalKind = (typeof abnormalRemovalKinds)[number];
/** Why an organization is put on the 严重违法失信名单 (社会组织信用信息管理办法 art. 17). */
export const seriousTriggers = ["two_years_abnormal", "change_fraud", "suspension_order", "large_fine", "repeated_penalties", "dishonest_debtor", "revocation", "other"] as const;
export type SeriousTrigger = (typeof seriousTriggers)[number];
/** 其他信用信息 the registry records (社会组织信用信息管理办法 art. 5): awards, and government service bought from the organization. */
export const otherCreditKinds = ["award", "service_contract"] as const;
export type OtherCreditKind = (typeof otherCreditKinds)[number];
/** The part of an organization's credit information an objection (异议) is about. */
export const creditParts = ["basic", "annual_report", "inspection", "penalty", "listing", "other"] as const;
export type CreditPart = (typeof creditParts)[number];
/** An objection's course: received, then not upheld, or upheld and then corrected. */
export const objectionStates = ["filed", "dismissed", "upheld", "corrected"] as const;
export type ObjectionState = (typeof objectionStates)[number];
/** A spot check's finding (双随机一公开). */
export const checkFindings = ["no_problem", "problems", "not_found"] as const;
export type CheckFinding = (typeof checkFindings)[number];
/** The registry's verification of a rectification item (限期整改). */
export const rectificationVerdicts = ["done", "not_done"] as const;
export type RectificationVerdict = (typeof rectificationVerdicts)[number];
