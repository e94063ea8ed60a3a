import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { correctOrganization } from "../domain/organizations/commands.server";
import { correctionSchema } from "../domain/organizations/forms";
import { officerRecord, organizationAccess } from "../domain/organizations/queries.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { placeChoiceWithin } from "../domain/places/queries.server";
import { forbidden } from "../domain/shared/errors";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { parseRowId, rowIdOrNotFound } from "../domain/shared/ids";
import { PageHeader, Panel } from "../ui/layout";
import { CorrectionForm, placeStreetParam } from "../ui/register-correction";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `更正登记信息：${data?.organization.name ?? "社会组织"} - 社会组织登记簿` }];

function idOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "登记簿中没有该社会组织。");
}

/**
 * The record as the form starts from it, and the street whose communities the form lists (the
 * record's own, or the one asked for by `placeStreet`: the form fetches another street's list from here).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "organization:correct");
  const { organization, canCorrect } = await officerRecord(actor, idOf(params.id));
  if (!canCorrect) forbidden("您无权更正该组织的登记信息。");
  const places = await placeChoiceWithin(parseRowId(new URL(request.url).searchParams.get(placeStreetParam)), organization.placeId);
  return { organization, places };
}

/** The correction: back to the record with a notice once saved, otherwise why not, beside the field at fault, with what was typed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "organization:correct");
  const id = idOf(params.id);
  // As the page: a record outside the officer's scope is a 404 whatever was posted.
  await organizationAccess(actor, id);
  const submission = parseSubmission(await readForm(request), { schema: correctionSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await correctOrganization(actionContext(context, actor), id, submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: outcome.formError ? 409 : 400 });
  return redirectWithNotice(request, `/officer/orgs/${id}`, "更正已保存，已记入变更记录和审计日志。");
}

export default function CorrectRecord() {
  const { organization, places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={`更正登记信息：${organization.name}`}
        description={
          <>
            <Link to={`/officer/orgs/${organization.id}`}>返回该组织的记录</Link> · {organizationTypeLabels[organization.type]}
          </>
        }
      />
      <Panel>
        <p className="mb-4 text-sm text-slate-600">
          用于更正登记簿中录入有误的信息。名称、住所、法定代表人等登记事项的实际变化，应由组织申请变更登记。更正原因将与更正内容一起记入变更记录，并在公开页面显示。
        </p>
        <CorrectionForm record={organization} places={places} lastResult={actionData?.result} />
      </Panel>
    </>
  );
}
