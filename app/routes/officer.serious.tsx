import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { seriousRemovalSchema } from "../domain/credit/forms";
import { seriousTriggerLabels } from "../domain/credit/listings";
import { removeSeriousListing } from "../domain/credit/listings.server";
import { seriousListPage } from "../domain/credit/queries.server";
import { organizationStatusLabels } from "../domain/organizations/rules";
import { pendingConfirmation, parseSubmission, replyTo } from "../domain/shared/form-submission";
import { pendingOf } from "../domain/shared/confirmation";
import { formatDate } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { FormError } from "../ui/form";
import { PageHeader, Panel, Stat } from "../ui/layout";
import { Notice } from "../ui/notice";
import { ConfirmationPage } from "../ui/confirm";
import { ListedOrganization, ListingRemovalForm, orphanErrors, removalSummary } from "../ui/listing-removal";

export const meta: MetaFunction = () => [{ title: "严重违法失信名单 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  return seriousListPage(actor);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "credit:list");
  const form = await readForm(request);
  const submission = parseSubmission(form, { schema: seriousRemovalSchema });
  const listingId = Number(submission.payload.listingId) || null;
  if (submission.status !== "success") return data({ listingId, result: replyTo(submission), notice: null }, { status: 400 });
  // A removal is published and cannot be taken back: nothing is written until the summary was confirmed.
  const confirm = pendingConfirmation(form, seriousRemovalSchema);
  if (confirm) return { listingId, result: submission.reply(), notice: null, confirm };
  const outcome = await removeSeriousListing(actionContext(context, actor), submission.value.listingId, submission.value);
  if (!outcome.ok) return data({ listingId, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { listingId, result: submission.reply({ resetForm: true }), notice: "已移出严重违法失信名单，公开名单中显示移出日期和原因，已记入审计日志。" };
}

type ListedRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

const columns: Array<Column<ListedRow>> = [
  {
    label: "组织名称",
    rowHeader: true,
    cell: (r) => <ListedOrganization row={r} extra={organizationStatusLabels[r.status]} />,
  },
  { label: "列入日期", className: "whitespace-nowrap", cell: (r) => formatDate(r.listedOn) },
  {
    label: "列入事由和依据",
    cell: (r) => (
      <>
        <span className="font-medium">{seriousTriggerLabels[r.trigger]}</span>
        <span className="block text-xs text-slate-600">{r.article}</span>
        {r.evidence ? <span className="block text-xs text-slate-600">证据：{r.evidence}</span> : null}
      </>
    ),
  },
];

export default function SeriousList() {
  const { rows, canList, scoped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = pendingOf(actionData);
  const pendingRow = rows.find((r) => r.id === actionData?.listingId);
  const removal: Column<ListedRow> = {
    label: "移出",
    className: "min-w-64",
    cell: (r) => (
      <ListingRemovalForm id={`remove-serious-${r.id}`} listingId={r.id} name={r.name} lastResult={actionData?.listingId === r.id ? actionData.result : undefined} summary={removalSummary({ name: r.name, ground: seriousTriggerLabels[r.trigger] }, "serious")} hint="如：处罚决定经复议被撤销" buttonLabel="移出名单" />
    ),
  };
  return (
    <>
      <PageHeader
        title="严重违法失信名单"
        description={
          <>
            {scoped ? "本街道（镇）" : "全区"}现列入严重违法失信名单的社会组织，注明《社会组织信用信息管理办法》第十七条的依据。列入建议在
            <Link to="/officer/credit">列入建议</Link>中确认；法院撤销失信被执行人名单、处罚决定被撤销等情形，可写明原因移出。 <Link to="/credit/serious">查看公开名单</Link>
          </>
        }
      />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {pending && pendingRow ? <ConfirmationPage pending={pending} summary={removalSummary({ name: pendingRow.name, ground: seriousTriggerLabels[pendingRow.trigger] }, "serious")} back={`#remove-serious-${pendingRow.id}`} /> : null}
      <FormError errors={orphanErrors(actionData, rows)} />
      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="列入组织" value={new Set(rows.map((r) => r.organizationId)).size} />
        <Stat label="列入事由" value={rows.length} />
      </dl>
      <Panel>
        <DataTable
          caption="现列入严重违法失信名单的事由，按列入日期倒序排列"
          columns={canList ? [...columns, removal] : columns}
          rows={rows}
          rowKey={(r) => r.id}
          empty="目前没有列入严重违法失信名单的组织。"
          framed={false}
        />
      </Panel>
    </>
  );
}

