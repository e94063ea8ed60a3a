import { formatShare } from "../../domain/committees/coverage";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import { Panel, Stat } from "../../ui/layout";
import { shortKindLabels, TallyTable } from "../../ui/officer-inspection";
import type { YearPage } from "./route";

/** The year's figures in the seed documents' words, the totals, and the tallies by kind and by street. */
export function Figures({ page }: { page: YearPage }) {
  const { year, total, byKind, byStreet, conclusions, pastDeadline, daysToDeadline } = page;
  return (
    <>
      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          参检情况
        </h2>
        <ul className="mb-4 space-y-1 text-base text-slate-900">
          {byKind.map((k) => (
            <li key={k.type}>
              应参加 <strong className="tabular-nums">{k.due}</strong> 个{shortKindLabels[k.type]}，已报送{" "}
              <strong className="tabular-nums">{formatShare(k.participationRate)}</strong>
            </li>
          ))}
        </ul>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <Stat label="应参加" value={total.due} />
          <Stat label="已报送" value={total.filed} hint={`参检率 ${formatShare(total.participationRate)}`} />
          <Stat label="未报送" value={total.notFiled} hint={pastDeadline ? "已过截止日期" : `距截止还有 ${daysToDeadline} 天`} />
          <Stat label="退回修改" value={total.returned} />
          <Stat
            label="已作结论"
            value={total.concluded}
            hint={`合格 ${conclusions.pass} · 基本合格 ${conclusions.basic_pass} · 不合格 ${conclusions.fail}`}
          />
        </dl>
      </section>

      <Panel title="按组织类型" className="mt-6">
        <TallyTable
          caption={`${year} 年度年检按组织类型的参检情况`}
          heading="组织类型"
          rows={byKind.map((k) => ({ key: k.type, label: organizationTypeLabels[k.type], ...k }))}
        />
      </Panel>
      <Panel title="按街道（镇）" className="mt-6">
        <TallyTable caption={`${year} 年度年检按街道（镇）的参检情况`} heading="街道（镇）" rows={byStreet.map((s) => ({ key: s.street, label: s.street, ...s }))} />
      </Panel>
    </>
  );
}
