/**
 * What an import reads, for the pages and the templates as well as the
 * checks: the two kinds, their columns under the headers officers use, and
 * the limits of a file.
 */
import type { ImportKind } from "../../../vocabulary";

export type { ImportKind };

export const importKindLabels: Record<ImportKind, string> = {
  organizations: "社会组织",
  communities: "社区（村）",
};
export const importKinds = Object.keys(importKindLabels) as ImportKind[];

export const maxImportBytes = 10 * 1024 * 1024;
export const maxImportRows = 20_000;

/* ------------------------------------------------------------------ columns */

export type Requirement = "required" | "conditional" | "optional";

export interface ImportColumn {
  field: string;
  /** The header the templates use. */
  header: string;
  /** Other headers officers' files use for the same thing. */
  synonyms: readonly string[];
  requirement: Requirement;
  /** The header must be in the file (a required value without its column is a file's fault, not a row's). */
  headerRequired?: boolean;
  /** What to write, for the page and the template's notes. */
  note: string;
}

export const typeNames = "社会团体、民办非企业单位（或社会服务机构）、基金会、社区社会组织";
export const categoryNames = "生活服务、公益慈善、文体活动、专业调处";

export const importColumns: Record<ImportKind, readonly ImportColumn[]> = {
  organizations: [
    { field: "name", header: "名称", synonyms: ["组织名称", "社会组织名称", "单位名称", "机构名称"], requirement: "required", headerRequired: true, note: "2 至 100 字" },
    { field: "type", header: "类型", synonyms: ["组织类型", "社会组织类型", "登记类型", "机构类型"], requirement: "required", headerRequired: true, note: typeNames },
    {
      field: "uscc",
      header: "统一社会信用代码",
      synonyms: ["信用代码", "社会信用代码", "统一代码", "USCC"],
      requirement: "conditional",
      note: "社会团体、民办非企业单位、基金会必填，18 位，按国家标准校验；社区社会组织不填",
    },
    { field: "filingNumber", header: "备案号", synonyms: ["备案编号", "备案证号"], requirement: "optional", note: "仅社区社会组织；留空则导入时按街道自动编号" },
    { field: "certificateNumber", header: "登记证书号", synonyms: ["证书编号", "登记证号", "登记证书编号"], requirement: "optional", note: "仅依法登记的组织" },
    {
      field: "registeredOn",
      header: "登记日期",
      synonyms: ["成立日期", "成立登记日期", "备案日期", "登记时间", "成立时间"],
      requirement: "required",
      headerRequired: true,
      note: "如 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日，不晚于今天",
    },
    {
      field: "street",
      header: "所属街道",
      synonyms: ["所属街道（镇）", "街道", "街道（镇）", "所属街镇", "所属乡镇（街道）", "乡镇（街道）"],
      requirement: "optional",
      note: "街道（镇）名称或 12 位区划代码；填了社区（村）可不填，社区名称在两个街道重名时必填",
    },
    {
      field: "community",
      header: "所属社区（村）",
      synonyms: ["所属社区", "社区", "社区（村）", "村（社区）", "所属村（社区）", "所属村居"],
      requirement: "conditional",
      note: "社区（村）名称或 12 位区划代码；社区社会组织必填",
    },
    { field: "legalRepresentative", header: "法定代表人/负责人", synonyms: ["法定代表人", "负责人", "法人代表"], requirement: "optional", note: "不超过 40 字" },
    { field: "address", header: "住所", synonyms: ["地址", "住所地址", "办公地址", "注册地址"], requirement: "optional", note: "不超过 200 字" },
    { field: "supervisingUnit", header: "业务主管单位", synonyms: ["主管单位", "业务主管部门"], requirement: "optional", note: "不超过 100 字" },
    { field: "registeredFunds", header: "注册资金（元）", synonyms: ["注册资金", "开办资金", "开办资金（元）", "原始基金", "原始基金（元）"], requirement: "optional", note: "不小于 0 的整数，以元计；社区社会组织不填" },
    { field: "businessScope", header: "业务范围", synonyms: ["宗旨和业务范围", "宗旨及业务范围"], requirement: "optional", note: "不超过 2000 字，可换行" },
    { field: "category", header: "类别", synonyms: ["社区社会组织类别", "组织类别"], requirement: "conditional", note: `社区社会组织必填：${categoryNames}；依法登记的社会团体、民办非企业单位属于社区社会组织的也可填写（须填所属社区）` },
    { field: "status", header: "状态", synonyms: ["登记状态", "组织状态"], requirement: "optional", note: "正常、已注销或已撤销登记；不填为正常" },
    { field: "contactPhone", header: "联系电话", synonyms: ["电话", "联系方式"], requirement: "optional", note: "11 位手机号码或带区号的固定电话" },
  ],
  communities: [
    { field: "code", header: "区划代码", synonyms: ["统计用区划代码", "行政区划代码", "社区代码", "村代码", "代码"], requirement: "required", headerRequired: true, note: "12 位，以本区代码开头，前 9 位与所属街道（镇）一致" },
    { field: "name", header: "名称", synonyms: ["社区名称", "村名称", "社区（村）名称", "村（社区）名称", "村居名称"], requirement: "required", headerRequired: true, note: "如 象峰社区、大良村" },
    { field: "level", header: "类型", synonyms: ["层级", "社区/村", "类别"], requirement: "required", headerRequired: true, note: "社区或村" },
    {
      field: "street",
      header: "所属街道（镇）",
      synonyms: ["所属街道", "街道（镇）", "街道", "所属街镇", "所属乡镇（街道）", "乡镇（街道）"],
      requirement: "required",
      headerRequired: true,
      note: "街道（镇）名称或 12 位区划代码，须已在系统中",
    },
    { field: "households", header: "户数", synonyms: ["总户数"], requirement: "optional", note: "不小于 0 的整数" },
    { field: "population", header: "人口", synonyms: ["人口数", "总人口", "常住人口", "人口（人）"], requirement: "optional", note: "不小于 0 的整数" },
  ],
};

export const requirementLabels: Record<Requirement, string> = { required: "必填", conditional: "按类型必填", optional: "选填" };

export const importStatusLabels = {
  previewed: "待确认",
  imported: "已导入",
  discarded: "已放弃",
} as const;

/** Where the imported rows can be seen. */
export const importedListPaths: Record<ImportKind, { to: string; label: string }> = {
  organizations: { to: "/officer/orgs", label: "社会组织登记簿" },
  communities: { to: "/officer/communities", label: "一居多会（各社区、村）" },
};
