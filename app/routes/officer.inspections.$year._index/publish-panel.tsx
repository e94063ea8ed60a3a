import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { Confirmation, PostedValues } from "../../domain/shared/confirmation";
import { ConfirmSubmit } from "../../ui/confirm";
import { FormError, PostForm } from "../../ui/form";
import { Panel } from "../../ui/layout";
import { ReverifyField } from "../../ui/reverify";

/** Publishing every conclusion not yet published, after a confirmation that names them. */
export function PublishAllPanel({
  reportIds,
  lastResult,
  needsReverify,
  reverify,
  summary,
}: {
  reportIds: number[];
  lastResult?: SubmissionResult<string[]>;
  needsReverify: boolean;
  reverify: { errors: string[] } | null;
  /** What publishing them will do, asked before it is sent. */
  summary: (values: PostedValues) => Confirmation;
}) {
  const [form, fields] = useForm<{ intent: string; reportIds: string[] }>({ id: "publish-all", lastResult, shouldValidate: "onSubmit" });
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
          <ReverifyField id="publish-all" needed={needsReverify} prompt={reverify} />
          <ConfirmSubmit summary={summary}>公布全部已作出的结论</ConfirmSubmit>
        </PostForm>
      ) : (
        <p className="text-sm text-slate-600">没有待公布的年检结论。</p>
      )}
    </Panel>
  );
}
