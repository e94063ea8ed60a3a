import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requireGrant, requirePermission } from "../../auth/require.server";
import { confirmFromForm, reverifyRefusal, staleVerificationMessage, unlessStale, type ReverifyPrompt } from "../../auth/verification.server";
import { notFound } from "../../domain/shared/errors";
import { yearPageSchema } from "../../domain/inspections/forms";
import { parseInspectionYear } from "../../domain/inspections/rules";
import { changeDeadlines, listNonFilers, publishYearConclusions } from "../../domain/inspections/commands.server";
import { inspectionYearAccess, yearPage } from "../../domain/inspections/queries.server";
import { pendingConfirmation, parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { pendingOf } from "../../domain/shared/confirmation";
import { formatDate } from "../../domain/shared/time";
import { ConfirmationPage } from "../../ui/confirm";
import { FormError } from "../../ui/form";
import { PageHeader } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { ReverifyField, reverifyHref } from "../../ui/reverify";
import { DeadlinesPanel } from "./deadlines-panel";
import { Figures } from "./figures";
import { NotFiledPanel } from "./not-filed-panel";
import { PublishAllPanel } from "./publish-panel";
import { ReportsPanel } from "./reports-panel";
import { nonFilerListingSummary, publishSummary } from "./summaries";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.year ?? ""} 年度年检 - 年度检查` }];

/** A refused attempt (too many wrong passwords or codes) says when to try again. */
export { retryAfterHeaders as headers } from "../../auth/retry-after";

function yearOf(param: string | undefined): number {
  return parseInspectionYear(param) ?? notFound("找不到该年度的年检。");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return yearPage(actor, yearOf(params.year), new URL(request.url).searchParams.get("state"), new Date());
}

export type YearPage = ReturnType<typeof useLoaderData<typeof loader>>;

type Intent = "deadlines" | "publish" | "publish-all" | "abnormal";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const year = yearOf(params.year);
  // As the page: a year not opened is a 404 whatever was posted; every form of the page then needs inspection:review.
  await inspectionYearAccess(actor, year);
  requireGrant(actor, "inspection:review");
  const ctx = actionContext(context, actor);
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: yearPageSchema });
  const intent = String(submission.payload.intent ?? "") as Intent;
  const refused = (result: SubmissionResult<string[]>, status = 400, reverify: ReverifyPrompt | null = null, headers?: Record<string, string>) =>
    data({ intent, result, notice: null, reverify }, { status, headers });
  const done = (result: SubmissionResult<string[]>, notice: string) => ({ intent, result, notice, reverify: null });
  if (submission.status !== "success") return refused(replyTo(submission));
  const value = submission.value;
  switch (value.intent) {
    case "deadlines": {
      const outcome = await changeDeadlines(ctx, year, value);
      if (!outcome.ok) return refused(replyTo(submission, outcome), 409);
      return done(submission.reply(), "截止日期已调整，已记入审计日志。");
    }
    case "publish":
    case "publish-all": {
      // Publishing needs a recent verification: a password given with the form is checked first.
      const unverified = replyTo(submission, null, { formError: value.intent === "publish" ? staleVerificationMessage : undefined });
      const check = await confirmFromForm(ctx, form);
      if (check && !check.ok) {
        const refusal = reverifyRefusal(check);
        return refused(unverified, refusal.init.status, refusal.reverify, refusal.init.headers);
      }
      // Publishing cannot be undone: nothing is published until the summary was confirmed.
      const confirm = pendingConfirmation(form, yearPageSchema);
      if (confirm) return { ...done(submission.reply(), ""), notice: null, confirm };
      const attempt = await unlessStale(() => publishYearConclusions(ctx, year, value));
      if (attempt.stale) return refused(unverified, 403, reverifyRefusal("stale").reverify);
      const outcome = attempt.value;
      if (!outcome.ok) return refused(replyTo(submission, outcome), 409);
      const { published, skipped } = outcome.value;
      return value.intent === "publish"
        ? done(submission.reply(), "已公布该组织的年检结论，公开登记信息中已可查看。")
        : done(submission.reply({ resetForm: true }), `已公布 ${published} 个组织的年检结论${skipped ? `；另有 ${skipped} 个已由他人公布，未重复公布` : ""}。`);
    }
    case "abnormal": {
      const confirm = pendingConfirmation(form, yearPageSchema);
      if (confirm) return { ...done(submission.reply(), ""), notice: null, confirm };
      const outcome = await listNonFilers(ctx, year, value);
      // A refusal of the whole batch is a conflict with what the page showed; a field's, bad input.
      if (!outcome.ok) return refused(replyTo(submission, outcome), outcome.formError ? 409 : 400);
      const { listed, skipped } = outcome.value;
      return done(
        submission.reply({ resetForm: true }),
        `已将 ${listed} 个组织列入活动异常名录${skipped ? `；另有 ${skipped} 个已在名录中或状态已变更，未重复列入` : ""}。`,
      );
    }
  }
}

export default function InspectionYearPage() {
  const page = useLoaderData<typeof loader>();
  const { year, scopeName, settings, pastDeadline, daysToDeadline, canReview } = page;
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const pending = pendingOf(actionData);
  // The row buttons that publish one conclusion are plain forms, as are refusals of an unknown intent: they show here.
  const pageErrors =
    actionData && !actionData.notice && !["publish-all", "abnormal", "deadlines"].includes(actionData.intent)
      ? Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? [])
      : null;
  return (
    <>
      <PageHeader
        title={`${year} 年度年检`}
        description={
          <>
            <Link to="/officer/inspections">返回年检年度</Link> · 报送 {year} 年度工作报告 · {scopeName} · 业务主管单位初审截止{" "}
            {formatDate(settings.supervisingDeadline)} · 登记管理机关截止 {formatDate(settings.registryDeadline)}
            {pastDeadline ? "（已截止）" : `（还有 ${daysToDeadline} 天）`}
          </>
        }
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FormError errors={pageErrors}>
        {actionData?.intent === "publish" && actionData.reverify ? (
          <Link to={reverifyHref(`/officer/inspections/${year}`)}>前往确认身份，完成后回到本页重新公布</Link>
        ) : null}
      </FormError>
      {pending ? (
        <ConfirmationPage
          pending={pending}
          summary={actionData?.intent === "abnormal" ? nonFilerListingSummary(page) : publishSummary(page)}
          back={actionData?.intent === "abnormal" ? "#not-filed" : actionData?.intent === "publish-all" ? "#publish-all" : "#reports"}
        >
          {actionData?.intent === "abnormal" ? null : <ReverifyField id="confirm-publish" needed={page.needsReverify} />}
        </ConfirmationPage>
      ) : null}
      <Figures page={page} />
      <ReportsPanel year={year} reports={page.reports} filter={page.filter} canReview={canReview} summary={publishSummary(page)} />
      {canReview ? (
        <PublishAllPanel
          reportIds={page.unpublished}
          lastResult={resultFor("publish-all")}
          needsReverify={page.needsReverify}
          reverify={actionData?.intent === "publish-all" ? actionData.reverify : null}
          summary={publishSummary(page)}
        />
      ) : null}
      <NotFiledPanel page={page} lastResult={resultFor("abnormal")} summary={nonFilerListingSummary(page)} />
      {canReview ? <DeadlinesPanel settings={settings} lastResult={resultFor("deadlines")} /> : null}
    </>
  );
}
