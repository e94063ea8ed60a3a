import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { AreaNav } from "../ui/layout";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "area:org");
  return null;
}

export default function OrgLayout() {
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row">
      <AreaNav
        items={[
          { to: "/org", label: "本组织", end: true },
          { to: "/org/inspections", label: "年度检查" },
        ]}
      />
      <main className="min-w-0 flex-1">
        <Outlet />
      </main>
    </div>
  );
}
