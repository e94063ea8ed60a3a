import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import {
  conclusionLabels,
  inspectionActionLabels,
  inspectionStateLabels,
  partyCoverageLabels,
  reportLabels,
  reportSections,
  type InspectionAction,
  type InspectionConclusion,
  type InspectionState,
  type Report,
} from "../domain/inspections/rules";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { PostedAttachments } from "./attachments";
import { Badge, Panel } from "./layout";

const stateTones: Record<InspectionState, "slate" | "blue" | "amber" | "green"> = {
  draft: "slate",
  submitted: "blue",
  returned: "amber",
  concluded: "green",
};

export function InspectionStateBadge({ state }: { state: InspectionState | null }) {
  if (!state) return <Badge>未开始</Badge>;
  return <Badge tone={stateTones[state]}>{inspectionStateLabels[state]}</Badge>;
}

const conclusionTones: Record<InspectionConclusion, "green" | "amber" | "red"> = { pass: "green", basic_pass: "amber", fail: "red" };

export function ConclusionBadge({ conclusion }: { conclusion: InspectionConclusion }) {
  return <Badge tone={conclusionTones[conclusion]}>{conclusionLabels[conclusion]}</Badge>;
}

export const moneyFields = new Set<keyof Report>(reportSections[1]!.fields);
export const wholeFields = new Set<keyof Report>(["activitiesCount", "fullTimeStaff", "volunteers", "partyFormalMembers", "partyProbationaryMembers"]);
const units: Partial<Record<keyof Report, string>> = {
  activitiesCount: "次",
  fullTimeStaff: "人",
  volunteers: "人",
  partyFormalMembers: "人",
  partyProbationaryMembers: "人",
};

/** A report value as a reader expects it: "12,345.5 元", "有变动", the coverage's name. */
export function formatReportValue(field: keyof Report, value: unknown): string {
  if (value === undefined || value === null || value === "") return "未填写";
  if (moneyFields.has(field)) return `${Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 元`;
  if (wholeFields.has(field)) return `${Number(value).toLocaleString("zh-CN")} ${units[field] ?? ""}`.trim();
  if (field === "recordChanged") return value === "yes" ? "有变动" : "无变动";
  if (field === "partyCoverage") return partyCoverageLabels[value as keyof typeof partyCoverageLabels] ?? String(value);
  if (field === "declaration") return value === "on" ? "已确认" : "未确认";
  return String(value);
}

/** The report read-only, section by section, beside last year's where it differs. */
export function ReportTable({ report, lastYear, changed }: { report: Report; lastYear: Report | null; changed: ReadonlyArray<keyof Report> }) {
  return (
    <div className="space-y-6">
      {reportSections.map((section) => (
        <section key={section.title}>
          <h3 className="mb-2 font-semibold text-slate-900">{section.title}</h3>
          <table className="w-full table-fixed text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th className="w-2/5 py-1 pr-3 font-medium">事项</th>
                <th className="py-1 pr-3 font-medium">本年度</th>
                {lastYear ? <th className="py-1 font-medium">去年</th> : null}
              </tr>
            </thead>
            <tbody>
              {section.fields.map((field) => {
                const differs = changed.includes(field);
                return (
                  <tr key={field} className="border-t border-slate-100 align-top">
                    <th className="py-1.5 pr-3 font-normal text-slate-600">{reportLabels[field]}</th>
                    <td className={`whitespace-pre-line py-1.5 pr-3 ${differs ? "font-medium text-blue-900" : ""}`}>
                      {formatReportValue(field, report[field])}
                      {differs ? <span className="sr-only">（与去年不同）</span> : null}
                    </td>
                    {lastYear ? (
                      <td className="whitespace-pre-line py-1.5 text-slate-600">{field === "declaration" ? "—" : formatReportValue(field, lastYear[field])}</td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

export interface InspectionStepRow {
  id: number;
  at: string | Date;
  action: string;
  toState: InspectionState;
  actorName: string | null;
  reason: string | null;
}

/** Every step of a report: who, when, and the reason or note. */
export function InspectionTimeline({ steps }: { steps: InspectionStepRow[] }) {
  if (!steps.length) return <p className="text-sm text-slate-600">尚未报送。</p>;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
      {steps.map((s) => (
        <li key={s.id}>
          <p>
            <span className="font-medium">{inspectionActionLabels[s.action as InspectionAction] ?? s.action}</span>
            {" → "}
            <InspectionStateBadge state={s.toState} />
          </p>
          <p className="text-slate-600">
            {formatDateTime(s.at)} · {s.actorName ?? "系统"}
          </p>
          {s.reason ? <p className="mt-0.5 rounded bg-amber-50 px-2 py-1 text-amber-900">{s.action === "conclude" ? "说明" : s.action === "unit_agree" ? "意见" : "理由"}：{s.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** The report's attachments; while it may be edited, with upload and remove. */
export function ReportFiles({
  files,
  action,
  editable,
  lastResult,
}: {
  files: Array<{ id: number; fileName: string; size: number; contentType: string }>;
  action: string;
  editable: boolean;
  /** The last reply to an upload or a removal. */
  lastResult?: SubmissionResult<string[]> | null;
}) {
  return (
    <Panel title="附件材料" className="mt-6">
      <p className="mb-3 text-sm text-slate-600">经审计的年度财务报表（或财务审计报告）、会员（代表）大会和理事会会议纪要等。</p>
      <PostedAttachments files={files} hrefFor={(id) => `/inspections/files/${id}`} action={action} editable={editable} lastResult={lastResult} />
    </Panel>
  );
}

/** The registry's conclusion on a concluded report, with its note. */
export function ConclusionNotice({
  conclusion,
  note,
  concludedAt,
  publishedAt,
  children,
}: {
  conclusion: InspectionConclusion;
  note: string | null;
  concludedAt: string | Date | null;
  publishedAt: string | Date | null;
  /** What follows from it (the corrections' state). */
  children?: ReactNode;
}): ReactNode {
  const tone = { pass: "border-green-300 bg-green-50 text-green-900", basic_pass: "border-amber-300 bg-amber-50 text-amber-900", fail: "border-red-300 bg-red-50 text-red-900" }[conclusion];
  return (
    <div className={`mb-6 rounded border p-4 ${tone}`}>
      <p className="font-medium">年检结论：{conclusionLabels[conclusion]}</p>
      {note ? <p className="mt-1">{conclusion === "basic_pass" ? "需要整改的事项" : conclusion === "fail" ? "理由" : "说明"}：{note}</p> : null}
      <p className="mt-1 text-sm">
        {concludedAt ? `${formatDate(concludedAt)}作出结论` : ""}
        {publishedAt ? `，${formatDate(publishedAt)}公布` : "，尚未公布"}
      </p>
      {children}
    </div>
  );
}
