import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { officerReach, streetChoice } from "../../auth/scope.server";
import { requirePermission } from "../../auth/require.server";
import { placeChoices } from "../../domain/places/queries.server";
import { complianceOverview } from "../../domain/postings/compliance.server";
import { formatDate, shanghaiDate } from "../../domain/shared/time";
import { FilterForm, SelectFilter } from "../../ui/filter-form";
import { FormError } from "../../ui/form";
import { PageHeader, Panel, Stat } from "../../ui/layout";
import { GridPanel } from "./grid";
import { MissingPanel, pageLink, StreetsPanel } from "./tables";

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

  const overview = await complianceOverview(actor, { year, streetCode: selected?.code ?? null }, now);
  return { ...base, year, selected: selected ? { code: selected.code, name: selected.name } : null, problem: null, overview };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type Overview = NonNullable<LoaderData["overview"]>;
export type VillageRow = Overview["rows"][number];


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
    <FilterForm label="选择年度和街道（镇）">
      <SelectFilter label="年度" name="year" options={years.map((y) => ({ value: String(y), label: `${y} 年` }))} defaultValue={String(year)} all={null} />
      {canFilter ? (
        <SelectFilter label="街道（镇）" name="street" options={streets.map((s) => ({ value: s.code, label: s.name }))} defaultValue={selected} all="全区" />
      ) : null}
    </FilterForm>
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
