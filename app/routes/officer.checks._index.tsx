import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate } from "../domain/shared/time";
import { createPlan } from "../domain/spot-checks/commands.server";
import { planSchema } from "../domain/spot-checks/forms";
import { planListPage } from "../domain/spot-checks/queries.server";
import { checkableTypes } from "../domain/spot-checks/rules";
import { type Column, DataTable } from "../ui/data-table";
import { Button, CheckboxGroup, Field, FormError, PostForm, SelectField, TextAreaField } from "../ui/form";
import { Badge, PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "双随机抽查 - 信用监管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "spotcheck:manage");
  return planListPage(actor, new Date());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "spotcheck:manage");
  const submission = parseSubmission(await readForm(request), { schema: planSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await createPlan(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome) }, { status: 409 });
  return redirectWithNotice(request, `/officer/checks/${outcome.value.id}`, "抽查计划已制定，已记入审计日志。", 303);
}

type PlanRow = ReturnType<typeof useLoaderData<typeof loader>>["plans"][number];

const columns: Array<Column<PlanRow>> = [
  { label: "抽查计划", rowHeader: true, cell: (p) => <Link to={`/officer/checks/${p.id}`}>{p.title}</Link> },
  {
    label: "进度",
    cell: (p) =>
      p.publishedAt ? (
        <Badge tone="green">{formatDate(p.publishedAt)} 已公布结果</Badge>
      ) : p.drawnAt ? (
        <Badge tone="blue">
          已抽取，已检查 {p.checked}/{p.drawn}
        </Badge>
      ) : (
        <Badge>待抽取</Badge>
      ),
  },
  { label: "发现问题", cell: (p) => (p.drawnAt ? p.problems : "—") },
  {
    label: "整改",
    cell: (p) => (
      <>
        {p.rectifying ? <span className="block">整改中 {p.rectifying}</span> : null}
        {p.overdue ? <Badge tone="red">逾期或未完成 {p.overdue}</Badge> : null}
        {!p.rectifying && !p.overdue ? "—" : null}
      </>
    ),
  },
];

export default function CheckPlans() {
  const { plans, streets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ title: string; matters: string; types: string[]; streetIds: string[]; sampleKind: string; sampleValue: string; inspectors: string; perCheck: string }>({
    id: "new-plan",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
  });
  const initial = (v: unknown) => (typeof v === "string" ? v : undefined);
  const initialList = (v: unknown) => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : undefined);
  return (
    <>
      <PageHeader
        title="双随机抽查"
        description={
          <>
            随机抽取检查对象、随机选派检查人员，抽查情况和查处结果及时向社会公开。每次抽取记录随机种子和可抽取的组织，任何人都可以按公开的规则复核抽取结果。 <Link to="/credit/checks">查看公开页面</Link>
          </>
        }
      />
      <Panel title="抽查计划" className="mb-6">
        <DataTable caption="抽查计划，按制定时间倒序排列" columns={columns} rows={plans} rowKey={(p) => p.id} empty="还没有抽查计划。" framed={false} />
      </Panel>
      <Panel title="制定抽查计划">
        <PostForm {...getFormProps(form)} className="max-w-3xl">
          <FormError errors={form.errors} />
          <Field label="计划名称" name={fields.title.name} defaultValue={initial(fields.title.initialValue)} errors={fields.title.errors} maxLength={80} required />
          <TextAreaField label="抽查事项" name={fields.matters.name} defaultValue={initial(fields.matters.initialValue)} errors={fields.matters.errors} rows={2} maxLength={500} hint="如：年度工作报告的真实性、财务管理、按章程开展活动情况" required />
          <CheckboxGroup
            label="组织类型"
            name={fields.types.name}
            options={checkableTypes.map((t) => ({ value: t, label: organizationTypeLabels[t] }))}
            defaultValues={initialList(fields.types.initialValue) ?? [...checkableTypes]}
            errors={fields.types.errors}
            required
          />
          <CheckboxGroup
            label="街道（镇）"
            name={fields.streetIds.name}
            options={streets.map((s) => ({ value: String(s.id), label: s.name }))}
            defaultValues={initialList(fields.streetIds.initialValue)}
            errors={fields.streetIds.errors}
            hint="不选则为全区"
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField label="抽取方式" name={fields.sampleKind.name} defaultValue={initial(fields.sampleKind.initialValue) ?? "share"} errors={fields.sampleKind.errors}>
              <option value="share">按比例（%）</option>
              <option value="count">按数量（个）</option>
            </SelectField>
            <Field label="比例或数量" name={fields.sampleValue.name} type="number" min={1} defaultValue={initial(fields.sampleValue.initialValue) ?? "5"} errors={fields.sampleValue.errors} required />
            <Field label="每次检查人数" name={fields.perCheck.name} type="number" min={2} max={5} defaultValue={initial(fields.perCheck.initialValue) ?? "2"} errors={fields.perCheck.errors} required />
          </div>
          <TextAreaField
            label="检查人员名录"
            name={fields.inspectors.name}
            defaultValue={initial(fields.inspectors.initialValue)}
            errors={fields.inspectors.errors}
            rows={5}
            maxLength={4000}
            hint="每行一名执法检查人员的姓名；抽取时为每个检查对象随机选派"
            required
          />
          <Button type="submit">制定计划</Button>
        </PostForm>
      </Panel>
    </>
  );
}
