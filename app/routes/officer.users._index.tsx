import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { roleLabels, roles } from "../auth/roles";
import { pageNumber } from "../domain/shared/paging";
import { formatDateTime } from "../domain/shared/time";
import { listUsers } from "../domain/users/queries.server";
import { Badge, PageHeader, Pagination } from "../ui/layout";
import { DataTable, type Column } from "../ui/data-table";
import { choicesOf, FilterForm, SelectFilter, TextFilter } from "../ui/filter-form";

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

type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];

function columnsAt(now: number): Array<Column<UserRow>> {
  return [
    { label: "用户名", className: "font-mono", cell: (u) => <Link to={`/officer/users/${u.id}`}>{u.username}</Link> },
    { label: "姓名", cell: (u) => u.displayName },
    { label: "角色", cell: (u) => roleLabels[u.role] },
    { label: "管辖范围", cell: (u) => u.placeName ?? u.organizationName ?? "全区" },
    {
      label: "状态",
      cell: (u) =>
        u.disabledAt ? (
          <Badge tone="red">已停用</Badge>
        ) : u.lockedUntil && new Date(u.lockedUntil).getTime() > now ? (
          <Badge tone="amber">锁定中</Badge>
        ) : (
          <Badge tone="green">正常</Badge>
        ),
    },
    { label: "最近登录", className: "text-slate-600", cell: (u) => formatDateTime(u.lastSignInAt) || "从未登录" },
  ];
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
      <FilterForm label="筛选账号">
        <TextFilter label="用户名或姓名" name="q" defaultValue={params.get("q") ?? ""} />
        <SelectFilter label="角色" name="role" options={choicesOf(roleLabels)} defaultValue={params.get("role") ?? ""} />
      </FilterForm>
      <DataTable caption="账号列表" columns={columnsAt(now)} rows={rows} rowKey={(u) => u.id} empty="没有符合条件的账号。" />
      <Pagination page={page} pageSize={pageSize} total={total} search={params} />
    </>
  );
}
