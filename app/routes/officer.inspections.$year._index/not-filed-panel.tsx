import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { defaultListingReason } from "../../domain/inspections/rules";
import { organizationTypeLabels } from "../../domain/organizations/rules";
import { formatDate } from "../../domain/shared/time";
import { type Column, DataTable } from "../../ui/data-table";
import type { Confirmation, PostedValues } from "../../domain/shared/confirmation";
import { ConfirmSubmit } from "../../ui/confirm";
import { Field, FormError, PostForm, TextAreaField } from "../../ui/form";
import { Badge, Panel } from "../../ui/layout";
import { useSelectionColumn } from "../../ui/selection";
import type { YearPage } from "./route";

type NotFiledRow = YearPage["notFiled"][number];
type Fields = { intent: string; organizationIds: string[]; only: string; reason: string; listedOn: string };

/** Who has not filed, with the days left; after the deadline flagged, and listable one by one or together (after a confirmation naming them). */
export function NotFiledPanel({ page, lastResult, summary }: { page: YearPage; lastResult?: SubmissionResult<string[]>; summary: (values: PostedValues) => Confirmation }) {
  const { year, notFiled: rows, pastDeadline, daysToDeadline, settings, canList, today } = page;
  const [form, fields] = useForm<Fields>({ id: `abnormal-${year}`, lastResult, shouldValidate: "onSubmit" });
  const { column: choice } = useSelectionColumn({
    rows,
    keyOf: (r) => (r.listed ? null : r.id),
    formId: form.id,
    name: fields.organizationIds.name,
    labelOf: (r) => `选择${r.name}`,
  });
  const listable = rows.filter((r) => !r.listed).map((r) => r.id);
  const columns: Array<Column<NotFiledRow>> = [
    { label: "组织名称", rowHeader: true, cell: (r) => <Link to={`/officer/orgs/${r.id}`}>{r.name}</Link> },
    { label: "类型", cell: (r) => organizationTypeLabels[r.type] },
    { label: "街道（镇）", cell: (r) => r.street ?? "—" },
    { label: "填报情况", cell: (r) => (r.state === "draft" ? "填报中，未报送" : "尚未填报") },
    {
      label: "期限",
      className: "whitespace-nowrap",
      cell: (r) =>
        r.listed ? (
          <Badge tone="amber">已列入活动异常名录</Badge>
        ) : pastDeadline ? (
          <Badge tone="red">逾期未报</Badge>
        ) : (
          <span className={daysToDeadline <= 10 ? "font-medium text-amber-900" : ""}>还有 {daysToDeadline} 天</span>
        ),
    },
  ];
  const single: Column<NotFiledRow> = {
    label: "单独列入",
    header: <span className="sr-only">单独列入</span>,
    cell: (r) =>
      r.listed ? null : (
        <ConfirmSubmit form={form.id} name={fields.only.name} value={String(r.id)} variant="secondary" className="px-3 py-1" label={`将${r.name}列入活动异常名录`} summary={summary}>
          列入
        </ConfirmSubmit>
      ),
  };
  return (
    <Panel id="not-filed" title={`未报送的组织（${rows.length} 个）`} className="mt-6">
      <p className="mb-3 text-sm text-slate-700">
        {pastDeadline
          ? `登记管理机关截止日期（${formatDate(settings.registryDeadline)}）已过，以下组织逾期未报。`
          : `距登记管理机关截止日期（${formatDate(settings.registryDeadline)}）还有 ${daysToDeadline} 天；截止后仍未报送的将标注为逾期未报，可列入活动异常名录。`}
      </p>
      {canList && settings.nonFilersProposedAt && listable.length ? (
        <p role="note" className="mb-3 rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          年检日历于 {formatDate(settings.nonFilersProposedAt)} 提请审核：截止日期过后有 {settings.nonFilersProposed ?? 0} 个组织未报送年度工作报告，现有 {listable.length}{" "}
          个尚未列入。请逐一核对（已补报或有正当理由的可不列入），勾选后确认列入活动异常名录；系统不会自行列入（《社会组织信用信息管理办法》第十条）。
        </p>
      ) : null}
      {canList ? <FormError errors={[...(form.errors ?? []), ...(fields.organizationIds.errors ?? [])]} /> : null}
      <div className="max-h-[32rem] overflow-auto">
        <DataTable
          caption={`${year} 年度尚未报送年度报告的组织`}
          columns={canList ? [choice, ...columns, single] : columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowClassName={(r) => (pastDeadline && !r.listed ? "bg-red-50" : "")}
          empty="范围内应参加的组织都已报送。"
          framed={false}
        />
      </div>
      {canList && listable.length ? (
        <PostForm {...getFormProps(form)} className="mt-4 max-w-2xl border-t border-slate-100 pt-4">
          <h3 className="mb-2 font-medium text-slate-900">列入活动异常名录</h3>
          <p className="mb-3 text-sm text-slate-700">
            勾选后统一列入，或按某一行的“列入”按钮单独列入；原因和日期适用于本次列入的全部组织。列入后，组织在公开登记信息中显示为“列入活动异常名录”，连续两年将被建议列入严重违法失信名单。
          </p>
          <input type="hidden" name={fields.intent.name} value="abnormal" />
          <TextAreaField
            label="列入原因"
            name={fields.reason.name}
            defaultValue={typeof fields.reason.initialValue === "string" ? fields.reason.initialValue : defaultListingReason(year)}
            errors={fields.reason.errors}
            rows={2}
            maxLength={500}
            required
          />
          <Field
            label="列入日期"
            name={fields.listedOn.name}
            type="date"
            defaultValue={typeof fields.listedOn.initialValue === "string" ? fields.listedOn.initialValue : today}
            max={today}
            errors={fields.listedOn.errors}
            required
          />
          <ConfirmSubmit variant="danger" summary={summary}>
            将所选组织列入活动异常名录
          </ConfirmSubmit>
        </PostForm>
      ) : null}
    </Panel>
  );
}
