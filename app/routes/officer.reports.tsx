import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { officerReach, streetChoice } from "../auth/scope.server";
import { requireReportReader } from "../auth/require.server";
import { organizationTypeLabels, type OrganizationType } from "../domain/organizations/rules";
import {
  halfYearOf,
  parsePartyPeriod,
  periodLabel,
  periodPresets,
} from "../domain/party/forms";
import { reportFigures } from "../domain/statistics/figures.server";
import { reportParagraph, reportPercent, type ReportFigures } from "../domain/statistics/paragraph";
import { placeChoices } from "../domain/places/queries.server";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { PageHeader } from "../ui/layout";
import { PeriodFilter, periodQuery } from "../ui/period-filter";
import { useNonce } from "../ui/nonce";
import { FormError } from "../ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.period ? `${periodLabel(data.period)} ` : ""}统计报表 - 登记管理` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireReportReader(request);
  const now = new Date();
  const today = shanghaiDate(now);
  const params = new URL(request.url).searchParams;
  const choice = streetChoice(officerReach(actor), await placeChoices());
  const canFilter = choice.canChoose;
  const units = choice.units.map((u) => ({ code: u.code, name: u.name }));
  const street = params.get("street")?.trim() || null;
  const base = {
    today,
    canFilter,
    units,
    street,
    presets: periodPresets(today),
    fromText: (params.get("from") ?? "").slice(0, 20),
    toText: (params.get("to") ?? "").slice(0, 20),
  };
  const parsed = parsePartyPeriod(params.get("from"), params.get("to"), today);
  if (!parsed.ok) {
    return data(
      { ...base, problem: parsed.problem, period: null, figures: null, paragraph: null },
      { status: 400 },
    );
  }
  // The domain refuses a street outside the officer's own area with a 404.
  const figures = await reportFigures(
    actor,
    { from: parsed.period.from, to: parsed.period.to, streetCode: street },
    now,
  );
  return {
    ...base,
    problem: null,
    period: parsed.period,
    figures,
    paragraph: reportParagraph(figures),
  };
}


// The site's header, footer and skip link are no part of a printed report.
const printCss = `@media print {
  body > header, body > footer, body > a[href="#main"] { display: none !important; }
  html, body { background: #fff !important; }
}`;

export default function ReportsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { problem, figures, paragraph, period, street, today } = loaderData;
  const nonce = useNonce();
  return (
    <>
      <style nonce={nonce} suppressHydrationWarning>
        {printCss}
      </style>
      <PageHeader
        title="统计报表"
        description={
          figures && period ? (
            <>
              {figures.scopeName} · {periodLabel(period)}（{formatDate(period.from)}至
              {formatDate(period.to)}）·
              社会组织登记、年度检查、党建、一居多会和村务公开的统计数字。生成于 {formatDate(today)}
              。
            </>
          ) : (
            "社会组织登记、年度检查、党建、一居多会和村务公开的统计数字。"
          )
        }
        actions={
          figures && period ? (
            <div className="flex flex-wrap gap-3 text-sm print:hidden">
              <a
                href={`/officer/reports.xlsx${periodQuery(period, street)}`}
                download
                className="rounded border border-slate-300 bg-white px-3 py-1.5"
              >
                导出 Excel（XLSX）
              </a>
              <a
                href={`/officer/reports.csv${periodQuery(period, street)}`}
                download
                className="rounded border border-slate-300 bg-white px-3 py-1.5"
              >
                导出 CSV
              </a>
              <button
                type="button"
                onClick={() => window.print()}
                className="rounded border border-slate-300 bg-white px-3 py-1.5"
              >
                打印
              </button>
            </div>
          ) : null
        }
      />
      <FormError errors={problem ? [problem] : null}>
        <Link to={`/officer/reports${periodQuery(null, street)}`}>
          查看本半年（{periodLabel(halfYearOf(today))}）的统计报表
        </Link>
      </FormError>
      <div className="print:hidden">
        <PeriodFilter
          path="/officer/reports"
          presets={loaderData.presets}
          period={loaderData.period}
          typed={{ from: loaderData.fromText, to: loaderData.toText }}
          street={loaderData.street}
          canFilter={loaderData.canFilter}
          units={loaderData.units}
        />
      </div>
      {figures && paragraph ? (
        <div className="flex flex-col gap-6">
          <ParagraphBox paragraph={paragraph} />
          <OrganizationsSection figures={figures} />
          <ApplicationsSection figures={figures} />
          <InspectionSection figures={figures} />
          <PartySection figures={figures} />
          <CommunitiesSection figures={figures} />
          <PostingsSection figures={figures} />
        </div>
      ) : null}
    </>
  );
}


function ParagraphBox({ paragraph }: { paragraph: string }) {
  return (
    <section
      aria-labelledby="paragraph-heading"
      className="rounded border border-brand-100 bg-brand-50 p-5 print:border-slate-300 print:bg-white"
    >
      <h2 id="paragraph-heading" className="text-lg font-semibold text-slate-900">
        报告段落
      </h2>
      <p className="mt-1 text-sm text-slate-600 print:hidden">
        可直接复制到工作报告。段落中的每个数字都来自下方表格。
      </p>
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

/* ------------------------------------------------------------------ tables and bars */

const cell = "px-3 py-2 text-right tabular-nums";
const headCell = "px-3 py-2 text-right";

function Section({ id, title, asOf, children }: { id: string; title: string; asOf?: string | null; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded border border-slate-200 bg-white p-5 shadow-sm print:break-inside-avoid print:shadow-none"
    >
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {asOf ? (
        <p className="mb-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          本部分按现状统计，为截至 {formatDate(asOf)} 的数字，不是统计期末的数字。
        </p>
      ) : null}
      {children}
    </section>
  );
}

function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="w-full text-sm">
        <caption className="mb-2 text-left text-sm text-slate-600">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

// Literal class names so Tailwind generates them; the CSP forbids inline styles.
const widthClasses = [
  "w-0",
  "w-[5%]",
  "w-[10%]",
  "w-[15%]",
  "w-[20%]",
  "w-[25%]",
  "w-[30%]",
  "w-[35%]",
  "w-[40%]",
  "w-[45%]",
  "w-[50%]",
  "w-[55%]",
  "w-[60%]",
  "w-[65%]",
  "w-[70%]",
  "w-[75%]",
  "w-[80%]",
  "w-[85%]",
  "w-[90%]",
  "w-[95%]",
  "w-full",
] as const;

/** The bar's width for a share from 0 to 1, in steps of 5%; a share above 0 always shows. */
function widthClass(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  const step = Math.round(clamped * 20);
  return widthClasses[clamped > 0 && step === 0 ? 1 : step] ?? "w-0";
}

/** Horizontal bars with the figure written beside each; decorative, the table holds the data. */
function Bars({ rows }: { rows: Array<{ label: string; share: number; text: string }> }) {
  return (
    <div aria-hidden="true" className="mb-4 flex flex-col gap-2 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="flex items-center gap-3">
          <span className="w-32 shrink-0 text-slate-700">{r.label}</span>
          <div className="h-4 flex-1 rounded bg-slate-100">
            <div className={`h-4 rounded bg-brand-600 print:bg-slate-700 ${widthClass(r.share)}`} />
          </div>
          <span className="w-20 shrink-0 text-right tabular-nums text-slate-900">{r.text}</span>
        </div>
      ))}
    </div>
  );
}

const kinds = ["social_group", "private_non_enterprise", "foundation", "community"] as const;
const sum = (k: ReportFigures["register"]) => kinds.reduce((n, t) => n + k[t], 0);
const rate = (part: number, whole: number) => (whole ? reportPercent(part / whole) : "—");

function OrganizationsSection({ figures }: { figures: ReportFigures }) {
  const { newRegistrations: fresh, register } = figures;
  const most = Math.max(1, ...kinds.map((t) => fresh[t]));
  return (
    <Section id="orgs-heading" title="社会组织">
      <Bars
        rows={kinds.map((t) => ({
          label: organizationTypeLabels[t as OrganizationType],
          share: fresh[t] / most,
          text: `新登记 ${fresh[t]}`,
        }))}
      />
      <Table caption={`${figures.periodLabel}新登记和期末现有的社会组织，按类型（个）`}>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              类型
            </th>
            <th scope="col" className={headCell}>
              新登记
            </th>
            <th scope="col" className={headCell}>
              期末现有
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {kinds.map((t) => (
            <tr key={t}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {organizationTypeLabels[t as OrganizationType]}
              </th>
              <td className={cell}>{fresh[t]}</td>
              <td className={cell}>{register[t]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-medium">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              合计
            </th>
            <td className={cell}>{sum(fresh)}</td>
            <td className={cell}>{sum(register)}</td>
          </tr>
        </tfoot>
      </Table>
      <p className="mt-2 text-xs text-slate-600">
        期末现有：期末时状态正常或列入活动异常名录的组织；期末前已注销或撤销的不计入。
      </p>
    </Section>
  );
}

function ApplicationsSection({ figures }: { figures: ReportFigures }) {
  const a = figures.applications;
  return (
    <Section id="applications-heading" title="登记申请">
      <Table caption={`${figures.periodLabel}受理和办结的登记申请（件）`}>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className={headCell}>
              受理
            </th>
            <th scope="col" className={headCell}>
              办结
            </th>
            <th scope="col" className={headCell}>
              60日内办结
            </th>
            <th scope="col" className={headCell}>
              60日内办结比例
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className={cell}>{a.received}</td>
            <td className={cell}>{a.decided}</td>
            <td className={cell}>{a.decidedWithin60Days}</td>
            <td className={cell}>{rate(a.decidedWithin60Days, a.decided)}</td>
          </tr>
        </tbody>
      </Table>
    </Section>
  );
}

function InspectionSection({ figures }: { figures: ReportFigures }) {
  const inspection = figures.inspection;
  if (!inspection) {
    return (
      <Section id="inspection-heading" title="年度检查">
        <p className="text-sm text-slate-700">统计期间结束时尚未开启任何年度的年检。</p>
      </Section>
    );
  }
  return (
    <Section id="inspection-heading" title={`${inspection.year}年度检查`}>
      <Bars
        rows={inspection.byKind.map((k) => ({
          label: organizationTypeLabels[k.type],
          share: k.participationRate,
          text: k.due ? reportPercent(k.participationRate) : "—",
        }))}
      />
      <Table caption={`${inspection.year}年度年检参检情况，按类型（个）`}>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              类型
            </th>
            <th scope="col" className={headCell}>
              应检
            </th>
            <th scope="col" className={headCell}>
              已报送
            </th>
            <th scope="col" className={headCell}>
              参检率
            </th>
            <th scope="col" className={headCell}>
              合格
            </th>
            <th scope="col" className={headCell}>
              基本合格
            </th>
            <th scope="col" className={headCell}>
              不合格
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {inspection.byKind.map((k) => (
            <tr key={k.type}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {organizationTypeLabels[k.type]}
              </th>
              <td className={cell}>{k.due}</td>
              <td className={cell}>{k.filed}</td>
              <td className={cell}>{k.due ? reportPercent(k.participationRate) : "—"}</td>
              <td className={cell}>{k.conclusions.pass}</td>
              <td className={cell}>{k.conclusions.basic_pass}</td>
              <td className={cell}>{k.conclusions.fail}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}

function PartySection({ figures }: { figures: ReportFigures }) {
  const p = figures.party;
  const coverage = [
    { label: "组织覆盖", figure: p.organizational },
    { label: "工作覆盖（含选派党建指导员）", figure: p.work },
  ];
  return (
    <Section id="party-heading" title="党组织覆盖" asOf={figures.currentAsOf}>
      <Table caption={`社会组织党组织“两个覆盖”，目标 ${reportPercent(p.target)}`}>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              项目
            </th>
            <th scope="col" className={headCell}>
              已覆盖（个）
            </th>
            <th scope="col" className={headCell}>
              应覆盖（个）
            </th>
            <th scope="col" className={headCell}>
              覆盖率
            </th>
            <th scope="col" className={headCell}>
              目标
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {coverage.map(({ label, figure }) => (
            <tr key={label}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {label}
              </th>
              <td className={cell}>{figure.covered}</td>
              <td className={cell}>{figure.total}</td>
              <td className={cell}>{figure.total ? reportPercent(figure.rate) : "—"}</td>
              <td className={cell}>{reportPercent(p.target)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
        <Figure label={`${figures.periodLabel}新建党支部`} value={`${p.branchesFounded} 个`} />
        <Figure label="党支部总数" value={`${p.branchesTotal} 个`} />
        <Figure
          label={`${figures.periodLabel}新增预备党员`}
          value={`${p.probationaryAdmitted} 人`}
        />
      </dl>
    </Section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded border border-slate-200 px-3 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

function CommunitiesSection({ figures }: { figures: ReportFigures }) {
  const c = figures.communities;
  return (
    <Section id="communities-heading" title="一居多会" asOf={figures.currentAsOf}>
      <Table caption={`每个社区（村）建立 ${c.target} 个以上社区社会组织的情况`}>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className={headCell}>
              社区（村）
            </th>
            <th scope="col" className={headCell}>
              目标（个/社区）
            </th>
            <th scope="col" className={headCell}>
              已达目标
            </th>
            <th scope="col" className={headCell}>
              达标比例
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className={cell}>{c.total}</td>
            <td className={cell}>{c.target}</td>
            <td className={cell}>{c.meetingTarget}</td>
            <td className={cell}>{rate(c.meetingTarget, c.total)}</td>
          </tr>
        </tbody>
      </Table>
    </Section>
  );
}

function PostingsSection({ figures }: { figures: ReportFigures }) {
  const v = figures.postings;
  return (
    <Section id="postings-heading" title="村务公开" asOf={figures.currentAsOf}>
      <Table caption="按期公开财务和村务的村">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className={headCell}>
              村
            </th>
            <th scope="col" className={headCell}>
              按期公开
            </th>
            <th scope="col" className={headCell}>
              按期公开比例
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className={cell}>{v.villages}</td>
            <td className={cell}>{v.upToDate}</td>
            <td className={cell}>{rate(v.upToDate, v.villages)}</td>
          </tr>
        </tbody>
      </Table>
    </Section>
  );
}
