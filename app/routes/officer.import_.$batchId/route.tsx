import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { actionContext, requirePermission } from "../auth/require.server";
import { importedListPaths, importKindLabels } from "../domain/imports/columns";
import { batchIdOf, handleBatchPost } from "../domain/imports/posts.server";
import type { OrganizationImportRow, PlaceImportRow } from "../domain/imports/rules";
import { importBatchView } from "../domain/imports/imports.server";
import { communityCategoryLabels, organizationStatusLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { pageNumber } from "../domain/shared/paging";
import { placeLevelLabels } from "../domain/places/rules";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { Button, FormError, PostForm } from "../ui/form";
import { Badge, PageHeader, Pagination, Panel, Stat } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `导入${importKindLabels[data.kind]}：${data.fileName}` : "导入批次"} - 登记管理` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  // Another officer's batch, or none, is a 404 from the domain.
  return importBatchView(actor, batchIdOf(params.batchId), pageNumber(new URL(request.url).searchParams));
}

/** Without JavaScript: the confirmation imports here and the page shows the result; with it, see the confirm route. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  const id = batchIdOf(params.batchId);
  const result = await handleBatchPost(actionContext(context, actor), id, request);
  if (result.ok) return redirect(`/officer/import/${id}`, 303);
  return data({ formError: result.formError ?? "操作未完成，请刷新页面后重试。" }, { status: 409 });
}

type View = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ImportBatchPage() {
  const batch = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      <FormError errors={[result?.formError, streamMessage].filter((m): m is string => !!m)} />

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

      {batch.status === "previewed" ? <Actions batch={batch} onRefused={setStreamMessage} /> : null}
      {batch.problemCount ? <ProblemsTable batch={batch} /> : null}
      {batch.status !== "discarded" && batch.sample.length ? <SampleTable batch={batch} /> : null}
    </>
  );
}

/* ------------------------------------------------------------------ confirm and discard */

interface Progress {
  stage: "sending" | "checking" | "writing" | "done";
  done: number;
  total: number;
}

const stageLabels: Record<Progress["stage"], string> = {
  sending: "正在提交…",
  checking: "正在复核登记簿中是否已有重复…",
  writing: "正在写入…",
  done: "写入完成，正在显示结果…",
};

/** The refusal's message: the server's own words when it sent some (a cross-site refusal is JSON), else a plain one. */
async function refusalText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: fall through.
  }
  return response.status === 404 ? "找不到该导入批次。" : "导入未完成，没有导入任何数据。请刷新页面后重试。";
}

/** Each line of a newline-delimited JSON stream as it arrives. */
async function readLines(body: ReadableStream<Uint8Array>, onLine: (line: unknown) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    buffered += decoder.decode(value, { stream: !done });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
    if (done) return;
  }
}

function Actions({ batch, onRefused }: { batch: View; onRefused: (message: string | null) => void }) {
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [progress, setProgress] = useState<Progress | null>(null);
  const total = batch.readRowCount;
  const busy = progress !== null || navigation.state !== "idle";

  /** With JavaScript the import streams its progress; without, the form posts to the page and the page shows the result. */
  async function confirm(event: FormEvent<HTMLFormElement>) {
    if (typeof ReadableStream === "undefined") return;
    event.preventDefault();
    onRefused(null);
    setProgress({ stage: "sending", done: 0, total });
    let refused: string | null = null;
    try {
      const response = await fetch(`/officer/import/${batch.id}/confirm`, {
        method: "POST",
        body: new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>),
        headers: { Accept: "application/x-ndjson" },
      });
      if (!response.ok || !response.body) refused = await refusalText(response);
      else {
        await readLines(response.body, (line) => {
          const message = line as { type: string; stage?: Progress["stage"]; done?: number; total?: number; imported?: number; message?: string };
          if (message.type === "progress") setProgress({ stage: message.stage!, done: message.done!, total: message.total! });
          else if (message.type === "done") setProgress({ stage: "done", done: message.imported!, total: message.imported! });
          else if (message.type === "refused") refused = message.message ?? "导入未完成，没有导入任何数据。";
        });
      }
    } catch {
      refused = "与服务器的连接中断。导入在一个事务中进行：请刷新页面查看该批次是否已导入，未导入时可再次确认。";
    }
    onRefused(refused);
    setProgress(null);
    revalidator.revalidate();
  }

  return (
    <Panel title={batch.problemCount ? "处理该批次" : "确认导入"} className="mb-6">
      {!batch.problemCount ? (
        <form method="post" onSubmit={confirm} aria-label="确认导入">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="version" value={batch.version} />
          <p className="mb-3 text-sm text-slate-700">
            将把 {total} 条{importKindLabels[batch.kind]}写入{batch.kind === "organizations" ? "登记簿" : "区划"}，并记入审计日志。导入后不能撤销，请先核对下面的预览。
          </p>
          {progress ? (
            <div role="status" aria-live="polite" className="mb-3 max-w-xl">
              <label htmlFor="import-progress" className="block text-sm font-medium text-slate-700">
                {stageLabels[progress.stage]}
              </label>
              <progress id="import-progress" max={progress.total || 1} value={progress.done} className="mt-1 block h-3 w-full accent-brand-600" />
              <p className="mt-1 text-sm tabular-nums text-slate-600">
                已写入 {progress.done} / {progress.total} 条
              </p>
            </div>
          ) : null}
          <Button type="submit" disabled={busy}>
            确认导入 {total} 条
          </Button>
        </form>
      ) : (
        <p className="mb-3 text-sm text-slate-700">该批次有问题，不能导入。放弃后它不再出现待确认的提示；问题列表仍可查看。</p>
      )}
      <PostForm className="mt-4 border-t border-slate-100 pt-4" aria-label="放弃该批次">
        <input type="hidden" name="intent" value="discard" />
        <input type="hidden" name="version" value={batch.version} />
        <Button type="submit" variant="secondary" disabled={busy}>
          放弃此批次
        </Button>
      </PostForm>
    </Panel>
  );
}

/* ------------------------------------------------------------------ problems and preview */

function ProblemsTable({ batch }: { batch: View }) {
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="problems-heading" className="mb-6">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="problems-heading" className="text-lg font-semibold text-slate-900">
          问题列表
        </h2>
        <a href={`/officer/import/${batch.id}/problems.csv`} download className="text-sm">
          下载全部 {batch.problemCount} 个问题（CSV）
        </a>
      </div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">每个问题所在的行和列、单元格内容和问题说明，按行号排列</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-right">行号</th>
              <th scope="col" className="px-3 py-2">列</th>
              <th scope="col" className="px-3 py-2">内容</th>
              <th scope="col" className="px-3 py-2">问题</th>
            </tr>
          </thead>
          <tbody>
            {batch.problems.map((p, i) => (
              <tr key={`${p.line}-${i}`} className="border-t border-slate-100 align-baseline">
                <td className="px-3 py-2 text-right tabular-nums">{p.line}</td>
                <td className="whitespace-nowrap px-3 py-2">{p.column}</td>
                <td className="break-all px-3 py-2">{p.value || <span className="text-slate-400">（空）</span>}</td>
                <td className="px-3 py-2 text-red-800">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={batch.page} pageSize={batch.problemPageSize} total={batch.problemCount} search={params} />
    </section>
  );
}

function SampleTable({ batch }: { batch: View }) {
  const flagged = new Set(batch.sampleProblemLines);
  const organizations = batch.kind === "organizations";
  const shown = batch.sample.length;
  const title =
    batch.status === "imported"
      ? `已导入的前 ${shown} 行`
      : batch.problemCount
        ? `能读取的行（前 ${shown} 行），问题改正后将这样记录`
        : `前 ${shown} 行将这样记录`;
  return (
    <section aria-labelledby="sample-heading">
      <h2 id="sample-heading" className="mb-2 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">按文件行号列出读取后的内容</caption>
          <thead className="bg-slate-50 text-slate-600">
            {organizations ? (
              <tr>
                <th scope="col" className="px-3 py-2 text-right">行号</th>
                <th scope="col" className="px-3 py-2">名称</th>
                <th scope="col" className="px-3 py-2">类型</th>
                <th scope="col" className="px-3 py-2">统一社会信用代码 / 备案号</th>
                <th scope="col" className="px-3 py-2">登记（备案）日期</th>
                <th scope="col" className="px-3 py-2">街道（镇）</th>
                <th scope="col" className="px-3 py-2">社区（村）</th>
                <th scope="col" className="px-3 py-2">状态</th>
              </tr>
            ) : (
              <tr>
                <th scope="col" className="px-3 py-2 text-right">行号</th>
                <th scope="col" className="px-3 py-2">区划代码</th>
                <th scope="col" className="px-3 py-2">名称</th>
                <th scope="col" className="px-3 py-2">类型</th>
                <th scope="col" className="px-3 py-2">所属街道（镇）</th>
                <th scope="col" className="px-3 py-2 text-right">户数</th>
                <th scope="col" className="px-3 py-2 text-right">人口</th>
              </tr>
            )}
          </thead>
          <tbody>
            {batch.sample.map((row) => (
              <tr key={row.line} className="border-t border-slate-100 align-baseline">
                <td className="px-3 py-2 text-right tabular-nums">
                  {row.line}
                  {flagged.has(row.line) ? (
                    <span className="ml-1">
                      <Badge tone="red">有问题</Badge>
                    </span>
                  ) : null}
                </td>
                {organizations ? <OrganizationCells row={row as OrganizationImportRow} /> : <PlaceCells row={row as PlaceImportRow} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OrganizationCells({ row }: { row: OrganizationImportRow }) {
  return (
    <>
      <td className="px-3 py-2">{row.name}</td>
      <td className="whitespace-nowrap px-3 py-2">
        {organizationTypeLabels[row.type]}
        {row.category ? <span className="block text-xs text-slate-500">{communityCategoryLabels[row.category]}</span> : null}
      </td>
      <td className="px-3 py-2 font-mono">
        {row.uscc ?? row.filingNumber ?? (row.type === "community" ? <span className="font-sans text-slate-500">导入时按街道编号</span> : "—")}
      </td>
      <td className="whitespace-nowrap px-3 py-2">{formatDate(row.registeredOn)}</td>
      <td className="px-3 py-2">{row.streetName ?? "—"}</td>
      <td className="px-3 py-2">{row.placeName ?? "—"}</td>
      <td className="whitespace-nowrap px-3 py-2">{organizationStatusLabels[row.status]}</td>
    </>
  );
}

function PlaceCells({ row }: { row: PlaceImportRow }) {
  return (
    <>
      <td className="px-3 py-2 font-mono">{row.code}</td>
      <td className="px-3 py-2">{row.name}</td>
      <td className="px-3 py-2">{placeLevelLabels[row.level]}</td>
      <td className="px-3 py-2">{row.streetName}</td>
      <td className="px-3 py-2 text-right tabular-nums">{row.households ?? "—"}</td>
      <td className="px-3 py-2 text-right tabular-nums">{row.population ?? "—"}</td>
    </>
  );
}
