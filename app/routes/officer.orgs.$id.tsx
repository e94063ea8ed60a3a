import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { notFound } from "../domain/errors";
import { isFiled, organizationTypeLabels } from "../domain/organizations";
import { placeChoices } from "../domain/places.server";
import { correctionSchema, parseOrganizationId } from "../domain/register-forms";
import { correctOrganization, officerOrganization } from "../domain/register.server";
import { formatDateTime } from "../domain/time";
import { PageHeader, Panel } from "../ui/layout";
import { CorrectionForm } from "../ui/register-correction";
import { ChangeHistory, RecordDetails, StatusNotice } from "../ui/register-record";
import { OrganizationStatusBadge } from "../ui/register-search";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "社会组织"} - 社会组织登记簿` },
];

function idOf(param: string | undefined): number {
  return parseOrganizationId(param) ?? notFound("登记簿中没有该社会组织。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:read_internal");
  const record = await officerOrganization(actor, idOf(params.id));
  return { ...record, places: record.canCorrect ? await placeChoices() : [] };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "organization:correct");
  const id = idOf(params.id);
  const submission = parseWithZod(await readForm(request), { schema: correctionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await correctOrganization(actionContext(context, actor), id, submission.value);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formError ? [outcome.formError] : undefined }) },
      { status: outcome.formError ? 409 : 400 },
    );
  }
  return redirect(`/officer/orgs/${id}?corrected=1`);
}

export default function OfficerRecord() {
  const { organization, street, community, history, canCorrect, places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const record = { ...organization, street, community };
  const internal: Array<[string, ReactNode]> = [["联系电话（不公开）", organization.contactPhone]];
  if (!isFiled(organization.type)) internal.push(["代码核准说明（不公开）", organization.usccAcceptedReason]);
  internal.push(["最近更新", `${formatDateTime(organization.updatedAt)}（第 ${organization.version} 版）`]);
  return (
    <>
      <PageHeader
        title={organization.name}
        description={
          <>
            <Link to="/officer/orgs">返回登记簿</Link> · {organizationTypeLabels[organization.type]} ·{" "}
            <Link to={`/orgs/${organization.id}`}>查看公开页面</Link>
          </>
        }
        actions={<OrganizationStatusBadge status={organization.status} />}
      />
      {params.get("corrected") && !actionData ? (
        <p role="status" className="mb-4 rounded bg-green-50 px-4 py-3 text-sm text-green-900">
          更正已保存，已记入变更记录和审计日志。
        </p>
      ) : null}
      <StatusNotice record={organization} />
      <div className="space-y-6">
        <Panel title={isFiled(organization.type) ? "备案信息" : "登记信息"}>
          <RecordDetails
            record={record}
            extra={internal}
          />
        </Panel>
        {canCorrect ? (
          <Panel title="更正登记信息">
            <p className="mb-4 text-sm text-slate-600">
              用于更正登记簿中录入有误的信息。名称、住所、法定代表人等登记事项的实际变化，应由组织申请变更登记。
            </p>
            <CorrectionForm record={organization} places={places} lastResult={actionData?.result} />
          </Panel>
        ) : null}
        <ChangeHistory entries={history} type={organization.type} />
      </div>
    </>
  );
}
