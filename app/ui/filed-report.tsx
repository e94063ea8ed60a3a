import type { ReactNode } from "react";
import { type InspectionState, type PreliminaryDecision, type Report } from "../domain/inspections/rules";
import type { OrganizationType } from "../domain/organizations/rules";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { FileList } from "./attachments";
import { Badge, Panel } from "./layout";
import { ConclusionBadge, InspectionStateBadge, InspectionSteps, ReportComparison } from "./officer-inspection";

type Steps = Parameters<typeof InspectionSteps>[0]["steps"];

/** A filed report as the registry and the 业务主管单位 read it (the loader's `reportDetail`). */
export interface FiledReportDetail {
  report: {
    year: number;
    state: InspectionState;
    report: unknown;
    submittedAt: string | Date | null;
    conclusion: "pass" | "basic_pass" | "fail" | null;
    conclusionNote: string | null;
    concludedAt: string | Date | null;
    publishedAt: string | Date | null;
    unitName: string | null;
    unitDecision: PreliminaryDecision | null;
    unitDecidedAt: string | Date | null;
    unitOpinion: string | null;
  };
  organization: { type: OrganizationType; uscc: string | null };
  lastYear: Report | null;
  changed: ReadonlyArray<keyof Report>;
  problems: Record<string, string[]>;
  steps: Steps;
  files: Parameters<typeof FileList>[0]["files"];
  supervisingDeadline: string | null;
  preliminaryBasis: string;
}

/** Where the 业务主管单位's 初审 of this filing stands, in a line. */
export function PreliminaryStatus({ detail }: { detail: FiledReportDetail }) {
  const { report, supervisingDeadline } = detail;
  if (!report.unitName) return <span className="text-slate-600">直接登记，向登记管理机关报送，无需初审</span>;
  if (report.unitDecision === "agreed") {
    return (
      <>
        <Badge tone="green">{report.unitName} 初审同意</Badge> {formatDate(report.unitDecidedAt)}
      </>
    );
  }
  if (report.unitDecision === "returned") {
    return (
      <>
        <Badge tone="amber">{report.unitName} 初审退回修改</Badge> {formatDate(report.unitDecidedAt)}
      </>
    );
  }
  return (
    <>
      <Badge tone="blue">待 {report.unitName} 初审</Badge>
      {supervisingDeadline ? ` 初审截止 ${formatDate(supervisingDeadline)}` : ""}
    </>
  );
}

/**
 * A filed report's page body: what it is and where it stands (with its 初审), its
 * content beside last year's, its files, the reader's forms (`children`) and its steps.
 */
export function FiledReport({ detail, children }: { detail: FiledReportDetail; children?: ReactNode }) {
  const { report, organization, steps } = detail;
  const lastReturn = [...steps].reverse().find((s) => s.action === "return" || s.action === "unit_return");
  const summary: Array<[string, ReactNode]> = [
    ["组织类型", organizationTypeLabels[organization.type]],
    ["统一社会信用代码", organization.uscc ?? "—"],
    ["年检年度", `${report.year} 年度（报送 ${report.year} 年度工作报告）`],
    ["状态", <InspectionStateBadge key="state" state={report.state} />],
    ["报送时间", formatDateTime(report.submittedAt) || "—"],
    ["业务主管单位初审", <PreliminaryStatus key="unit" detail={detail} />],
    ["年检结论", report.conclusion ? <ConclusionBadge key="conclusion" conclusion={report.conclusion} /> : "—"],
    ["结论日期", formatDate(report.concludedAt) || "—"],
    ["公布", report.publishedAt ? `${formatDate(report.publishedAt)}已公布` : report.conclusion ? "尚未公布" : "—"],
  ];
  return (
    <>
      <Panel>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {summary.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-32 shrink-0 text-slate-600">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {report.unitOpinion && report.unitDecision === "agreed" ? <p className="mt-3 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800">初审意见：{report.unitOpinion}</p> : null}
        {report.conclusionNote ? (
          <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {report.conclusion === "fail" ? "不合格理由" : "需要整改的事项"}：{report.conclusionNote}
          </p>
        ) : null}
        {report.state === "returned" && lastReturn ? (
          <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">退回理由：{lastReturn.reason}（等待组织修改后重新报送）</p>
        ) : null}
      </Panel>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Panel title="年度报告内容">
            <ReportComparison year={report.year} report={report.report as Report} lastYear={detail.lastYear} changed={detail.changed} problems={detail.problems} />
          </Panel>
          <Panel title="报告附件">
            <FileList files={detail.files} hrefFor={(fileId) => `/inspections/files/${fileId}`} />
          </Panel>
          {children}
        </div>
        <Panel title="办理过程">
          <InspectionSteps steps={steps} />
        </Panel>
      </div>
    </>
  );
}
