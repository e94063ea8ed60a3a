import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { changeableFields, proposalLabels, type Proposal } from "../domain/applications/forms";
import type { ChangeRow } from "../domain/applications/changes";
import { changeMaterialsNote, type Material } from "../domain/applications/materials";
import {
  decisionLabel,
  kindLabels,
  rightOfReview,
  stateLabels,
  type ApplicationAction,
  type ApplicationKind,
  type ApplicationState,
} from "../domain/applications/rules";
import { registrationRouteLabels } from "../domain/applications/establishment";
import { communityCategoryLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { MaterialsPanel } from "./application-materials";
import { Badge, Panel } from "./layout";
import { ProposalForm } from "./proposal-form";
import { applicationFacts, submitConfirmation } from "../domain/applications/confirmations";
import type { PlaceChoice } from "./user-fields";

const stateTones: Record<ApplicationState, "slate" | "blue" | "amber" | "green" | "red"> = {
  draft: "slate",
  submitted: "blue",
  accepted: "blue",
  returned: "amber",
  approved: "green",
  rejected: "red",
};

export function StateBadge({ state }: { state: ApplicationState }) {
  return <Badge tone={stateTones[state]}>{stateLabels[state]}</Badge>;
}

/** Days left before the 60-day limit, red once it has passed. */
export function DaysLeft({ daysLeft }: { daysLeft: number | null }) {
  if (daysLeft === null) return <span className="text-slate-500">—</span>;
  if (daysLeft < 0) return <Badge tone="red">已超期 {-daysLeft} 天</Badge>;
  return <span className={daysLeft <= 10 ? "font-medium text-amber-800" : ""}>剩 {daysLeft} 天</span>;
}

function display(field: keyof Proposal, value: unknown, placeName: string | null): ReactNode {
  if (value === undefined || value === null || value === "") return <span className="text-slate-500">未填写</span>;
  if (field === "type") return organizationTypeLabels[value as keyof typeof organizationTypeLabels] ?? String(value);
  if (field === "registrationRoute") return registrationRouteLabels[value as keyof typeof registrationRouteLabels] ?? String(value);
  if (field === "category") return communityCategoryLabels[value as keyof typeof communityCategoryLabels] ?? String(value);
  if (field === "placeId") return placeName ?? String(value);
  if (field === "registeredFunds") return `${Number(value).toLocaleString("zh-CN")} 元`;
  return String(value);
}

function Problems({ messages }: { messages?: string[] }) {
  return messages?.map((p) => (
    <span key={p} className="block text-xs text-amber-800">
      ⚠ {p}
    </span>
  ));
}

/** What the application asks for, field by field. */
export function ProposalTable({
  fields,
  proposal,
  placeName,
  problems,
}: {
  fields: readonly (keyof Proposal)[];
  proposal: Proposal;
  placeName: string | null;
  problems?: Record<string, string[]>;
}) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-600">
        <tr>
          <th className="py-1 pr-3 font-medium">事项</th>
          <th className="py-1 font-medium">申请内容</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field} className="border-t border-slate-100 align-top">
            <th className="py-1.5 pr-3 font-normal text-slate-600">{proposalLabels[field]}</th>
            <td className="py-1.5">
              {display(field, proposal[field], placeName)}
              <Problems messages={problems?.[field]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A change application: each field as 原登记 → 申请变更为, "不变" where the
 * application leaves it; 原登记 is the register as kept at the decision once
 * decided (changes.ts, changeRows).
 */
export function ChangeTable({ rows, problems }: { rows: ChangeRow[]; problems?: Record<string, string[]> }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-600">
        <tr>
          <th className="py-1 pr-3 font-medium">事项</th>
          <th className="py-1 pr-3 font-medium">原登记</th>
          <th className="py-1 font-medium">申请变更为</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ field, before, after }) => {
          const registered = (changeableFields as readonly string[]).includes(field);
          const name = field as keyof Proposal;
          return (
            <tr key={field} className="border-t border-slate-100 align-top">
              <th className="py-1.5 pr-3 font-normal text-slate-600">{proposalLabels[name]}</th>
              <td className="py-1.5 pr-3">{!registered ? "—" : before === undefined || before === null || before === "" ? <span className="text-slate-500">未登记</span> : display(name, before, null)}</td>
              <td className={`py-1.5 ${registered && after !== undefined ? "font-medium text-blue-900" : ""}`}>
                {registered && after === undefined ? <span className="text-slate-500">不变</span> : display(name, after, null)}
                <Problems messages={problems?.[field]} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export interface StepRow {
  id: number;
  at: string | Date;
  action: string;
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actorName: string | null;
  reason: string | null;
}

/** Every step with who, when and why. */
export function StepTimeline({ kind, steps }: { kind: ApplicationKind; steps: StepRow[] }) {
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
      {steps.map((s) => (
        <li key={s.id}>
          <p>
            <span className="font-medium">{s.action === "create" ? "创建申请" : decisionLabel(kind, s.action as ApplicationAction | "consented" | "withheld", s.fromState) ?? s.action}</span>
            {" → "}
            <StateBadge state={s.toState} />
          </p>
          <p className="text-slate-600">
            {formatDateTime(s.at)} · {s.actorName ?? "系统"}
          </p>
          {s.reason ? <p className="mt-0.5 rounded bg-amber-50 px-2 py-1 text-amber-900">理由：{s.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function ApplicationSummary({
  detail: { application, applicantName, streetName, daysLeft, period, materialsNotice, unitReview },
}: {
  /** The application's page as `applicationDetail` reads it. */
  detail: {
    application: { id: number; kind: keyof typeof kindLabels; state: ApplicationState; title: string; submittedAt: string | Date | null; acceptedAt: string | Date | null; dueOn: string | null; decidedAt: string | Date | null };
    applicantName: string | null;
    streetName: string | null;
    daysLeft: number | null;
    /** "受理之日起 60 日内（《社会团体登记管理条例》第十二条）" */
    period: string;
    /** While submitted: the last day to tell the applicant everything missing, at once. */
    materialsNotice: { dueOn: string; daysLeft: number; basis: string } | null;
    /** An establishment that needs its 业务主管单位's consent before 受理. */
    unitReview: { unit: string; decision: string | null; decidedAt: string | Date | null; opinion: string | null; basis: string } | null;
  };
}) {
  const rows: Array<[string, ReactNode]> = [
    ["申请编号", `第 ${application.id} 号`],
    ["申请类型", kindLabels[application.kind]],
    ["状态", <StateBadge key="s" state={application.state} />],
    ["申请人", applicantName ?? "—"],
    ["所在街道（镇）", streetName ?? "—"],
    ["提交日期", formatDate(application.submittedAt) || "—"],
    ...(materialsNotice
      ? ([
          [
            "补正告知期限",
            <>
              {formatDate(materialsNotice.dueOn)} <DaysLeft daysLeft={materialsNotice.daysLeft} />
              <span className="block text-xs text-slate-600">
                收到申请材料之日起 5 个工作日内一次性告知需补正的全部内容；逾期不告知的，自收到申请材料之日起即为受理（{materialsNotice.basis}）
              </span>
            </>,
          ],
        ] as Array<[string, ReactNode]>)
      : []),
    ...(unitReview
      ? ([
          [
            "业务主管单位审查",
            <>
              {unitReview.unit}：
              {unitReview.decision === "consented" ? (
                <Badge tone="green">同意</Badge>
              ) : unitReview.decision === "withheld" ? (
                <Badge tone="red">不同意</Badge>
              ) : (
                <Badge tone="amber">待审查</Badge>
              )}
              {unitReview.decidedAt ? <span className="ml-1 text-slate-600">{formatDate(unitReview.decidedAt)}</span> : null}
              {unitReview.opinion ? <span className="block text-slate-700">意见：{unitReview.opinion}</span> : null}
              <span className="block text-xs text-slate-600">经业务主管单位审查同意后，登记管理机关方可受理（{unitReview.basis}）</span>
            </>,
          ],
        ] as Array<[string, ReactNode]>)
      : []),
    ["受理日期", formatDate(application.acceptedAt) || "—"],
    [
      "法定决定期限",
      application.dueOn ? (
        <>
          {formatDate(application.dueOn)}
          <span className="block text-xs text-slate-600">{period}</span>
        </>
      ) : (
        period
      ),
    ],
    ["剩余时间", <DaysLeft key="d" daysLeft={daysLeft} />],
    ["决定日期", formatDate(application.decidedAt) || "—"],
  ];
  return (
    <Panel>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="w-28 shrink-0 text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}


/**
 * The applicant's part of an application page: the form while it may be
 * edited, after the materials to attach (the submit button comes after the
 * upload); otherwise what was asked for, read-only, then the materials.
 */
export function ApplicantWorkspace({
  detail,
  action,
  placeChoices,
  proposalResult,
  filesResult,
  problems,
}: {
  /** For officers: what would stop a submission, shown beside the read-only fields. */
  problems?: Record<string, string[]>;
  detail: {
    application: { id: number; kind: ApplicationKind; state: ApplicationState; version: number };
    proposal: Proposal;
    fields: readonly (keyof Proposal)[];
    placeName: string | null;
    organization: Record<string, unknown> | null;
    changeRows: ChangeRow[] | null;
    files: Array<{ id: number; fileName: string; size: number; contentType: string; material: string | null }>;
    materials: Array<Material & { files: Array<{ id: number; fileName: string; size: number; contentType: string; material: string | null }> }>;
    missingMaterials: string[];
    editable: boolean;
    steps: StepRow[];
  };
  action: string;
  placeChoices: PlaceChoice[];
  /** The last reply to the applicant's form, and to an upload or removal. */
  proposalResult?: SubmissionResult<string[]> | null;
  filesResult?: SubmissionResult<string[]> | null;
}) {
  const { application, proposal, fields, editable } = detail;
  const lastReturn = [...detail.steps].reverse().find((s) => s.action === "return");
  const refusal = application.state === "rejected" ? [...detail.steps].reverse().find((s) => s.action === "reject") : undefined;
  const materials = (
    <MaterialsPanel
      materials={detail.materials}
      files={detail.files}
      missing={detail.missingMaterials}
      applicationId={application.id}
      action={action}
      editable={editable}
      lastResult={filesResult}
      note={application.kind === "change" ? changeMaterialsNote : undefined}
    />
  );
  return (
    <div className="space-y-6">
      {application.state === "returned" && lastReturn ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
          <p className="font-medium">申请已退回补正</p>
          <p className="mt-1">退回理由：{lastReturn.reason}</p>
          {/* Each reader their own words: the applicant is told what to do, the others what is awaited. */}
          <p className="mt-1 text-sm">{editable ? "请按要求修改后重新提交。" : "等待申请人补正后重新提交。"}</p>
        </div>
      ) : null}
      {refusal ? (
        <div role="status" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-medium">{decisionLabel(application.kind, "reject", refusal.fromState)}</p>
          <p className="mt-1">理由：{refusal.reason}</p>
          <p className="mt-1 text-sm">{rightOfReview}</p>
        </div>
      ) : null}
      {editable ? (
        <>
          {materials}
          <Panel title="填写申请">
            {detail.missingMaterials.length ? (
              <p className="mb-3 text-sm text-amber-900">提交前须上传全部必交材料（还差 {detail.missingMaterials.length} 项，见上方“申请材料”）。</p>
            ) : null}
            <ProposalForm
              action={action}
              kind={application.kind}
              fields={fields}
              proposal={proposal}
              version={application.version}
              placeChoices={placeChoices}
              lastResult={proposalResult}
              submitAction={application.state === "returned" ? "resubmit" : "submit"}
              confirmation={(values) => submitConfirmation(applicationFacts(detail), values)}
            />
          </Panel>
        </>
      ) : (
        <>
          <Panel title="申请内容">
            {detail.changeRows ? (
              <ChangeTable rows={detail.changeRows} problems={problems} />
            ) : (
              <ProposalTable fields={fields} proposal={proposal} placeName={detail.placeName} problems={problems} />
            )}
          </Panel>
          {materials}
        </>
      )}
    </div>
  );
}
