import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Button, Field, FormError, PostForm } from "../../ui/form";
import { Panel } from "../../ui/layout";

/** The year's two deadlines, changed on the version the officer saw. */
export function DeadlinesPanel({
  settings,
  lastResult,
}: {
  settings: { supervisingDeadline: string; registryDeadline: string; version: number };
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm<{ intent: string; supervisingDeadline: string; registryDeadline: string; reason: string; version: string }>({
    id: `deadlines-${settings.version}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  const initial = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  return (
    <Panel title="调整截止日期" className="mt-6">
      <FormError errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
      <PostForm {...getFormProps(form)} className="grid max-w-2xl gap-x-6 sm:grid-cols-2">
        <input type="hidden" name={fields.intent.name} value="deadlines" />
        <input type="hidden" name={fields.version.name} value={settings.version} />
        <Field
          label="业务主管单位初审截止"
          name={fields.supervisingDeadline.name}
          type="date"
          defaultValue={initial(fields.supervisingDeadline.initialValue, settings.supervisingDeadline)}
          errors={fields.supervisingDeadline.errors}
          required
        />
        <Field
          label="登记管理机关截止"
          name={fields.registryDeadline.name}
          type="date"
          defaultValue={initial(fields.registryDeadline.initialValue, settings.registryDeadline)}
          errors={fields.registryDeadline.errors}
          required
        />
        <div className="sm:col-span-2">
          <Field label="调整原因" name={fields.reason.name} errors={fields.reason.errors} maxLength={500} hint="如：按市局年检通知顺延；调整会记入审计日志" required />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" variant="secondary">
            保存截止日期
          </Button>
        </div>
      </PostForm>
    </Panel>
  );
}
