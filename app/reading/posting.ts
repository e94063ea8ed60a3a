/**
 * A posting's public page as HTML (the reading page of app/reading): the same
 * facts in the same order as app/routes/postings.$id.tsx renders them, from
 * the same value (publicPostingPage). The villager's question form is a plain
 * form posted to the page's own action, which answers as the React page does.
 */
import { fileChanges, formatFileSize } from "../domain/postings/compare";
import type { PublicPostingPage } from "../domain/postings/public.server";
import {
  categoryLabels,
  kindOf,
  periodLabel,
  retentionLabels,
  tableAsText,
  type PostingTableRows,
} from "../domain/postings/rules";
import { placeLevelLabels } from "../domain/places/rules";
import { answerDays, questionLimits } from "../domain/questions/rules";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { fieldId } from "../ui/form-id";
import { inputClass } from "../ui/form";
import { categoryTone, postingStatusLabels, postingStatusTone, postingTableModel } from "../ui/posting-view";
import type { QuestionThreadData } from "../ui/questions";
import { html, type Html, type Part } from "./html";
import { badge, dataTable, lineDiff, panel, postingBody } from "./parts";

type Version = PublicPostingPage["shown"];

function hash(value: string, label?: Part): Html {
  return html`<span class="block">${label ? html`<span class="text-slate-600">${label}</span>` : ""}<code class="block break-all font-mono text-xs text-slate-800">${value}</code></span>`;
}

function postingTable(kind: string, rows: PostingTableRows | null): Html | "" {
  const table = postingTableModel(kind, rows);
  return table ? dataTable({ ...table, captionVisible: true, framed: false, empty: "" }) : "";
}

function fileList(files: Version["files"]): Html {
  return html`<ul class="space-y-1">${files.map(
    (f) =>
      html`<li><a href="/postings/files/${f.id}" class="inline-flex min-h-11 items-center break-all" download="">${f.fileName}</a><span class="ml-2 text-sm text-slate-500">${formatFileSize(f.size)}</span></li>`,
  )}</ul>`;
}

function changeBlock(title: string, body: Part): Html {
  return html`<section class="mt-4 first:mt-0"><h3 class="mb-1 font-medium text-slate-900">${title}</h3>${body}</section>`;
}

function changes(kind: string, before: Version, after: Version): Html {
  const beforeTable = tableAsText(kind, before.tableRows);
  const afterTable = tableAsText(kind, after.tableRows);
  const files = fileChanges(before.files, after.files);
  return html`${changeBlock(
    "标题",
    before.title === after.title
      ? html`<p class="text-sm text-slate-600">标题没有改动。</p>`
      : html`<p class="text-sm">由“<del class="text-red-800">${before.title}</del>”改为“<ins class="text-green-800 no-underline">${after.title}</ins>”</p>`,
  )}${changeBlock("正文", lineDiff(before.body, after.body))}${beforeTable || afterTable ? changeBlock("表格", lineDiff(beforeTable, afterTable, "表格没有改动。")) : ""}${changeBlock(
    "附件",
    files.added.length || files.removed.length
      ? html`<ul class="space-y-1 text-sm">${files.added.map(
          (f) => html`<li class="text-green-900">新增：<a href="/postings/files/${f.id}">${f.fileName}</a>（${formatFileSize(f.size)}）</li>`,
        )}${files.removed.map(
          (f) =>
            html`<li class="text-red-900">删除：<a href="/postings/files/${f.id}">${f.fileName}</a>（${formatFileSize(f.size)}，仍可在第 ${before.number} 版中查看）</li>`,
        )}</ul>`
      : html`<p class="text-sm text-slate-600">附件没有改动。</p>`,
  )}`;
}

function answer(who: string, text: string, at: Date | string | null): Html {
  return html`<div class="mt-2 border-l-4 border-brand-200 bg-brand-50 px-3 py-2"><p class="text-sm font-medium text-slate-800">${who}答复<span class="ml-2 font-normal text-slate-600">${formatDate(at)}</span></p><p class="mt-1 whitespace-pre-wrap break-words text-base text-slate-900">${text}</p></div>`;
}

function questionThread(q: QuestionThreadData): Html {
  return html`<article aria-labelledby="question-${q.id}" class="rounded border border-slate-200 p-3"><p id="question-${q.id}" class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600"><span class="font-medium text-slate-800">${q.askerVillage} ${q.asker}</span><span>${formatDate(q.askedAt)} 提出质询</span></p><p class="mt-1 whitespace-pre-wrap break-words text-base text-slate-900">${q.question}</p>${q.answer ? answer("村务公开员", q.answer, q.answeredAt) : ""}${q.committeeAnswer ? answer("村务监督委员会", q.committeeAnswer, q.committeeAnsweredAt) : ""}</article>`;
}

/** A field as app/ui/form.tsx's Field and TextAreaField write it, inside the form `formId`. */
function field(formId: string, options: { label: string; name: string; hint?: string; control: (attributes: Html) => Html }): Html {
  const id = fieldId(formId, options.name);
  const hintId = options.hint ? `${id}-hint` : null;
  const attributes = html`id="${id}"${hintId ? html` aria-describedby="${hintId}"` : ""}`;
  return html`<div class="mb-4"><label for="${id}" class="block text-sm font-medium text-slate-700">${options.label}<span class="text-red-700"> *</span></label>${options.control(attributes)}${
    options.hint ? html`<p id="${hintId}" class="mt-1 text-xs text-slate-500">${options.hint}</p>` : ""
  }</div>`;
}

/** QuestionsPanel (app/ui/questions.tsx) before anything was asked. */
function questionsPanel(page: PublicPostingPage, placeWord: string, versionQuery: string): Html {
  const { posting, questions } = page;
  const formId = `ask-${posting.id}`;
  const form = html`<section aria-labelledby="ask-heading" class="border-t border-slate-200 pt-4"><h3 id="ask-heading" class="mb-2 font-semibold text-slate-900">提出质询</h3><form method="post" action="/postings/${posting.id}${versionQuery}" id="${formId}" class="max-w-2xl" novalidate=""><div class="grid gap-x-4 sm:grid-cols-2">${field(formId, {
    label: "姓名",
    name: "name",
    control: (a) => html`<input name="name" class="${inputClass}" ${a} maxlength="20" autocomplete="name" required=""/>`,
  })}${field(formId, {
    label: "所在村（居）",
    name: "village",
    hint: `如：本${placeWord}第三村民小组`,
    control: (a) => html`<input name="village" class="${inputClass}" ${a} maxlength="40" required=""/>`,
  })}</div>${field(formId, {
    label: "质询内容",
    name: "question",
    hint: `请写明对哪一项内容有疑问。请勿填写身份证号、手机号等个人信息，填写的号码会被自动遮盖。每个网络地址每小时最多提交 ${questionLimits.addressPerHour} 条。`,
    control: (a) => html`<textarea name="question" rows="4" class="${inputClass}" ${a} maxlength="1000" required=""></textarea>`,
  })}<button type="submit" class="inline-flex items-center justify-center rounded px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 bg-brand-600 text-white hover:bg-brand-700 ">提交质询</button></form></section>`;
  return panel(
    "村民质询",
    html`<div id="questions" class="scroll-mt-4 space-y-3"><p class="text-sm text-slate-600">对本事项有疑问的村民可以提出质询。村务公开员应在 ${answerDays} 日内答复，村务监督委员会也可以作出答复；答复后，质询和答复在这里公开，提问人只显示姓氏。${
      questions.waiting ? `目前有 ${questions.waiting} 条质询正在等待答复。` : ""
    }</p>${questions.answered.length ? questions.answered.map(questionThread) : html`<p class="text-sm text-slate-600">还没有已答复的质询。</p>`}${
      posting.status === "published" ? form : html`<p class="text-sm text-slate-600">本事项已撤回，不再接受新的质询。</p>`
    }</div>`,
  );
}

export function postingTitle(page: PublicPostingPage): string {
  return `${page.shown.title} - ${page.place.name}村务公开`;
}

export function postingMain(page: PublicPostingPage): Html {
  const { posting, place, street, shown, previous, isCurrent, history } = page;
  const placeWord = placeLevelLabels[place.level];
  const versionQuery = isCurrent ? "" : `?version=${shown.number}`;
  const facts = `${kindOf(posting.kind).label} · ${periodLabel(posting.period)}${posting.retention ? ` · 档案保存期限 ${retentionLabels[posting.retention]}` : ""}`;
  const content = panel(
    null,
    html`<dl class="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]"><dt class="text-slate-500">${placeWord}</dt><dd><a href="/villages/${place.code}">${place.name}</a><span class="text-slate-500"> · ${street.name}</span></dd><dt class="text-slate-500">公开期间</dt><dd>${periodLabel(posting.period)}</dd><dt class="text-slate-500">首次公开</dt><dd>${formatDateTime(posting.firstPublishedAt)}</dd><dt class="text-slate-500">本版公开</dt><dd>${formatDateTime(shown.publishedAt)}</dd>${
      shown.correctionReason ? html`<dt class="text-slate-500">更正原因</dt><dd>${shown.correctionReason}</dd>` : ""
    }</dl>${postingBody(shown.body, "mt-5 text-base text-slate-900")}${shown.tableRows?.length ? html`<div class="mt-6">${postingTable(posting.kind, shown.tableRows)}</div>` : ""}${
      shown.files.length ? html`<section aria-labelledby="files-heading" class="mt-6"><h2 id="files-heading" class="mb-2 font-semibold">附件</h2>${fileList(shown.files)}</section>` : ""
    }`,
  );
  const review = panel(
    "村务监督委员会审核",
    html`<dl class="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]"><dt class="text-slate-500">审核意见</dt><dd class="text-base">${shown.reviewOpinion ?? "—"}</dd><dt class="text-slate-500">审核人</dt><dd>${shown.reviewerName ?? "—"}</dd><dt class="text-slate-500">审核日期</dt><dd>${formatDate(shown.reviewedAt ?? shown.publishedAt)}</dd></dl>`,
  );
  const chain = panel(
    "防篡改校验",
    html`<p class="text-sm leading-relaxed text-slate-700">${place.name}的每一次公开和更正，都按先后顺序登记在本${placeWord}的公开记录链上，并用 SHA-256 算法为内容生成一串“数字指纹”（哈希值）。每条记录的指纹都包含上一条记录的指纹，环环相扣：已经公开的内容哪怕只改动一个字，这条记录和之后所有记录的指纹都会对不上，所以无法被悄悄修改。</p><dl class="mt-4 space-y-3 text-sm"><div><dt class="text-slate-500">链上位置</dt><dd>本${placeWord}第 ${shown.chainSeq} 条公开记录${
      /^0+$/.test(shown.previousHash) ? "（记录链的第一条）" : ""
    }</dd></div><div><dt class="text-slate-500">本版指纹（SHA-256）</dt><dd>${hash(shown.contentHash)}</dd></div><div><dt class="text-slate-500">上一条记录的指纹</dt><dd>${hash(shown.previousHash)}</dd></div></dl>`,
  );
  const corrected = previous
    ? panel(
        `第 ${shown.number} 版更正了什么`,
        html`<p class="mb-4 text-sm text-slate-600">与第 ${previous.number} 版（${formatDate(previous.publishedAt)}公开）相比：</p>${changes(posting.kind, previous, shown)}`,
      )
    : "";
  const versions = panel(
    "版本记录",
    html`<ol class="space-y-4">${history.map(
      (v) =>
        html`<li class="rounded border p-3 ${v.number === shown.number ? "border-brand-600 bg-brand-50" : "border-slate-200"}"><p class="flex flex-wrap items-center gap-x-3 gap-y-1">${
          v.number === shown.number
            ? html`<span class="font-medium" aria-current="page">第 ${v.number} 版（正在查看）</span>`
            : html`<a href="${v.number === posting.currentVersion ? `/postings/${posting.id}` : `/postings/${posting.id}?version=${v.number}`}" class="inline-flex min-h-11 items-center font-medium">查看第 ${v.number} 版</a>`
        }${v.number === posting.currentVersion ? html`<span class="text-sm text-green-800">当前版本</span>` : ""}<span class="text-sm text-slate-600">${formatDateTime(v.publishedAt)} 公开</span></p><p class="mt-1 text-sm">${
          v.correctionReason ? `更正原因：${v.correctionReason}` : "首次公开"
        }</p>${hash(v.contentHash, html`<span class="text-xs">指纹</span>`)}</li>`,
    )}</ol>`,
  );
  return html`<main class="mx-auto max-w-4xl px-4 py-8"><nav aria-label="位置" class="mb-2 text-sm text-slate-600"><a href="/">首页</a> / <a href="/postings">村务公开</a> / <a href="/villages/${place.code}">${place.name}</a></nav><header class="mb-6 border-b border-slate-200 pb-4"><h1 class="text-2xl font-semibold leading-snug text-slate-900">${shown.title}</h1><p class="mt-2 flex flex-wrap items-center gap-2">${badge(
    categoryTone(posting.category),
    categoryLabels[posting.category],
  )}${badge(postingStatusTone(posting.status), postingStatusLabels[posting.status])}${
    shown.number > 1 ? html`<span class="text-sm text-slate-700">第 ${shown.number} 版</span>` : ""
  }<span class="text-sm text-slate-600">${facts}</span></p><p class="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-base"><a href="/postings/${posting.id}/print${versionQuery}" class="inline-flex min-h-11 items-center">打印公告</a><a href="/villages/${place.code}" class="inline-flex min-h-11 items-center">查看${place.name}的全部公开</a></p></header>${
    posting.status === "withdrawn"
      ? html`<section aria-labelledby="withdrawn-heading" class="mb-6 rounded border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-900"><h2 id="withdrawn-heading" class="font-semibold">本事项已于 ${formatDate(posting.withdrawnAt)} 撤回</h2><p class="mt-1">撤回原因：${posting.withdrawnReason ?? "未填写"}</p><p class="mt-1 text-sm">撤回后内容仍然保留公开，供村民查阅和监督。</p></section>`
      : ""
  }${
    !isCurrent
      ? html`<p class="mb-6 rounded border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-amber-900">您正在查看第 ${shown.number} 版，该版本已被更正。<a href="/postings/${posting.id}">查看当前版本（第 ${posting.currentVersion} 版）</a></p>`
      : ""
  }<div class="space-y-6">${content}${review}${chain}${corrected}${questionsPanel(page, placeWord, versionQuery)}${versions}</div></main>`;
}
