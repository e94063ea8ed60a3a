import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { actionContext, readForm } from "../auth/require.server";
import { askQuestion } from "../domain/questions/commands.server";
import { askSchema } from "../domain/questions/forms";
import { requirePublicPosting } from "../domain/questions/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { placeLevelLabels } from "../domain/places/rules";
import { fileChanges, formatFileSize } from "../domain/postings/compare";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { periodLabel, tableAsText } from "../domain/postings/rules";
import { publicPostingPage } from "../domain/postings/public.server";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { Panel } from "../ui/layout";
import { LineDiff, PostingBody } from "../ui/posting-body";
import { CategoryBadge, Hash, PostingFacts, PostingStatusBadge, PostingTable } from "../ui/posting-view";
import { QuestionsPanel } from "../ui/questions";

export { retryAfterHeaders as headers } from "../auth/retry-after";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.shown.title} - ${data.place.name}村务公开` : "村务公开事项" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = rowIdOrNotFound(params.id, "找不到该公开事项。");
  return publicPostingPage(id, new URL(request.url).searchParams.get("version"));
}

/** A villager's question (村民质询): no account, rate-limited per address and per posting. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const id = rowIdOrNotFound(params.id, "找不到该公开事项。");
  await requirePublicPosting(id);
  const submission = parseSubmission(await readForm(request), { schema: askSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission), asked: false }, { status: 400 });
  const outcome = await askQuestion(actionContext(context, null), id, submission.value);
  if (!outcome.ok) {
    const headers: Record<string, string> = outcome.retryAfterSeconds ? { "Retry-After": String(outcome.retryAfterSeconds) } : {};
    return data({ result: replyTo(submission, outcome), asked: false }, { status: outcome.status ?? 409, headers });
  }
  return { result: submission.reply({ resetForm: true }), asked: true };
}

export default function PublicPosting() {
  const { posting, place, street, shown, previous, isCurrent, history, questions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const placeWord = placeLevelLabels[place.level];
  const versionQuery = isCurrent ? "" : `?version=${shown.number}`;
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/">首页</Link> / <Link to="/postings">村务公开</Link> / <Link to={`/villages/${place.code}`}>{place.name}</Link>
      </nav>

      <header className="mb-6 border-b border-slate-200 pb-4">
        <h1 className="text-2xl font-semibold leading-snug text-slate-900">{shown.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <CategoryBadge category={posting.category} />
          <PostingStatusBadge status={posting.status} />
          {shown.number > 1 ? <span className="text-sm text-slate-700">第 {shown.number} 版</span> : null}
          <PostingFacts kind={posting.kind} period={posting.period} retention={posting.retention} />
        </p>
        <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-base">
          <Link to={`/postings/${posting.id}/print${versionQuery}`} className="inline-flex min-h-11 items-center">
            打印公告
          </Link>
          <Link to={`/villages/${place.code}`} className="inline-flex min-h-11 items-center">
            查看{place.name}的全部公开
          </Link>
        </p>
      </header>

      {posting.status === "withdrawn" ? (
        <section aria-labelledby="withdrawn-heading" className="mb-6 rounded border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-900">
          <h2 id="withdrawn-heading" className="font-semibold">
            本事项已于 {formatDate(posting.withdrawnAt)} 撤回
          </h2>
          <p className="mt-1">撤回原因：{posting.withdrawnReason ?? "未填写"}</p>
          <p className="mt-1 text-sm">撤回后内容仍然保留公开，供村民查阅和监督。</p>
        </section>
      ) : null}

      {!isCurrent ? (
        <p className="mb-6 rounded border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-amber-900">
          您正在查看第 {shown.number} 版，该版本已被更正。<Link to={`/postings/${posting.id}`}>查看当前版本（第 {posting.currentVersion} 版）</Link>
        </p>
      ) : null}

      <div className="space-y-6">
        <Panel>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">{placeWord}</dt>
            <dd>
              <Link to={`/villages/${place.code}`}>{place.name}</Link>
              <span className="text-slate-500"> · {street.name}</span>
            </dd>
            <dt className="text-slate-500">公开期间</dt>
            <dd>{periodLabel(posting.period)}</dd>
            <dt className="text-slate-500">首次公开</dt>
            <dd>{formatDateTime(posting.firstPublishedAt)}</dd>
            <dt className="text-slate-500">本版公开</dt>
            <dd>{formatDateTime(shown.publishedAt)}</dd>
            {shown.correctionReason ? (
              <>
                <dt className="text-slate-500">更正原因</dt>
                <dd>{shown.correctionReason}</dd>
              </>
            ) : null}
          </dl>
          <PostingBody text={shown.body} className="mt-5 text-base text-slate-900" />
          {shown.tableRows?.length ? (
            <div className="mt-6">
              <PostingTable kind={posting.kind} rows={shown.tableRows} />
            </div>
          ) : null}
          {shown.files.length ? (
            <section aria-labelledby="files-heading" className="mt-6">
              <h2 id="files-heading" className="mb-2 font-semibold">
                附件
              </h2>
              <FileList files={shown.files} />
            </section>
          ) : null}
        </Panel>

        <Panel title="村务监督委员会审核">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">审核意见</dt>
            <dd className="text-base">{shown.reviewOpinion ?? "—"}</dd>
            <dt className="text-slate-500">审核人</dt>
            <dd>{shown.reviewerName ?? "—"}</dd>
            <dt className="text-slate-500">审核日期</dt>
            <dd>{formatDate(shown.reviewedAt ?? shown.publishedAt)}</dd>
          </dl>
        </Panel>

        <Panel title="防篡改校验">
          <p className="text-sm leading-relaxed text-slate-700">
            {place.name}的每一次公开和更正，都按先后顺序登记在本{placeWord}的公开记录链上，并用 SHA-256 算法为内容生成一串“数字指纹”（哈希值）。每条记录的指纹都包含上一条记录的指纹，环环相扣：已经公开的内容哪怕只改动一个字，这条记录和之后所有记录的指纹都会对不上，所以无法被悄悄修改。
          </p>
          <dl className="mt-4 space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">链上位置</dt>
              <dd>
                本{placeWord}第 {shown.chainSeq} 条公开记录
                {/^0+$/.test(shown.previousHash) ? "（记录链的第一条）" : ""}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">本版指纹（SHA-256）</dt>
              <dd>
                <Hash value={shown.contentHash} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">上一条记录的指纹</dt>
              <dd>
                <Hash value={shown.previousHash} />
              </dd>
            </div>
          </dl>
        </Panel>

        {previous ? (
          <Panel title={`第 ${shown.number} 版更正了什么`}>
            <p className="mb-4 text-sm text-slate-600">
              与第 {previous.number} 版（{formatDate(previous.publishedAt)}公开）相比：
            </p>
            <Changes kind={posting.kind} before={previous} after={shown} />
          </Panel>
        ) : null}

        <QuestionsPanel postingId={posting.id} open={posting.status === "published"} placeWord={placeWord} questions={questions} reply={reply} />

        <Panel title="版本记录">
          <ol className="space-y-4">
            {history.map((v) => (
              <li key={v.number} className={`rounded border p-3 ${v.number === shown.number ? "border-brand-600 bg-brand-50" : "border-slate-200"}`}>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  {v.number === shown.number ? (
                    <span className="font-medium" aria-current="page">
                      第 {v.number} 版（正在查看）
                    </span>
                  ) : (
                    <Link to={v.number === posting.currentVersion ? `/postings/${posting.id}` : `?version=${v.number}`} className="inline-flex min-h-11 items-center font-medium">
                      查看第 {v.number} 版
                    </Link>
                  )}
                  {v.number === posting.currentVersion ? <span className="text-sm text-green-800">当前版本</span> : null}
                  <span className="text-sm text-slate-600">{formatDateTime(v.publishedAt)} 公开</span>
                </p>
                <p className="mt-1 text-sm">{v.correctionReason ? `更正原因：${v.correctionReason}` : "首次公开"}</p>
                <Hash value={v.contentHash} label={<span className="text-xs">指纹</span>} />
              </li>
            ))}
          </ol>
        </Panel>
      </div>
    </main>
  );
}

type Version = ReturnType<typeof useLoaderData<typeof loader>>["shown"];


function FileList({ files }: { files: Version["files"] }) {
  return (
    <ul className="space-y-1">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/postings/files/${f.id}`} className="inline-flex min-h-11 items-center break-all" download>
            {f.fileName}
          </a>
          <span className="ml-2 text-sm text-slate-500">{formatFileSize(f.size)}</span>
        </li>
      ))}
    </ul>
  );
}

function ChangeBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4 first:mt-0">
      <h3 className="mb-1 font-medium text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function Changes({ kind, before, after }: { kind: string; before: Version; after: Version }) {
  const beforeTable = tableAsText(kind, before.tableRows);
  const afterTable = tableAsText(kind, after.tableRows);
  const files = fileChanges(before.files, after.files);
  return (
    <>
      <ChangeBlock title="标题">
        {before.title === after.title ? (
          <p className="text-sm text-slate-600">标题没有改动。</p>
        ) : (
          <p className="text-sm">
            由“<del className="text-red-800">{before.title}</del>”改为“<ins className="text-green-800 no-underline">{after.title}</ins>”
          </p>
        )}
      </ChangeBlock>
      <ChangeBlock title="正文">
        <LineDiff before={before.body} after={after.body} />
      </ChangeBlock>
      {beforeTable || afterTable ? (
        <ChangeBlock title="表格">
          <LineDiff before={beforeTable} after={afterTable} unchanged="表格没有改动。" />
        </ChangeBlock>
      ) : null}
      <ChangeBlock title="附件">
        {files.added.length || files.removed.length ? (
          <ul className="space-y-1 text-sm">
            {files.added.map((f) => (
              <li key={`a${f.id}`} className="text-green-900">
                新增：<a href={`/postings/files/${f.id}`}>{f.fileName}</a>（{formatFileSize(f.size)}）
              </li>
            ))}
            {files.removed.map((f) => (
              <li key={`r${f.id}`} className="text-red-900">
                删除：<a href={`/postings/files/${f.id}`}>{f.fileName}</a>（{formatFileSize(f.size)}，仍可在第 {before.number} 版中查看）
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">附件没有改动。</p>
        )}
      </ChangeBlock>
    </>
  );
}
