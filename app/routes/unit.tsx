import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { AreaLayout } from "../ui/layout";

/** The 业务主管单位's area: the establishments that name it, and its organizations' annual reports for 初审. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "area:unit");
  return {
    items: [
      { to: "/unit", label: "成立登记审查", end: true },
      { to: "/unit/inspections", label: "年检初审", end: false },
    ],
  };
}

export default function UnitLayout() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <AreaLayout items={items}>
      <Outlet />
    </AreaLayout>
  );
}
