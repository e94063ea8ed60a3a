import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { roleLabels, roles } from "../auth/roles";
import { pageNumber } from "../domain/shared/paging";
import { formatDateTime } from "../domain/shared/time";
import { listUsers } from "../domain/users/users.server";
import { Badge, PageHeader, Pagination } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "账号管理 - 登记管理" }];

const pageSize = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "user:manage");
  const params = new URL(request.url).searchParams;
  const page = pageNumber(params);
  const role = params.get("role") ?? "";
  const q = (params.get("q") ?? "").trim().slice(0, 40);
  const result = await listUsers(actor, {
    q: q || undefined,
    role: (roles as readonly string[]).includes(role) ? role : undefined,
    page,
    pageSize,
  });
  return { ...result, page, now: Date.now() };
}

export default function UsersPage() {
  const { rows, total, page, now } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title="账号管理"
        description={
          <>
            创建账号、分配角色和管辖范围、停用账号、重置密码。所有操作记入审计日志。按角色要求两步验证登录：<Link to="/officer/security">登录安全</Link>
          </>
        }
        actions={
          <Link to="/officer/users/new" className="rounded bg-brand-600 px-4 py-2 text-sm text-white no-underline hover:bg-brand-700 hover:no-underline">
            新建账号
          </Link>
        }
      />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">用户名或姓名</span>
          <input name="q" defaultValue={params.get("q") ?? ""} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">角色</span>
          <select name="role" defaultValue={params.get("role") ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </Form>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-3 py-2">用户名</th>
              <th className="px-3 py-2">姓名</th>
              <th className="px-3 py-2">角色</th>
              <th className="px-3 py-2">管辖范围</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2">最近登录</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono">
                  <Link to={`/officer/users/${u.id}`}>{u.username}</Link>
                </td>
                <td className="px-3 py-2">{u.displayName}</td>
                <td className="px-3 py-2">{roleLabels[u.role]}</td>
                <td className="px-3 py-2">{u.placeName ?? u.organizationName ?? "全区"}</td>
                <td className="px-3 py-2">
                  {u.disabledAt ? (
                    <Badge tone="red">已停用</Badge>
                  ) : u.lockedUntil && new Date(u.lockedUntil).getTime() > now ? (
                    <Badge tone="amber">锁定中</Badge>
                  ) : (
                    <Badge tone="green">正常</Badge>
                  )}
                </td>
                <td className="px-3 py-2 text-slate-600">{formatDateTime(u.lastSignInAt) || "从未登录"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}
