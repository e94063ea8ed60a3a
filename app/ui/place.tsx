import { Link } from "@remix-run/react";
import { placePath } from "../domain/places/rules";
import { Stat } from "./layout";

/** The figures shown on every place page: households, residents, organizations. */
export function PlaceFigures({
  place,
  organizations,
}: {
  place: { households: number | null; population: number | null };
  organizations: { total: number };
}) {
  return (
    <dl className="mt-6 grid grid-cols-2 gap-4 md:grid-cols-3">
      <Stat label="户数" value={place.households?.toLocaleString("zh-CN") ?? "—"} />
      <Stat label="常住人口" value={place.population?.toLocaleString("zh-CN") ?? "—"} />
      <Stat label="社会组织（含各种状态）" value={organizations.total} />
    </dl>
  );
}

/** Where a place sits: home, then its street or town. */
export function PlaceTrail({ parent }: { parent: { code: string; name: string; level: Parameters<typeof placePath>[0]["level"] } | null }) {
  return (
    <nav aria-label="位置" className="mb-2 text-sm text-slate-600">
      <Link to="/">首页</Link>
      {parent ? (
        <>
          {" / "}
          <Link to={placePath(parent)}>{parent.name}</Link>
        </>
      ) : null}
    </nav>
  );
}
