/**
 * An organization's public record (/orgs/:id): the React page's body, and the
 * reading page's (app/reading renders this very component without Remix's
 * document, for a reader who is not signed in), so the two cannot drift.
 */
import { Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import type { CheckFinding, InspectionConclusion } from "../../vocabulary";
import { gradeLabel } from "../domain/evaluations/rules";
import { inspectionConclusionLabels, isFiled, organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate } from "../domain/shared/time";
import { checkFindingLabels } from "../domain/spot-checks/rules";
import { AnnualReports } from "./annual-reports";
import { CreditListingHistory } from "./credit-listings";
import { Badge, PageHeader, Panel } from "./layout";
import { OtherCreditList } from "./other-credit";
import { PenaltyList } from "./penalty-list";
import { ChangeHistory, RecordDetails, StatusNotice } from "./register-record";
import { OrganizationStatusBadge } from "./register-search";

export function publicRecordTitle(name: string | undefined): string {
  return `${name ?? "社会组织"} - 社会组织登记信息`;
}

type Day = Date | string;

/** What the page shows of an organization (publicOrganization's value): its parts' own props, and the lists it writes itself. */
export type PublicRecordView = ComponentProps<typeof RecordDetails>["record"] & {
  id: number;
  name: string;
  history: ComponentProps<typeof ChangeHistory>["entries"];
  annualReports: ComponentProps<typeof AnnualReports>["reports"];
  inspections: Array<{ year: number; conclusion: InspectionConclusion; publishedOn: Day | null }>;
  checks: Array<{ planId: number; title: string; finding: CheckFinding | null; checkedOn: Day | null; findings: string | null }>;
  penalties: Array<Omit<ComponentProps<typeof PenaltyList>["penalties"][number], "amountFen"> & { amountYuan: number | null }>;
  listings: ComponentProps<typeof CreditListingHistory>["listings"];
  evaluation: { grade: number; round: string; awardedOn: Day; validUntil: Day } | null;
  otherCredit: Array<Omit<ComponentProps<typeof OtherCreditList>["items"][number], "amountFen"> & { amountYuan: number | null }>;
};

export function PublicRecordPage({ record }: { record: PublicRecordView }) {
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/orgs">社会组织登记信息查询</Link>
      </nav>
      <PageHeader title={record.name} description={organizationTypeLabels[record.type]} actions={<OrganizationStatusBadge status={record.status} />} />
      <StatusNotice record={record} />
      <div className="space-y-6">
        <Panel title={isFiled(record.type) ? "备案信息" : "登记信息"}>
          <RecordDetails record={record} />
        </Panel>
        {isFiled(record.type) ? null : (
          <Panel title="年度工作报告">
            <AnnualReports reports={record.annualReports} />
          </Panel>
        )}
        <Panel title="年度检查结果">
          {record.inspections.length ? (
            <ul className="space-y-1">
              {record.inspections.map((i) => (
                <li key={i.year}>
                  {i.year} 年度：{inspectionConclusionLabels[i.conclusion]}（{formatDate(i.publishedOn)}公布）
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">暂无已公布的年度检查结果。</p>
          )}
        </Panel>
        {record.checks.length ? (
          <Panel title="双随机抽查">
            <ul className="space-y-1 text-sm">
              {record.checks.map((c) => (
                <li key={c.planId}>
                  <Link to={`/credit/checks/${c.planId}`}>{c.title}</Link>：{c.finding ? checkFindingLabels[c.finding] : "—"}（{formatDate(c.checkedOn)}检查）{c.findings}
                </li>
              ))}
            </ul>
          </Panel>
        ) : null}
        {isFiled(record.type) ? null : (
          <Panel title="行政处罚">
            <PenaltyList penalties={record.penalties.map(({ amountYuan, ...p }) => ({ ...p, amountFen: amountYuan === null ? null : Math.round(amountYuan * 100) }))} />
          </Panel>
        )}
        {isFiled(record.type) ? null : (
          <Panel title="活动异常名录和严重违法失信名单">
            <CreditListingHistory listings={record.listings} />
          </Panel>
        )}
        {isFiled(record.type) ? null : (
          <Panel title="评估等级和其他信息">
            <h3 className="mb-1 font-medium text-slate-900">评估等级</h3>
            {record.evaluation ? (
              <p>
                <Badge tone="green">{gradeLabel(record.evaluation.grade)}</Badge> {record.evaluation.round}评定，{formatDate(record.evaluation.awardedOn)}起有效期至 {formatDate(record.evaluation.validUntil)}
              </p>
            ) : (
              <p className="text-slate-600">无有效的评估等级。</p>
            )}
            <h3 className="mb-1 mt-4 font-medium text-slate-900">表彰奖励、承接政府购买服务</h3>
            <OtherCreditList items={record.otherCredit.map(({ amountYuan, ...item }) => ({ ...item, amountFen: amountYuan === null ? null : Math.round(amountYuan * 100) }))} />
          </Panel>
        )}
        <ChangeHistory entries={record.history} type={record.type} />
      </div>
    </main>
  );
}
