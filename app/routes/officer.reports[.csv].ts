import type { LoaderFunctionArgs } from "@remix-run/node";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { forbidden } from "../domain/errors";
import { csvHeaders, toCsv } from "../domain/open-data";
import { organizationTypeLabels } from "../domain/organizations";
import { parsePartyPeriod } from "../domain/party-form";
import { reportFigures } from "../domain/report-figures.server";
import { reportPercent, type ReportFigures } from "../domain/report-paragraph";
import { shanghaiDate } from "../domain/time";

const columns = ["section", "item", "value"] as const;
type Row = Record<(typeof columns)[number], string | number>;

const kinds = ["social_group", "private_non_enterprise", "foundation", "community"] as const;

/** Every figure of the report, one a row, in the order the page shows them. */
function figureRows(f: ReportFigures, from: string, to: string): Row[] {
  const rows: Row[] = [];
  const add = (section: string, item: string, value: string | number) =>
    rows.push({ section, item, value });
  const rate = (part: number, whole: number) => (whole ? reportPercent(part / whole) : "");

  add("基本信息", "统计期间", f.periodLabel);
  add("基本信息", "开始日期", from);
  add("基本信息", "结束日期", to);
  add("基本信息", "范围", f.scopeName);

  for (const t of kinds)
    add("社会组织（新登记）", organizationTypeLabels[t], f.newRegistrations[t]);
  add(
    "社会组织（新登记）",
    "合计",
    kinds.reduce((n, t) => n + f.newRegistrations[t], 0),
  );
  for (const t of kinds) add("社会组织（期末现有）", organizationTypeLabels[t], f.register[t]);
  add(
    "社会组织（期末现有）",
    "合计",
    kinds.reduce((n, t) => n + f.register[t], 0),
  );

  const a = f.applications;
  add("登记申请", "受理", a.received);
  add("登记申请", "办结", a.decided);
  add("登记申请", "60日内办结", a.decidedWithin60Days);
  add("登记申请", "60日内办结比例", rate(a.decidedWithin60Days, a.decided));

  if (f.inspection) {
    const section = `年度检查（${f.inspection.year}年度）`;
    add(section, "年度", f.inspection.year);
    for (const k of f.inspection.byKind) {
      const name = organizationTypeLabels[k.type];
      add(section, `${name}应检`, k.due);
      add(section, `${name}已报送`, k.filed);
      add(section, `${name}参检率`, k.due ? reportPercent(k.participationRate) : "");
      add(section, `${name}合格`, k.conclusions.pass);
      add(section, `${name}基本合格`, k.conclusions.basic_pass);
      add(section, `${name}不合格`, k.conclusions.fail);
    }
  } else {
    add("年度检查", "年度", "");
  }

  const p = f.party;
  add("党组织覆盖", "覆盖率目标", reportPercent(p.target));
  add("党组织覆盖", "组织覆盖（已覆盖）", p.organizational.covered);
  add("党组织覆盖", "组织覆盖（应覆盖）", p.organizational.total);
  add(
    "党组织覆盖",
    "组织覆盖率",
    p.organizational.total ? reportPercent(p.organizational.rate) : "",
  );
  add("党组织覆盖", "工作覆盖（已覆盖）", p.work.covered);
  add("党组织覆盖", "工作覆盖（应覆盖）", p.work.total);
  add("党组织覆盖", "工作覆盖率", p.work.total ? reportPercent(p.work.rate) : "");
  add("党组织覆盖", "新建党支部", p.branchesFounded);
  add("党组织覆盖", "党支部总数", p.branchesTotal);
  add("党组织覆盖", "新增预备党员", p.probationaryAdmitted);

  const c = f.communities;
  add("一居多会", "社区（村）", c.total);
  add("一居多会", "目标（个/社区）", c.target);
  add("一居多会", "已达目标", c.meetingTarget);

  add("村务公开", "村", f.postings.villages);
  add("村务公开", "按期公开", f.postings.upToDate);
  return rows;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "party:manage");
  if (!hasPermission(actor, "posting:monitor")) {
    forbidden("统计报表汇总党建和村务公开数据，需要同时具有党建覆盖和村务公开监督的权限。");
  }
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const parsed = parsePartyPeriod(params.get("from"), params.get("to"), shanghaiDate(now));
  if (!parsed.ok) {
    return new Response(parsed.problem, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { from, to } = parsed.period;
  // The domain refuses a street outside the officer's own area with a 404.
  const figures = await reportFigures(
    actor,
    { from, to, streetCode: params.get("street")?.trim() || null },
    now,
  );
  const headers = new Headers(csvHeaders(`report-${from}-${to}.csv`));
  // Figures for officers only: not open data, so no cross-origin reading and no shared caching.
  headers.delete("Access-Control-Allow-Origin");
  headers.set("Cache-Control", "private, no-store");
  return new Response(toCsv(columns, figureRows(figures, from, to)), { headers });
}
