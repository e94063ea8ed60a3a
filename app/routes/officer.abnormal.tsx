import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { hasPermission } from "../auth/permissions";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { abnormalRemovalSchema, formatTimeOnList, timeOnList } from "../domain/inspections/forms";
import { abnormalListFor, removeFromAbnormalList } from "../domain/inspections/inspections.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { formatDate, shanghaiDate } from "../domain/shared/time";
import { Button, FormError, PostForm, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel, Stat } from "../ui/layout";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "活动异常名录 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const now = new Date();
  const today = shanghaiDate(now);
  const rows = await abnormalListFor(actor, now);
  return {
    rows: rows.map((r) => ({
      organizationId: r.listing.organizationId,
      name: r.name,
      type: r.type,
      street: r.street,
      listedOn: r.listing.listedOn,
      reason: r.listing.reason,
      inspectionYear: r.listing.inspectionYear,
      timeOnList: formatTimeOnList(timeOnList(r.listing.listedOn, today)),
      seriousViolationDue: r.seriousViolationDue,
    })),
    canReview: hasPermission(actor, "inspection:review"),
    scoped: actor.role === "street_officer",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const submission = parseSubmission(await readForm(request), { schema: abnormalRemovalSchema });
  const organizationId = Number(submission.payload.organizationId) || null;
  if (submission.status !== "success") return data({ organizationId, result: submission.reply(), notice: null }, { status: 400 });
  const outcome = await removeFromAbnormalList(actionContext(context, actor), submission.value.organizationId, { reason: submission.value.reason });
  if (!outcome.ok) {
    return data(
      {
        organizationId,
        result: replyTo(submission, outcome),
        notice: null,
      },
      { status: 409 },
    );
  }
  return { organizationId, result: submission.reply({ resetForm: true }), notice: "已移出活动异常名录，该组织的登记状态恢复为正常，已记入变更记录和审计日志。" };
}

export default function AbnormalList() {
  const { rows, canReview, scoped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serious = rows.filter((r) => r.seriousViolationDue).length;
  // A refusal for a row no longer listed has no form to sit beside.
  const orphanErrors =
    actionData && !actionData.notice && !rows.some((r) => r.organizationId === actionData.organizationId)
      ? Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? [])
      : null;
  return (
    <>
      <PageHeader
        title="活动异常名录"
        description={
          <>
            {scoped ? "本街道（镇）" : "全区"}现列入活动异常名录的社会组织。未按规定报送年度报告或年检不合格的组织列入名录；列入满两年的，建议列入严重违法失信名单。
            {" "}
            <Link to="/orgs?status=abnormal">查看公开名录</Link>
          </>
        }
      />
      {actionData?.notice ? (
        <Notice>
          {actionData.notice}
        </Notice>
      ) : null}
      <FormError errors={orphanErrors} />
      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="列入名录" value={rows.length} />
        <Stat label="满两年" value={serious} hint="建议列入严重违法失信名单" />
      </dl>
      <Panel>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">现列入活动异常名录的社会组织，按列入日期排列</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">组织名称</th>
                <th scope="col" className="px-3 py-2">街道（镇）</th>
                <th scope="col" className="px-3 py-2">列入日期</th>
                <th scope="col" className="px-3 py-2">列入原因</th>
                <th scope="col" className="px-3 py-2">已列入</th>
                {canReview ? <th scope="col" className="px-3 py-2">移出名录</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.organizationId} className="border-t border-slate-100 align-top">
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link to={`/officer/orgs/${r.organizationId}`}>{r.name}</Link>
                    <span className="block text-xs text-slate-600">{organizationTypeLabels[r.type]}</span>
                  </th>
                  <td className="px-3 py-2">{r.street ?? "—"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.listedOn)}</td>
                  <td className="px-3 py-2">
                    {r.reason}
                    {r.inspectionYear ? <span className="block text-xs text-slate-600">{r.inspectionYear} 年度年检</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className="whitespace-nowrap">{r.timeOnList}</span>
                    {r.seriousViolationDue ? (
                      <span className="mt-1 block">
                        <Badge tone="red">建议列入严重违法失信名单</Badge>
                      </span>
                    ) : null}
                  </td>
                  {canReview ? (
                    <td className="min-w-64 px-3 py-2">
                      <RemovalForm
                        organizationId={r.organizationId}
                        name={r.name}
                        lastResult={actionData?.organizationId === r.organizationId ? actionData.result : undefined}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length ? null : <p className="px-3 py-2 text-sm text-slate-600">目前没有列入活动异常名录的组织。</p>}
        </div>
      </Panel>
    </>
  );
}

/** Removal after verified correction: the reason is required and goes on the record. */
function RemovalForm({ organizationId, name, lastResult }: { organizationId: number; name: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<z.input<typeof abnormalRemovalSchema>>({ id: `remove-${organizationId}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)}>
      <FormError errors={form.errors} />
      <input type="hidden" name={fields.organizationId.name} value={organizationId} />
      <TextAreaField
        label="移出原因"
        name={fields.reason.name}
        defaultValue={fields.reason.initialValue as string | undefined}
        errors={fields.reason.errors}
        hint="写明已核实的整改情况"
        rows={2}
        maxLength={500}
        required
      />
      <Button type="submit" variant="secondary" aria-label={`移出名录：${name}`}>
        移出名录
      </Button>
    </PostForm>
  );
}
