import { useSearchParams } from "@remix-run/react";
import type { OrganizationImportRow, PlaceImportRow } from "../../domain/imports/rules";
import { communityCategoryLabels, organizationStatusLabels, organizationTypeLabels } from "../../domain/organizations/rules";
import { placeLevelLabels } from "../../domain/places/rules";
import { formatDate } from "../../domain/shared/time";
import { type Column, DataTable } from "../../ui/data-table";
import { Badge, Pagination } from "../../ui/layout";
import type { BatchView } from "./route";

type Problem = BatchView["problems"][number];

const problemColumns: Array<Column<Problem>> = [
  { label: "行号", numeric: true, cell: (p) => p.line },
  { label: "列", className: "whitespace-nowrap", cell: (p) => p.column },
  { label: "内容", className: "break-all", cell: (p) => p.value || <span className="text-slate-400">（空）</span> },
  { label: "问题", className: "text-red-800", cell: (p) => p.message },
];

/** One page of the batch's problems, each where it is in the file, and all of them as CSV. */
export function ProblemsTable({ batch }: { batch: BatchView }) {
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="problems-heading" className="mb-6">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="problems-heading" className="text-lg font-semibold text-slate-900">
          问题列表
        </h2>
        <a href={`/officer/import/${batch.id}/problems.csv`} download className="text-sm">
          下载全部 {batch.problemCount} 个问题（CSV）
        </a>
      </div>
      <DataTable
        caption="每个问题所在的行和列、单元格内容和问题说明，按行号排列"
        columns={problemColumns}
        rows={batch.problems}
        rowKey={(p, i) => `${p.line}-${i}`}
        empty="没有问题。"
      />
      <Pagination page={batch.page} pageSize={batch.problemPageSize} total={batch.problemCount} search={params} />
    </section>
  );
}

type Sample = BatchView["sample"][number];

const line = (flagged: Set<number>): Column<Sample> => ({
  label: "行号",
  numeric: true,
  cell: (row) => (
    <>
      {row.line}
      {flagged.has(row.line) ? (
        <span className="ml-1">
          <Badge tone="red">有问题</Badge>
        </span>
      ) : null}
    </>
  ),
});

const organization = (row: Sample) => row as OrganizationImportRow;
const place = (row: Sample) => row as PlaceImportRow;

const organizationColumns: Array<Column<Sample>> = [
  { label: "名称", cell: (r) => organization(r).name },
  {
    label: "类型",
    className: "whitespace-nowrap",
    cell: (r) => (
      <>
        {organizationTypeLabels[organization(r).type]}
        {organization(r).category ? <span className="block text-xs text-slate-500">{communityCategoryLabels[organization(r).category!]}</span> : null}
      </>
    ),
  },
  {
    label: "统一社会信用代码 / 备案号",
    className: "font-mono",
    cell: (r) =>
      organization(r).uscc ?? organization(r).filingNumber ?? (organization(r).type === "community" ? <span className="font-sans text-slate-500">导入时按街道编号</span> : "—"),
  },
  { label: "登记（备案）日期", className: "whitespace-nowrap", cell: (r) => formatDate(organization(r).registeredOn) },
  { label: "街道（镇）", cell: (r) => organization(r).streetName ?? "—" },
  { label: "社区（村）", cell: (r) => organization(r).placeName ?? "—" },
  { label: "状态", className: "whitespace-nowrap", cell: (r) => organizationStatusLabels[organization(r).status] },
];

const placeColumns: Array<Column<Sample>> = [
  { label: "区划代码", className: "font-mono", cell: (r) => place(r).code },
  { label: "名称", cell: (r) => place(r).name },
  { label: "类型", cell: (r) => placeLevelLabels[place(r).level] },
  { label: "所属街道（镇）", cell: (r) => place(r).streetName },
  { label: "户数", numeric: true, cell: (r) => place(r).households ?? "—" },
  { label: "人口", numeric: true, cell: (r) => place(r).population ?? "—" },
];

/** The first rows as they will be recorded (or were), those with problems marked. */
export function SampleTable({ batch }: { batch: BatchView }) {
  const flagged = new Set(batch.sampleProblemLines);
  const shown = batch.sample.length;
  const title =
    batch.status === "imported"
      ? `已导入的前 ${shown} 行`
      : batch.problemCount
        ? `能读取的行（前 ${shown} 行），问题改正后将这样记录`
        : `前 ${shown} 行将这样记录`;
  return (
    <section aria-labelledby="sample-heading">
      <h2 id="sample-heading" className="mb-2 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <DataTable
        caption="按文件行号列出读取后的内容"
        columns={[line(flagged), ...(batch.kind === "organizations" ? organizationColumns : placeColumns)]}
        rows={batch.sample}
        rowKey={(row) => row.line}
        empty="没有可以读取的行。"
      />
    </section>
  );
}
