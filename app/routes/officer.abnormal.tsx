import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { abnormalRemovalSchema } from "../domain/inspections/forms";
import { removeFromAbnormalList } from "../domain/inspections/commands.server";
import { abnormalListPage } from "../domain/inspections/queries.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, FormError, PostForm, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel, Stat } from "../ui/layout";
import { Notice } from "../ui/notice";

export const meta: MetaFunction = () => [{ title: "活动异常名录 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return abnormalListPage(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "inspection:review");
  const submission = parseSubmission(await readForm(request), { schema: abnormalRemovalSchema });
  const organizationId = Number(submission.payload.organizationId) || null;
  if (submission.status !== "success") return data({ organizationId, result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await removeFromAbnormalList(actionContext(context, actor), submission.value.organizationId, submission.value);
  if (!outcome.ok) return data({ organizationId, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { organizationId, result: submission.reply({ resetForm: true }), notice: "已移出活动异常名录，该组织的登记状态恢复为正常，已记入变更记录和审计日志。" };
}

type ListedRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const columns: Array<Column<ListedRow>> = [
  {
    label: "组织名称",
    rowHeader: true,
    cell: (r) => (
      <>
        <Link to={`/officer/orgs/${r.organizationId}`}>{r.name}</Link>
        <span className="block text-xs text-slate-600">{organizationTypeLabels[r.type]}</span>
      </>
    ),
  },
  { label: "街道（镇）", cell: (r) => r.street ?? "—" },
  { label: "列入日期", className: "whitespace-nowrap", cell: (r) => formatDate(r.listedOn) },
  {
    label: "列入原因",
    cell: (r) => (
      <>
        {r.reason}
        {r.inspectionYear ? <span className="block text-xs text-slate-600">{r.inspectionYear} 年度年检</span> : null}
      </>
    ),
  },
  {
    label: "已列入",
    cell: (r) => (
      <>
        <span className="whitespace-nowrap">{r.timeOnList}</span>
        {r.seriousViolationDue ? (
          <span className="mt-1 block">
            <Badge tone="red">建议列入严重违法失信名单</Badge>
          </span>
        ) : null}
      </>
    ),
  },
];

export default function AbnormalList() {
  const { rows, canReview, scoped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serious = rows.filter((r) => r.seriousViolationDue).length;
  // A refusal for a row no longer listed has no form to sit beside.
  const orphanErrors =
    actionData && !actionData.notice && !rows.some((r) => r.organizationId === actionData.organizationId)
      ? Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? [])
      : null;
  const removal: Column<ListedRow> = {
    label: "移出名录",
    className: "min-w-64",
    cell: (r) => (
      <RemovalForm
        organizationId={r.organizationId}
        name={r.name}
        lastResult={actionData?.organizationId === r.organizationId ? actionData.result : undefined}
      />
    ),
  };
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
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FormError errors={orphanErrors} />
      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="列入名录" value={rows.length} />
        <Stat label="满两年" value={serious} hint="建议列入严重违法失信名单" />
      </dl>
      <Panel>
        <DataTable
          caption="现列入活动异常名录的社会组织，按列入日期排列"
          columns={canReview ? [...columns, removal] : columns}
          rows={rows}
          rowKey={(r) => r.organizationId}
          empty="目前没有列入活动异常名录的组织。"
          framed={false}
        />
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
