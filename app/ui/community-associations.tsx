import { Link } from "@remix-run/react";
import { communityCategories, countedStatusesNote, targetLevelLabels, type PlaceAssociations } from "../domain/committees/coverage";
import { communityCategoryLabels, isFiled, organizationStatusLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { ShareBar } from "./community-progress";
import { Badge, Panel } from "./layout";

/** The public "社区社会组织" panel of a community's or village's page: counts by category against the target. */
export function CommunityAssociationsPanel({ associations, className = "" }: { associations: PlaceAssociations; className?: string }) {
  const { total, target, level, counting, meetsTarget, byCategory, organizations } = associations;
  const both = counting === "registered_and_filed";
  return (
    <Panel title="社区社会组织" className={className}>
      {/* Progress in plain figures for residents, never a red mark (the officers' pages mark those short of the target). */}
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-lg">
          已有 <strong className="tabular-nums">{total}</strong> 个，目标 <strong className="tabular-nums">{target}</strong> 个
        </span>
        {meetsTarget ? <Badge tone="green">已达到目标</Badge> : null}
      </p>
      <ShareBar share={target ? Math.min(1, total / target) : 1} className="mt-2 max-w-sm" />
      <p className="mt-2 text-sm text-slate-600">
        本区“一居多会”目标为每个{targetLevelLabels[level]}不少于 {target} 个社区社会组织。
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {communityCategories.map((category) => (
          <div key={category} className="rounded border border-slate-200 px-3 py-2">
            <dt className="text-sm text-slate-600">{communityCategoryLabels[category]}</dt>
            <dd className="text-xl font-semibold tabular-nums">{byCategory[category]}</dd>
          </div>
        ))}
      </dl>
      {organizations.length ? (
        <ul className="mt-4 grid gap-1 text-sm sm:grid-cols-2">
          {organizations.map((org) => (
            <li key={org.id}>
              <Link to={`/orgs/${org.id}`}>{org.name}</Link>
              <span className="ml-2 text-xs text-slate-600">
                {/* A registered one says so: the filed ones are the usual kind. */}
                {isFiled(org.type) ? "" : `${organizationTypeLabels[org.type]} · `}
                {org.category ? communityCategoryLabels[org.category] : "未分类"}
                {org.status === "abnormal" ? ` · ${organizationStatusLabels.abnormal}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-sm text-slate-600">{both ? "暂无登记或备案的社区社会组织。" : "暂无已备案的社区社会组织。"}</p>
      )}
      <p className="mt-4 text-xs text-slate-600">{countedStatusesNote(counting)}</p>
    </Panel>
  );
}
