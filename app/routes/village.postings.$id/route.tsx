import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { hasPermission } from "../auth/permissions";
import { actionContext, requirePermission } from "../auth/require.server";
import { rowIdOrNotFound } from "../domain/shared/ids";
import {
  approvalOpinion,
  cellName,
  defaultBlankRows,
  moreBlankRows,
  tableCellProblems,
  type PostingFormValues,
} from "../domain/postings/forms";
import { handlePostingPost, type PostingPostResult } from "../domain/postings/posts.server";
import {
  maxReasonLength,
  maxTitleLength,
  periodHint,
  periodKindLabels,
  postingKinds,
  isPostingKind,
  tableAsText,
  tableSpecOf,
  type PostingTableRows,
  type SensitiveFinding,
  type TableSpec,
} from "../domain/postings/rules";
import { bodyMarkupHint } from "../domain/postings/text";
import { postingWorkspace } from "../domain/postings/postings.server";
import { formatDateTime } from "../domain/shared/time";
import { AttachmentsEditor, FileList } from "../ui/attachments";
import { Button, ErrorList, Field, FormError, PostForm, TextAreaField } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";
import { LineDiff, PostingBody } from "../ui/posting-body";
import { CategoryBadge, Hash, PostingFacts, PostingStatusBadge, PostingTable, PostingTimeline, VersionStateBadge } from "../ui/posting-view";
import { Notice } from "../ui/notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "公开事项"} - 村务公开工作台` }];

function postingIdOf(param: string | undefined): number {
  return rowIdOrNotFound(param, "找不到该公开事项。");
}

/** Messages a redirect may ask this page to show; only these, never text from the URL. */
const notices = { created: "已创建草稿。请继续填写表格、上传附件，核对无误后提交村务监督委员会审核。" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const id = postingIdOf(params.id);
  const ws = await postingWorkspace(actor, id);
  const { posting } = ws;
  const notice = new URL(request.url).searchParams.get("notice");
  const versions = ws.versions.map((v) => ({
    id: v.id,
    number: v.number,
    state: v.state,
    title: v.title,
    body: v.body,
    tableRows: v.tableRows ?? null,
    correctionReason: v.correctionReason,
    createdAt: v.createdAt,
    submittedAt: v.submittedAt,
    reviewedAt: v.reviewedAt,
    reviewerName: v.reviewerName,
    reviewOpinion: v.reviewOpinion,
    publishedAt: v.publishedAt,
    chainSeq: v.chainSeq,
    contentHash: v.contentHash,
    version: v.version,
    files: v.files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
  }));
  return {
    title: ws.open?.title ?? ws.current?.title ?? posting.title,
    drafting: hasPermission(actor, "posting:draft"),
    posting: {
      id: posting.id,
      kind: posting.kind,
      category: posting.category,
      retention: posting.retention,
      period: posting.period,
      status: posting.status,
      version: posting.version,
      currentVersion: posting.currentVersion,
      currentHash: posting.currentHash,
      firstPublishedAt: posting.firstPublishedAt,
      publishedAt: posting.publishedAt,
      withdrawnAt: posting.withdrawnAt,
      withdrawnReason: posting.withdrawnReason,
    },
    versions,
    openNumber: ws.open?.number ?? null,
    currentNumber: ws.current?.number ?? null,
    steps: ws.steps.map((s) => ({ id: s.id, at: s.at, action: s.action, versionNumber: s.versionNumber, actorName: s.actorName, opinion: s.opinion })),
    findings: ws.findings,
    findingsDigest: ws.findingsDigest,
    attachmentsNeedCare: ws.attachmentsNeedCare,
    can: ws.can,
    notice: notice && Object.hasOwn(notices, notice) ? notices[notice as keyof typeof notices] : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Each write checks the permission it needs (posting:draft or posting:review) in the domain.
  const actor = await requirePermission(request, "area:village");
  const result = await handlePostingPost(actionContext(context, actor), postingIdOf(params.id), request);
  if (result.redirectTo) throw redirect(result.redirectTo);
  return data(result, { status: result.status });
}

/** A refused submission still saved the draft, so the page reloads its data after every post, refused or not. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" || defaultShouldRevalidate;

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Version = LoaderData["versions"][number];
type Result = PostingPostResult | undefined;

const fileHref = (id: number) => `/postings/files/${id}`;

/** The errors of one form: those of the intents it posts, or none. */
function resultFor(result: Result, intents: readonly string[]) {
  return result && intents.includes(result.intent) ? result : undefined;
}

/** Field errors the form does not show beside a field, so none goes unseen. */
function otherErrors(result: Result, shown: readonly string[]): string[] {
  const out: string[] = result?.formError ? [result.formError] : [];
  for (const [key, messages] of Object.entries(result?.fieldErrors ?? {})) if (!shown.includes(key)) out.push(...messages);
  return out;
}

const editIntents = ["save", "add-rows", "submit"] as const;
const reviewIntents = ["approve", "return"] as const;

export default function PostingWorkspace() {
  const { title, drafting, posting, versions, openNumber, currentNumber, steps, findings, findingsDigest, attachmentsNeedCare, can, notice } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const open = versions.find((v) => v.number === openNumber) ?? null;
  const current = versions.find((v) => v.number === currentNumber) ?? null;
  const path = `/village/postings/${posting.id}`;
  const isPublic = posting.status === "published" || posting.status === "withdrawn";

  // Which forms are on the page; an error for a form no longer shown (the posting moved on) goes to the top.
  const shownIntents = new Set<string>([
    ...(can.edit ? [...editIntents, "upload", "remove-file"] : []),
    ...(can.discard ? ["discard"] : []),
    ...(can.review ? reviewIntents : []),
    ...(can.correct ? ["correct"] : []),
    ...(can.withdraw ? ["withdraw"] : []),
  ]);
  const editResult = resultFor(result, editIntents);
  // The edit form is re-created only from its own refused posts; an upload or another form's post keeps what is typed in it.
  const editKey = useRef<string | number | null>(null);
  if (editResult?.formKey) editKey.current = editResult.formKey;
  // A table being edited needs the page's full width; the side panels then follow below.
  const wide = can.edit && tableSpecOf(posting.kind) !== null;
  const orphanErrors = result && !shownIntents.has(result.intent) ? otherErrors(result, []) : [];

  return (
    <>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CategoryBadge category={posting.category} />
            <PostingFacts kind={posting.kind} period={posting.period} retention={posting.retention} />
            <Link to="/village/postings">返回公开事项</Link>
          </span>
        }
        actions={
          <span className="flex flex-wrap gap-1">
            {open ? <VersionStateBadge state={open.state} /> : null}
            {!open || posting.status !== "unpublished" ? <PostingStatusBadge status={posting.status} /> : null}
          </span>
        }
      />
      {notice || result?.notice ? (
        <Notice>
          {result?.notice ?? notice}
        </Notice>
      ) : null}
      <FormError errors={orphanErrors} />
      {orphanErrors.length && result?.values ? <UnsavedValues values={result.values} /> : null}

      {open?.state === "returned" ? <ReturnedNotice version={open} drafting={drafting} /> : null}
      {posting.status === "withdrawn" ? (
        <div className="mb-6 rounded border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="text-lg font-semibold">该公开事项已撤回</p>
          <p className="mt-1">撤回原因：{posting.withdrawnReason}</p>
          <p className="mt-1 text-sm">{formatDateTime(posting.withdrawnAt)} 撤回。公开页面显示“已撤回”及撤回原因，原内容仍可查阅。</p>
        </div>
      ) : null}

      <div className={wide ? "grid gap-6" : "grid gap-6 lg:grid-cols-3"}>
        <div className={wide ? "min-w-0 space-y-6" : "min-w-0 space-y-6 lg:col-span-2"}>
          {open && open.number > 1 ? <CorrectionPanel kind={posting.kind} open={open} current={current} /> : null}

          {open && can.edit ? (
            <>
              <EditForm
                key={editKey.current ?? `version-${open.number}`}
                action={path}
                kind={posting.kind}
                open={open}
                findings={findings}
                findingsDigest={findingsDigest}
                attachmentsNeedCare={attachmentsNeedCare}
                result={editResult}
              />
              <Panel title="附件">
                <p className="mb-3 text-sm text-slate-600">
                  公示栏照片、会议记录、票据等（PDF、JPEG 或 PNG）。附件随公开事项一并公开，文件名中的号码会被遮蔽。
                  <strong className="font-medium text-slate-800">上传或删除附件前，请先保存上面的修改。</strong>
                </p>
                <AttachmentsEditor
                  files={open.files}
                  hrefFor={fileHref}
                  action={path}
                  editable
                  errors={resultFor(result, ["upload", "remove-file"])?.fieldErrors?.files}
                />
                <FormError errors={otherErrors(resultFor(result, ["upload", "remove-file"]), ["files"])} />
              </Panel>
              {can.discard ? <DiscardForm action={path} open={open} result={resultFor(result, ["discard"])} /> : null}
            </>
          ) : open ? (
            <>
              <Panel title={`第 ${open.number} 版内容`}>
                {open.state === "submitted" && drafting ? (
                  <p className="mb-4 rounded bg-blue-50 px-3 py-2 text-sm text-blue-900">
                    已于 {formatDateTime(open.submittedAt)} 提交村务监督委员会审核，审核前不能修改。
                  </p>
                ) : null}
                {open.state === "returned" && !drafting ? (
                  <p className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">已退回村务公开员修改，修改后会重新提交审核。</p>
                ) : null}
                <VersionContent kind={posting.kind} version={open} />
              </Panel>
              {findings.length ? <FindingsPanel findings={findings} /> : null}
              {can.review ? <ReviewForm action={path} open={open} result={resultFor(result, reviewIntents)} /> : null}
            </>
          ) : null}

          {!open && current ? (
            <Panel title={`当前公开内容（第 ${current.number} 版）`}>
              <VersionContent kind={posting.kind} version={current} />
            </Panel>
          ) : null}

          {can.correct ? <CorrectForm action={path} postingVersion={posting.version} currentNumber={current?.number ?? 1} result={resultFor(result, ["correct"])} /> : null}
          {can.withdraw ? <WithdrawForm action={path} postingVersion={posting.version} result={resultFor(result, ["withdraw"])} /> : null}

          <VersionsPanel kind={posting.kind} versions={versions} openNumber={openNumber} currentNumber={currentNumber} />
        </div>

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
      </div>
    </>
  );
}

/* ------------------------------------------------------------------ notices */

function ReturnedNotice({ version, drafting }: { version: Version; drafting: boolean }) {
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

function CorrectionPanel({ kind, open, current }: { kind: string; open: Version; current: Version | null }) {
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

/* ------------------------------------------------------------------ reading */

function VersionContent({ kind, version }: { kind: string; version: Version }) {
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

function FindingsList({ findings }: { findings: SensitiveFinding[] }) {
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
function FindingsPanel({ findings }: { findings: SensitiveFinding[] }) {
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

function VersionsPanel({
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

/* ------------------------------------------------------------------ the clerk's forms */

function EditForm({
  action,
  kind,
  open,
  findings,
  findingsDigest,
  attachmentsNeedCare,
  result,
}: {
  action: string;
  kind: string;
  open: Version;
  findings: SensitiveFinding[];
  /** What the acknowledgement covers: sent back so numbers added since are not covered by it. */
  findingsDigest: string;
  /** A list of people with attachments: the files are published as uploaded. */
  attachmentsNeedCare: boolean;
  result: Result;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const values: PostingFormValues | undefined = result?.values;
  const errors = result?.fieldErrors;
  const spec = tableSpecOf(kind);
  const periodKinds = isPostingKind(kind) ? postingKinds[kind].periodKinds.map((k) => periodKindLabels[k]).join("、") : "";
  const ackId = useId();
  const ackErrorId = errors?.acknowledgeSensitive?.length ? `${ackId}-error` : undefined;
  const showFindings = findings.length > 0 || attachmentsNeedCare || !!errors?.acknowledgeSensitive;

  return (
    <PostForm action={action} className="rounded border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      {/* Enter in a text field saves the draft rather than adding rows. */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
        保存草稿
      </button>
      <h2 className="mb-4 text-lg font-semibold text-slate-900">{open.number > 1 ? `编辑更正版本（第 ${open.number} 版）` : "编辑草稿"}</h2>
      <FormError errors={otherErrors(result, ["title", "period", "body", "table", "acknowledgeSensitive"])} />
      {/* After a stale refusal the form stays on the version it was typed against: saving again is refused, never an overwrite. */}
      <input type="hidden" name="version" value={result?.postedVersion ?? open.version} />
      <input type="hidden" name="acknowledgedFindings" value={findingsDigest} />
      <Field
        label="标题"
        name="title"
        required
        maxLength={maxTitleLength}
        autoComplete="off"
        defaultValue={values?.title ?? open.title}
        errors={errors?.title}
      />
      {open.number === 1 ? (
        <PeriodField defaultValue={values?.period} errors={errors?.period} periodKinds={periodKinds} />
      ) : (
        <p className="mb-4 text-sm text-slate-600">公开期间不随更正改变。</p>
      )}
      <TextAreaField label="正文" name="body" required rows={10} defaultValue={values?.body ?? open.body} errors={errors?.body} hint={bodyMarkupHint} />
      {spec ? (
        <TableGrid
          kind={kind}
          spec={spec}
          rows={values?.tableRows ?? open.tableRows ?? []}
          savedRows={open.tableRows}
          blankRows={result?.blankRows ?? defaultBlankRows}
          errors={errors?.table}
          busy={busy}
        />
      ) : null}

      {showFindings ? (
        <section className="mb-4 rounded border border-amber-300 bg-amber-50 p-4" aria-labelledby={`${ackId}-heading`}>
          <h3 id={`${ackId}-heading`} className="mb-2 font-semibold text-amber-950">
            个人信息提示{findings.length ? `：发现 ${findings.length} 处号码` : ""}
          </h3>
          {findings.length ? (
            <p className="mb-3 text-sm text-amber-950">
              已保存的内容中有身份证号、手机号或银行卡号。公开页面会按下表的遮蔽形式显示，但请逐项核实确需公开；不需要公开的，请删除后再提交。
            </p>
          ) : null}
          {attachmentsNeedCare ? (
            <p className="mb-3 text-sm text-amber-950">
              附件（照片、PDF）按原样公开，系统不能遮蔽其中的号码：请确认附件中没有完整的身份证号、手机号或银行卡号。
            </p>
          ) : null}
          {findings.length ? <FindingsList findings={findings} /> : null}
          <div className="mt-3 flex items-start gap-2">
            <input
              id={ackId}
              type="checkbox"
              name="acknowledgeSensitive"
              value="on"
              // Never ticked in advance: after any refusal the clerk confirms again what the list shows now.
              defaultChecked={false}
              className="mt-1 h-4 w-4"
              aria-invalid={ackErrorId ? true : undefined}
              aria-describedby={ackErrorId}
            />
            <label htmlFor={ackId} className="text-sm font-medium text-slate-900">
              我已逐项核实，以上号码确需公开，同意按遮蔽形式公开{attachmentsNeedCare ? "；附件中没有完整的个人号码" : ""}
            </label>
          </div>
          <ErrorList id={ackErrorId} errors={errors?.acknowledgeSensitive} />
        </section>
      ) : null}

      <p className="mb-3 text-sm text-slate-600">
        保存后仍可修改；提交后由村务监督委员会审核，审核期间不能修改，审核通过即公开。提交前系统会检查身份证号、手机号和银行卡号。
      </p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
          保存草稿
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          {open.state === "returned" ? "修改完毕，重新提交监督委员会审核" : "提交监督委员会审核"}
        </Button>
      </div>
    </PostForm>
  );
}

function PeriodField({ defaultValue, errors, periodKinds }: { defaultValue?: string; errors?: string[]; periodKinds: string }) {
  const { posting } = useLoaderData<typeof loader>();
  return (
    <Field
      label="公开期间"
      name="period"
      required
      autoComplete="off"
      defaultValue={defaultValue ?? posting.period}
      errors={errors}
      hint={`${periodKinds ? `本类事项的公开期间：${periodKinds}。` : ""}${periodHint} 公开后不能再改。`}
    />
  );
}

function TableGrid({
  kind,
  spec,
  rows,
  savedRows,
  blankRows,
  errors,
  busy,
}: {
  kind: string;
  spec: TableSpec;
  rows: PostingTableRows;
  savedRows: PostingTableRows | null;
  blankRows: number;
  errors?: string[];
  busy: boolean;
}) {
  const id = useId();
  const problems = tableCellProblems(spec, errors ?? []);
  const messageId = (i: number) => `${id}-e${i}`;
  const total = rows.length + blankRows;
  const numeric = (type: string) => type === "amount" || type === "area" || type === "count";
  const personal = spec.columns.filter((c) => c.personal).map((c) => c.label);
  return (
    <fieldset className="mb-4 min-w-0 border-t border-slate-200 pt-4">
      <legend className="pr-2 text-base font-semibold text-slate-900">{spec.label}</legend>
      <p id={`${id}-hint`} className="mb-2 text-sm text-slate-600">
        每行一项，空行不保存；带 * 的列必须填写。金额填数字，最多两位小数，合计由系统计算。
        {personal.length ? `${personal.join("、")}在公开页面自动遮蔽显示。` : ""}
      </p>
      {errors?.length ? (
        <div role="alert" className="mb-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <ul className="space-y-0.5">
            {errors.map((message, i) => (
              <li key={i} id={messageId(i)}>
                {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="w-12 px-2 py-1.5 text-left font-medium">
                序号
              </th>
              {spec.columns.map((c) => (
                <th key={c.key} scope="col" className={`px-1 py-1.5 font-medium ${numeric(c.type) ? "text-right" : "text-left"}`}>
                  {c.label}
                  {c.required ? <span className="text-red-700"> *</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: total }, (_, i) => {
              const row = rows[i];
              return (
                <tr key={i} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal text-slate-500">
                    {i + 1}
                  </th>
                  {spec.columns.map((c) => {
                    const cellErrors = problems.get(`${i}.${c.key}`);
                    return (
                      <td key={c.key} className="px-1 py-1">
                        <input
                          name={cellName(i, c.key)}
                          defaultValue={row?.[c.key] ?? ""}
                          aria-label={`第 ${i + 1} 行 ${c.label}`}
                          aria-invalid={cellErrors ? true : undefined}
                          aria-describedby={cellErrors?.map(messageId).join(" ")}
                          inputMode={c.type === "amount" || c.type === "area" ? "decimal" : c.type === "count" ? "numeric" : undefined}
                          placeholder={c.type === "date" ? "2025-03-14" : undefined}
                          autoComplete="off"
                          className={`block w-full rounded border border-slate-300 bg-white px-2 py-1 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50 ${cellWidth(c)} ${numeric(c.type) ? "text-right tabular-nums" : ""}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <input type="hidden" name="blankRows" value={blankRows} />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="add-rows" variant="secondary" disabled={busy}>
          保存并增加 {moreBlankRows} 行
        </Button>
        <span className="text-xs text-slate-500">需要更多行时使用：先保存已填写的内容，再显示更多空行。</span>
      </div>
      {savedRows?.length ? (
        <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3">
          <p className="mb-2 text-sm text-slate-600">预览：已保存的表格及系统计算的合计（保存后更新）。</p>
          <PostingTable kind={kind} rows={savedRows} />
        </div>
      ) : null}
    </fieldset>
  );
}

/** Wide enough to read what is typed: an ID number needs 18 characters, a count a few. */
function cellWidth(column: TableSpec["columns"][number]): string {
  if (column.personal) return "min-w-[12rem]";
  if (column.type === "count") return "min-w-[4rem]";
  if (column.type === "text") return "min-w-[8rem]";
  return "min-w-[7rem]";
}

function DiscardForm({ action, open, result }: { action: string; open: Version; result: Result }) {
  const id = useId();
  const errors = result?.fieldErrors?.confirmDiscard;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const first = open.number === 1;
  return (
    <details className="rounded border border-slate-200 bg-white p-5 shadow-sm" open={!!result}>
      <summary className="cursor-pointer font-medium text-red-800">{first ? "放弃草稿…" : "放弃本次更正…"}</summary>
      <PostForm action={action} className="mt-3">
        <FormError errors={otherErrors(result, ["confirmDiscard"])} />
        <input type="hidden" name="version" value={open.version} />
        <p className="mb-3 text-sm text-slate-700">
          {first
            ? "放弃后，该事项的草稿和附件不再保留，也不能恢复。该事项从未公开，公开页面不受影响。"
            : `放弃后，本次更正（第 ${open.number} 版）的修改不再保留；公开页面继续显示原公开版本。`}
        </p>
        <div className="flex items-start gap-2">
          <input id={id} type="checkbox" name="confirmDiscard" value="on" className="mt-1 h-4 w-4" aria-invalid={errorId ? true : undefined} aria-describedby={errorId} />
          <label htmlFor={id} className="text-sm">
            我确认放弃{first ? "这份草稿" : "本次更正"}
          </label>
        </div>
        <ErrorList id={errorId} errors={errors} />
        <Button type="submit" name="intent" value="discard" variant="danger" className="mt-3">
          {first ? "放弃草稿" : "放弃本次更正"}
        </Button>
      </PostForm>
    </details>
  );
}

function ReasonForm({
  action,
  title,
  explanation,
  postingVersion,
  field,
  label,
  hint,
  intent,
  button,
  variant,
  result,
}: {
  action: string;
  title: string;
  explanation: ReactNode;
  postingVersion: number;
  field: "reason" | "withdrawReason";
  label: string;
  hint: string;
  intent: "correct" | "withdraw";
  button: string;
  variant: "primary" | "danger";
  result: Result;
}) {
  return (
    <Panel title={title}>
      <div className="mb-3 text-sm text-slate-700">{explanation}</div>
      <PostForm action={action} noValidate>
        <FormError errors={otherErrors(result, [field])} />
        <input type="hidden" name="version" value={postingVersion} />
        <TextAreaField
          label={label}
          name={field}
          required
          maxLength={maxReasonLength}
          defaultValue={result?.values?.[field] ?? ""}
          errors={result?.fieldErrors?.[field]}
          hint={hint}
        />
        <Button type="submit" name="intent" value={intent} variant={variant}>
          {button}
        </Button>
      </PostForm>
    </Panel>
  );
}

function CorrectForm({ action, postingVersion, currentNumber, result }: { action: string; postingVersion: number; currentNumber: number; result: Result }) {
  return (
    <ReasonForm
      action={action}
      title="更正"
      explanation={
        <p>
          已公开的第 {currentNumber} 版不会被改动。发起更正后，系统以当前公开内容生成第 {currentNumber + 1} 版草稿；修改后须再次经村务监督委员会审核，
          审核通过后公开页面显示新版本和更正原因，原版本仍可查阅。
        </p>
      }
      postingVersion={postingVersion}
      field="reason"
      label="更正原因"
      hint={`将在公开页面显示，如“第 3 行支出金额录入有误”。不超过 ${maxReasonLength} 字。`}
      intent="correct"
      button="发起更正"
      variant="primary"
      result={result}
    />
  );
}

function WithdrawForm({ action, postingVersion, result }: { action: string; postingVersion: number; result: Result }) {
  return (
    <ReasonForm
      action={action}
      title="撤回"
      explanation={
        <p>
          <strong className="font-medium">公开页面将显示撤回原因，原内容仍可查阅。</strong>
          撤回后该事项不能再更正；如需重新公开，请新建公开事项。
        </p>
      }
      postingVersion={postingVersion}
      field="withdrawReason"
      label="撤回原因"
      hint={`将在公开页面显示。不超过 ${maxReasonLength} 字。`}
      intent="withdraw"
      button="撤回该公开事项"
      variant="danger"
      result={result}
    />
  );
}

/* ------------------------------------------------------------------ the supervisor's form */

function ReviewForm({ action, open, result }: { action: string; open: Version; result: Result }) {
  const navigation = useNavigation();
  return (
    <Panel title="审核">
      <p className="mb-3 text-sm text-slate-700">
        请逐项核对以上内容、表格和附件。审核通过后立即在公开页面发布，并记入本村的公开记录链，此后不能修改，只能更正或撤回；
        退回后由村务公开员按审核意见修改后重新提交。
      </p>
      <PostForm action={action} noValidate>
        <FormError errors={otherErrors(result, ["opinion"])} />
        <input type="hidden" name="version" value={open.version} />
        <TextAreaField
          label="审核意见"
          name="opinion"
          required
          rows={4}
          maxLength={maxReasonLength}
          defaultValue={result?.values?.opinion ?? approvalOpinion}
          errors={result?.fieldErrors?.opinion}
          hint="审核意见随公开内容一并公开。退回修改时，请写明需要修改的内容。"
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="approve" disabled={navigation.state === "submitting"}>
            审核通过并公开
          </Button>
          <Button type="submit" name="intent" value="return" variant="secondary" disabled={navigation.state === "submitting"}>
            退回修改
          </Button>
        </div>
      </PostForm>
    </Panel>
  );
}

const unsavedLabels: Array<[keyof PostingFormValues, string]> = [
  ["title", "标题"],
  ["period", "公开期间"],
  ["body", "正文"],
  ["opinion", "审核意见"],
  ["reason", "更正原因"],
  ["withdrawReason", "撤回原因"],
];

/** What was typed into a form the page no longer shows (the posting moved on meanwhile): kept for copying, not lost. */
function UnsavedValues({ values }: { values: PostingFormValues }) {
  const texts = unsavedLabels.filter(([key]) => typeof values[key] === "string" && values[key]);
  const rows = values.tableRows?.filter((row) => Object.values(row).some(Boolean)) ?? [];
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
