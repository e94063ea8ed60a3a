import { useNavigation, useRevalidator } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { importKindLabels } from "../../domain/imports/columns";
import { Button, PostForm } from "../../ui/form";
import { Panel } from "../../ui/layout";
import type { BatchView } from "./route";

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

/** The confirmation (streaming its progress) and the discard of a previewed batch. */
export function BatchActions({ batch, onRefused }: { batch: BatchView; onRefused: (message: string | null) => void }) {
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
