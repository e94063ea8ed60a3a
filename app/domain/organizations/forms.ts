/**
 * The register's inputs, shared by the server (authoritative) and the browser:
 * the search parameters of the public pages and the open-data API, and the
 * officers' correction form.
 */
import { z } from "zod";
import { normalizeUscc } from "./uscc";
import {
  communityCategories,
  organizationStatuses,
  organizationTypes,
  type OrganizationStatus,
  type OrganizationType,
} from "./rules";

export const defaultPageSize = 20;
export const maxPageSize = 100;

export interface RegisterQuery {
  /** A fragment of the name, a USCC or a filing number. */
  q?: string;
  type?: OrganizationType;
  status?: OrganizationStatus;
  /** The street's or town's 12-digit division code. */
  street?: string;
  /** 社会组织评估: organizations holding this grade (1 to 5 for 1A to 5A) today. */
  grade?: number;
  page: number;
  pageSize: number;
}

const queryFields = {
  q: z.string().trim().max(60, "参数 q 不能超过 60 个字"),
  type: z.enum(organizationTypes, { error: `参数 type 应为 ${organizationTypes.join("、")} 之一` }),
  status: z.enum(organizationStatuses, { error: `参数 status 应为 ${organizationStatuses.join("、")} 之一` }),
  street: z.string().regex(/^\d{12}$/, "参数 street 应为街道（镇）的 12 位区划代码"),
  grade: z.string().regex(/^[1-5]$/, "参数 grade 应为 1 到 5 的整数（1A 至 5A）").transform(Number),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "参数 page 应为不超过 999999 的正整数")
    .transform(Number),
  pageSize: z
    .string()
    .regex(/^[1-9]\d*$/, "参数 pageSize 应为正整数")
    .transform(Number)
    .refine((n) => n <= maxPageSize, `参数 pageSize 不能超过 ${maxPageSize}`),
};

/**
 * Reads the search parameters. Each problem is named in Chinese; the API
 * answers them with a 400, the pages leave the faulty filter out. An empty
 * parameter (a form's "全部") is no filter.
 */
export function parseRegisterQuery(params: URLSearchParams): { query: RegisterQuery; problems: string[] } {
  const problems: string[] = [];
  const read = <T,>(name: keyof typeof queryFields): T | undefined => {
    const raw = params.get(name);
    if (raw == null || raw.trim() === "") return undefined;
    const parsed = queryFields[name].safeParse(raw);
    if (parsed.success) return parsed.data as T;
    problems.push(parsed.error.issues[0]?.message ?? `参数 ${name} 无效`);
    return undefined;
  };
  const q = read<string>("q");
  const query: RegisterQuery = {
    q: q || undefined,
    type: read<OrganizationType>("type"),
    status: read<OrganizationStatus>("status"),
    street: read<string>("street"),
    grade: read<number>("grade"),
    page: read<number>("page") ?? 1,
    pageSize: read<number>("pageSize") ?? defaultPageSize,
  };
  return { query, problems };
}

/** The filters as URL parameters (no page): for links to the same search elsewhere, such as its CSV. */
export function registerSearchParams(query: Omit<RegisterQuery, "page" | "pageSize">): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["q", "type", "status", "street"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.grade) params.set("grade", String(query.grade));
  return params;
}

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .optional();

/** A row id as a form sends it; beyond PostgreSQL's integer it cannot name a row. */
const optionalId = z.coerce
  .number({ error: "请从列表中选择" })
  .int("请从列表中选择")
  .positive("请从列表中选择")
  .max(2_147_483_647, "请从列表中选择")
  .optional();

const staleForm = "页面内容不完整，请刷新页面后重新填写";

/**
 * An officer's correction of a record. Which fields a kind uses (a USCC for
 * registered kinds; a filing number and a category for filed community
 * organizations; a category, optional, for registered social groups and private
 * non-enterprise units that are community social organizations) and whether a
 * code is acceptable are decided by the domain, which knows the record.
 */
export const correctionSchema = z.object({
  name: z
    .string({ error: "请输入名称" })
    .trim()
    .min(2, "名称至少 2 个字")
    .max(100, "名称不能超过 100 个字"),
  // Only ASCII letters are upper-cased, as in the USCC check itself.
  uscc: z
    .string()
    .trim()
    .max(30, "统一社会信用代码应为 18 位")
    .transform(normalizeUscc)
    .optional(),
  acceptLegacyUscc: z.boolean().optional(),
  usccAcceptedReason: text("代码核准说明", 500),
  filingNumber: text("备案号", 60),
  certificateNumber: text("登记证书号", 60),
  registeringAuthority: text("登记管理机关", 100),
  supervisingUnit: text("业务主管单位", 100),
  legalRepresentative: text("法定代表人", 40),
  address: text("住所", 200),
  registeredFunds: z
    .string()
    .trim()
    .transform((v) => v.replace(/[,，\s]/g, "").replace(/元$/, ""))
    .pipe(z.string().regex(/^\d{1,13}$/, "注册资金请填写整数金额（元），如 30000"))
    .transform(Number)
    .optional(),
  businessScope: text("业务范围", 2000),
  category: z.enum(communityCategories, { error: "请选择类别" }).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "联系电话应为 11 位手机号码或带区号的固定电话，如 0595-22561234")
    .optional(),
  placeId: optionalId,
  reason: z
    .string({ error: "请填写更正原因" })
    .trim()
    .min(4, "请写明更正原因（至少 4 个字）")
    .max(500, "更正原因不能超过 500 个字"),
  // Only a tampered or truncated page sends anything else.
  version: z.coerce
    .number({ error: staleForm })
    .int(staleForm)
    .positive(staleForm)
    .max(2_147_483_647, staleForm),
});

export type CorrectionInput = z.output<typeof correctionSchema>;
