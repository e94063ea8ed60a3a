/**
 * The period and street filter of the officers' figure pages (party coverage,
 * reports): quick links for half-years and years, any dates, and for district
 * officers a street or town. Plain GET forms, so it works without JavaScript.
 */
import { Form, Link } from "@remix-run/react";

export interface FilterPeriod {
  from: string;
  to: string;
}

/** "?from=…&to=…&street=…" (empty when there is nothing to say). */
export function periodQuery(period: FilterPeriod | null, street: string | null | undefined): string {
  const params = new URLSearchParams();
  if (period) {
    params.set("from", period.from);
    params.set("to", period.to);
  }
  if (street) params.set("street", street);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function PeriodFilter({
  path,
  presets,
  period,
  typed,
  street,
  canFilter,
  units,
}: {
  path: string;
  presets: Array<FilterPeriod & { label: string }>;
  /** The period shown; null when what was asked for could not be read. */
  period: FilterPeriod | null;
  /** What was asked for, to show again when it could not be read. */
  typed: { from: string; to: string };
  street: string | null | undefined;
  canFilter: boolean;
  units: Array<{ code: string; name: string }>;
}) {
  return (
    <>
      <nav aria-label="统计期间" className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <span className="text-slate-600">统计期间：</span>
        {presets.map((p) =>
          period?.from === p.from && period.to === p.to ? (
            <span key={p.label} aria-current="page" className="font-semibold text-slate-900">
              {p.label}
            </span>
          ) : (
            <Link key={p.label} to={`${path}${periodQuery(p, street)}`}>
              {p.label}
            </Link>
          ),
        )}
      </nav>
      <Form
        // Following a quick link keeps the page mounted: the fields start again from the period shown.
        key={`${period?.from}/${period?.to}/${street ?? ""}`}
        method="get"
        className="mb-6 flex flex-wrap items-end gap-3 text-sm"
      >
        <label className="flex flex-col">
          <span className="text-slate-600">开始日期</span>
          <input type="date" name="from" defaultValue={period?.from ?? typed.from} className="rounded border border-slate-300 bg-white px-2 py-1.5" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">结束日期</span>
          <input type="date" name="to" defaultValue={period?.to ?? typed.to} className="rounded border border-slate-300 bg-white px-2 py-1.5" />
        </label>
        {canFilter ? (
          <label className="flex flex-col">
            <span className="text-slate-600">街道（镇）</span>
            <select name="street" defaultValue={street ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1.5">
              <option value="">全区</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          查看
        </button>
      </Form>
    </>
  );
}
