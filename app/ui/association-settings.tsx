import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import {
  associationCountingFormSchema,
  associationCountingLabels,
  associationCountings,
  associationTargetFormSchema,
  associationTargetRange,
  targetLevelLabels,
  type AssociationCounting,
  type TargetLevel,
} from "../domain/committees/coverage";
import { parseSubmission } from "../domain/shared/form-submission";
import { formatDateTime } from "../domain/shared/time";
import { Button, Field, FormError, PostForm, RadioGroup } from "./form";
import { ReverifyField } from "./reverify";

/** A district setting as its form starts from it (settings/queries.server.ts `settingState`). */
export interface SettingView<V> {
  value: V;
  defaultValue: V;
  updatedAt: Date | string | null;
  updatedByName: string | null;
}

interface SettingFormProps<V> {
  setting: SettingView<V>;
  lastResult: SubmissionResult<string[]> | undefined;
  needsReverify: boolean;
  /** The re-verify part of a refused answer (auth/verification.server.ts `ReverifyPrompt`). */
  reverify: { errors: string[] } | null;
}

function changedBy(setting: SettingView<unknown>): string {
  return setting.updatedAt ? `（${setting.updatedByName ?? "系统"}于 ${formatDateTime(setting.updatedAt)} 调整）` : "（默认值）";
}

/** Changing the district's target of a level: for those with setting:manage, with a recorded reason. */
export function TargetForm({ level, setting, lastResult, needsReverify, reverify }: SettingFormProps<number> & { level: TargetLevel }) {
  const current = setting.value;
  const [form, fields] = useForm<z.input<typeof associationTargetFormSchema>>({
    // A new id once the target changed, so the fields start again from the new value.
    id: `association-target-${level}-${current}`,
    lastResult,
    onValidate: ({ formData }) => parseSubmission(formData, { schema: associationTargetFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const place = targetLevelLabels[level];
  return (
    <section aria-labelledby={`target-${level}`}>
      <h3 id={`target-${level}`} className="mb-2 font-semibold text-slate-900">
        {place}目标
      </h3>
      <p className="mb-4 text-sm text-slate-700">
        现行目标：每个{place} {current} 个{changedBy(setting)}。本区默认 {setting.defaultValue} 个。
      </p>
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="max-w-md">
        <input type="hidden" name={fields.level.name} value={level} />
        <input type="hidden" name={fields.expected.name} value={current} />
        <Field
          label="新的目标数"
          name={fields.associationTarget.name}
          type="number"
          inputMode="numeric"
          min={associationTargetRange.min}
          max={associationTargetRange.max}
          step={1}
          defaultValue={current}
          errors={fields.associationTarget.errors}
          hint={`每个${place}应有的社区社会组织数，${associationTargetRange.min} 到 ${associationTargetRange.max} 之间的整数`}
          required
        />
        <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} required />
        <ReverifyField needed={needsReverify} prompt={reverify} id={`reverify-target-${level}`} />
        <Button type="submit">保存目标</Button>
      </PostForm>
    </section>
  );
}

/** Changing which organizations count toward the targets: registered and filed alike, or filed ones only. */
export function CountingForm({ setting, lastResult, needsReverify, reverify }: SettingFormProps<AssociationCounting>) {
  const current = setting.value;
  const [form, fields] = useForm<z.input<typeof associationCountingFormSchema>>({
    id: `association-counting-${current}`,
    lastResult,
    onValidate: ({ formData }) => parseSubmission(formData, { schema: associationCountingFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <section aria-labelledby="association-counting">
      <h3 id="association-counting" className="mb-2 font-semibold text-slate-900">
        统计口径
      </h3>
      <p className="mb-4 text-sm text-slate-700">
        现行口径：{associationCountingLabels[current]}
        {changedBy(setting)}。登记的社会团体、民办非企业单位须在登记信息中标明社区社会组织类别并属于该社区（村），才会计入。
      </p>
      <FormError errors={form.errors} />
      <PostForm {...getFormProps(form)} className="max-w-xl">
        <input type="hidden" name="intent" value="counting" />
        <input type="hidden" name={fields.expected.name} value={current} />
        <RadioGroup
          legend="计入“一居多会”的社区社会组织"
          name={fields.associationCounting.name}
          options={associationCountings.map((value) => ({ value, label: associationCountingLabels[value] }))}
          defaultValue={current}
          errors={fields.associationCounting.errors}
          required
        />
        <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} required />
        <ReverifyField needed={needsReverify} prompt={reverify} id="reverify-counting" />
        <Button type="submit">保存统计口径</Button>
      </PostForm>
    </section>
  );
}
