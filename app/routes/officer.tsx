import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { importKindsFor } from "../domain/imports/queries.server";
import { AreaLayout } from "../ui/layout";

export async function loader({ request }: LoaderFunctionArgs) {
  // Children check again themselves: layouts' loaders run beside, not before, theirs.
  const actor = await requirePermission(request, "area:officer");
  const items = [
    { to: "/officer", label: "工作台", end: true },
    { to: "/officer/applications", label: "申请审批" },
    { to: "/officer/orgs", label: "社会组织登记簿" },
    { to: "/officer/inspections", label: "年度检查" },
    ...(hasPermission(actor, "spotcheck:manage") ? [{ to: "/officer/checks", label: "双随机抽查" }] : []),
    ...(hasPermission(actor, "evaluation:manage") ? [{ to: "/officer/evaluations", label: "社会组织评估" }] : []),
    ...(hasPermission(actor, "credit:list") ? [{ to: "/officer/credit", label: "列入建议" }] : []),
    ...(hasPermission(actor, "credit:record") ? [{ to: "/officer/objections", label: "信用信息异议" }] : []),
    { to: "/officer/abnormal", label: "活动异常名录" },
    { to: "/officer/serious", label: "严重违法失信名单" },
    { to: "/officer/communities", label: "一居多会" },
    ...(hasPermission(actor, "posting:monitor")
      ? [
          { to: "/officer/postings", label: "村务公开监督" },
          { to: "/officer/questions", label: "村民质询督办" },
        ]
      : []),
    ...(hasPermission(actor, "party:manage") ? [{ to: "/officer/party", label: "党建覆盖" }] : []),
    // The report gathers party and village-posting figures: it needs both.
    ...(hasPermission(actor, "party:manage") && hasPermission(actor, "posting:monitor")
      ? [{ to: "/officer/reports", label: "统计报表" }]
      : []),
    ...(importKindsFor(actor).length ? [{ to: "/officer/import", label: "数据导入" }] : []),
    ...(hasPermission(actor, "audit:read") ? [{ to: "/officer/audit", label: "审计日志" }] : []),
    ...(hasPermission(actor, "user:manage") ? [{ to: "/officer/users", label: "账号管理" }] : []),
    ...(hasPermission(actor, "user:manage")
      ? [{ to: "/officer/security", label: "登录安全" }]
      : []),
    ...(hasPermission(actor, "setting:manage")
      ? [{ to: "/officer/holidays", label: "法定节假日" }]
      : []),
  ];
  return { items };
}

export default function OfficerLayout() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <AreaLayout items={items}>
      <Outlet />
    </AreaLayout>
  );
}
