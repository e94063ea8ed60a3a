import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { officerReach, streetChoice } from "../../auth/scope.server";
import { requireReportReader } from "../../auth/require.server";
import {
  halfYearOf,
  parsePartyPeriod,
  periodLabel,
  periodPresets,
} from "../../domain/party/forms";
import { reportFigures } from "../../domain/statistics/figures.server";
import { reportParagraph } from "../../domain/statistics/paragraph";
import { placeChoices } from "../../domain/places/queries.server";
import { formatDate, shanghaiDate } from "../../domain/shared/time";
import { PageHeader } from "../../ui/layout";
import { PeriodFilter, periodQuery } from "../../ui/period-filter";
import { FormError } from "../../ui/form";
import { ApplicationsSection, CommunitiesSection, InspectionSection, OrganizationsSection, ParagraphBox, PartySection, PostingsSection } from "./sections";

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


export default function ReportsPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { problem, figures, paragraph, period, street, today } = loaderData;
  return (
    <>
      {/* Prints without the site's header and footer (app.css). */}
      <div data-print-sheet hidden />
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
