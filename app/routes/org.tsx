import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { AreaLayout } from "../ui/layout";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "area:org");
  return null;
}

export default function OrgLayout() {
  return (
    <AreaLayout
      items={[
        { to: "/org", label: "本组织", end: true },
        { to: "/org/inspections", label: "年度检查" },
        { to: "/org/rectifications", label: "整改事项" },
        { to: "/org/evaluations", label: "社会组织评估" },
        { to: "/org/objections", label: "信用信息异议" },
      ]}
    >
      <Outlet />
    </AreaLayout>
  );
}
