import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { placeByCode } from "../domain/places/queries.server";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { PlaceFigures, PlaceTrail } from "../ui/place";
import { Panel } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.place.name ?? "地方"} - 社区治理与社会组织登记平台` },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const detail = await placeByCode(params.code ?? "");
  // Communities and villages live at /villages/:code (docs/api.md).
  if (placePath(detail.place) !== `/places/${detail.place.code}`) throw redirect(placePath(detail.place));
  return detail;
}

export default function PlacePage() {
  const { place, parent, children, organizations } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <PlaceTrail parent={parent} />
      <h1 className="text-2xl font-semibold">{place.name}</h1>
      <p className="text-sm text-slate-500">
        {placeLevelLabels[place.level]} · 区划代码 {place.code}
      </p>
      <PlaceFigures place={place} organizations={organizations} />
      <Panel title={place.level === "town" ? "所辖村和社区" : place.level === "district" ? "街道和镇" : "所辖社区"} className="mt-6">
        {children.length ? (
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
            {children.map((child) => (
              <li key={child.id}>
                <Link to={placePath(child)}>{child.name}</Link>
                <span className="ml-2 text-xs text-slate-500">{child.code}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">暂无下级区划。</p>
        )}
      </Panel>
      <p className="mt-4 text-xs text-slate-500">
        社会组织类型：
        {Object.entries(organizationTypeLabels)
          .map(([type, label]) => `${label} ${organizations.byType[type] ?? 0} 个`)
          .join("，")}
      </p>
    </main>
  );
}
