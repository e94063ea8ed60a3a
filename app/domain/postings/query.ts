/**
 * The public inputs of village-affairs transparency (村务公开), shared by the
 * server and the browser: the search parameters of /postings and the
 * open-data API, and the ids and version numbers in posting URLs.
 */
import { z } from "zod";
import { fieldCharacterProblem } from "../shared/text-input";
import { categoryLabels, parsePeriod, periodHint, type PostingCategory } from "./rules";

export const defaultPostingPageSize = 20;
export const maxPostingPageSize = 100;
/** Read from the labels (a plain module) so the browser bundle does not pull in the database schema. */
export const postingCategoryCodes = Object.keys(categoryLabels) as [PostingCategory, ...PostingCategory[]];

export interface PostingQuery {
  /** The street's or town's 12-digit division code. */
  street?: string;
  /** The village's or community's 12-digit division code. */
  village?: string;
  category?: PostingCategory;
  /** A period key as the domain stores it: "2025", "2025-Q1", "2025-03" or "2025-03-14". */
  period?: string;
  /** Words of the title. */
  q?: string;
  page: number;
  pageSize: number;
}

const queryFields = {
  street: z.string().trim().regex(/^\d{12}$/, "参数 street 应为街道（镇）的 12 位区划代码"),
  village: z.string().trim().regex(/^\d{12}$/, "参数 village 应为社区（村）的 12 位区划代码"),
  category: z.enum(postingCategoryCodes, { error: `参数 category 应为 ${postingCategoryCodes.join("、")} 之一` }),
  period: z
    .string()
    .max(20, "公开期间不能超过 20 个字")
    .transform((text, ctx) => {
      const period = parsePeriod(text);
      if (period) return period.key;
      ctx.addIssue({ code: "custom", message: `无法识别公开期间“${text.trim()}”。${periodHint}` });
      return z.NEVER;
    }),
  q: z
    .string()
    .trim()
    .max(60, "标题关键词不能超过 60 个字")
    .refine((q) => !fieldCharacterProblem(q, "标题关键词"), "标题关键词中含有不可见的控制字符，请重新输入"),
  page: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,5}$/, "参数 page 应为不超过 999999 的正整数")
    .transform(Number),
  pageSize: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,5}$/, "参数 pageSize 应为正整数")
    .transform(Number)
    .refine((n) => n <= maxPostingPageSize, `参数 pageSize 不能超过 ${maxPostingPageSize}`),
};

export type PostingQueryField = keyof typeof queryFields;

/**
 * Reads the search parameters. Each problem is named in Chinese, with the
 * field it belongs to; the API answers them with a 400, the page leaves the
 * faulty filter out and says so. An empty parameter (a form's "全部") is no filter.
 */
/**
 * The period asked for: a code typed or linked ("2025-Q1"), or picked on the
 * search form as a year and a quarter, a month or 全年 (`periodYear`, `periodPart`).
 */
function periodParam(params: URLSearchParams, problems: Array<{ field: PostingQueryField; message: string }>): string | null {
  const code = params.get("period");
  if (code != null && code.trim() !== "") return code;
  const year = params.get("periodYear")?.trim() ?? "";
  const part = params.get("periodPart")?.trim() ?? "";
  if (!year) {
    if (part && part !== "year") problems.push({ field: "period", message: "请先选择年份，再选择季度或月份" });
    return null;
  }
  return part && part !== "year" ? `${year}-${part}` : year;
}

export function parsePostingQuery(params: URLSearchParams): {
  query: PostingQuery;
  problems: Array<{ field: PostingQueryField; message: string }>;
} {
  const problems: Array<{ field: PostingQueryField; message: string }> = [];
  const read = <T,>(name: PostingQueryField): T | undefined => {
    const raw = name === "period" ? periodParam(params, problems) : params.get(name);
    if (raw == null || raw.trim() === "") return undefined;
    const parsed = queryFields[name].safeParse(raw);
    if (parsed.success) return parsed.data as T;
    problems.push({ field: name, message: parsed.error.issues[0]?.message ?? `参数 ${name} 无效` });
    return undefined;
  };
  const query: PostingQuery = {
    street: read<string>("street"),
    village: read<string>("village"),
    category: read<PostingCategory>("category"),
    period: read<string>("period"),
    q: read<string>("q") || undefined,
    page: read<number>("page") ?? 1,
    pageSize: read<number>("pageSize") ?? defaultPostingPageSize,
  };
  return { query, problems };
}

/** The filters as URL parameters (no page): for links to the same search elsewhere, such as its CSV. */
export function postingSearchParams(query: Omit<PostingQuery, "page" | "pageSize">): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["street", "village", "category", "period", "q"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

function positiveInt(text: string | null | undefined, max: number): number | null {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/**
 * The `version` parameter of a posting page: absent is the current version
 * (undefined); anything that is not a version number is null.
 */
export function parseVersionParam(param: string | null): number | undefined | null {
  if (param == null || param === "") return undefined;
  return positiveInt(param.trim(), 100_000);
}
