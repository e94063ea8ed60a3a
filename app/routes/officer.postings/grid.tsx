import { Link } from "@remix-run/react";
import { ComplianceCellMark, ComplianceLegend } from "../../ui/posting-view";
import { Panel } from "../../ui/layout";
import type { Overview, VillageRow } from "./route";

const quarterHeadings = ["一季度", "二季度", "三季度", "四季度"];
const questionHeadings = ["提出", "答复", "按期", "逾期"] as const;

/** Every village's months and quarters of the year, grouped by street, the village's name kept in view while scrolling. */
export function GridPanel({ year, overview }: { year: number; overview: Overview }) {
  const { months, quarters, rows } = overview;
  const columns = 1 + months.length + quarters.length + questionHeadings.length + 2;
  // Rows come in the street's order, so a street's villages are adjacent.
  const groups: Array<{ code: string; name: string; rows: VillageRow[] }> = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last?.code === row.village.streetCode) last.rows.push(row);
    else groups.push({ code: row.village.streetCode, name: row.village.streetName, rows: [row] });
  }
  const captionId = "grid-caption";
  return (
    <Panel title="逐月逐季公开情况" className="mt-6">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        <span>图例：</span>
        <ComplianceLegend />
      </div>
      <p className="mb-3 text-sm text-slate-600">
        每格是一个期间：“✓”按时公开，“迟”超过期限后才公开，“缺”已过期限仍未公开，“…”尚未到公开期限，空白为期间尚未开始。格子的提示中有公开日期或公开期限。“村民质询”几列是本年度村民对各村公开事项提出的质询：提出、已答复、10 日内按期答复和逾期未答复的条数（<Link to="/officer/questions">逐条查看</Link>）。
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
          <colgroup span={questionHeadings.length} />
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
                scope="colgroup"
                colSpan={questionHeadings.length}
                className="border-l border-slate-200 px-2 pt-2 text-center font-medium"
              >
                村民质询（条）
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
              {questionHeadings.map((label, i) => (
                <th
                  key={label}
                  scope="col"
                  className={`border-b border-slate-200 px-1 py-1 text-center text-xs font-normal ${i === 0 ? "border-l" : ""}`}
                >
                  {label}
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
                <tr key={row.village.code} className="hover:bg-slate-50">
                  <th
                    scope="row"
                    className="sticky left-0 z-10 border-b border-slate-100 bg-white px-3 py-1 font-normal whitespace-nowrap"
                  >
                    <Link to={`/villages/${row.village.code}`}>{row.village.name}</Link>
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
                  <QuestionCells counts={row.questions} />
                  <td className="border-b border-l border-slate-100 border-l-slate-200 px-3 py-1 text-right tabular-nums">
                    {row.missing.length ? (
                      <span className="font-medium text-red-800">{row.missing.length} 个</span>
                    ) : (
                      "无"
                    )}
                  </td>
                  <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap">
                    <Link to={`/postings?village=${row.village.code}`}>
                      查看<span className="sr-only">{row.village.name}的</span>公开记录
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

/** A village's questions of the year: asked, answered, answered within ten days, unanswered past them. */
function QuestionCells({ counts }: { counts: VillageRow["questions"] }) {
  const cell = "border-b border-slate-100 px-2 py-1 text-center tabular-nums";
  return (
    <>
      <td className={`${cell} border-l border-l-slate-200`}>{counts.asked}</td>
      <td className={cell}>{counts.answered}</td>
      <td className={cell}>{counts.onTime}</td>
      <td className={cell}>{counts.overdue ? <span className="font-medium text-red-800">{counts.overdue}</span> : 0}</td>
    </>
  );
}
