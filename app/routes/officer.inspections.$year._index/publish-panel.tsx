import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Button, FormError, PostForm } from "../../ui/form";
import { Panel } from "../../ui/layout";
import { ConfirmBox } from "../../ui/officer-inspection";
import { ReverifyField } from "../../ui/reverify";

/** Publishing every conclusion not yet published, after a confirmation that says how many. */
export function PublishAllPanel({
  reportIds,
  lastResult,
  needsReverify,
  reverify,
}: {
  reportIds: number[];
  lastResult?: SubmissionResult<string[]>;
  needsReverify: boolean;
  reverify: { errors: string[] } | null;
}) {
  const [form, fields] = useForm<{ intent: string; reportIds: string[]; confirm: string }>({ id: "publish-all", lastResult, shouldValidate: "onSubmit" });
  const count = reportIds.length;
  return (
    <Panel title="公布年检结论" className="mt-6">
      {count ? (
        <PostForm {...getFormProps(form)}>
          <FormError errors={[...(form.errors ?? []), ...(fields.reportIds.errors ?? [])]} />
          <input type="hidden" name={fields.intent.name} value="publish-all" />
          {reportIds.map((id, i) => (
            <input key={id} type="hidden" name={`${fields.reportIds.name}[${i}]`} value={id} />
          ))}
          <p className="mb-3 text-sm text-slate-900">
            将公布 <strong className="tabular-nums">{count}</strong> 个组织的年检结论。公布后，结论将在公开登记信息和开放数据中显示，不能撤回。
          </p>
          <ConfirmBox name={fields.confirm.name} label={`我已核对这 ${count} 个组织的年检结论，确认公布`} errors={fields.confirm.errors} />
          <ReverifyField id="publish-all" needed={needsReverify} prompt={reverify} />
          <Button type="submit">公布全部已作出的结论</Button>
        </PostForm>
      ) : (
        <p className="text-sm text-slate-600">没有待公布的年检结论。</p>
      )}
    </Panel>
  );
}
