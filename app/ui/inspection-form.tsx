import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useId, useState, type ReactNode } from "react";
import { derivedFields, fenAsInput, reportFigures, type DerivedField } from "../domain/inspections/figures";
import { partyCoverageLabels, reportLabels, reportSections, type Report } from "../domain/inspections/rules";
import { formatDate } from "../domain/shared/time";
import type { Confirmation, PostedValues } from "../domain/shared/confirmation";
import { ConfirmSubmit } from "./confirm";
import { Button, ErrorList, ErrorSummary, Field, PostForm, SelectField, TextAreaField } from "./form";
import { useHydrated } from "./hydrated";
import { formatReportValue, moneyFields, wholeFields } from "./inspection-view";

const longFields = new Set<keyof Report>(["recordChanges", "mainActivities", "officers"]);

const hints: Partial<Record<keyof Report, string>> = {
  recordChanges: "名称、住所、法定代表人、业务范围、注册资金等登记事项有变动的，请写明并依法申请变更登记",
  incomeOther: "没有的请填 0",
  expenditureOther: "没有的请填 0",
  donationsReceived: "含计入收入的捐赠，不应少于捐赠收入",
  officers: "理事长（会长）、秘书长等负责人的姓名和职务",
  partyCoverage: "有 3 名以上正式党员的，应单独建立党组织",
};

const moneyGroups: Array<{ title: string; has: (field: keyof Report) => boolean }> = [
  { title: "收入", has: (f) => f.startsWith("income") },
  { title: "费用", has: (f) => f.startsWith("expenditure") },
  { title: "净资产和捐赠", has: (f) => !f.startsWith("income") && !f.startsWith("expenditure") },
];

type Values = Partial<Record<keyof Report, string>>;

const derived = new Set<keyof Report>(derivedFields);

/** How each derived figure follows from others: typed and checked without JavaScript, worked out as the items are typed with it. */
const derivedHints: Record<DerivedField, { typed: string; worked: string }> = {
  incomeTotal: { typed: "应等于以上各项收入之和", worked: "自动计算：以上各项收入之和" },
  expenditureTotal: { typed: "应等于以上各项费用之和", worked: "自动计算：以上各项费用之和" },
  netAssetsEnd: { typed: "应为年初净资产 + 收入合计 − 费用合计", worked: "自动计算：年初净资产 + 收入合计 − 费用合计" },
};

function readValues(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string") values[key as keyof Report] = value;
  return values;
}

/**
 * The annual report as a form in its six sections, pre-filled and beside last
 * year's values where they differ. Saving a draft keeps whatever was typed;
 * submitting checks that the report is complete and its totals add up.
 */
export function ReportForm({
  action,
  year,
  deadline,
  pastDeadline,
  unitName,
  report,
  lastYear,
  changed,
  version,
  lastResult,
  submitAction,
  confirmation,
}: {
  action: string;
  year: number;
  deadline: string;
  pastDeadline: boolean;
  /** The 业务主管单位 that reviews the report first, or null for an organization registered directly. */
  unitName: string | null;
  report: Report;
  lastYear: Report | null;
  changed: ReadonlyArray<keyof Report>;
  version: number | null;
  /** The last reply to this form: its errors, and what was typed, shown instead of the saved report. */
  lastResult?: SubmissionResult<string[]> | null;
  submitAction: "submit" | "resubmit";
  /** What 报送 will do, asked before it is sent. */
  confirmation: (values: PostedValues) => Confirmation;
}) {
  const defaultValue: Values = {};
  for (const field of Object.keys(reportLabels) as Array<keyof Report>) {
    const v = report[field];
    defaultValue[field] = v === undefined || v === null ? "" : String(v);
  }
  const [form, fields] = useForm<Record<keyof Report | "intent" | "version", string>>({ id: "report", lastResult, defaultValue, shouldValidate: "onSubmit" });
  const initial: Values = {};
  for (const field of Object.keys(reportLabels) as Array<keyof Report>) {
    const v = fields[field].initialValue;
    initial[field] = typeof v === "string" ? v : "";
  }
  const [live, setLive] = useState<Values>(initial);
  // Without JavaScript the totals are typed (and checked by the server); with it they are worked out as the items are typed.
  const hydrated = useHydrated();
  const figures = reportFigures(live);
  const declarationId = useId();

  const hintFor = (field: keyof Report): ReactNode => {
    const parts: ReactNode[] = [];
    if (derived.has(field)) {
      parts.push(
        <span key="derived" className="block">
          {derivedHints[field as DerivedField][hydrated ? "worked" : "typed"]}
        </span>,
      );
    }
    if (hints[field]) parts.push(<span key="hint" className="block">{hints[field]}</span>);
    if (lastYear && changed.includes(field)) {
      parts.push(
        <span key="last" className="block font-medium text-blue-900">
          去年：{formatReportValue(field, lastYear[field])}
        </span>,
      );
    }
    return parts.length ? parts : undefined;
  };

  const renderField = (field: keyof Report) => {
    const common = { name: fields[field].name, errors: fields[field].errors, hint: hintFor(field), defaultValue: initial[field] };
    if (field === "recordChanged") {
      return (
        <SelectField key={field} label={reportLabels[field]} {...common}>
          <option value="">请选择</option>
          <option value="no">无变动</option>
          <option value="yes">有变动</option>
        </SelectField>
      );
    }
    if (field === "partyCoverage") {
      return (
        <SelectField key={field} label={reportLabels[field]} {...common}>
          <option value="">请选择</option>
          {Object.entries(partyCoverageLabels).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
      );
    }
    if (field === "declaration") {
      const errors = fields.declaration.errors;
      const errorId = errors?.length ? `${declarationId}-error` : undefined;
      return (
        <div key={field} className="mb-4">
          <p id={`${declarationId}-text`} className="mb-2 text-sm text-slate-700">
            本组织已按照《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》等规定如实填报本年度报告，所附材料真实有效，并对报告内容承担法律责任。
          </p>
          <div className="flex items-start gap-2">
            <input
              id={declarationId}
              type="checkbox"
              name={fields.declaration.name}
              value="on"
              defaultChecked={initial.declaration === "on"}
              className="mt-1 h-4 w-4"
              aria-invalid={errorId ? true : undefined}
              aria-describedby={[`${declarationId}-text`, errorId].filter(Boolean).join(" ")}
            />
            <label htmlFor={declarationId} className="text-sm font-medium text-slate-800">
              {reportLabels.declaration}
            </label>
          </div>
          <ErrorList id={errorId} errors={errors} />
        </div>
      );
    }
    if (longFields.has(field)) return <TextAreaField key={field} label={reportLabels[field]} {...common} />;
    if (derived.has(field) && hydrated) {
      const { defaultValue: _typed, ...rest } = common;
      return (
        <div key={field} className="[&_input]:bg-slate-100 [&_input]:font-medium">
          <Field key="worked" label={`${reportLabels[field]}（元）`} readOnly value={fenAsInput(figures[field as DerivedField])} {...rest} />
        </div>
      );
    }
    if (moneyFields.has(field)) return <Field key={field} label={`${reportLabels[field]}（元）`} inputMode="decimal" autoComplete="off" {...common} />;
    return <Field key={field} label={reportLabels[field]} inputMode={wholeFields.has(field) ? "numeric" : undefined} autoComplete="off" {...common} />;
  };

  return (
    <PostForm
      action={action}
      {...getFormProps(form)}
      className="rounded border border-slate-200 bg-white p-6 shadow-sm"
      onChange={(e) => setLive(readValues(e.currentTarget))}
    >
      <ErrorSummary result={lastResult} labels={reportLabels} />
      <input type="hidden" name={fields.version.name} value={version ?? ""} />
      <div className="mb-6 rounded bg-slate-50 px-4 py-3 text-sm text-slate-700">
        <p>
          {year} 年度年检，报告 {year} 年度的情况。
          {pastDeadline ? (
            <strong className="text-red-800">
              报送截止日期 {formatDate(deadline)} 已过，请尽快报送{unitName ? `业务主管单位（${unitName}）初审` : ""}；逾期未报送的组织可能被列入活动异常名录。
            </strong>
          ) : (
            <>
              {unitName ? (
                <>
                  请于 <strong>{formatDate(deadline)}</strong> 前报送业务主管单位（{unitName}）初审，初审同意后转登记管理机关审查。
                </>
              ) : (
                <>
                  请于 <strong>{formatDate(deadline)}</strong> 前报送登记管理机关。
                </>
              )}
            </>
          )}
          草稿可随时保存，报送后不能再修改。
        </p>
        {lastYear ? (
          <p className="mt-1">
            已按上一年度报告预填，请逐项核对。
            <strong className="text-blue-900">与去年相比有 {changed.length} 项变化</strong>
            {changed.length ? `：${changed.map((f) => reportLabels[f]).join("、")}` : "。"}
          </p>
        ) : (
          <p className="mt-1">本组织没有上一年度的年度报告，请逐项填写。</p>
        )}
      </div>
      {reportSections.map((section) => (
        <fieldset key={section.title} className="mb-6 border-t border-slate-200 pt-4">
          <legend className="pr-2 text-lg font-semibold text-slate-900">{section.title}</legend>
          {section.fields.some((f) => moneyFields.has(f))
            ? moneyGroups.map((group) => (
                <fieldset key={group.title} className="mt-3">
                  <legend className="mb-2 text-sm font-semibold text-slate-800">{group.title}</legend>
                  <div className="grid gap-x-6 sm:grid-cols-2">{section.fields.filter(group.has).map(renderField)}</div>
                </fieldset>
              ))
            : section.fields.map(renderField)}
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name={fields.intent.name} value="save" variant="secondary">
          保存草稿
        </Button>
        <ConfirmSubmit name={fields.intent.name} value={submitAction} summary={confirmation}>
          {submitAction === "resubmit" ? "修改后重新报送" : "报送"}
        </ConfirmSubmit>
      </div>
    </PostForm>
  );
}
