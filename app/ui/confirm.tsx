import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { confirmedField, confirmedValue, pendingValues, type Confirmation, type PendingConfirmation, type PostedValues } from "../domain/shared/confirmation";
import { Button, PostForm } from "./form";

/** What will happen, as the dialog and the confirmation page both show it. */
export function ConfirmationSummary({ confirmation, id }: { confirmation: Confirmation; id?: string }) {
  return (
    <div id={id} className="space-y-3 text-sm text-slate-800">
      {confirmation.facts.length ? (
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          {confirmation.facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="break-words font-medium text-slate-900">{value || "—"}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {confirmation.effects.length ? (
        <ul className="list-disc space-y-1 pl-5">
          {confirmation.effects.map((effect) => (
            <li key={effect}>{effect}</li>
          ))}
        </ul>
      ) : null}
      <p className="rounded bg-amber-50 px-3 py-2 font-medium text-amber-900">{confirmation.irreversible}</p>
    </div>
  );
}

/**
 * The button of an irreversible step. Without JavaScript it submits, and the
 * server answers with the confirmation page (ConfirmationPage). With it, it
 * opens a modal dialog with the summary of the form as it stands; nothing is
 * sent until the dialog's confirm button sends the form with the confirmation
 * field; 取消 or Escape closes it. A form whose required fields are empty is
 * sent at once instead, unconfirmed: the server answers with its messages.
 * Put it inside the form it submits (or name the form).
 */
export function ConfirmSubmit({
  summary,
  name,
  value,
  variant = "primary",
  className,
  label,
  disabled,
  form,
  children,
}: {
  /** The form's id when the button sits outside it (a row of a table). */
  form?: string;
  /** The summary of the form's values (the button's own name and value included). */
  summary: (values: PostedValues) => Confirmation;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  /** An accessible name when the visible text is not enough ("移出" in a table row). */
  label?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState<Confirmation | null>(null);
  const sent = useRef(false);
  const navigation = useNavigation();
  const headingId = useId();
  const summaryId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (shown && element && !element.open) {
      element.showModal();
      element.focus();
    }
  }, [shown]);
  // The dialog stays open (its buttons disabled) while the form is sent; once answered, it closes.
  useEffect(() => {
    if (navigation.state === "idle" && sent.current) {
      sent.current = false;
      dialog.current?.close();
    }
  }, [navigation.state]);

  const open = (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    // A required field left empty: sent as it is, for the server's message beside the field (it confirms nothing).
    if (!form || !form.checkValidity()) return;
    event.preventDefault();
    const values = new FormData(form);
    if (name) values.set(name, value ?? "");
    setShown(summary(values));
  };
  const busy = navigation.state !== "idle" && sent.current;
  return (
    <>
      <Button type="submit" name={name} value={value} variant={variant} className={className} aria-label={label} disabled={disabled} form={form} onClick={open}>
        {children}
      </Button>
      <dialog
        ref={dialog}
        tabIndex={-1}
        aria-labelledby={shown ? headingId : undefined}
        aria-describedby={shown ? summaryId : undefined}
        onClose={() => setShown(null)}
        className="m-auto max-h-[calc(100vh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-auto rounded border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50"
      >
        {shown ? (
          <div className="p-5">
            <h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
              请确认：{shown.action}
            </h2>
            <ConfirmationSummary confirmation={shown} id={summaryId} />
            {/* Only while the dialog is open: the form sent any other way carries no confirmation. */}
            <input type="hidden" name={confirmedField} value={confirmedValue} form={form} />
            <div className="mt-5 flex flex-wrap gap-3">
              <Button type="submit" name={name} value={value} variant={variant === "secondary" ? "primary" : variant} form={form} disabled={busy} onClick={() => (sent.current = true)}>
                {busy ? "正在提交…" : `确认${shown.action}`}
              </Button>
              <Button type="button" variant="secondary" disabled={busy} onClick={() => dialog.current?.close()}>
                取消
              </Button>
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}

/**
 * The server's answer to an unconfirmed post (without JavaScript, or from a
 * page sent before it loaded): the same summary, the posted fields carried in
 * hidden inputs, a button that sends them again with the confirmation, and a
 * way back to the form (still filled in as it was sent).
 */
export function ConfirmationPage({
  pending,
  summary,
  back,
  action,
  children,
}: {
  pending: PendingConfirmation;
  summary: (values: PostedValues) => Confirmation;
  /** Where 返回修改 goes: the form's anchor on this page ("#proposal"). */
  back: string;
  /** The form's action when it is not this route's own. */
  action?: string;
  /** Anything else the step asks for with the confirmation (a password). */
  children?: ReactNode;
}) {
  const headingId = useId();
  const confirmation = summary(pendingValues(pending));
  return (
    <section aria-labelledby={headingId} className="mb-6 rounded border-2 border-amber-400 bg-white p-5 shadow-sm">
      <h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-900">
        请确认：{confirmation.action}
      </h2>
      <p className="mb-3 text-sm text-slate-700">尚未提交。请核对以下内容，确认后才会执行。</p>
      <ConfirmationSummary confirmation={confirmation} />
      <PostForm action={action} className="mt-4">
        {pending.fields.map(([name, value], i) => (
          <input key={`${i}-${name}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={confirmedField} value={confirmedValue} />
        {children}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">确认{confirmation.action}</Button>
          <a href={back} className="text-sm">
            返回修改
          </a>
        </div>
      </PostForm>
    </section>
  );
}
