import { Form, Link } from "@remix-run/react";
import {
  organizationStatuses,
  organizationStatusLabels,
  organizationStatusTones,
  organizationTypeLabels,
  organizationTypes,
  type OrganizationStatus,
} from "../domain/organizations/rules";
import type { RegisterQuery } from "../domain/organizations/forms";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";

export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  return <Badge tone={organizationStatusTones[status]}>{organizationStatusLabels[status]}</Badge>;
}

const controlClass = "rounded border border-slate-300 bg-white px-2 py-1.5";

/** The register's search form: a name fragment or code, kind, status and (district-wide) street. */
export function RegisterSearchForm({
  query,
  streets,
}: {
  query: Partial<RegisterQuery>;
  /** Streets and towns to filter by; none for an officer who sees one street only. */
  streets: Array<{ code: string; name: string }>;
}) {
  return (
    <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <label className="flex min-w-64 flex-1 flex-col">
        <span className="text-slate-700">名称、统一社会信用代码或备案号</span>
        <input name="q" type="search" defaultValue={query.q ?? ""} maxLength={60} placeholder="如“书法”或 18 位代码" className={controlClass} />
      </label>
      <label className="flex flex-col">
        <span className="text-slate-700">类型</span>
        <select name="type" defaultValue={query.type ?? ""} className={controlClass}>
          <option value="">全部类型</option>
          {organizationTypes.map((t) => (
            <option key={t} value={t}>
              {organizationTypeLabels[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-slate-700">状态</span>
        <select name="status" defaultValue={query.status ?? ""} className={controlClass}>
          <option value="">全部状态</option>
          {organizationStatuses.map((s) => (
            <option key={s} value={s}>
              {organizationStatusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      {streets.length ? (
        <label className="flex flex-col">
          <span className="text-slate-700">街道（镇）</span>
          <select name="street" defaultValue={query.street ?? ""} className={controlClass}>
            <option value="">全部街道（镇）</option>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="rounded bg-brand-600 px-4 py-1.5 text-white hover:bg-brand-700">
        查询
      </button>
    </Form>
  );
}

interface ListItem {
  id: number;
  name: string;
  uscc: string | null;
  filingNumber: string | null;
  type: keyof typeof organizationTypeLabels;
  status: OrganizationStatus;
  statusSince: string | null;
  registeredOn: string;
  street: string | null;
  community: string | null;
}

/** The search results; each name links to the record at `hrefOf(id)`. */
export function RegisterTable({ items, hrefOf, caption }: { items: ListItem[]; hrefOf: (id: number) => string; caption: string }) {
  if (!items.length) {
    return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">没有找到符合条件的社会组织。</p>;
  }
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">名称</th>
            <th scope="col" className="px-3 py-2">统一社会信用代码 / 备案号</th>
            <th scope="col" className="px-3 py-2">类型</th>
            <th scope="col" className="px-3 py-2">街道（镇）</th>
            <th scope="col" className="px-3 py-2">社区（村）</th>
            <th scope="col" className="px-3 py-2">登记（备案）日期</th>
            <th scope="col" className="px-3 py-2">状态</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <Link to={hrefOf(o.id)}>{o.name}</Link>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{o.uscc ?? o.filingNumber ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{organizationTypeLabels[o.type]}</td>
              <td className="px-3 py-2 whitespace-nowrap">{o.street ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{o.community ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDate(o.registeredOn)}</td>
              <td className="px-3 py-2">
                <OrganizationStatusBadge status={o.status} />
                {o.status !== "normal" && o.statusSince ? (
                  <span className="block text-xs text-slate-500">自 {formatDate(o.statusSince)}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
