import { useForm, type SubmissionResult } from "@conform-to/react";
import { otherMaterial, otherMaterialLabel, type Material } from "../domain/applications/materials";
import { FileList, RemoveFileForm, UploadForm, type StoredFile } from "./attachments";
import { FormError, SelectField } from "./form";
import { Badge, Panel } from "./layout";

type AttachedFile = StoredFile & { material: string | null };

/**
 * The materials an application hands in, as a checklist: each one required or
 * not, the article asking for it, a template where a standard text exists, and
 * the files attached for it. While the applicant may still change them, what is
 * missing before 提交 is said at the top, and the upload form asks which material
 * each upload is.
 */
export function MaterialsPanel({
  materials,
  files,
  missing,
  applicationId,
  action,
  editable,
  lastResult,
  note,
}: {
  /** Said under the list while it may change (a change's materials depend on what it changes). */
  note?: string;
  materials: Array<Material & { files: AttachedFile[] }>;
  files: AttachedFile[];
  /** The names of the required materials with no file yet. */
  missing: string[];
  applicationId: number;
  action: string;
  editable: boolean;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useForm<{ files: string; fileId: string; material: string }>({ id: "attachments", lastResult, shouldValidate: "onSubmit" });
  const hrefFor = (fileId: number) => `/applications/${applicationId}/files/${fileId}`;
  const removable = editable ? (fileId: number) => <RemoveFileForm action={action} fileId={fileId} fileName={files.find((f) => f.id === fileId)?.fileName ?? "该文件"} /> : undefined;
  const others = files.filter((f) => !materials.some((m) => m.key === f.material));
  const firstMissing = materials.find((m) => m.required && !m.files.length)?.key ?? materials.find((m) => !m.files.length)?.key ?? otherMaterial;
  return (
    <Panel title="申请材料">
      {editable ? (
        missing.length ? (
          <p className="mb-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
            还有 {missing.length} 项必交材料未上传：{missing.join("、")}。全部上传后才能提交。
          </p>
        ) : (
          <p className="mb-3 rounded bg-green-50 px-3 py-2 text-sm text-green-900">必交材料已全部上传，可以提交。</p>
        )
      ) : null}
      <FormError errors={[...(form.errors ?? []), ...(fields.fileId.errors ?? [])]} />
      <ol aria-label="材料清单" className="divide-y divide-slate-100 text-sm">
        {materials.map((m, i) => (
          <li key={m.key} className="py-2.5">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-800">
                {i + 1}. {m.name}
              </span>
              <Badge tone={m.required ? "blue" : "slate"}>{m.required ? "必交" : "选交"}</Badge>
              {m.files.length ? <Badge tone="green">已上传</Badge> : <Badge tone={m.required ? "amber" : "slate"}>未上传</Badge>}
            </p>
            {m.note ? <p className="mt-0.5 text-slate-700">{m.note}</p> : null}
            <p className="mt-0.5 text-xs text-slate-600">
              依据：{m.basis}
              {m.template ? (
                <>
                  {" · "}
                  <a href={m.template.href} download={m.template.fileName}>
                    下载{m.template.fileName.replace(/\.txt$/, "")}
                  </a>
                </>
              ) : null}
            </p>
            {m.files.length ? (
              <div className="mt-1 pl-4">
                <FileList files={m.files} hrefFor={hrefFor} removable={removable} />
              </div>
            ) : null}
          </li>
        ))}
        {others.length ? (
          <li className="py-2.5">
            <p className="font-medium text-slate-800">{otherMaterialLabel}</p>
            <div className="mt-1 pl-4">
              <FileList files={others} hrefFor={hrefFor} removable={removable} />
            </div>
          </li>
        ) : null}
      </ol>
      {editable && note ? <p className="mt-2 text-xs text-slate-600">{note}</p> : null}
      {editable ? (
        <UploadForm action={action} errors={fields.files.errors} className="mt-4 border-t border-slate-100 pt-4">
          <SelectField label="所上传的材料" name={fields.material.name} defaultValue={firstMissing} errors={fields.material.errors} key={firstMissing}>
            {materials.map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
                {m.files.length ? "（已上传，可补充）" : ""}
              </option>
            ))}
            <option value={otherMaterial}>{otherMaterialLabel}</option>
          </SelectField>
        </UploadForm>
      ) : null}
    </Panel>
  );
}

/** Before an application is started: what its kind asks for, so the applicant can prepare it. */
export function MaterialsPreview({ materials, note }: { materials: Material[]; note?: string }) {
  return (
    <>
      <ul className="mt-1 space-y-1 text-sm text-slate-700">
        {materials.map((m) => (
          <li key={m.key}>
            {m.name}
            <span className="text-xs text-slate-600">
              （{m.required ? "必交" : "选交"}
              {m.note && !m.required ? `，${m.note}` : ""}）
            </span>
            {m.template ? (
              <a href={m.template.href} download={m.template.fileName} className="ml-1 text-xs">
                下载{m.template.fileName.replace(/\.txt$/, "")}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
      {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
    </>
  );
}
