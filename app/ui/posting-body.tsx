import { Fragment } from "react";
import { diffLines, hasChanges, parsePostingBody, type Inline } from "../domain/postings/text";

/**
 * A posting's body, rendered from its parsed blocks as React elements: the
 * text is always escaped by React, never inserted as HTML.
 */
export function PostingBody({ text, className }: { text: string; className?: string }) {
  const blocks = parsePostingBody(text);
  return (
    <div
      className={className ? `space-y-3 leading-relaxed ${className}` : "space-y-3 leading-relaxed"}
    >
      {blocks.map((block, i) => {
        if (block.type === "paragraph") {
          return (
            <p key={i}>
              {block.lines.map((line, j) => (
                <Fragment key={j}>
                  {j > 0 ? <br /> : null}
                  <Inlines inlines={line} />
                </Fragment>
              ))}
            </p>
          );
        }
        const items = block.items.map((item, j) => (
          <li key={j}>
            <Inlines inlines={item} />
          </li>
        ));
        return block.ordered ? (
          <ol key={i} className="list-decimal space-y-1 pl-6">
            {items}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-1 pl-6">
            {items}
          </ul>
        );
      })}
    </div>
  );
}

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((inline, i) =>
        inline.strong ? (
          <strong key={i} className="font-semibold text-slate-900">
            {inline.text}
          </strong>
        ) : (
          <Fragment key={i}>{inline.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The diff's look per line (the reading pages write the same). */
export const lineStyles = {
  added: { row: "bg-green-50 text-green-900", text: "", marker: "+", label: "新增：" },
  removed: { row: "bg-red-50 text-red-900", text: "line-through", marker: "−", label: "删除：" },
  same: { row: "text-slate-500", text: "", marker: "", label: "" },
} as const;

/** What changed between two versions of a body, line by line; colour is backed by a marker and by text for screen readers. */
export function LineDiff({ before, after, unchanged = "正文没有改动。" }: { before: string; after: string; unchanged?: string }) {
  const lines = diffLines(before, after);
  if (!hasChanges(lines)) return <p className="text-sm text-slate-600">{unchanged}</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white py-1 text-sm leading-relaxed">
      {lines.map((line, i) => {
        const style = lineStyles[line.op];
        return (
          <div key={i} className={`flex gap-2 px-3 ${style.row}`}>
            <span aria-hidden="true" className="w-4 shrink-0 select-none text-center font-medium">
              {style.marker}
            </span>
            <span className={`min-w-0 whitespace-pre-wrap break-words ${style.text}`}>
              {style.label ? <span className="sr-only">{style.label}</span> : null}
              {line.text === "" ? (
                <>
                  <span className="sr-only">（空行）</span>
                  <span aria-hidden="true">{"\u00a0"}</span>
                </>
              ) : (
                line.text
              )}
            </span>
          </div>
        );
      })}
    </div>
  );
}
