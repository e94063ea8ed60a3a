import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { officerReach, streetChoice } from "../auth/scope.server";
import { requirePermission } from "../auth/require.server";
import { placeChoices } from "../domain/places/queries.server";
import type { ComplianceCell } from "../domain/postings/rules";
import { complianceOverview } from "../domain/postings/postings.server";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { ComplianceCellMark, ComplianceLegend } from "../ui/posting-view";
import { FormError } from "../ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.year ? `${data.year} 年` : ""}村务公开监督 - 登记管理` },
];

/** The first year the platform keeps village-affairs postings for. */
const firstYear = 2000;

/** A four-digit year from firstYear to this year; blank means this year, anything else null. */
function parseYear(text: string | null, currentYear: number): number | null {
  const value = (text ?? "").trim();
  if (!value) return currentYear;
  if (!/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= firstYear && year <= currentYear ? year : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "posting:monitor");
  const now = new Date();
  const today = shanghaiDate(now);
  const currentYear = Number(today.slice(0, 4));
  const params = new URL(request.url).searchParams;
  // A street officer sees only the own street or town; the domain limits the rows the same way.
  const choice = streetChoice(officerReach(actor), await placeChoices());
  const units = choice.units.map((u) => ({
    code: u.code,
    name: u.name,
    villages: u.children.filter((c) => c.level === "village").length,
  }));
  const canFilter = choice.canChoose;
  const base = {
    today,
    currentYear,
    canFilter,
    scopeName: choice.scopeName,
    // Only streets and towns that have villages are worth choosing.
    streetChoices: canFilter
      ? units.filter((u) => u.villages > 0).map(({ code, name }) => ({ code, name }))
      : [],
  };

  const streetParam = params.get("street")?.trim() || null;
  const selected = streetParam ? units.find((u) => u.code === streetParam) : null;
  const year = parseYear(params.get("year"), currentYear);
  if (selected === undefined || year === null) {
    const problem =
      year === null
        ? `无法显示“${(params.get("year") ?? "").slice(0, 20)}”年度：年度应为 ${firstYear} 年至 ${currentYear} 年之间的四位数字年份。`
        : "找不到该街道（镇），或它不在您的管辖范围内。";
    return data(
      { ...base, year: null, selected: null, problem, overview: null },
      { status: year === null ? 400 : 404 },
    );
  }

  const overview = await complianceOverview(
    actor,
    { year, streetCode: selected?.code ?? null },
    now,
  );
  const missingCount = (cells: ComplianceCell[]) =>
    cells.filter((c) => c.status === "missing").length;
  const rows = overview.rows.map((r) => ({
    code: r.village.code,
    name: r.village.name,
    streetCode: r.village.streetCode,
    streetName: r.village.streetName,
    finance: r.finance,
    villageAffairs: r.villageAffairs,
    missing: r.missing.map((m) => m.label),
    missingMonths: missingCount(r.finance),
    missingQuarters: missingCount(r.villageAffairs),
    upToDate: r.upToDate,
  }));
  return {
    ...base,
    year,
    selected: selected ? { code: selected.code, name: selected.name } : null,
    problem: null,
    overview: {
      months: overview.months,
      quarters: overview.quarters,
      streets: overview.streets,
      rows,
      // Most missing first; Array.prototype.sort is stable, so ties keep the street's own order.
      behind: rows.filter((r) => !r.upToDate).sort((a, b) => b.missing.length - a.missing.length),
    },
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Overview = NonNullable<LoaderData["overview"]>;
type VillageRow = Overview["rows"][number];

function pageLink(year: number, street: string | null | undefined): string {
  const params = new URLSearchParams({ year: String(year) });
  if (street) params.set("street", street);
  return `/officer/postings?${params}`;
}

const quarterHeadings = ["一季度", "二季度", "三季度", "四季度"];

export default function PostingCompliancePage() {
  const loaderData = useLoaderData<typeof loader>();
  const { today, currentYear, scopeName, selected, problem, overview } = loaderData;
  const year = loaderData.year ?? currentYear;
  return (
    <>
      <PageHeader
        title="村务公开监督"
        description={
          <>
            {scopeName}
            {selected ? ` · ${selected.name}` : ""} ·
            各村应每月公开财务收支，至少每季度公开一次村务。月度财务应于次月底前公开，季度村务应于季度结束后的次月底前公开。统计截至{" "}
            {formatDate(today)}。
          </>
        }
      />
      <FormError errors={problem ? [problem] : null}>
        <Link to={pageLink(currentYear, null)}>查看 {currentYear} 年的村务公开情况</Link>
      </FormError>
      {overview && loaderData.year ? (
        <>
          <YearNav year={loaderData.year} currentYear={currentYear} street={selected?.code} />
          <Filters
            year={loaderData.year}
            currentYear={currentYear}
            selected={selected?.code ?? ""}
            streets={loaderData.streetChoices}
            canFilter={loaderData.canFilter}
          />
          {overview.rows.length ? (
            <>
              <Figures overview={overview} />
              <StreetsPanel year={year} overview={overview} canFilter={loaderData.canFilter} />
              <GridPanel year={year} overview={overview} />
              <MissingPanel year={year} behind={overview.behind} />
            </>
          ) : (
            <Panel className="mt-6">
              <p className="text-slate-700">
                所选范围内没有村。村务公开监督只涉及村；街道下设的社区不在此列。
              </p>
            </Panel>
          )}
        </>
      ) : null}
    </>
  );
}

function YearNav({
  year,
  currentYear,
  street,
}: {
  year: number;
  currentYear: number;
  street: string | undefined;
}) {
  return (
    <nav aria-label="年度翻页" className="mb-4 flex flex-wrap items-center gap-4 text-sm">
      {year > firstYear ? (
        <Link to={pageLink(year - 1, street)}>‹ 上一年（{year - 1} 年）</Link>
      ) : null}
      <span aria-current="page" className="text-base font-semibold text-slate-900">
        {year} 年
      </span>
      {year < currentYear ? (
        <Link to={pageLink(year + 1, street)}>下一年（{year + 1} 年）›</Link>
      ) : null}
      {year < currentYear ? <Link to={pageLink(currentYear, street)}>回到本年度</Link> : null}
    </nav>
  );
}

function Filters({
  year,
  currentYear,
  selected,
  streets,
  canFilter,
}: {
  year: number;
  currentYear: number;
  selected: string;
  streets: Array<{ code: string; name: string }>;
  canFilter: boolean;
}) {
  const years = Array.from({ length: currentYear - firstYear + 1 }, (_, i) => currentYear - i);
  return (
    <Form method="get" className="mb-6 flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col">
        <span className="text-slate-600">年度</span>
        <select
          name="year"
          defaultValue={year}
          className="rounded border border-slate-300 bg-white px-2 py-1.5"
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y} 年
            </option>
          ))}
        </select>
      </label>
      {canFilter ? (
        <label className="flex flex-col">
          <span className="text-slate-600">街道（镇）</span>
          <select
            name="street"
            defaultValue={selected}
            className="rounded border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="">全区</option>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
        查看
      </button>
    </Form>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const { rows } = overview;
  const upToDate = rows.filter((r) => r.upToDate).length;
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading" className="sr-only">
        总体情况
      </h2>
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="村" value={rows.length} />
        <Stat
          label="已到期期间均已公开"
          value={upToDate}
          hint={rows.length ? `占 ${Math.round((upToDate / rows.length) * 100)}%` : undefined}
        />
        <Stat
          label="缺失财务收支"
          value={`${rows.reduce((n, r) => n + r.missingMonths, 0)} 个月`}
          hint={`涉及 ${rows.filter((r) => r.missingMonths).length} 个村`}
        />
        <Stat
          label="缺失村务"
          value={`${rows.reduce((n, r) => n + r.missingQuarters, 0)} 个季度`}
          hint={`涉及 ${rows.filter((r) => r.missingQuarters).length} 个村`}
        />
      </dl>
    </section>
  );
}

function StreetsPanel({
  year,
  overview,
  canFilter,
}: {
  year: number;
  overview: Overview;
  canFilter: boolean;
}) {
  const { streets } = overview;
  const total = streets.reduce(
    (sum, s) => ({
      villages: sum.villages + s.villages,
      upToDate: sum.upToDate + s.upToDate,
      missingMonths: sum.missingMonths + s.missingMonths,
      missingQuarters: sum.missingQuarters + s.missingQuarters,
    }),
    { villages: 0, upToDate: 0, missingMonths: 0, missingQuarters: 0 },
  );
  const figures = (s: typeof total) => (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{s.villages}</td>
      <td className="px-3 py-2 text-right tabular-nums">{s.upToDate}</td>
      <td className="px-3 py-2 text-right tabular-nums">{s.villages - s.upToDate}</td>
      <td className="px-3 py-2 text-right tabular-nums">{s.missingMonths}</td>
      <td className="px-3 py-2 text-right tabular-nums">{s.missingQuarters}</td>
    </>
  );
  return (
    <Panel title="各街道（镇）情况" className="mt-6">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm whitespace-nowrap">
          <caption className="sr-only">
            {year} 年各街道（镇）村务公开情况：已到期的期间中缺失的月份和季度
          </caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                街道（镇）
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                村
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                无缺失的村
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                有缺失的村
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                缺失财务收支（村·月）
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                缺失村务（村·季度）
              </th>
            </tr>
          </thead>
          <tbody>
            {streets.map((s) => (
              <tr key={s.code} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 font-normal">
                  {canFilter && streets.length > 1 ? (
                    <Link to={pageLink(year, s.code)}>{s.name}</Link>
                  ) : (
                    s.name
                  )}
                </th>
                {figures(s)}
              </tr>
            ))}
          </tbody>
          {streets.length > 1 ? (
            <tfoot className="border-t-2 border-slate-300 font-medium">
              <tr>
                <th scope="row" className="px-3 py-2">
                  合计
                </th>
                {figures(total)}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </Panel>
  );
}

function GridPanel({ year, overview }: { year: number; overview: Overview }) {
  const { months, quarters, rows } = overview;
  const columns = 1 + months.length + quarters.length + 2;
  // Rows come in the street's order, so a street's villages are adjacent.
  const groups: Array<{ code: string; name: string; rows: VillageRow[] }> = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.code === row.streetCode) last.rows.push(row);
    else groups.push({ code: row.streetCode, name: row.streetName, rows: [row] });
  }
  const captionId = "grid-caption";
  return (
    <Panel title="逐月逐季公开情况" className="mt-6">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        <span>图例：</span>
        <ComplianceLegend />
      </div>
      <p className="mb-3 text-sm text-slate-600">
        每格是一个期间：“✓”按时公开，“迟”超过期限后才公开，“缺”已过期限仍未公开，“…”尚未到公开期限，空白为期间尚未开始。格子的提示中有公开日期或公开期限。
      </p>
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        // A long district list scrolls inside the box so the months stay in view; a town's twenty villages show whole.
        className={`relative overflow-auto rounded border border-slate-200 focus:outline-2 focus:outline-brand-700 ${rows.length > 30 ? "max-h-[80vh]" : ""}`}
      >
        <table className="min-w-max border-separate border-spacing-0 text-left text-sm">
          <caption id={captionId} className="px-3 py-2 text-left text-slate-700">
            {year} 年各村财务收支（按月）和村务（按季度）公开情况
          </caption>
          <colgroup>
            <col />
          </colgroup>
          <colgroup span={months.length} />
          <colgroup span={quarters.length} />
          <colgroup span={2} />
          <thead className="sticky top-0 z-20 bg-white text-slate-600">
            <tr>
              <th
                scope="col"
                rowSpan={2}
                className="sticky left-0 z-30 border-b border-slate-200 bg-white px-3 py-2 align-bottom"
              >
                村
              </th>
              <th
                scope="colgroup"
                colSpan={months.length}
                className="border-l border-slate-200 px-2 pt-2 text-center font-medium"
              >
                财务收支（按月）
              </th>
              <th
                scope="colgroup"
                colSpan={quarters.length}
                className="border-l border-slate-200 px-2 pt-2 text-center font-medium"
              >
                村务（按季度）
              </th>
              <th
                scope="col"
                rowSpan={2}
                className="border-b border-l border-slate-200 px-3 py-2 text-right align-bottom"
              >
                缺失期间
              </th>
              <th
                scope="col"
                rowSpan={2}
                className="border-b border-slate-200 px-3 py-2 align-bottom"
              >
                公开记录
              </th>
            </tr>
            <tr>
              {months.map((m, i) => (
                <th
                  key={m.key}
                  scope="col"
                  className={`border-b border-slate-200 px-1 py-1 text-center text-xs font-normal ${i === 0 ? "border-l" : ""}`}
                >
                  {i + 1}月
                </th>
              ))}
              {quarters.map((q, i) => (
                <th
                  key={q.key}
                  scope="col"
                  className={`border-b border-slate-200 px-1 py-1 text-center text-xs font-normal ${i === 0 ? "border-l" : ""}`}
                >
                  {quarterHeadings[i]}
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.code}>
              {groups.length > 1 ? (
                <tr>
                  <th
                    scope="rowgroup"
                    colSpan={columns}
                    className="border-b border-slate-200 bg-slate-50 p-0 text-left font-medium text-slate-800"
                  >
                    <span className="sticky left-0 inline-block px-3 py-1.5">
                      {group.name}（{group.rows.length} 个村）
                    </span>
                  </th>
                </tr>
              ) : null}
              {group.rows.map((row) => (
                <tr key={row.code} className="hover:bg-slate-50">
                  <th
                    scope="row"
                    className="sticky left-0 z-10 border-b border-slate-100 bg-white px-3 py-1 font-normal whitespace-nowrap"
                  >
                    <Link to={`/villages/${row.code}`}>{row.name}</Link>
                  </th>
                  {row.finance.map((cell, i) => (
                    <td
                      key={cell.period.key}
                      className={`border-b border-slate-100 px-1 py-1 text-center ${i === 0 ? "border-l border-l-slate-200" : ""}`}
                    >
                      <ComplianceCellMark cell={cell} />
                    </td>
                  ))}
                  {row.villageAffairs.map((cell, i) => (
                    <td
                      key={cell.period.key}
                      className={`border-b border-slate-100 px-1 py-1 text-center ${i === 0 ? "border-l border-l-slate-200" : ""}`}
                    >
                      <ComplianceCellMark cell={cell} />
                    </td>
                  ))}
                  <td className="border-b border-l border-slate-100 border-l-slate-200 px-3 py-1 text-right tabular-nums">
                    {row.missing.length ? (
                      <span className="font-medium text-red-800">{row.missing.length} 个</span>
                    ) : (
                      "无"
                    )}
                  </td>
                  <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap">
                    <Link to={`/postings?village=${row.code}`}>
                      查看<span className="sr-only">{row.name}的</span>公开记录
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">表格较宽时可左右滚动，村名一列保持可见。</p>
    </Panel>
  );
}

function MissingPanel({ year, behind }: { year: number; behind: VillageRow[] }) {
  return (
    <Panel title="缺失期间" className="mt-6">
      {behind.length ? (
        <>
          <p className="mb-3 text-sm text-slate-600">
            {year} 年已过公开期限仍未公开的期间，共 {behind.length} 个村；缺失多的排在前面。
          </p>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{year} 年有缺失期间的村及其缺失的期间</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 whitespace-nowrap">
                    村
                  </th>
                  <th scope="col" className="px-3 py-2 whitespace-nowrap">
                    所属街道（镇）
                  </th>
                  <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">
                    缺失数
                  </th>
                  <th scope="col" className="min-w-[16rem] px-3 py-2">
                    缺失的期间
                  </th>
                  <th scope="col" className="px-3 py-2 whitespace-nowrap">
                    公开记录
                  </th>
                </tr>
              </thead>
              <tbody>
                {behind.map((row) => (
                  <tr key={row.code} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                      <Link to={`/villages/${row.code}`}>{row.name}</Link>
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">{row.streetName}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{row.missing.length}</td>
                    <td className="px-3 py-2">{row.missing.join("、")}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link to={`/postings?village=${row.code}`}>
                        查看<span className="sr-only">{row.name}的</span>公开记录
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="text-slate-700">所选范围内各村 {year} 年已到期的财务收支和村务均已公开。</p>
      )}
    </Panel>
  );
}
