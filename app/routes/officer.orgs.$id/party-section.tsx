import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { branchKindLabels, coverageLabels, ownBranchMinimum } from "../../domain/party/rules";
import { formatDate, formatDateTime } from "../../domain/shared/time";
import { Button, FormError, PostForm } from "../../ui/form";
import { Badge } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { AdmissionForm } from "./admission-form";
import { PartyRecordForm } from "./party-record-form";
import type { loader } from "./route";

export type PartyData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["party"]>;
type Result = SubmissionResult<string[]> | undefined;

/**
 * The organization's party record (党建信息) for officers with party:manage:
 * what is on file, a form to keep it, and admissions of probationary members.
 */
export function PartySection({
  organizationId,
  party,
  today,
  notice,
  results,
}: {
  organizationId: number;
  party: PartyData;
  today: string;
  notice: string | null;
  results: { record: Result; admission: Result; acceptReport: Result };
}) {
  const { record, branch, reported } = party;
  const facts: Array<[string, ReactNode]> = record
    ? [
        ["正式党员", `${record.formalMembers} 名`],
        ["预备党员", `${record.probationaryMembers} 名`],
        ["覆盖情况", <CoverageBadge key="coverage" coverage={party.coverage} />],
        ["所在党支部", branch ? `${branch.name}（${branchKindLabels[branch.kind]}）` : "—"],
        ["党建指导员", record.instructor ?? "—"],
        ["数据来源", record.source === "inspection" ? "来自年检" : "人工录入"],
        ["最近更新", `${formatDateTime(record.updatedAt)}（第 ${record.version} 版）`],
      ]
    : [];
  return (
    <section
      id="party"
      aria-labelledby="party-heading"
      className="panel"
    >
      <h2 id="party-heading" className="mb-3 text-lg font-semibold text-slate-900">
        党建信息
      </h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {record ? (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-24 shrink-0 text-slate-600">{label}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-700">尚未录入党建信息，统计时按未覆盖计。</p>
      )}
      {reported &&
      (reported.formalMembers !== record?.formalMembers ||
        reported.probationaryMembers !== record?.probationaryMembers) ? (
        <AcceptReportForm
          organizationId={organizationId}
          reported={reported}
          version={record?.version ?? null}
          lastResult={results.acceptReport}
        />
      ) : null}
      {party.ownBranchDue ? (
        <p className="mt-3 rounded border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          正式党员已有 {ownBranchMinimum} 名以上，应单独组建党支部。
        </p>
      ) : null}
      <h3 className="mt-6 mb-3 text-base font-semibold text-slate-900">录入党建信息</h3>
      <PartyRecordForm
        // A saved record starts the form again from what was saved.
        key={record?.version ?? 0}
        organizationId={organizationId}
        party={party}
        today={today}
        lastResult={results.record}
      />
      <h3 className="mt-8 mb-3 text-base font-semibold text-slate-900">发展预备党员</h3>
      {party.admissions.length ? (
        <table className="mb-4 text-left text-sm">
          <caption className="sr-only">本组织发展预备党员的记录</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-8">
                接收日期
              </th>
              <th scope="col" className="py-1 pl-8 text-right">
                人数
              </th>
            </tr>
          </thead>
          <tbody>
            {party.admissions.map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-1 pr-8">{formatDate(a.admittedOn)}</td>
                <td className="py-1 pl-8 text-right tabular-nums">{a.count} 名</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mb-4 text-sm text-slate-700">尚无发展预备党员的记录。</p>
      )}
      <AdmissionForm organizationId={organizationId} today={today} lastResult={results.admission} />
    </section>
  );
}

function CoverageBadge({ coverage }: { coverage: PartyData["coverage"] }) {
  const tone = coverage === "none" ? "red" : coverage === "instructor" ? "amber" : "green";
  return <Badge tone={tone}>{coverageLabels[coverage]}</Badge>;
}

/** The members the latest annual report gave, different from the record: one button makes them the record. */
function AcceptReportForm({
  organizationId,
  reported,
  version,
  lastResult,
}: {
  organizationId: number;
  reported: NonNullable<PartyData["reported"]>;
  version: number | null;
  lastResult: Result;
}) {
  const [form] = useForm({ id: `party-accept-report-${organizationId}`, lastResult });
  return (
    <div className="mt-3">
      <FormError errors={form.errors} />
      <PostForm
        {...getFormProps(form)}
        className="flex flex-wrap items-center gap-3 rounded border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-900"
      >
        <input type="hidden" name="intent" value="party-accept-report" />
        <input type="hidden" name="reportId" value={reported.reportId} />
        <input type="hidden" name="version" value={version ?? ""} />
        <span>
          {reported.year} 年度年检报告填报：正式党员 {reported.formalMembers} 名，预备党员{" "}
          {reported.probationaryMembers} 名，与现有记录不同。
        </span>
        <Button type="submit">采用年检数据</Button>
      </PostForm>
    </div>
  );
}
