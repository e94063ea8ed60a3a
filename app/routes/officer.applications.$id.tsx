import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { handleApplicantPost } from "../domain/applications/posts.server";
import { actionLabels, kindLabels, transitionFor, type ApplicationAction } from "../domain/applications/rules";
import { applicationDetail, takeStep } from "../domain/applications/applications.server";
import { badRequest } from "../domain/shared/errors";
import { parseRowId, rowIdOrNotFound } from "../domain/shared/ids";
import { placeChoices } from "../domain/places/queries.server";
import { ApplicantWorkspace, ApplicationSummary, StepTimeline } from "../ui/application-view";
import { Button, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.detail.application.title ?? "申请"} - 申请审批` }];

const decisions: readonly ApplicationAction[] = ["accept", "return", "approve", "reject"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const [detail, units] = await Promise.all([applicationDetail(actor, rowIdOrNotFound(params.id, "找不到该申请。"), new Date()), placeChoices()]);
  // A street officer files only for the communities of the street.
  const choices = actor.role === "street_officer" ? units.filter((u) => u.id === actor.placeId) : units;
  return { detail, placeChoices: choices };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const ctx = actionContext(context, actor);
  const id = rowIdOrNotFound(params.id, "找不到该申请。");
  const contentType = request.headers.get("Content-Type") ?? "";
  // A decision posts `decision`; a street officer's own filing posts the applicant's form.
  if (contentType.startsWith("multipart/form-data")) {
    const result = await handleApplicantPost(ctx, id, request);
    return data({ ...result, decision: null }, { status: result.status });
  }
  const form = await readForm(request.clone());
  const decision = String(form.get("decision") ?? "");
  if (!decision) {
    const result = await handleApplicantPost(ctx, id, request);
    return data({ ...result, decision: null }, { status: result.status });
  }
  if (!(decisions as readonly string[]).includes(decision)) badRequest("未知的操作。");
  const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
  const result = await takeStep(ctx, id, {
    action: decision as ApplicationAction,
    version: parseRowId(String(form.get("version"))) ?? 0,
    reason: text("reason"),
    approval: { uscc: text("uscc"), certificateNumber: text("certificateNumber"), usccAcceptedReason: text("usccAcceptedReason") },
  });
  if (!result.ok) {
    return data({ decision, formError: result.formError, fieldErrors: result.fieldErrors, notice: undefined }, { status: 409 });
  }
  return { decision, notice: `已${actionLabels[decision as ApplicationAction]}。`, formError: undefined, fieldErrors: undefined };
}

export default function OfficerApplication() {
  const { detail, placeChoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { application } = detail;
  const decisionActions = detail.actions.filter((a) => (decisions as readonly string[]).includes(a));
  return (
    <>
      <PageHeader
        title={`${kindLabels[application.kind]}：${application.title}`}
        description={<Link to="/officer/applications">返回申请列表</Link>}
      />
      {result?.notice ? (
        <Notice>
          {result.notice}
        </Notice>
      ) : null}
      <ApplicationSummary application={application} applicantName={detail.applicantName} streetName={detail.streetName} daysLeft={detail.daysLeft} />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ApplicantWorkspace
            detail={detail}
            action={`/officer/applications/${application.id}`}
            placeChoices={placeChoices}
            result={result?.decision ? null : result}
            problems={detail.problems}
          />
          {decisionActions.length ? (
            <Panel title="审查决定">
              <FormError errors={result?.decision && result.formError ? [result.formError] : null} />
              <div className="space-y-5">
                {decisionActions.map((decision) => (
                  <DecisionForm
                    key={decision}
                    decision={decision}
                    version={application.version}
                    suggestion={decision === "approve" ? detail.approvalSuggestion : null}
                    fieldErrors={result?.decision === decision ? result.fieldErrors : undefined}
                  />
                ))}
              </div>
            </Panel>
          ) : null}
        </div>
        <Panel title="办理过程">
          <StepTimeline steps={detail.steps} />
        </Panel>
      </div>
    </>
  );
}

function DecisionForm({
  decision,
  version,
  suggestion,
  fieldErrors,
}: {
  decision: ApplicationAction;
  version: number;
  suggestion: { uscc: string; certificateNumber: string } | null;
  fieldErrors?: Record<string, string[]>;
}) {
  const needsReason = transitionFor(decision).reasonRequired;
  return (
    <PostForm className="border-b border-slate-100 pb-5 last:border-0">
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="version" value={version} />
      {suggestion ? (
        <>
          <Field label="统一社会信用代码" name="uscc" defaultValue={suggestion.uscc} errors={fieldErrors?.uscc} hint="已按本区民政登记代码段生成，可改为实际赋予的代码；系统会校验代码。" required />
          <Field label="登记证书编号" name="certificateNumber" defaultValue={suggestion.certificateNumber} errors={fieldErrors?.certificateNumber} required />
          <Field label="接受校验不通过的早期代码的理由（仅在必要时填写）" name="usccAcceptedReason" />
        </>
      ) : null}
      {needsReason ? <TextAreaField label={`${actionLabels[decision]}的理由`} name="reason" required errors={fieldErrors?.reason} /> : null}
      <Button type="submit" variant={decision === "reject" ? "danger" : decision === "return" ? "secondary" : "primary"}>
        {actionLabels[decision]}
      </Button>
    </PostForm>
  );
}
