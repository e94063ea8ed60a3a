import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { rowIdOrNotFound } from "../domain/shared/ids";
import { addDays, formatDate, formatDateTime } from "../domain/shared/time";
import { workOnPlan } from "../domain/spot-checks/commands.server";
import { planWorkSchema } from "../domain/spot-checks/forms";
import { planPage } from "../domain/spot-checks/queries.server";
import { checkFindingLabels } from "../domain/spot-checks/rules";
import { Button, Field, FormError, PostForm, SelectField, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";
import { Notice } from "../ui/notice";
import { RectificationItem, VerifyForm } from "../ui/rectification";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.title ?? "抽查计划"} - 双随机抽查` }];

const idOf = (param: string | undefined) => rowIdOrNotFound(param, "找不到该抽查计划。");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "spotcheck:manage");
  return planPage(actor, idOf(params.id), new Date());
}

const notices = {
  draw: "已随机抽取检查对象和检查人员，抽取结果和随机种子已在公开页面公示。",
  finding: "已记录检查结果。",
  rectification: "已责令限期整改，该组织可在其账号中报告整改情况；逾期未完成的，系统将提出列入活动异常名录的建议。",
  verify: "已记录核实结果。",
  publish: "抽查结果已向社会公布。",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "spotcheck:manage");
  const id = idOf(params.id);
  const form = await readForm(request);
  const key = `${form.get("intent") ?? ""}-${form.get("itemId") ?? form.get("rectificationId") ?? ""}`;
  const submission = parseSubmission(form, { schema: planWorkSchema });
  if (submission.status !== "success") return data({ key, result: replyTo(submission), notice: null }, { status: 400 });
  const outcome = await workOnPlan(actionContext(context, actor), id, submission.value);
  if (!outcome.ok) return data({ key, result: replyTo(submission, outcome), notice: null }, { status: 409 });
  return { key, result: submission.reply({ resetForm: true }), notice: notices[submission.value.intent] };
}


export default function CheckPlan() {
  const { plan, streets, rule, replayed, items, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (key: string) => (actionData?.key === key ? actionData.result : undefined);
  const unchecked = items.filter((i) => !i.finding).length;
  const tomorrow = addDays(today, 1);
  return (
    <>
      <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
        <Link to="/officer/checks">双随机抽查</Link>
      </nav>
      <PageHeader title={plan.title} description={`抽查事项：${plan.matters}`} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <div className="space-y-6">
        <Panel title="抽查范围和抽取">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">组织类型</dt>
              <dd>{plan.scope.types.map((t) => organizationTypeLabels[t]).join("、")}</dd>
            </div>
            <div>
              <dt className="text-slate-600">街道（镇）</dt>
              <dd>{streets.length ? streets.join("、") : "全区"}</dd>
            </div>
            <div>
              <dt className="text-slate-600">抽取</dt>
              <dd>{plan.sampleKind === "share" ? `${plan.sampleValue}%` : `${plan.sampleValue} 个`}，每个检查对象 {plan.perCheck} 名检查人员</dd>
            </div>
            <div>
              <dt className="text-slate-600">检查人员名录</dt>
              <dd>{plan.inspectors.join("、")}</dd>
            </div>
            {plan.drawnAt ? (
              <>
                <div>
                  <dt className="text-slate-600">抽取时间</dt>
                  <dd>{formatDateTime(plan.drawnAt)}，可抽取的组织 {plan.population?.length ?? 0} 个</dd>
                </div>
                <div>
                  <dt className="text-slate-600">随机种子</dt>
                  <dd className="font-mono break-all">{plan.seed}</dd>
                </div>
              </>
            ) : null}
          </dl>
          {plan.drawnAt ? (
            <p className="mt-3 text-sm text-slate-700">
              抽取规则：{rule}{" "}
              {replayed ? <Badge tone="green">按公开规则复核，结果一致</Badge> : <Badge tone="red">复核结果不一致</Badge>} <Link to={`/credit/checks/${plan.id}`}>公开页面</Link>
            </p>
          ) : (
            <DrawForm version={plan.version} lastResult={resultFor("draw-")} />
          )}
        </Panel>
        {items.length ? (
          <Panel title={`检查对象（${items.length} 个）`}>
            <ol className="space-y-4">
              {items.map((item) => (
                <li key={item.id} className="rounded border border-slate-200 p-4">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="text-slate-600">{item.position}.</span>
                    <Link to={`/officer/orgs/${item.organizationId}`} className="font-medium">
                      {item.name}
                    </Link>
                    <span className="text-xs text-slate-600">{organizationTypeLabels[item.type]}</span>
                    <span className="text-sm">检查人员：{item.inspectors.join("、")}</span>
                    {item.finding ? <Badge tone={item.finding === "no_problem" ? "green" : "amber"}>{checkFindingLabels[item.finding]}</Badge> : <Badge>待检查</Badge>}
                  </p>
                  {item.finding ? (
                    <p className="mt-2 text-sm">
                      {formatDate(item.checkedOn)} 检查：{item.findings}
                    </p>
                  ) : null}
                  {item.rectifications.length ? (
                    <ul className="mt-3 space-y-3">
                      {item.rectifications.map((r) => (
                        <li key={r.id}>
                          <RectificationItem
                            r={r}
                            today={today}
                            verify={(v) => (
                              <VerifyForm formId={`verify-${v.id}`} fields={{ intent: "verify", rectificationId: v.id }} version={v.version} answered={!!v.answeredOn} lastResult={resultFor(`verify-${v.id}`)} />
                            )}
                          />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {!plan.publishedAt ? <FindingForm itemId={item.id} version={item.version} today={today} lastResult={resultFor(`finding-${item.id}`)} /> : null}
                  {/* One open order at a time: a further one once the last is verified. */}
                  {item.finding === "problems" && !plan.publishedAt && item.rectifications.every((r) => r.verdict) ? (
                    <RectificationForm itemId={item.id} tomorrow={tomorrow} lastResult={resultFor(`rectification-${item.id}`)} />
                  ) : null}
                </li>
              ))}
            </ol>
          </Panel>
        ) : null}
        {plan.drawnAt ? (
          <Panel title="公布抽查结果">
            {plan.publishedAt ? (
              <p className="text-sm">
                {formatDateTime(plan.publishedAt)} 已公布：{plan.summary}
              </p>
            ) : unchecked ? (
              <p className="text-sm text-slate-700">还有 {unchecked} 个检查对象未记录检查结果，全部记录后可以公布。</p>
            ) : (
              <PublishForm version={plan.version} lastResult={resultFor("publish-")} />
            )}
          </Panel>
        ) : null}
      </div>
    </>
  );
}

function DrawForm({ version, lastResult }: { version: number; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useForm({ id: "draw", lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="mt-4">
      <FormError errors={form.errors} />
      <input type="hidden" name="version" value={version} />
      <p className="mb-3 text-sm text-slate-700">抽取时系统生成随机种子，按公开的规则从范围内的组织中抽取检查对象、从名录中选派检查人员；抽取后不能重新抽取。</p>
      <Button type="submit" name="intent" value="draw">
        随机抽取
      </Button>
    </PostForm>
  );
}

/** Open again only to show a refusal: after a save it folds away, the badge beside the name says what was recorded. */
const refused = (result?: SubmissionResult<string[]>) => !!result?.error && Object.values(result.error).some((e) => e?.length);

function FindingForm({ itemId, version, today, lastResult }: { itemId: number; version: number; today: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ finding: string; findings: string; checkedOn: string }>({ id: `finding-${itemId}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <details className="mt-3" open={refused(lastResult)}>
      <summary className="cursor-pointer text-sm text-blue-800">记录检查结果</summary>
      <PostForm {...getFormProps(form)} className="mt-2 max-w-2xl">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="finding" />
        <input type="hidden" name="itemId" value={itemId} />
        <input type="hidden" name="version" value={version} />
        <SelectField label="检查结果" name={fields.finding.name} errors={fields.finding.errors} defaultValue="">
          <option value="" disabled>
            请选择
          </option>
          {(["no_problem", "problems", "not_found"] as const).map((f) => (
            <option key={f} value={f}>
              {checkFindingLabels[f]}
            </option>
          ))}
        </SelectField>
        <TextAreaField label="检查情况" name={fields.findings.name} errors={fields.findings.errors} rows={3} maxLength={2000} required />
        <Field label="检查日期" name={fields.checkedOn.name} type="date" max={today} defaultValue={today} errors={fields.checkedOn.errors} required />
        <Button type="submit" variant="secondary">
          保存检查结果
        </Button>
      </PostForm>
    </details>
  );
}

function RectificationForm({ itemId, tomorrow, lastResult }: { itemId: number; tomorrow: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ problem: string; deadline: string }>({ id: `rectification-${itemId}`, lastResult, shouldValidate: "onSubmit" });
  return (
    <details className="mt-3" open={refused(lastResult)}>
      <summary className="cursor-pointer text-sm text-blue-800">责令限期整改</summary>
      <PostForm {...getFormProps(form)} className="mt-2 max-w-2xl">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value="rectification" />
        <input type="hidden" name="itemId" value={itemId} />
        <TextAreaField label="存在的问题和整改要求" name={fields.problem.name} errors={fields.problem.errors} rows={2} maxLength={1000} required />
        <Field label="整改期限" name={fields.deadline.name} type="date" min={tomorrow} errors={fields.deadline.errors} required />
        <Button type="submit" variant="secondary">
          责令整改
        </Button>
      </PostForm>
    </details>
  );
}

function PublishForm({ version, lastResult }: { version: number; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm<{ summary: string }>({ id: "publish", lastResult, shouldValidate: "onSubmit" });
  return (
    <PostForm {...getFormProps(form)} className="max-w-2xl">
      <FormError errors={form.errors} />
      <input type="hidden" name="intent" value="publish" />
      <input type="hidden" name="version" value={version} />
      <TextAreaField label="结果公告" name={fields.summary.name} errors={fields.summary.errors} rows={3} maxLength={2000} hint="概述抽查情况、发现的问题和整改要求" required />
      <Button type="submit">公布抽查结果</Button>
    </PostForm>
  );
}
