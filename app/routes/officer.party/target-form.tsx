import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { coverageTargetRange, coverageTargetSchema, targetPercent } from "../../domain/party/forms";
import { percent } from "../../domain/party/rules";
import { parseSubmission } from "../../domain/shared/form-submission";
import { formatDateTime } from "../../domain/shared/time";
import { Button, Field, FormError, PostForm } from "../../ui/form";
import { Panel } from "../../ui/layout";
import { Notice } from "../../ui/notice";
import { ReverifyField } from "../../ui/reverify";
import { useSectionAction } from "./joint-branch-form";
import type { TargetSetting } from "./route";

/** The district's coverage target, with the reason for the change; it needs the password given within 10 minutes. */
export function TargetForm({
  setting,
  lastResult,
  notice,
  needsReverify,
  reverify,
}: {
  setting: TargetSetting;
  lastResult: SubmissionResult<string[]> | undefined;
  notice: string | null;
  needsReverify: boolean;
  reverify: { errors: string[] } | null;
}) {
  const current = setting.value;
  const [form, fields] = useForm<
    z.input<typeof coverageTargetSchema>,
    z.output<typeof coverageTargetSchema>
  >({
    // A new id once the target changed, so the fields start again from the new value.
    id: `party-coverage-target-${current}`,
    lastResult,
    defaultValue: { partyCoverageTarget: targetPercent(current), reason: "" },
    onValidate: ({ formData }) => parseSubmission(formData, { schema: coverageTargetSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typed = (value: unknown) => (typeof value === "string" ? value : "");
  const { min, max } = coverageTargetRange;
  return (
    <div id="coverage-target">
      <Panel title="调整覆盖率目标" className="mt-6">
        <p className="mb-4 text-sm text-slate-700">
          现行目标：{percent(current)}
          {setting.updatedAt
            ? `（${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整）`
            : "（默认值）"}
          。默认 {percent(setting.defaultValue)}，即年底前社会组织党组织覆盖率达到 90%
          以上。组织覆盖率和工作覆盖率均对照此目标。调整会记入审计日志。
        </p>
        {notice ? <Notice>{notice}</Notice> : null}
        <FormError errors={form.errors} />
        <PostForm
          action={useSectionAction("coverage-target")}
          preventScrollReset
          {...getFormProps(form)}
          className="max-w-md"
        >
          <input type="hidden" name="intent" value="coverage-target" />
          <input type="hidden" name={fields.expected.name} value={current} />
          <Field
            label="新的覆盖率目标（%）"
            name={fields.partyCoverageTarget.name}
            inputMode="decimal"
            defaultValue={typed(fields.partyCoverageTarget.initialValue)}
            errors={fields.partyCoverageTarget.errors}
            hint={`${min} 到 ${max} 之间的百分数，最多一位小数，如 90 或 92.5`}
            required
          />
          <Field
            label="调整原因"
            name={fields.reason.name}
            defaultValue={typed(fields.reason.initialValue)}
            errors={fields.reason.errors}
            maxLength={500}
            required
          />
          <ReverifyField needed={needsReverify} prompt={reverify} />
          <Button type="submit">保存目标</Button>
        </PostForm>
      </Panel>
    </div>
  );
}
