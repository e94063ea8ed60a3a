import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "../domain/shared/errors";
import { pickVersion } from "../domain/postings/compare";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { parseVersionParam } from "../domain/postings/query";
import { categoryLabels, kindOf, periodLabel } from "../domain/postings/rules";
import { publicPosting } from "../domain/postings/public.server";
import { formatDate } from "../domain/shared/time";
import { PostingBody } from "../ui/posting-body";
import { PostingTable } from "../ui/posting-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `打印：${data.shown.title} - ${data.place.name}村务公开` : "打印村务公开" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = rowIdOrNotFound(params.id, "找不到该公开事项。");
  const url = new URL(request.url);
  const requested = parseVersionParam(url.searchParams.get("version"));
  if (requested === null) notFound("版本号无效。");
  const { posting, place, versions } = await publicPosting(id);
  const picked = pickVersion(versions, posting.currentVersion, requested) ?? notFound(`该公开事项没有已公开的第 ${requested} 版。`);
  return {
    posting,
    place,
    shown: picked.shown,
    isCurrent: picked.shown.number === posting.currentVersion,
    // Printed on paper: the address to type in, without the scheme's noise.
    shortUrl: `${url.host}/postings/${posting.id}`,
  };
}

export default function PrintPosting() {
  const { posting, place, shown, isCurrent, shortUrl } = useLoaderData<typeof loader>();
  return (
    // data-print-sheet: printed on A4 without the site's header and footer (app.css).
    <main data-print-sheet className="mx-auto max-w-[210mm] bg-white px-6 py-8 text-slate-950 print:max-w-none print:p-0">
      <div className="mb-6 flex flex-wrap items-center gap-4 rounded border border-slate-200 bg-slate-50 p-4 text-sm print:hidden">
        <button
          type="button"
          onClick={() => window.print()}
          className="min-h-11 rounded bg-brand-600 px-6 py-2 text-base text-white hover:bg-brand-700"
        >
          打印
        </button>
        <span className="text-slate-600">也可以使用浏览器的打印功能（电脑按 Ctrl+P，苹果电脑按 ⌘+P），建议使用 A4 纸。</span>
        <Link to={`/postings/${posting.id}${isCurrent ? "" : `?version=${shown.number}`}`} className="inline-flex min-h-11 items-center">
          返回公开事项页面
        </Link>
      </div>

      <article>
        <header className="border-b-2 border-slate-900 pb-4 text-center">
          <p className="text-lg tracking-widest">
            {place.name}
            {place.level === "community" ? "居务" : "村务"}公开栏
          </p>
          <h1 className="mt-3 text-3xl font-bold leading-snug">{shown.title}</h1>
          <p className="mt-3 text-base">
            {categoryLabels[posting.category]}公开 · {kindOf(posting.kind).label} · 公开期间：{periodLabel(posting.period)}
            {shown.number > 1 ? ` · 第 ${shown.number} 版（更正）` : ""}
          </p>
        </header>

        {posting.status === "withdrawn" ? (
          <p className="mt-4 border-2 border-slate-900 p-3 text-base font-semibold">
            本事项已于 {formatDate(posting.withdrawnAt)} 撤回。撤回原因：{posting.withdrawnReason ?? "未填写"}
          </p>
        ) : null}
        {!isCurrent ? (
          <p className="mt-4 border-2 border-slate-900 p-3 text-base font-semibold">本页为第 {shown.number} 版，该版本已被更正，请以第 {posting.currentVersion} 版为准。</p>
        ) : null}
        {shown.correctionReason ? <p className="mt-4 text-base">更正原因：{shown.correctionReason}</p> : null}

        <PostingBody text={shown.body} className="mt-6 text-lg" />

        {shown.tableRows?.length ? (
          <div className="mt-6 text-base">
            <PostingTable kind={posting.kind} rows={shown.tableRows} />
          </div>
        ) : null}

        {shown.files.length ? (
          <p className="mt-6 text-base">附件（请在网上查看）：{shown.files.map((f) => f.fileName).join("、")}</p>
        ) : null}

        <section className="mt-10 break-inside-avoid text-base leading-loose" aria-label="审核与公开">
          <p>村务监督委员会审核意见：{shown.reviewOpinion ?? "—"}</p>
          <p className="mt-2 flex flex-wrap justify-end gap-x-10">
            <span>审核人：{shown.reviewerName ?? "—"}</span>
            <span>日期：{formatDate(shown.reviewedAt ?? shown.publishedAt)}</span>
          </p>
          <p className="mt-6 text-right">
            {place.name}
            <br />
            {formatDate(shown.publishedAt)}公开
          </p>
        </section>

        <footer className="mt-10 border-t border-slate-400 pt-3 text-xs leading-relaxed text-slate-700">
          <p>网上查看全文、版本记录和防篡改校验：{shortUrl}</p>
          <p className="break-all">
            本版数字指纹（SHA-256）：<span className="font-mono">{shown.contentHash}</span>
          </p>
        </footer>
      </article>
    </main>
  );
}
