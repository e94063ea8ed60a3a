import { useForm, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { Button, ErrorList, FormError, PostForm } from "./form";

export type StoredFile = { id: number; fileName: string; size: number; contentType: string };

export function FileList({
  files,
  hrefFor,
  removable,
}: {
  files: StoredFile[];
  hrefFor: (id: number) => string;
  removable?: (id: number) => ReactNode;
}) {
  if (!files.length) return <p className="text-sm text-slate-600">尚未上传材料。</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {files.map((f) => (
        <li key={f.id} className="flex items-center justify-between gap-3 py-1.5">
          <a href={hrefFor(f.id)}>{f.fileName}</a>
          <span className="text-xs text-slate-500">
            {f.contentType === "application/pdf" ? "PDF" : f.contentType === "image/png" ? "PNG" : "JPEG"} · {Math.ceil(f.size / 1024)} KB
          </span>
          {removable?.(f.id)}
        </li>
      ))}
    </ul>
  );
}

/** The remove button of one attached file, posting `remove-file` to the page's action. */
export function RemoveFileForm({ action, fileId, fileName }: { action: string; fileId: number; fileName: string }) {
  return (
    <PostForm action={action}>
      <input type="hidden" name="intent" value="remove-file" />
      <input type="hidden" name="fileId" value={fileId} />
      <button type="submit" className="text-sm text-red-700 underline" aria-label={`删除 ${fileName}`}>
        删除
      </button>
    </PostForm>
  );
}

/**
 * The upload form (PDF, JPEG or PNG up to 10 MB, checked by content on the
 * server); `children` are fields sent with the files, before the chooser.
 */
export function UploadForm({ action, errors, children, className = "" }: { action: string; errors?: readonly string[] | null; children?: ReactNode; className?: string }) {
  return (
    <PostForm action={action} encType="multipart/form-data" className={className}>
      {children}
      <label className="block text-sm font-medium text-slate-700" htmlFor="files">
        上传材料（PDF、JPEG 或 PNG，每个不超过 10 MB，可多选）
      </label>
      <input
        id="files"
        name="files"
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        className="mt-1 block text-sm"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "files-error" : undefined}
      />
      <ErrorList id="files-error" errors={errors} />
      <Button type="submit" variant="secondary" className="mt-2">
        上传
      </Button>
    </PostForm>
  );
}

/** Attached documents; while they may be changed, with a remove button each and an upload form. */
export function AttachmentsEditor({
  files,
  hrefFor,
  action,
  editable,
  errors,
  formErrors,
}: {
  files: StoredFile[];
  hrefFor: (id: number) => string;
  action: string;
  editable: boolean;
  errors?: readonly string[] | null;
  /** Why a removal (or the upload as a whole) was refused. */
  formErrors?: readonly string[] | null;
}) {
  return (
    <>
      <FormError errors={formErrors} />
      <FileList
        files={files}
        hrefFor={hrefFor}
        removable={
          editable
            ? (fileId) => <RemoveFileForm action={action} fileId={fileId} fileName={files.find((f) => f.id === fileId)?.fileName ?? "该文件"} />
            : undefined
        }
      />
      {editable ? <UploadForm action={action} errors={errors} className="mt-4 border-t border-slate-100 pt-4" /> : null}
    </>
  );
}

/**
 * The attachments of a form whose page posts uploads and removals itself
 * (an application, an annual report): the last refusal of either, read with
 * conform, beside the upload field or above the list.
 */
export function PostedAttachments({
  lastResult,
  ...editor
}: {
  files: StoredFile[];
  hrefFor: (id: number) => string;
  action: string;
  editable: boolean;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<{ files: string; fileId: string }>({ id: "attachments", lastResult, shouldValidate: "onSubmit" });
  return <AttachmentsEditor {...editor} errors={fields.files.errors} formErrors={[...(form.errors ?? []), ...(fields.fileId.errors ?? [])]} />;
}
