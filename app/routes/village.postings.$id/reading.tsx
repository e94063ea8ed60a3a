import { Link } from "@remix-run/react";
import { tableRowsOf } from "../../domain/postings/forms";
import { tableAsText, tableSpecOf, type SensitiveFinding } from "../../domain/postings/rules";
import { formatDateTime } from "../../domain/shared/time";
import { FileList } from "../../ui/attachments";
import { Panel } from "../../ui/layout";
import { LineDiff, PostingBody } from "../../ui/posting-body";
import { Hash, PostingStatusBadge, PostingTable, PostingTimeline, VersionStateBadge } from "../../ui/posting-view";
import { fileHref, type Version, type Workspace } from "./answers";

/* What the page shows of the posting: its versions, the number check's findings, the correction, the public facts. */

export function ReturnedNotice({ version, drafting }: { version: Version; drafting: boolean }) {
  return (
    <div role="status" className="mb-6 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="text-lg font-semibold">村务监督委员会已退回修改</p>
      <p className="mt-2 text-base">
        <span className="font-medium">审核意见：</span>
        {version.reviewOpinion}
      </p>
      <p className="mt-1 text-sm">
        {version.reviewerName ?? "监督委员会"} · {formatDateTime(version.reviewedAt)}
        {drafting ? "。请按审核意见修改后重新提交审核。" : "。等待村务公开员修改后重新提交。"}
      </p>
    </div>
  );
}

export function CorrectionPanel({ kind, open, current }: { kind: string; open: Version; current: Version | null }) {
  const spec = tableSpecOf(kind);
  return (
    <Panel title={`更正：第 ${open.number} 版`}>
      <p className="mb-3">
        <span className="font-medium">更正原因：</span>
        {open.correctionReason}
      </p>
      {current ? (
        <>
          <p className="mb-2 text-sm text-slate-600">
            与当前公开的第 {current.number} 版相比（按已保存的内容）。审核通过前，公开页面仍显示第 {current.number} 版。
          </p>
          {open.title !== current.title ? (
            <p className="mb-3 text-sm">
              标题：<span className="text-red-900 line-through">{current.title}</span> → <span className="text-green-900">{open.title}</span>
            </p>
          ) : null}
          <h3 className="mb-1 mt-3 text-sm font-medium text-slate-700">正文的改动</h3>
          <LineDiff before={current.body} after={open.body} />
          {spec ? (
            <>
              <h3 className="mb-1 mt-3 text-sm font-medium text-slate-700">{spec.label}的改动</h3>
              <LineDiff before={tableAsText(kind, current.tableRows)} after={tableAsText(kind, open.tableRows)} unchanged="表格没有改动。" />
            </>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}

export function VersionContent({ kind, version }: { kind: string; version: Version }) {
  return (
    <div className="space-y-4">
      <h3 className="text-base font-semibold text-slate-900">{version.title}</h3>
      {version.body ? <PostingBody text={version.body} /> : <p className="text-sm text-slate-600">（无正文）</p>}
      <PostingTable kind={kind} rows={version.tableRows} />
      {tableSpecOf(kind) && !version.tableRows?.length ? <p className="text-sm text-slate-600">（表格尚未填写）</p> : null}
      <div>
        <h4 className="mb-1 text-sm font-medium text-slate-700">附件</h4>
        <FileList files={version.files} hrefFor={fileHref} />
      </div>
    </div>
  );
}

export function FindingsList({ findings }: { findings: SensitiveFinding[] }) {
  return (
    <div tabIndex={0} role="region" aria-label="发现的号码" className="max-h-80 overflow-auto rounded border border-amber-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="sticky top-0 bg-amber-100 text-amber-950">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">位置</th>
            <th scope="col" className="px-3 py-1.5 font-medium">类型</th>
            <th scope="col" className="px-3 py-1.5 font-medium">公开时显示为</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={i} className="border-t border-amber-100">
              <td className="px-3 py-1.5">{f.where}</td>
              <td className="px-3 py-1.5">{f.label}</td>
              <td className="px-3 py-1.5 font-mono">{f.masked}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** For the supervisor and for a submitted version: what the check found, as information. */
export function FindingsPanel({ findings }: { findings: SensitiveFinding[] }) {
  return (
    <section className="rounded border border-amber-300 bg-amber-50 p-5" aria-labelledby="findings-heading">
      <h2 id="findings-heading" className="mb-2 text-lg font-semibold text-amber-950">
        个人信息提示：发现 {findings.length} 处号码
      </h2>
      <p className="mb-3 text-sm text-amber-950">
        内容中有身份证号、手机号或银行卡号。村务公开员提交时已确认确需公开；公开页面按下表的遮蔽形式显示。如不应公开，请退回修改。
      </p>
      <FindingsList findings={findings} />
    </section>
  );
}

export function VersionsPanel({
  kind,
  versions,
  openNumber,
  currentNumber,
}: {
  kind: string;
  versions: Version[];
  openNumber: number | null;
  currentNumber: number | null;
}) {
  return (
    <Panel title="版本">
      <ol className="divide-y divide-slate-100">
        {versions.map((v) => (
          <li key={v.id} className="py-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">第 {v.number} 版</span>
              <VersionStateBadge state={v.state} />
              <span>{v.title}</span>
            </p>
            <ul className="mt-1 space-y-0.5 text-slate-600">
              {v.correctionReason ? <li>更正原因：{v.correctionReason}</li> : null}
              <li>起草于 {formatDateTime(v.createdAt)}</li>
              {v.submittedAt ? <li>提交审核于 {formatDateTime(v.submittedAt)}</li> : null}
              {v.reviewedAt ? (
                <li>
                  {v.reviewerName ?? "监督委员会"}于 {formatDateTime(v.reviewedAt)} 审核：{v.reviewOpinion}
                </li>
              ) : null}
              {v.publishedAt ? <li>公开于 {formatDateTime(v.publishedAt)}（公开链第 {v.chainSeq} 条）</li> : null}
              {v.contentHash ? (
                <li>
                  <Hash value={v.contentHash} label="哈希：" />
                </li>
              ) : null}
            </ul>
            {/* The open version and (with none open) the current one are shown in full above. */}
            {v.number !== openNumber && !(openNumber === null && v.number === currentNumber) ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-brand-700">查看第 {v.number} 版内容</summary>
                <div className="mt-2 rounded border border-slate-200 p-3">
                  <VersionContent kind={kind} version={v} />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** Beside the content: what the public sees of the posting, and every step taken on it. */
export function PublicInfoPanel({ workspace, wide }: { workspace: Workspace; wide: boolean }) {
  const { posting, steps } = workspace;
  const isPublic = posting.status === "published" || posting.status === "withdrawn";
  return (
    <div className={wide ? "grid items-start gap-6 md:grid-cols-2" : "space-y-6"}>
      <Panel title="公开信息">
        <dl className="space-y-3 text-sm">
          <div>
            <dt className="text-slate-600">公开状态</dt>
            <dd>
              <PostingStatusBadge status={posting.status} />
              {posting.currentVersion ? <span className="ml-2">当前公开第 {posting.currentVersion} 版</span> : null}
            </dd>
          </div>
          {posting.firstPublishedAt ? (
            <div>
              <dt className="text-slate-600">首次公开</dt>
              <dd>{formatDateTime(posting.firstPublishedAt)}</dd>
            </div>
          ) : null}
          {posting.publishedAt && posting.publishedAt !== posting.firstPublishedAt ? (
            <div>
              <dt className="text-slate-600">最近公开</dt>
              <dd>{formatDateTime(posting.publishedAt)}</dd>
            </div>
          ) : null}
          {posting.currentHash ? (
            <div>
              <dt className="text-slate-600">当前版本哈希（SHA-256）</dt>
              <dd>
                <Hash value={posting.currentHash} />
              </dd>
            </div>
          ) : null}
        </dl>
        {isPublic ? (
          <p className="mt-3 text-sm">
            <Link to={`/postings/${posting.id}`}>查看公开页面</Link>
            <span className="text-slate-600">（群众看到的内容，号码已遮蔽）</span>
          </p>
        ) : (
          <p className="mt-3 text-sm text-slate-600">尚未公开。经村务监督委员会审核通过后，群众可在公开页面查阅。</p>
        )}
      </Panel>
      <Panel title="办理过程">
        <PostingTimeline steps={steps} />
      </Panel>
    </div>
  );
}

const unsavedLabels: Array<[string, string]> = [
  ["title", "标题"],
  ["period", "公开期间"],
  ["body", "正文"],
  ["opinion", "审核意见"],
  ["reason", "更正原因"],
  ["withdrawReason", "撤回原因"],
];

/** What was typed into a form the page no longer shows (the posting moved on meanwhile): kept for copying, not lost. */
export function UnsavedValues({ values }: { values: Record<string, unknown> }) {
  const texts = unsavedLabels.filter(([key]) => typeof values[key] === "string" && values[key]);
  const rows = tableRowsOf(values.row);
  if (!texts.length && !rows.length) return null;
  return (
    <section className="mb-4 rounded border border-slate-300 bg-white p-4" aria-labelledby="unsaved-heading">
      <h2 id="unsaved-heading" className="mb-2 font-semibold">您未保存的内容</h2>
      <p className="mb-3 text-sm text-slate-600">该事项已被他人处理，以下是您刚才输入但未保存的内容，可复制后在最新页面重新填写。</p>
      <dl className="space-y-2 text-sm">
        {texts.map(([key, label]) => (
          <div key={key}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="whitespace-pre-wrap rounded bg-slate-50 p-2">{String(values[key])}</dd>
          </div>
        ))}
        {rows.length ? (
          <div>
            <dt className="text-slate-600">表格</dt>
            <dd className="whitespace-pre-wrap rounded bg-slate-50 p-2">{rows.map((row) => Object.values(row).join(" | ")).join("\n")}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
