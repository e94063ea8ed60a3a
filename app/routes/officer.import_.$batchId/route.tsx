import { useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { actionContext, readForm, requirePermission } from "../../auth/require.server";
import { importedListPaths, importKindLabels } from "../../domain/imports/columns";
import { batchIdOf, batchSchema } from "../../domain/imports/forms";
import { confirmImport, discardImport } from "../../domain/imports/commands.server";
import { importBatchSummary, importBatchView } from "../../domain/imports/queries.server";
import { parseSubmission, replyTo } from "../../domain/shared/form-submission";
import { pageNumber } from "../../domain/shared/paging";
import { formatDateTime } from "../../domain/shared/time";
import { FormError } from "../../ui/form";
import { PageHeader, Stat } from "../../ui/layout";
import { BatchActions } from "./actions-panel";
import { ProblemsTable, SampleTable } from "./batch-tables";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `导入${importKindLabels[data.kind]}：${data.fileName}` : "导入批次"} - 登记管理` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  // Another officer's batch, or none, is a 404 from the domain.
  return importBatchView(actor, batchIdOf(params.batchId), pageNumber(new URL(request.url).searchParams));
}

/** A confirmation or a discard. Without JavaScript the confirmation imports here and the page shows the result; with it, see the confirm route. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const id = batchIdOf(params.batchId);
  // Another officer's batch is a 404 and one the officer may not import a 403, as on the page, whatever was posted.
  await importBatchSummary(actor, id);
  const submission = parseSubmission(await readForm(request), { schema: batchSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const ctx = actionContext(context, actor);
  const value = submission.value;
  const outcome = value.intent === "confirm" ? await confirmImport(ctx, id, value) : await discardImport(ctx, id, value);
  if (outcome.ok) return redirect(`/officer/import/${id}`, 303);
  return data({ result: replyTo(submission, outcome, { formError: "操作未完成，请刷新页面后重试。" }) }, { status: 409 });
}

export type BatchView = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ImportBatchPage() {
  const batch = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The confirmation and the discard post the same form; their refusal shows above the page.
  const [form, fields] = useForm<{ intent: string; version: string }>({ id: "batch", lastResult: actionData?.result });
  // What the streamed confirmation said when it did not import: kept here, as the confirm panel may go.
  const [streamMessage, setStreamMessage] = useState<string | null>(null);
  const valid = batch.rowCount - batch.problemRowCount;
  const list = importedListPaths[batch.kind];
  return (
    <>
      <PageHeader
        title={`导入${importKindLabels[batch.kind]}`}
        description={
          <>
            文件“{batch.fileName}”，上传于 {formatDateTime(batch.createdAt)} · <Link to="/officer/import">返回数据导入</Link>
          </>
        }
      />
      <FormError errors={[...(form.errors ?? []), ...(fields.intent.errors ?? []), ...(fields.version.errors ?? []), ...(streamMessage ? [streamMessage] : [])]} />

      {batch.status === "imported" ? (
        <div role="status" className="mb-6 rounded border border-green-200 bg-green-50 px-4 py-3 text-green-900">
          <p className="font-medium">
            导入完成：已导入 {batch.readRowCount} 条{importKindLabels[batch.kind]}（{formatDateTime(batch.importedAt)}）。
          </p>
          <p className="mt-1 text-sm">
            可到<Link to={list.to}>{list.label}</Link>查看。
            {batch.kind === "organizations" ? "每个组织的变更记录中都记有这次导入。" : ""}
          </p>
        </div>
      ) : batch.status === "discarded" ? (
        <p role="status" className="mb-6 rounded border border-slate-200 bg-slate-50 px-4 py-3 text-slate-800">
          已放弃该批次，没有导入任何数据。如需导入，请<Link to="/officer/import">重新上传文件</Link>。
        </p>
      ) : batch.problemCount ? (
        <div className="mb-6 rounded border border-red-200 bg-red-50 px-4 py-3 text-red-900">
          <p className="font-medium">
            文件中有 {batch.problemRowCount} 行存在问题（共 {batch.problemCount} 个），不能导入，也没有导入任何数据。
          </p>
          <p className="mt-1 text-sm">
            请按下面的问题列表修改文件，再<Link to="/officer/import">重新上传</Link>。问题多时可
            <a href={`/officer/import/${batch.id}/problems.csv`} download>
              下载全部问题（CSV）
            </a>
            对照修改。
          </p>
        </div>
      ) : (
        <p className="mb-6 rounded border border-blue-200 bg-blue-50 px-4 py-3 text-blue-900">
          检查通过：{batch.rowCount} 行都可以导入。确认后一次性写入；如中途出错，全部不导入。
        </p>
      )}

      <dl className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="数据行" value={batch.rowCount} hint="空行不计" />
        <Stat label={batch.status === "imported" ? "已导入的行" : "可以导入的行"} value={valid} />
        <Stat label="有问题的行" value={batch.problemRowCount} />
      </dl>
      {batch.ignoredColumns.length ? (
        <p className="mb-6 text-sm text-slate-600">以下列不在导入范围内，未读取：{batch.ignoredColumns.join("、")}。</p>
      ) : null}

      {batch.status === "previewed" ? <BatchActions batch={batch} onRefused={setStreamMessage} /> : null}
      {batch.problemCount ? <ProblemsTable batch={batch} /> : null}
      {batch.status !== "discarded" && batch.sample.length ? <SampleTable batch={batch} /> : null}
    </>
  );
}
