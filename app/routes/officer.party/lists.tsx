import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import { coverageLabels, ownBranchMinimum } from "../../domain/party/rules";
import { DataTable, type Column } from "../../ui/data-table";
import { Panel } from "../../ui/layout";
import type { Overview } from "./route";

type Listed = Overview["uncovered"][number];

/** A long list scrolls inside its box, so the panels after it stay within reach. */
export function ListRegion({
  rows,
  label,
  children,
}: {
  rows: number;
  label: string;
  children: ReactNode;
}) {
  if (rows <= 15) return <>{children}</>;
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="max-h-[32rem] overflow-auto rounded focus:outline-2 focus:outline-brand-700"
    >
      {children}
    </div>
  );
}

/** The organization's name, leading to its party section. */
export function organizationLink(r: { id: number; name: string }) {
  return <Link to={`/officer/orgs/${r.id}#party`}>{r.name}</Link>;
}

const street: Column<Listed> = {
  label: "所属街道（镇）",
  cell: (r) => r.street ?? "—",
  className: "whitespace-nowrap",
};

const uncoveredColumns: Array<Column<Listed>> = [
  { label: "组织", cell: organizationLink },
  street,
  { label: "类型", cell: (r) => organizationTypeLabels[r.type], className: "whitespace-nowrap" },
];

/** Organizations with neither a party organization nor an instructor, by street. */
export function UncoveredPanel({ overview }: { overview: Overview }) {
  const { uncovered } = overview;
  const caption = `未覆盖的组织，共 ${uncovered.length} 个`;
  return (
    <Panel title="未覆盖的组织" className="mt-6">
      {uncovered.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            共 {uncovered.length}{" "}
            个：既未建立或纳入党组织，也未选派党建指导员。点击名称可在组织页面录入党建信息。
          </p>
          <ListRegion rows={uncovered.length} label={caption}>
            <DataTable
              caption={caption}
              columns={uncoveredColumns}
              rows={uncovered}
              rowKey={(r) => r.id}
              empty=""
            />
          </ListRegion>
        </>
      ) : (
        <p className="text-slate-700">所选范围内应覆盖的组织均已覆盖。</p>
      )}
    </Panel>
  );
}

const ownBranchDueColumns: Array<Column<Listed>> = [
  { label: "组织", cell: organizationLink },
  street,
  { label: "正式党员", numeric: true, cell: (r) => `${r.formalMembers} 名` },
  {
    label: "现覆盖方式",
    cell: (r) => `${coverageLabels[r.coverage]}${r.branchName ? `：${r.branchName}` : ""}`,
  },
];

/** Organizations with enough formal members for an own branch that have none yet, those in a joint branch first. */
export function OwnBranchDuePanel({ overview }: { overview: Overview }) {
  const { ownBranchDue } = overview;
  const caption = `正式党员 ${ownBranchMinimum} 名以上、尚未单独组建党支部的组织，共 ${ownBranchDue.length} 个`;
  return (
    <Panel title={`正式党员${ownBranchMinimum}名以上仍在联合党支部（应单独组建）`} className="mt-6">
      {ownBranchDue.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            正式党员 {ownBranchMinimum} 名以上的组织应单独组建党支部。共 {ownBranchDue.length}{" "}
            个尚未单独组建，仍在联合党支部的排在前面，也列出仅选派党建指导员或尚未覆盖的。
          </p>
          <ListRegion rows={ownBranchDue.length} label={caption}>
            <DataTable
              caption={caption}
              columns={ownBranchDueColumns}
              rows={ownBranchDue}
              rowKey={(r) => r.id}
              empty=""
            />
          </ListRegion>
        </>
      ) : (
        <p className="text-slate-700">
          正式党员 {ownBranchMinimum} 名以上的组织均已单独组建党支部。
        </p>
      )}
    </Panel>
  );
}
