import { gradeLabel } from "../domain/evaluations/rules";
import { Link } from "@remix-run/react";
import { organizationStatusLabels, organizationStatusTones, organizationTypeLabels, type OrganizationStatus } from "../domain/organizations/rules";
import type { RegisterQuery } from "../domain/organizations/forms";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";
import { DataTable, type Column } from "./data-table";
import { choicesOf, FilterForm, SelectFilter, TextFilter } from "./filter-form";

export function OrganizationStatusBadge({ status }: { status: OrganizationStatus }) {
  return <Badge tone={organizationStatusTones[status]}>{organizationStatusLabels[status]}</Badge>;
}

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
    <FilterForm label="查询社会组织" submitLabel="查询" panel>
      <TextFilter label="名称、统一社会信用代码或备案号" name="q" defaultValue={query.q ?? ""} maxLength={60} placeholder="如“书法”或 18 位代码" wide />
      <SelectFilter label="类型" name="type" options={choicesOf(organizationTypeLabels)} defaultValue={query.type ?? ""} all="全部类型" />
      <SelectFilter label="状态" name="status" options={choicesOf(organizationStatusLabels)} defaultValue={query.status ?? ""} all="全部状态" />
      <SelectFilter label="评估等级" name="grade" options={[5, 4, 3, 2, 1].map((g) => ({ value: String(g), label: gradeLabel(g) }))} defaultValue={query.grade ? String(query.grade) : ""} all="不限" />
      {streets.length ? (
        <SelectFilter label="街道（镇）" name="street" options={streets.map((s) => ({ value: s.code, label: s.name }))} defaultValue={query.street ?? ""} all="全部街道（镇）" />
      ) : null}
    </FilterForm>
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
  return <DataTable caption={caption} columns={registerColumns(hrefOf)} rows={items} rowKey={(o) => o.id} rowClassName={() => "align-top"} empty="没有找到符合条件的社会组织。" />;
}

function registerColumns(hrefOf: (id: number) => string): Array<Column<ListItem>> {
  return [
    { label: "名称", rowHeader: true, cell: (o) => <Link to={hrefOf(o.id)}>{o.name}</Link> },
    { label: "统一社会信用代码 / 备案号", className: "font-mono text-xs", cell: (o) => o.uscc ?? o.filingNumber ?? "—" },
    { label: "类型", className: "whitespace-nowrap", cell: (o) => organizationTypeLabels[o.type] },
    { label: "街道（镇）", className: "whitespace-nowrap", cell: (o) => o.street ?? "—" },
    { label: "社区（村）", className: "whitespace-nowrap", cell: (o) => o.community ?? "—" },
    { label: "登记（备案）日期", className: "whitespace-nowrap", cell: (o) => formatDate(o.registeredOn) },
    {
      label: "状态",
      cell: (o) => (
        <>
          <OrganizationStatusBadge status={o.status} />
          {o.status !== "normal" && o.statusSince ? <span className="block text-xs text-slate-500">自 {formatDate(o.statusSince)}</span> : null}
        </>
      ),
    },
  ];
}
