import { Form, useFormAction, useRouteLoaderData, type FormProps } from "@remix-run/react";
import type { ReactNode } from "react";
import { useId } from "react";
import { fieldId, FormIdContext, useFormId } from "./form-id";

export { ErrorSummary } from "./error-summary";

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** The form's or page's refusal, with what to do next (a link back to something that works) below it. */
/** Under a control (or a group of them): its hint, then its errors, each under the id the control is described by. */
export function FieldNotes({ hintId, hint, errorId, errors }: { hintId?: string; hint?: ReactNode; errorId?: string; errors?: readonly string[] | null }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </>
  );
}

export function FormError({ errors, children }: { errors?: readonly string[] | null; children?: ReactNode }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
      {children ? <p className="mt-1">{children}</p> : null}
    </div>
  );
}

/** The field's id: from its form's id and its name inside a PostForm (the error summary links to it), else a generated one. */
function useFieldId(name: string): string {
  const formId = useFormId();
  const generated = useId();
  return formId ? fieldId(formId, name) : generated;
}

/** A form's text box, list or text area: one class of its own (app/styles/app.css), so a long form does not repeat its utilities. */
export const inputClass = "field-input";

interface FieldProps {
  label: string;
  name: string;
  errors?: readonly string[] | null;
  hint?: ReactNode;
  children?: never;
}

/**
 * The label, hint and error list every field shares; the control gets the ids
 * it needs to be described by its hint and errors, and is marked invalid with them.
 */
function FieldShell({
  label,
  name,
  required,
  errors,
  hint,
  control,
}: {
  label: string;
  name: string;
  required?: boolean;
  errors?: readonly string[] | null;
  hint?: ReactNode;
  control: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useFieldId(name);
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="text-red-700"> *</span> : null}
      </label>
      {control({
        id,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
      })}
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} errors={errors} />
    </div>
  );
}

/** A labelled input whose error list sits beside it and is announced with the field. */
export function Field({
  label,
  name,
  errors,
  hint,
  ...input
}: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "children">) {
  return (
    <FieldShell
      label={label}
      name={name}
      required={input.required}
      errors={errors}
      hint={hint}
      control={(aria) => <input name={name} className={inputClass} {...aria} {...input} />}
    />
  );
}

/** A select's options under headings (<optgroup>): places by street, periods by kind. */
export function OptionGroups({ groups }: { groups: ReadonlyArray<{ label: string; options: ReadonlyArray<{ value: string; label: string }> }> }) {
  return groups.map((g) => (
    <optgroup key={g.label} label={g.label}>
      {g.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </optgroup>
  ));
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  children,
  ...select
}: Omit<FieldProps, "children"> & { children: ReactNode } & Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    "name" | "children"
  >) {
  return (
    <FieldShell
      label={label}
      name={name}
      errors={errors}
      hint={hint}
      control={(aria) => (
        <select name={name} className={inputClass} {...aria} {...select}>
          {children}
        </select>
      )}
    />
  );
}

/** A group of checkboxes under one legend, its errors announced with the group. */
export function CheckboxGroup({
  label,
  name,
  options,
  defaultValues = [],
  errors,
  hint,
  required,
}: {
  label: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  defaultValues?: readonly string[];
  errors?: readonly string[] | null;
  hint?: ReactNode;
  required?: boolean;
}) {
  const id = useFieldId(name);
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset className="mb-4" aria-invalid={errorId ? true : undefined} aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}>
      <legend className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <span className="text-red-700"> *</span> : null}
      </legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o, i) => (
          <label key={o.value} className="flex items-center gap-1 text-sm">
            <input id={i === 0 ? id : undefined} type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} errors={errors} />
    </fieldset>
  );
}

/** A group of radio buttons with its legend and its errors, announced with the group. */
export function RadioGroup({
  legend,
  name,
  options,
  defaultValue,
  errors,
  required,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  defaultValue?: string;
  errors?: readonly string[] | null;
  required?: boolean;
}) {
  const id = useFieldId(name);
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <fieldset className="mb-4" aria-describedby={errorId}>
      <legend className="text-sm font-medium text-slate-700">
        {legend}
        {required ? <span className="text-red-700"> *</span> : null}
      </legend>
      <div className="mt-1 space-y-1">
        {options.map((o, i) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input id={i === 0 ? id : undefined} type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} aria-invalid={errorId ? true : undefined} className="mt-1" />
            <span>
              {o.label}
              {o.hint ? <span className="block text-xs text-slate-600">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button
      className={`inline-flex items-center justify-center rounded px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${styles} ${className}`}
      {...props}
    />
  );
}

export function TextAreaField({
  label,
  name,
  errors,
  hint,
  ...area
}: Omit<FieldProps, "children"> & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "children">) {
  return (
    <FieldShell
      label={label}
      name={name}
      required={area.required}
      errors={errors}
      hint={hint}
      control={(aria) => <textarea name={name} rows={3} className={inputClass} {...aria} {...area} />}
    />
  );
}

/**
 * A required file chooser whose hint and errors are announced with it. The
 * server reads its files as `files`; a browser keeps no chosen file after a
 * refused post, so the hint says to choose again where that matters.
 */
export function FileField({ id, label, accept, hint, errors }: { id: string; label: string; accept: string; hint: ReactNode; errors?: readonly string[] | null }) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        <span className="text-red-700"> *</span>
      </label>
      <input
        id={id}
        name="files"
        type="file"
        required
        accept={accept}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

/**
 * A form that changes something (method "post"), carrying its one-time
 * submission key in its action's `_submission` parameter: the page's key from
 * the root loader (new after every submission) and this form's own id. The
 * server answers the same key a second time as it answered the first (see
 * app/domain/shared/submissions.server.ts), so a double click or a retry saves once.
 */
export function PostForm({ action, ...props }: Omit<FormProps, "method"> & { action?: string }) {
  const pageKey = (useRouteLoaderData("root") as { submissionKey?: string | null } | undefined)?.submissionKey;
  const formId = useId().replace(/[^A-Za-z0-9]/g, "");
  const resolved = useFormAction(action);
  return (
    <FormIdContext.Provider value={props.id ?? null}>
      <Form method="post" action={pageKey ? withSubmissionKey(resolved, `${pageKey}${formId}`) : action} {...props} />
    </FormIdContext.Provider>
  );
}

function withSubmissionKey(action: string, key: string): string {
  const [path, query = ""] = action.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("_submission", key);
  // "?index" (an index route's action) must stay a bare key, as Remix writes it.
  return `${path}?${params.toString().replace(/(^|&)index=(&|$)/, "$1index$2")}`;
}

/** What a text field showed when the form was last sent back: the typed value, so a refusal loses nothing. */
export function typedText(field: { initialValue?: unknown }): string {
  return typeof field.initialValue === "string" ? field.initialValue : "";
}
