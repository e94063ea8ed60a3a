import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readUploads, requirePermission } from "../auth/require.server";
import {
  importColumns,
  importKindLabels,
  importStatusLabels,
  maxImportBytes,
  maxImportRows,
  requirementLabels,
  type ImportColumn,
  type ImportKind,
} from "../domain/imports/columns";
import { importUploadSchema } from "../domain/imports/forms";
import { previewUpload } from "../domain/imports/commands.server";
import { importOverview, requireImporter } from "../domain/imports/queries.server";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDateTime } from "../domain/shared/time";
import { type Column, DataTable } from "../ui/data-table";
import { Button, FileField, FormError, PostForm, SelectField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "数据导入 - 登记管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  // The domain answers 403 to an officer who may import neither kind.
  return importOverview(actor);
}

/** An upload to check: the batch's page on success, otherwise why not, beside the field at fault. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "area:officer");
  // An officer who may import nothing is refused as the page refuses them, before the upload is read.
  requireImporter(actor);
  const upload = await readUploads(request, maxImportBytes, 1);
  if (upload.refusal) {
    // A file refused while reading leaves no form behind: only the file is at fault.
    const read = parseSubmission(upload.form, { schema: importUploadSchema.partial() });
    return data({ result: replyTo(read, { fieldErrors: { file: [upload.refusal] } }) }, { status: 400 });
  }
  const submission = parseSubmission(upload.form, { schema: importUploadSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await previewUpload(actionContext(context, actor), { ...submission.value, files: upload.files });
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: 400 });
  return redirectWithNotice(request, `/officer/import/${outcome.value.id}`, "文件已上传。请核对下方预览，确认无误后导入。", 303);
}

type RecentBatch = ReturnType<typeof useLoaderData<typeof loader>>["recent"][number];

const recentColumns: Array<Column<RecentBatch>> = [
  { label: "上传时间", className: "whitespace-nowrap", cell: (b) => formatDateTime(b.createdAt) },
  { label: "文件", cell: (b) => <Link to={`/officer/import/${b.id}`}>{b.fileName}</Link> },
  { label: "内容", cell: (b) => importKindLabels[b.kind] },
  { label: "数据行", numeric: true, cell: (b) => b.rowCount },
  { label: "有问题的行", numeric: true, cell: (b) => b.problemRowCount },
  { label: "状态", cell: (b) => <StatusBadge status={b.status} problems={b.problemRowCount} /> },
];

const kindIntros: Record<ImportKind, string> = {
  organizations:
    "把已有的社会组织名录导入登记簿：社会团体、民办非企业单位、基金会和社区社会组织。名称（未注销的）、统一社会信用代码或备案号与登记簿或文件中其他行重复的，不能导入。每个导入的组织在变更记录中记为“导入”。列入活动异常名录须在导入后另行办理。",
  communities:
    "把新的社区（居委会）和村（村委会）导入到已有的街道（镇）下。区划代码须以本区代码开头、前 9 位与所属街道（镇）一致；区划代码或同一街道（镇）内的名称与已有的重复的，不能导入。",
};

export default function ImportPage() {
  const { kinds, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ kind: string; file: string }>({ id: "import-upload", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const fileErrors = fields.file.errors;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageHeader
        title="数据导入"
        description="把已有的表格导入系统：上传后系统逐行检查并列出每个问题，此时不导入任何数据；确认没有问题后，再一次性全部导入。"
      />

      <Panel title="上传文件" className="mb-6">
        <PostForm {...getFormProps(form)} noValidate encType="multipart/form-data" className="max-w-xl" aria-label="上传导入文件">
          <FormError errors={form.errors} />
          <SelectField
            label="导入内容"
            name={fields.kind.name}
            defaultValue={typeof fields.kind.initialValue === "string" ? fields.kind.initialValue : kinds[0]}
            errors={fields.kind.errors}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {importKindLabels[kind]}
              </option>
            ))}
          </SelectField>
          <FileField
            id="import-file"
            label="表格文件"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hint={`CSV（UTF-8 或 Excel 另存的 GBK 编码）或 XLSX，不超过 ${maxImportBytes / 1024 / 1024} MB、${maxImportRows} 行；按文件内容判断格式。表头可在前几行，列的顺序不限。`}
            errors={fileErrors}
          />
          <Button type="submit" disabled={busy}>
            {busy ? "正在读取和检查…" : "上传并检查"}
          </Button>
        </PostForm>
      </Panel>

      {kinds.map((kind) => (
        <ColumnsPanel key={kind} kind={kind} />
      ))}

      <section aria-labelledby="recent-imports" className="mt-6">
        <h2 id="recent-imports" className="mb-3 text-lg font-semibold text-slate-900">
          我最近的导入
        </h2>
        <DataTable caption="我最近上传的导入文件，最新的在前" columns={recentColumns} rows={recent} rowKey={(b) => b.id} empty="您还没有导入过文件。" />
      </section>
    </>
  );
}

function StatusBadge({ status, problems }: { status: keyof typeof importStatusLabels; problems: number }) {
  if (status === "previewed" && problems) return <Badge tone="red">有问题，未导入</Badge>;
  const tone = status === "imported" ? "green" : status === "discarded" ? "slate" : "blue";
  return <Badge tone={tone}>{importStatusLabels[status]}</Badge>;
}

const columnColumns: Array<Column<ImportColumn>> = [
  { label: "列名", rowHeader: true, className: "whitespace-nowrap font-medium", cell: (c) => c.header },
  {
    label: "是否必填",
    className: "whitespace-nowrap",
    cell: (c) => (c.requirement === "required" ? <Badge tone="amber">{requirementLabels[c.requirement]}</Badge> : requirementLabels[c.requirement]),
  },
  { label: "填写说明", cell: (c) => c.note },
  { label: "也可写作", className: "text-slate-600", cell: (c) => c.synonyms.join("、") },
];

function ColumnsPanel({ kind }: { kind: ImportKind }) {
  const headingId = `columns-${kind}`;
  return (
    <section aria-labelledby={headingId} className="panel mb-6">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          导入{importKindLabels[kind]}
        </h2>
        <p className="text-sm">
          下载模板：
          <a href={`/officer/import/template.xlsx?kind=${kind}`} download>
            XLSX
          </a>
          {" · "}
          <a href={`/officer/import/template.csv?kind=${kind}`} download>
            CSV
          </a>
        </p>
      </div>
      <p className="mb-3 text-sm text-slate-700">{kindIntros[kind]}</p>
      <DataTable caption={`${importKindLabels[kind]}导入的列`} columns={columnColumns} rows={importColumns[kind]} rowKey={(c) => c.field} empty="—" framed={false} />
    </section>
  );
}
