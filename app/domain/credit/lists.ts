/**
 * The public list of the 活动异常名录 as readers query it: which listings (in
 * force, removed, or all), a name or code to search for, and the page. Pure, for
 * the page and the open-data API alike.
 */
import { z } from "zod";

export const listingStates = ["listed", "removed", "all"] as const;
export type ListingState = (typeof listingStates)[number];
export const listingStateLabels: Record<ListingState, string> = { listed: "在列", removed: "已移出", all: "全部" };

export interface ListingQuery {
  q?: string;
  state: ListingState;
  page: number;
  pageSize: number;
}

export const listingPageSize = 50;
const maxListingPageSize = 500;

const fields = {
  q: z.string().trim().max(50, "搜索词不能超过 50 个字"),
  state: z.enum(listingStates, { error: "参数 state 应为 listed、removed 或 all" }),
  page: z.coerce.number({ error: "参数 page 应为正整数" }).int("参数 page 应为正整数").min(1, "参数 page 应为正整数").max(100_000, "参数 page 过大"),
  pageSize: z.coerce.number({ error: `参数 pageSize 应为 1 到 ${maxListingPageSize} 的整数` }).int().min(1).max(maxListingPageSize, `参数 pageSize 应为 1 到 ${maxListingPageSize} 的整数`),
};

/** The query a URL asks for, with a message for each parameter that cannot be read (the API answers 400 with them; the page ignores them). */
export function parseListingQuery(params: URLSearchParams): { query: ListingQuery; problems: string[] } {
  const problems: string[] = [];
  const read = <K extends keyof typeof fields>(name: K): z.output<(typeof fields)[K]> | undefined => {
    const raw = params.get(name);
    if (raw == null || raw.trim() === "") return undefined;
    const parsed = fields[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.output<(typeof fields)[K]>;
    problems.push(parsed.error.issues[0]?.message ?? `参数 ${name} 无效`);
    return undefined;
  };
  return {
    query: { q: read("q") || undefined, state: read("state") ?? "listed", page: read("page") ?? 1, pageSize: read("pageSize") ?? listingPageSize },
    problems,
  };
}
