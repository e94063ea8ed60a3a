import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { hasPermission } from "../../auth/permissions";
import {
  actionContext,
  readForm,
  requireGrant,
  requirePermission,
} from "../../auth/require.server";
import { officerRecordPage } from "../../domain/organizations/officer-record.server";
import { organizationAccess } from "../../domain/organizations/queries.server";
import { isFiled, organizationTypeLabels, isLive } from "../../domain/organizations/rules";
import {
  acceptReportedMembers,
  recordAdmission,
  savePartyRecord,
} from "../../domain/party/commands.server";
import { isPartyIntent, recordPartyFormSchema } from "../../domain/party/forms";
import { CreditListingHistory } from "../../ui/credit-listings";
import { badRequest, type WriteResult } from "../../domain/shared/errors";
import { parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { rowIdOrNotFound } from "../../domain/shared/ids";
import { formatDate, formatDateTime, shanghaiDate } from "../../domain/shared/time";
import { PageHeader, Panel } from "../../ui/layout";
import { ChangeHistory, RecordDetails, StatusNotice } from "../../ui/register-record";
import { OrganizationStatusBadge } from "../../ui/register-search";
import { PenaltyList } from "../../ui/penalty-list";
import { PartySection } from "./party-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "社会组织"} - 社会组织登记簿` },
];

function idOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "登记簿中没有该社会组织。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const record = await officerRecordPage(actor, idOf(params.id));
  const canPenalise = hasPermission(actor, "penalty:decide") && !isFiled(record.organization.type);
  return { ...record, canPenalise, canList: hasPermission(actor, "credit:list"), today: shanghaiDate(new Date()) };
}

/** The party section's three forms (party:manage); the correction has its own page (officer.orgs.$id_.correct). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const id = idOf(params.id);
  // As the page: a record outside the officer's scope is a 404 whatever was posted; then the form's permission.
  await organizationAccess(actor, id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (!isPartyIntent(intent)) badRequest("无法识别的操作，请刷新页面后重试。");
  requireGrant(actor, "party:manage");
  const submission = parseSubmission(form, { schema: recordPartyFormSchema });
  const refused = (result: SubmissionResult<string[]>, status: number) =>
    data({ intent, result, notice: null }, { status });
  if (submission.status !== "success") return refused(replyTo(submission), 400);
  const refusedBy = (outcome: Exclude<WriteResult<unknown>, { ok: true }>) =>
    refused(replyTo(submission, outcome), outcome.formError ? 409 : 400);
  const saved = (notice: string) => ({
    intent,
    result: submission.reply({ resetForm: true }),
    notice,
  });

  const ctx = actionContext(context, actor);
  const { value } = submission;
  if (value.intent === "party-record") {
    const outcome = await savePartyRecord(ctx, id, value);
    return outcome.ok ? saved("党建信息已保存，已记入审计日志。") : refusedBy(outcome);
  }
  if (value.intent === "party-admission") {
    const outcome = await recordAdmission(ctx, id, value);
    return outcome.ok
      ? saved(`已记录 ${formatDate(value.admittedOn)}发展预备党员 ${value.count} 名。`)
      : refusedBy(outcome);
  }
  const outcome = await acceptReportedMembers(ctx, id, value);
  if (!outcome.ok) return refusedBy(outcome);
  const { formalMembers, probationaryMembers } = outcome.value;
  return saved(
    `已采用年检数据：正式党员 ${formalMembers} 名，预备党员 ${probationaryMembers} 名。`,
  );
}

export default function OfficerRecord() {
  const { organization, street, community, history, canCorrect, party, penalties, listings, canPenalise, canList, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) =>
    actionData?.intent === intent ? actionData.result : undefined;
  const record = { ...organization, street, community };
  const internal: Array<[string, ReactNode]> = [["联系电话（不公开）", organization.contactPhone]];
  if (!isFiled(organization.type))
    internal.push(["代码核准说明（不公开）", organization.usccAcceptedReason]);
  internal.push([
    "最近更新",
    `${formatDateTime(organization.updatedAt)}（第 ${organization.version} 版）`,
  ]);
  return (
    <>
      <PageHeader
        title={organization.name}
        description={
          <>
            <Link to="/officer/orgs">返回登记簿</Link> · {organizationTypeLabels[organization.type]}{" "}
            · <Link to={`/orgs/${organization.id}`}>查看公开页面</Link>
          </>
        }
        actions={
          <>
            {canCorrect ? (
              <Link to={`/officer/orgs/${organization.id}/correct`} className="inline-flex items-center rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 no-underline shadow-sm hover:bg-slate-50 hover:no-underline">
                更正登记信息
              </Link>
            ) : null}
            <OrganizationStatusBadge status={organization.status} />
          </>
        }
      />
      <StatusNotice record={organization} />
      <div className="space-y-6">
        <Panel title={isFiled(organization.type) ? "备案信息" : "登记信息"}>
          <RecordDetails record={record} extra={internal} />
        </Panel>
        {party ? (
          <PartySection
            organizationId={organization.id}
            party={party}
            today={today}
            notice={actionData?.notice ?? null}
            results={{
              record: resultFor("party-record"),
              admission: resultFor("party-admission"),
              acceptReport: resultFor("party-accept-report"),
            }}
          />
        ) : null}
        {isFiled(organization.type) ? null : (
          <Panel title="行政处罚">
            <PenaltyList penalties={penalties} documentHref={(id) => `/penalties/files/${id}`} />
            {canPenalise && isLive(organization.status) ? (
              <p className="mt-4">
                <Link to={`/officer/orgs/${organization.id}/penalties/new`}>记录行政处罚</Link>
              </p>
            ) : null}
          </Panel>
        )}
        {isFiled(organization.type) ? null : (
          <Panel title="活动异常名录和严重违法失信名单" id="credit">
            <CreditListingHistory listings={listings} />
            <p className="mt-4">
              <Link to={`/officer/orgs/${organization.id}/credit`}>{canList ? "信用管理：列入、寄送挂号信、列入建议" : "查看信用管理记录"}</Link>
            </p>
          </Panel>
        )}
        <ChangeHistory entries={history} type={organization.type} />
      </div>
    </>
  );
}
