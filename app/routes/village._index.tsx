import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/require.server";
import { roleLabels } from "../auth/roles";
import { ownPlace } from "../domain/places.server";
import { placePath } from "../domain/places";
import { PageHeader, Panel } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "村务公开工作台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  return { role: actor.role, ...(await ownPlace(actor)) };
}

export default function VillageHome() {
  const { role, place, parent } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`${place.name}村务公开工作台`} description={`${roleLabels[role]} · ${parent?.name ?? ""}`} />
      <Panel>
        <p className="leading-relaxed text-slate-700">
          {role === "village_clerk"
            ? "村务公开员在此起草党务、村务、财务公开事项，提交村务监督委员会审核后公开。"
            : "村务监督委员会成员在此审核村务公开员提交的公开事项，签署审核意见后公开。"}
        </p>
        <p className="mt-3">
          本村的公开页面：<Link to={placePath(place)}>{place.name}</Link>
        </p>
      </Panel>
    </>
  );
}
