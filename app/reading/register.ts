/**
 * The register's public search page as HTML (the reading page of app/reading):
 * what app/routes/orgs._index.tsx renders, from the same value
 * (publicRegisterPage). The search form is a plain GET form, as the React
 * page's is.
 */
import { gradeLabel } from "../domain/evaluations/rules";
import type { PublicRegisterPage } from "../domain/organizations/public.server";
import { organizationStatusLabels, organizationStatusTones, organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate } from "../domain/shared/time";
import { filterControl } from "../ui/filter-form";
import { html, type Html } from "./html";
import { badge, dataTable, pageHeader, pagination } from "./parts";

export const registerTitle = "社会组织登记信息查询 - 社区治理与社会组织登记平台";

function select(label: string, name: string, options: Array<{ value: string; label: string }>, chosen: string, all: string): Html {
  return html`<label class="flex flex-col"><span class="text-slate-600">${label}</span><select name="${name}" class="${filterControl}"><option value=""${chosen === "" ? html` selected=""` : ""}>${all}</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === chosen ? html` selected=""` : ""}>${o.label}</option>`,
  )}</select></label>`;
}

const choices = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function searchForm(page: PublicRegisterPage): Html {
  const { query, streets } = page;
  return html`<form method="get" action="/orgs" role="search" aria-label="查询社会组织" class="mb-4 flex flex-wrap items-end gap-3 text-sm rounded border border-slate-200 bg-white p-4 shadow-sm"><label class="flex flex-col min-w-64 flex-1"><span class="text-slate-600">名称、统一社会信用代码或备案号</span><input type="search" name="q" value="${query.q ?? ""}" placeholder="如“书法”或 18 位代码" maxlength="60" class="${filterControl}"/></label>${select(
    "类型",
    "type",
    choices(organizationTypeLabels),
    query.type ?? "",
    "全部类型",
  )}${select("状态", "status", choices(organizationStatusLabels), query.status ?? "", "全部状态")}${select(
    "评估等级",
    "grade",
    [5, 4, 3, 2, 1].map((g) => ({ value: String(g), label: gradeLabel(g) })),
    query.grade ? String(query.grade) : "",
    "不限",
  )}${streets.length ? select("街道（镇）", "street", streets.map((s) => ({ value: s.code, label: s.name })), query.street ?? "", "全部街道（镇）") : ""}<button type="submit" class="rounded bg-brand-600 px-4 py-1.5 text-white hover:bg-brand-700">查询</button></form>`;
}

type Item = PublicRegisterPage["items"][number];

export function registerMain(page: PublicRegisterPage): Html {
  const table = dataTable<Item>({
    caption: "社会组织查询结果",
    rows: page.items,
    rowClassName: "align-top",
    empty: "没有找到符合条件的社会组织。",
    columns: [
      { label: "名称", rowHeader: true, cell: (o) => html`<a href="/orgs/${o.id}">${o.name}</a>` },
      { label: "统一社会信用代码 / 备案号", className: "font-mono text-xs", cell: (o) => o.uscc ?? o.filingNumber ?? "—" },
      { label: "类型", className: "whitespace-nowrap", cell: (o) => organizationTypeLabels[o.type] },
      { label: "街道（镇）", className: "whitespace-nowrap", cell: (o) => o.street ?? "—" },
      { label: "社区（村）", className: "whitespace-nowrap", cell: (o) => o.community ?? "—" },
      { label: "登记（备案）日期", className: "whitespace-nowrap", cell: (o) => formatDate(o.registeredOn) },
      {
        label: "状态",
        cell: (o) =>
          html`${badge(organizationStatusTones[o.status], organizationStatusLabels[o.status])}${
            o.status !== "normal" && o.statusSince ? html`<span class="block text-xs text-slate-500">自 ${formatDate(o.statusSince)}</span>` : ""
          }`,
      },
    ],
  });
  return html`<main class="mx-auto max-w-6xl px-4 py-8">${pageHeader(
    "社会组织登记信息查询",
    "依法登记的社会团体、民办非企业单位、基金会和在街道（镇）备案的社区社会组织。已注销或被撤销登记的组织仍可查询。",
    html`<span class="flex gap-4"><a href="/credit/abnormal">活动异常名录</a><a href="/credit/serious">严重违法失信名单</a><a href="/credit/checks">双随机抽查</a></span>`,
  )}${searchForm(page)}${table}${pagination("/orgs", page.page, page.pageSize, page.total, page.totalIsCapped ?? false, page.search)}<p class="mt-6 text-sm text-slate-600">开放数据：<a href="${page.csvHref}">下载本次查询的全部结果（CSV）</a>，或通过 <code class="rounded bg-slate-100 px-1">/api/v1/organizations</code> 接口以 JSON 格式获取。</p></main>`;
}
