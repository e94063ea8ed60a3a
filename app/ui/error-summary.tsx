import type { SubmissionResult } from "@conform-to/react";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { fieldId, useFormId } from "./form-id";

/** One line of the summary: a field's error (a link to the field) or one for the whole form (no link). */
export interface ErrorSummaryItem {
  /** The field to move to, or null for an error of the form or of a field the user cannot go to (a hidden one). */
  name: string | null;
  text: string;
}

/**
 * A field's label before its message, unless the message already names the
 * field ("请填写名称"); a closing note in brackets ("手机号码（选填）") is left out.
 */
function withLabel(label: string, message: string): string {
  const name = label.replace(/（[^（）]*）$/, "");
  return message.includes(name) ? message : `${name}：${message}`;
}

/**
 * The lines of the summary, from a reply's errors: the form's own errors first,
 * then each labelled field's in the order of `labels` (the order the form shows
 * them), each a link, then the errors of fields without a label (hidden fields
 * such as the version) as plain lines. A message repeated is listed once.
 */
export function errorSummaryItems(
  errors: Record<string, readonly string[] | null | undefined> | null | undefined,
  labels: Readonly<Record<string, string>>,
): ErrorSummaryItem[] {
  if (!errors) return [];
  const items: ErrorSummaryItem[] = [];
  const seen = new Set<string>();
  const add = (name: string | null, text: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    items.push({ name, text });
  };
  for (const message of errors[""] ?? []) add(null, message);
  for (const [name, label] of Object.entries(labels)) for (const message of errors[name] ?? []) add(name, withLabel(label, message));
  for (const [name, messages] of Object.entries(errors)) {
    if (name === "" || Object.hasOwn(labels, name)) continue;
    for (const message of messages ?? []) add(null, message);
  }
  return items;
}

export const errorSummaryHeading = (count: number) => `提交未成功，请修改以下 ${count} 处：`;

/**
 * The GOV.UK error summary at the top of a refused form: focused (and so
 * scrolled into view) when the refusal arrives, each field's error a link that
 * moves to the field. Without JavaScript the page comes back from the server
 * with the summary marked autofocus, and its links are plain fragment links to
 * the fields' ids (Field and the other parts of ./form take their ids from the
 * form's id and their name).
 *
 * `result` is the form's last reply (conform's lastResult); `labels` names the
 * fields as the form labels them.
 */
export function ErrorSummary({
  result,
  labels = {},
  children,
}: {
  result: SubmissionResult<string[]> | null | undefined;
  labels?: Readonly<Record<string, string>>;
  /** What to do next, below the list (a link back to something that works). */
  children?: ReactNode;
}) {
  const formId = useFormId();
  const ref = useRef<HTMLDivElement>(null);
  const items = errorSummaryItems(result?.error, labels);
  const shown = items.length > 0;
  useEffect(() => {
    // A new reply is a new object: each refusal moves the user here again.
    if (shown) ref.current?.focus();
  }, [result, shown]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      // For the page the server renders after a post without JavaScript; in the browser the effect above focuses.
      autoFocus
      aria-labelledby={formId ? `${formId}-error-summary` : undefined}
      className="mb-4 rounded border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900 focus:outline-none focus:ring-4 focus:ring-amber-400"
    >
      <h2 id={formId ? `${formId}-error-summary` : undefined} className="font-semibold">
        {errorSummaryHeading(items.length)}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={item.text}>
            {item.name && formId ? (
              <a href={`#${fieldId(formId, item.name)}`} onClick={(e) => goToField(e, fieldId(formId, item.name!), item.name!)} className="text-red-900 underline">
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
      {children ? <p className="mt-2">{children}</p> : null}
    </div>
  );
}

/**
 * Focus the field and bring its label into view, without changing the address:
 * a fragment navigation would make the router forget the action's answer, and
 * with it the errors. A control that is not one of ./form's parts is found by
 * its name in the form.
 */
function goToField(event: MouseEvent<HTMLAnchorElement>, id: string, name: string) {
  const named = event.currentTarget.closest("form")?.elements.namedItem(name);
  const field = document.getElementById(id) ?? (named instanceof RadioNodeList ? named[0] : named);
  if (!(field instanceof HTMLElement)) return;
  event.preventDefault();
  const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
  const legend = field.closest("fieldset")?.querySelector("legend");
  (label ?? legend ?? field).scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
}
