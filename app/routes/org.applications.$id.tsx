import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, requirePermission } from "../auth/require.server";
import { handleApplicantPost } from "../domain/applications/posts.server";
import { kindLabels } from "../domain/applications/rules";
import { applicationDetail } from "../domain/applications/applications.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { placeChoices } from "../domain/places/queries.server";
import { ApplicantWorkspace, ApplicationSummary, StepTimeline } from "../ui/application-view";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.application.title ?? "申请"} - 社会组织服务` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  const [detail, choices] = await Promise.all([applicationDetail(actor, rowIdOrNotFound(params.id, "找不到该申请。"), new Date()), placeChoices()]);
  return { detail, placeChoices: choices };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:apply");
  const result = await handleApplicantPost(actionContext(context, actor), rowIdOrNotFound(params.id, "找不到该申请。"), request);
  return data(result, { status: result.status });
}

export default function OrgApplication() {
  const { detail, placeChoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { application } = detail;
  return (
    <>
      <PageHeader
        title={`${kindLabels[application.kind]}：${application.title}`}
        description={<Link to="/org">返回本组织</Link>}
      />
      {result?.notice ? (
        <Notice>
          {result.notice}
        </Notice>
      ) : null}
      <ApplicationSummary application={application} applicantName={detail.applicantName} streetName={detail.streetName} daysLeft={detail.daysLeft} />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ApplicantWorkspace detail={detail} action={`/org/applications/${application.id}`} placeChoices={placeChoices} result={result} />
        </div>
        <Panel title="办理过程">
          <StepTimeline steps={detail.steps} />
        </Panel>
      </div>
    </>
  );
}
