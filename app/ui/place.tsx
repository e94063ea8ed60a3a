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
      <Stat label="社会组织" value={organizations.total} />
    </dl>
  );
}
