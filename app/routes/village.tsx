import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { AreaNav } from "../ui/layout";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "area:village");
  return null;
}

export default function VillageLayout() {
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row">
      <AreaNav items={[{ to: "/village", label: "本村概况", end: true }]} />
      <main className="min-w-0 flex-1">
        <Outlet />
      </main>
    </div>
  );
}
