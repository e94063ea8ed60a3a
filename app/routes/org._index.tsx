import { useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "../auth/flash.server";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { startSchema } from "../domain/applications/forms";
import { kindLabels, startableKinds } from "../domain/applications/rules";
import { startApplication } from "../domain/applications/commands.server";
import { ownApplications } from "../domain/applications/queries.server";
import { communityCategoryLabels, organizationStatusLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { ownOrganization } from "../domain/organizations/queries.server";
import { associationTodoList } from "../domain/todo/queries.server";
import { TodoPanel } from "../ui/todo-panel";
import { changeMaterialsNote, requiredMaterials } from "../domain/applications/materials";
import { MaterialsPreview } from "../ui/application-materials";
import { parseSubmission, replyTo } from "../domain/shared/form-submission";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { StateBadge } from "../ui/application-view";
import { type Column, DataTable } from "../ui/data-table";
import { FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "本组织 - 社会组织服务" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  const now = new Date();
  const [own, applications, todos] = await Promise.all([ownOrganization(actor), ownApplications(actor), associationTodoList(actor, now)]);
  return { own, applications, todos };
}

/** Starts an application (a draft) and opens it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:apply");
  const submission = parseSubmission(await readForm(request), { schema: startSchema });
  if (submission.status !== "success") return data({ result: replyTo(submission) }, { status: 400 });
  const outcome = await startApplication(actionContext(context, actor), submission.value);
  if (!outcome.ok) return data({ result: replyTo(submission, outcome, { formError: "无法开始该申请。" }) }, { status: 409 });
  return redirectWithNotice(request, `/org/applications/${outcome.value.id}`, "申请草稿已打开：请填写下列事项并上传材料，可随时保存草稿，核对无误后提交。");
}

type OwnApplication = Awaited<ReturnType<typeof ownApplications>>[number];

const columns: Array<Column<OwnApplication>> = [
  { label: "编号", cell: (a) => <Link to={`/org/applications/${a.id}`}>第 {a.id} 号</Link> },
  { label: "类型", cell: (a) => kindLabels[a.kind] },
  { label: "名称", cell: (a) => a.title },
  { label: "状态", cell: (a) => <StateBadge state={a.state} /> },
  { label: "更新时间", cell: (a) => formatDateTime(a.updatedAt) },
];

export default function OrgHome() {
  const { own, applications, todos } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ kind: string }>({ id: "start", lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const org = own?.organization;
  const rows: Array<[string, string]> = org
    ? [
        ["类型", organizationTypeLabels[org.type] + (org.category ? `（${communityCategoryLabels[org.category]}）` : "")],
        [org.uscc ? "统一社会信用代码" : "备案号", org.uscc ?? org.filingNumber ?? ""],
        ["状态", organizationStatusLabels[org.status]],
        [org.uscc ? "登记日期" : "备案日期", formatDate(org.registeredOn)],
        ["登记证书编号", org.certificateNumber ?? ""],
        ["业务主管单位", org.supervisingUnit ?? ""],
        ["法定代表人", org.legalRepresentative ?? ""],
        ["住所", org.address ?? ""],
        ["注册资金", org.registeredFunds != null ? `${org.registeredFunds.toLocaleString("zh-CN")} 元` : ""],
        ["所在社区（村）", own.place?.name ?? ""],
      ]
    : [];
  return (
    <>
      <PageHeader
        title={org?.name ?? "社会组织服务"}
        description={org ? "本组织在登记簿中的信息。登记事项如有变化，请申请变更登记。" : "您的账号尚未关联已登记的社会组织。筹备成立社会团体或民办非企业单位，可在此申请成立登记。"}
      />
      <FormError errors={[...(form.errors ?? []), ...(fields.kind.errors ?? [])]} />
      {/* First what waits for the organization, then its record. */}
      <TodoPanel items={todos} className="mb-6" />
      {org ? (
        <Panel>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt className="text-sm text-slate-500">{label}</dt>
                <dd className="font-medium">{value || "—"}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      ) : null}
      <Panel title="办理登记事项" className="mt-6">
        {startableKinds(org).length ? null : <p className="text-sm text-slate-700">本组织已注销或被撤销登记，不能再办理登记事项。</p>}
        <div className="grid gap-4 sm:grid-cols-2">
          {startableKinds(org).map((kind) => (
            <div key={kind} className="rounded border border-slate-200 p-3">
              <PostForm action="/org?index">
                <input type="hidden" name={fields.kind.name} value={kind} />
                <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm shadow-sm hover:bg-slate-50">
                  申请{kindLabels[kind]}
                </button>
              </PostForm>
              <p className="mt-2 text-sm font-medium text-slate-700">需准备的材料</p>
              <MaterialsPreview materials={requiredMaterials(kind, org?.type, null, !!org?.supervisingUnit)} note={kind === "change" ? changeMaterialsNote : undefined} />
            </div>
          ))}
        </div>
      </Panel>
      <Panel title="我的申请" className="mt-6">
        <DataTable caption="本组织的申请" columns={columns} rows={applications} rowKey={(a) => a.id} empty="暂无申请。" framed={false} />
      </Panel>
    </>
  );
}
