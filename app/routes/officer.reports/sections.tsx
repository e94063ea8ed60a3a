/** The reports page's sections: the paragraph to paste, then one table per area of work. */
import type { ReactNode } from "react";
import { countedOrganizationsText, targetsText } from "../../domain/committees/coverage";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import { reportPercent, type ReportFigures } from "../../domain/statistics/paragraph";
import { formatDate } from "../../domain/shared/time";
import { DataTable, type Column } from "../../ui/data-table";
import { Bars } from "./bars";

export function ParagraphBox({ paragraph }: { paragraph: string }) {
  return (
    <section aria-labelledby="paragraph-heading" className="rounded border border-brand-100 bg-brand-50 p-5 print:border-slate-300 print:bg-white">
      <h2 id="paragraph-heading" className="text-lg font-semibold text-slate-900">
        报告段落
      </h2>
      <p className="mt-1 text-sm text-slate-600 print:hidden">可直接复制到工作报告。段落中的每个数字都来自下方表格。</p>
      <p className="mt-3 leading-7 text-slate-900">{paragraph}</p>
      <label className="mt-4 block text-sm print:hidden">
        <span className="text-slate-600">便于全选复制的文本</span>
        <textarea
          readOnly
          value={paragraph}
          rows={6}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 leading-6"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
    </section>
  );
}

function Section({ id, title, asOf, children }: { id: string; title: string; asOf?: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel print:break-inside-avoid print:shadow-none">
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {asOf ? (
        <p className="mb-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">本部分按现状统计，为截至 {formatDate(asOf)} 的数字，不是统计期末的数字。</p>
      ) : null}
      {children}
    </section>
  );
}

/** A table inside a section, captioned so that the caption tells what is counted and in which unit. */
function Figures<Row>({ caption, columns, rows, rowKey }: { caption: string; columns: Array<Column<Row>>; rows: Row[]; rowKey: (row: Row, i: number) => string | number }) {
  return <DataTable caption={caption} captionVisible framed={false} columns={columns} rows={rows} rowKey={rowKey} empty="没有数据。" />;
}

const kinds = ["social_group", "private_non_enterprise", "foundation", "community"] as const;
const sum = (k: ReportFigures["register"]) => kinds.reduce((n, t) => n + k[t], 0);
const rate = (part: number, whole: number) => (whole ? reportPercent(part / whole) : "—");
/** A numeric column. */
function figure<Row>(label: string, cell: (row: Row) => ReactNode): Column<Row> {
  return { label, numeric: true, cell };
}

export function OrganizationsSection({ figures }: { figures: ReportFigures }) {
  const { newRegistrations: fresh, register } = figures;
  const most = Math.max(1, ...kinds.map((t) => fresh[t]));
  const columns: Array<Column<(typeof kinds)[number]>> = [
    { label: "类型", rowHeader: true, cell: (t) => organizationTypeLabels[t] },
    { label: "新登记", numeric: true, cell: (t) => fresh[t], total: sum(fresh) },
    { label: "期末现有", numeric: true, cell: (t) => register[t], total: sum(register) },
  ];
  return (
    <Section id="orgs-heading" title="社会组织">
      <Bars rows={kinds.map((t) => ({ label: organizationTypeLabels[t], share: fresh[t] / most, text: `新登记 ${fresh[t]}` }))} />
      <Figures caption={`${figures.periodLabel}新登记和期末现有的社会组织，按类型（个）`} columns={columns} rows={[...kinds]} rowKey={(t) => t} />
      <p className="mt-2 text-xs text-slate-600">期末现有：期末时状态正常或列入活动异常名录的组织；期末前已注销或撤销的不计入。</p>
    </Section>
  );
}

export function ApplicationsSection({ figures }: { figures: ReportFigures }) {
  type Row = ReportFigures["applications"];
  const columns: Array<Column<Row>> = [
    figure("受理", (a: Row) => a.received),
    figure("办结", (a: Row) => a.decided),
    figure("法定期限内办结", (a: Row) => a.decidedInTime),
    figure("法定期限内办结比例", (a: Row) => rate(a.decidedInTime, a.decided)),
  ];
  return (
    <Section id="applications-heading" title="登记申请">
      <Figures caption={`${figures.periodLabel}受理和办结的登记申请（件）`} columns={columns} rows={[figures.applications]} rowKey={() => "applications"} />
    </Section>
  );
}

export function InspectionSection({ figures }: { figures: ReportFigures }) {
  const inspection = figures.inspection;
  if (!inspection) {
    return (
      <Section id="inspection-heading" title="年度检查">
        <p className="text-sm text-slate-700">统计期间结束时尚未开启任何年度的年检。</p>
      </Section>
    );
  }
  type Row = (typeof inspection.byKind)[number];
  const participation = (k: Row) => (k.due ? reportPercent(k.participationRate) : "—");
  const columns: Array<Column<Row>> = [
    { label: "类型", rowHeader: true, cell: (k) => organizationTypeLabels[k.type] },
    figure("应检", (k: Row) => k.due),
    figure("已报送", (k: Row) => k.filed),
    figure("参检率", participation),
    figure("合格", (k: Row) => k.conclusions.pass),
    figure("基本合格", (k: Row) => k.conclusions.basic_pass),
    figure("不合格", (k: Row) => k.conclusions.fail),
  ];
  return (
    <Section id="inspection-heading" title={`${inspection.year}年度检查`}>
      <Bars rows={inspection.byKind.map((k) => ({ label: organizationTypeLabels[k.type], share: k.participationRate, text: participation(k) }))} />
      <Figures caption={`${inspection.year}年度年检参检情况，按类型（个）`} columns={columns} rows={inspection.byKind} rowKey={(k) => k.type} />
    </Section>
  );
}

export function PartySection({ figures }: { figures: ReportFigures }) {
  const p = figures.party;
  type Row = { label: string; figure: ReportFigures["party"]["work"] };
  const columns: Array<Column<Row>> = [
    { label: "项目", rowHeader: true, cell: (r) => r.label },
    figure("已覆盖（个）", (r: Row) => r.figure.covered),
    figure("应覆盖（个）", (r: Row) => r.figure.total),
    figure("覆盖率", (r: Row) => (r.figure.total ? reportPercent(r.figure.rate) : "—")),
    figure("目标", () => reportPercent(p.target)),
  ];
  const rows: Row[] = [
    { label: "组织覆盖", figure: p.organizational },
    { label: "工作覆盖（含选派党建指导员）", figure: p.work },
  ];
  return (
    <Section id="party-heading" title="党组织覆盖" asOf={figures.currentAsOf}>
      <Figures caption={`社会组织党组织“两个覆盖”，目标 ${reportPercent(p.target)}`} columns={columns} rows={rows} rowKey={(r) => r.label} />
      <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
        <Figure label={`${figures.periodLabel}新建党支部`} value={`${p.branchesFounded} 个`} />
        <Figure label="党支部总数" value={`${p.branchesTotal} 个`} />
        <Figure label={`${figures.periodLabel}新增预备党员`} value={`${p.probationaryAdmitted} 人`} />
      </dl>
    </Section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded border border-slate-200 px-3 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

export function CommunitiesSection({ figures }: { figures: ReportFigures }) {
  type Row = ReportFigures["communities"];
  const columns: Array<Column<Row>> = [
    figure("社区（村）", (c: Row) => c.total),
    figure("目标（个/城市社区）", (c: Row) => c.target),
    figure("目标（个/村）", (c: Row) => c.villageTarget),
    figure("已达目标", (c: Row) => c.meetingTarget),
    figure("达标比例", (c: Row) => rate(c.meetingTarget, c.total)),
  ];
  return (
    <Section id="communities-heading" title="一居多会" asOf={figures.currentAsOf}>
      <Figures
        caption={`${targetsText({ community: figures.communities.target, village: figures.communities.villageTarget })}以上${countedOrganizationsText[figures.communities.counting]}的建立情况`}
        columns={columns}
        rows={[figures.communities]}
        rowKey={() => "communities"}
      />
    </Section>
  );
}

export function PostingsSection({ figures }: { figures: ReportFigures }) {
  type Row = ReportFigures["postings"];
  const columns: Array<Column<Row>> = [
    figure("村", (v: Row) => v.villages),
    figure("按期公开", (v: Row) => v.upToDate),
    figure("按期公开比例", (v: Row) => rate(v.upToDate, v.villages)),
  ];
  return (
    <Section id="postings-heading" title="村务公开" asOf={figures.currentAsOf}>
      <Figures caption="按期公开财务和村务的村" columns={columns} rows={[figures.postings]} rowKey={() => "postings"} />
    </Section>
  );
}
