import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useLocation } from "@remix-run/react";
import type { z } from "zod";
import { jointBranchSchema } from "../../domain/party/forms";
import { ownBranchMinimum } from "../../domain/party/rules";
import { parseSubmission } from "../../domain/shared/form-submission";
import { Button, Field, FormError, PostForm, SelectField } from "../../ui/form";
import { Panel } from "../../ui/layout";
import { Notice } from "../../ui/notice";

/** This page as it is filtered, at the form's section: without JavaScript the answer opens where the form is. */
export function useSectionAction(section: string): string {
  const { pathname, search } = useLocation();
  return `${pathname}${search}#${section}`;
}

/** A joint branch of a street or town, or (district officers only) a district-wide trade branch. */
export function JointBranchForm({
  units,
  canFilter,
  selected,
  today,
  lastResult,
  notice,
}: {
  units: Array<{ code: string; name: string }>;
  canFilter: boolean;
  selected: string;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
  notice: string | null;
}) {
  const [form, fields] = useForm<
    z.input<typeof jointBranchSchema>,
    z.output<typeof jointBranchSchema>
  >({
    id: "joint-branch",
    lastResult,
    // What a reset after a founded branch returns the fields to.
    defaultValue: { streetCode: canFilter ? selected : (units[0]?.code ?? "") },
    onValidate: ({ formData }) => parseSubmission(formData, { schema: jointBranchSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const typed = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);
  return (
    <div id="joint-branch">
      <Panel title="成立联合党支部" className="mt-6">
        <p className="mb-4 text-sm text-slate-600">
          正式党员不足 {ownBranchMinimum}{" "}
          名的组织可按区域或行业纳入联合党支部。成立后，在各组织页面的“党建信息”中选择纳入。成立记入审计日志。
        </p>
        {notice ? <Notice>{notice}</Notice> : null}
        <FormError errors={form.errors} />
        <PostForm
          action={useSectionAction("joint-branch")}
          preventScrollReset
          {...getFormProps(form)}
          className="grid max-w-2xl gap-x-6 sm:grid-cols-2"
        >
          <input type="hidden" name="intent" value="joint-branch" />
          <Field
            label="党支部名称"
            name={fields.name.name}
            defaultValue={typed(fields.name.initialValue)}
            errors={fields.name.errors}
            maxLength={60}
            hint="如“某某街道社会组织联合党支部”"
            required
          />
          <Field
            label="成立日期"
            name={fields.foundedOn.name}
            type="date"
            max={today}
            defaultValue={typed(fields.foundedOn.initialValue)}
            errors={fields.foundedOn.errors}
            required
          />
          <SelectField
            label="所属街道（镇）"
            name={fields.streetCode.name}
            defaultValue={typed(fields.streetCode.initialValue)}
            errors={fields.streetCode.errors}
            hint={
              canFilter ? "行业联合党支部可不属于某个街道（镇），全区的组织均可纳入" : undefined
            }
          >
            {canFilter ? <option value="">全区（行业联合党支部）</option> : null}
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <Field
            label="党支部书记"
            name={fields.secretary.name}
            defaultValue={typed(fields.secretary.initialValue)}
            errors={fields.secretary.errors}
            maxLength={20}
            hint="可暂不填写"
          />
          <div className="sm:col-span-2">
            <Button type="submit">成立联合党支部</Button>
          </div>
        </PostForm>
      </Panel>
    </div>
  );
}
