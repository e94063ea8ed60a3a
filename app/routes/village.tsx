import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { AreaLayout } from "../ui/layout";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const items = [
    { to: "/village", label: "本村概况", end: true },
    // "end" so the list is not also marked current on a posting's or the new-posting page.
    { to: "/village/postings", label: "公开事项", end: true },
    { to: "/village/questions", label: "村民质询", end: true },
  ];
  if (hasPermission(actor, "posting:draft")) {
    items.push(
      { to: "/village/postings/new", label: "新建公开事项", end: true },
      { to: "/village/contacts", label: "公开联系号码", end: true },
    );
  }
  return { items };
}

export default function VillageLayout() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <AreaLayout items={items}>
      <Outlet />
    </AreaLayout>
  );
}
