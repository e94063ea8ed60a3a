import { percent, type RateFigure } from "../../domain/party/rules";
import { ShareBar } from "../../ui/community-progress";
import { Badge, Panel } from "../../ui/layout";
import type { Overview } from "./route";

/** Organizations still to cover for a rate to reach the target; 0 when it is met. */
export function shortfall(figure: RateFigure, target: number): number {
  // The small tolerance keeps 0.55 × 100 at 55, not 55.00000000000001 rounded up to 56.
  return Math.max(0, Math.ceil(target * figure.total - 1e-9) - figure.covered);
}

function TargetMark({ figure, target }: { figure: RateFigure; target: number }) {
  if (!figure.total) return null;
  const short = shortfall(figure, target);
  return short ? (
    <Badge tone="red">未达目标，差 {short} 个</Badge>
  ) : (
    <Badge tone="green">已达目标</Badge>
  );
}

function RateCard({
  label,
  figure,
  target,
  counts,
}: {
  label: string;
  figure: RateFigure;
  target: number;
  counts: string;
}) {
  return (
    <div className="rounded border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1">
        <span className="text-2xl font-semibold text-slate-900 tabular-nums">
          {percent(figure.rate)}
        </span>
        <span className="ml-1 text-sm text-slate-700">{counts}</span>
      </dd>
      <dd className="mt-2">
        <ShareBar share={figure.rate} />
      </dd>
      <dd className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        目标 {percent(target)} <TargetMark figure={figure} target={target} />
      </dd>
    </div>
  );
}

/** The two coverages against the target, with what each counts. */
export function Headline({ overview }: { overview: Overview }) {
  const { total, target } = overview;
  const { organizational, work } = total;
  const instructors = work.covered - organizational.covered;
  if (!organizational.total) {
    return (
      <Panel>
        <p className="text-slate-700">
          所选范围内没有应覆盖的社会组织（登记在册的社会团体、民办非企业单位和基金会）。
        </p>
      </Panel>
    );
  }
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading" className="sr-only">
        覆盖率
      </h2>
      <dl className="grid gap-4 md:grid-cols-2">
        <RateCard
          label="组织覆盖率"
          figure={organizational}
          target={target}
          counts={`（已建党组织 ${organizational.covered} 个 / 应覆盖 ${organizational.total} 个）`}
        />
        <RateCard
          label="工作覆盖率（含选派党建指导员）"
          figure={work}
          target={target}
          counts={`（已覆盖 ${work.covered} 个，其中选派党建指导员 ${instructors} 个 / 应覆盖 ${work.total} 个）`}
        />
      </dl>
      <p className="mt-2 text-xs text-slate-600">
        应覆盖：登记在册、状态正常或列入活动异常名录的社会团体、民办非企业单位和基金会；社区社会组织不计入。目标为区级设置的覆盖率目标。
      </p>
    </section>
  );
}
