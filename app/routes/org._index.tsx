import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionContext, readForm, requirePermission } from "../auth/require.server";
import { kindLabels } from "../domain/applications/rules";
import { ownApplications, startApplication } from "../domain/applications/applications.server";
import { communityCategoryLabels, organizationStatusLabels, organizationTypeLabels } from "../domain/organizations/rules";
import { ownOrganization } from "../domain/organizations/acting.server";
import { formatDate, formatDateTime } from "../domain/shared/time";
import { StateBadge } from "../ui/application-view";
import { FormError, PostForm } from "../ui/form";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "本组织 - 社会组织服务" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:org");
  const [own, applications] = await Promise.all([ownOrganization(actor), ownApplications(actor)]);
  return { own, applications };
}

const kinds = ["establishment", "change", "cancellation"] as const;

/** Starts an application (a draft) and opens it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "application:apply");
  const kind = String((await readForm(request)).get("kind"));
  if (!(kinds as readonly string[]).includes(kind)) return data({ formError: "未知的申请类型。" }, { status: 400 });
  const result = await startApplication(actionContext(context, actor), { kind: kind as (typeof kinds)[number] });
  if (!result.ok) return data({ formError: result.formError ?? "无法开始该申请。" }, { status: 409 });
  return redirect(`/org/applications/${result.value.id}`);
}

export default function OrgHome() {
  const { own, applications } = useLoaderData<typeof loader>();
  const started = useActionData<typeof action>();
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
      <FormError errors={started?.formError ? [started.formError] : null} />
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
        <div className="flex flex-wrap gap-3">
          {(org && org.type !== "community" && (org.status === "normal" || org.status === "abnormal")
            ? (["change", "cancellation", "establishment"] as const)
            : (["establishment"] as const)
          ).map((kind) => (
            <PostForm key={kind} action="/org?index">
              <input type="hidden" name="kind" value={kind} />
              <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm shadow-sm hover:bg-slate-50">
                申请{kindLabels[kind]}
              </button>
            </PostForm>
          ))}
        </div>
      </Panel>
      <Panel title="我的申请" className="mt-6">
        {applications.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 font-medium">编号</th>
                <th className="py-1 font-medium">类型</th>
                <th className="py-1 font-medium">名称</th>
                <th className="py-1 font-medium">状态</th>
                <th className="py-1 font-medium">更新时间</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link to={`/org/applications/${a.id}`}>第 {a.id} 号</Link>
                  </td>
                  <td className="py-1.5">{kindLabels[a.kind]}</td>
                  <td className="py-1.5">{a.title}</td>
                  <td className="py-1.5">
                    <StateBadge state={a.state} />
                  </td>
                  <td className="py-1.5 text-slate-600">{formatDateTime(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">暂无申请。</p>
        )}
      </Panel>
    </>
  );
}
