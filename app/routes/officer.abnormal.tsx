import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { abnormalRemovalSchema } from "../domain/credit/forms";
import { abnormalTriggerLabels, removalArticle } from "../domain/credit/listings";
import { removeAbnormalListing } from "../domain/credit/listings.server";
import { abnormalListPage } from "../domain/credit/queries.server";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { pendingOf } from "../domain/shared/confirmation";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { FormError } from "../ui/form";
import { Badge, PageHeader, Panel, Stat } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ConfirmationPage } from "../ui/confirm";
import { ListedOrganization, ListingRemovalForm, orphanErrors, removalSummary } from "../ui/listing-removal";

export const meta: MetaFunction = () => [{ title: "活动异常名录 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return abnormalListPage(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "credit:list");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: abnormalRemovalSchema });
  const listingId = Number(submission.payload.listingId) || null;
  if (submission.status !== "success") return data({ listingId, result: replyTo(submission), notice: null }, { status: 400 });
  // A removal is published and cannot be taken back: nothing is written until the summary was confirmed.
  const confirm = pendingConfirmation(form, abnormalRemovalSchema);
  if (confirm) return { listingId, result: submission.reply(), notice: null, confirm };
  const outcome = await removeAbnormalListing(actionContext(context, actor), submission.value.listingId, submission.value);
  if (!outcome.ok) return data({ listingId, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { listingId, result: submission.reply({ resetForm: true }), notice: "已移出活动异常名录。该组织不再有其他列入事由的，登记状态恢复为正常；已记入变更记录和审计日志。" };
}

type ListedRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const columns: Array<Column<ListedRow>> = [
  {
    label: "组织名称",
    rowHeader: true,
    cell: (r) => <ListedOrganization row={r} />,
  },
  { label: "列入日期", className: "whitespace-nowrap", cell: (r) => formatDate(r.listedOn) },
  {
    label: "列入事由和依据",
    cell: (r) => (
      <>
        <span className="font-medium">{abnormalTriggerLabels[r.trigger]}</span>
        <span className="block text-xs text-slate-600">{r.article}</span>
        {r.reason !== abnormalTriggerLabels[r.trigger] ? <span className="block text-sm">{r.reason}</span> : null}
        {r.evidence ? <span className="block text-xs text-slate-600">证据：{r.evidence}</span> : null}
      </>
    ),
  },
  {
    label: "已列入",
    cell: (r) => (
      <>
        <span className="whitespace-nowrap">{r.timeOnList}</span>
        {r.twoYears ? (
          <span className="mt-1 block">
            <Link to="/officer/credit">
              <Badge tone="red">满 2 年，待移入严重违法失信名单</Badge>
            </Link>
          </span>
        ) : null}
        {r.automaticRemovalOn ? <span className="block text-xs text-slate-600">{formatDate(r.automaticRemovalOn)} 自动移出</span> : null}
      </>
    ),
  },
];

export default function AbnormalList() {
  const { rows, canList, scoped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = pendingOf(actionData);
  const pendingRow = rows.find((r) => r.id === actionData?.listingId);
  const organizations = new Set(rows.map((r) => r.organizationId)).size;
  const removal: Column<ListedRow> = {
    label: "移出",
    className: "min-w-64",
    cell: (r) => (
      <ListingRemovalForm id={`remove-${r.id}`} listingId={r.id} name={r.name} lastResult={actionData?.listingId === r.id ? actionData.result : undefined} summary={removalSummary({ name: r.name, ground: abnormalTriggerLabels[r.trigger] }, "abnormal")} withKind hint="写明核实的整改情况或更正的理由" buttonLabel="移出名录" />
    ),
  };
  return (
    <>
      <PageHeader
        title="活动异常名录"
        description={
          <>
            {scoped ? "本街道（镇）" : "全区"}现列入活动异常名录的社会组织，每项列入事由一行，注明《社会组织信用信息管理办法》第十条的依据。
            经核实已履行义务或完成整改的，应自查实之日起 5 个工作日内移出；因警告、罚款列入的，列入满 6 个月自动移出，期间再次列入的重新计算（{removalArticle}）。
            列入满 2 年的，移入严重违法失信名单。 <Link to="/credit/abnormal">查看公开名录</Link>
          </>
        }
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending && pendingRow ? <ConfirmationPage pending={pending} summary={removalSummary({ name: pendingRow.name, ground: abnormalTriggerLabels[pendingRow.trigger] }, "abnormal")} back={`#remove-${pendingRow.id}`} /> : null}
      <FormError errors={orphanErrors(actionData, rows)} />
      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="列入组织" value={organizations} />
        <Stat label="列入事由" value={rows.length} />
        <Stat label="满 2 年" value={new Set(rows.filter((r) => r.twoYears).map((r) => r.organizationId)).size} hint="待移入严重违法失信名单" />
      </dl>
      <Panel>
        <DataTable
          caption="现列入活动异常名录的事由，按列入日期排列"
          columns={canList ? [...columns, removal] : columns}
          rows={rows}
          rowKey={(r) => r.id}
          empty="目前没有列入活动异常名录的组织。"
          framed={false}
        />
      </Panel>
    </>
  );
}

