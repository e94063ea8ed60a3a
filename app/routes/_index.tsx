import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { organizationCounts } from "../domain/organizations/public.server";
import { organizationTypeLabels } from "../domain/organizations/rules";
import { districtOverview, searchPlaces } from "../domain/places/queries.server";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { periodLabel } from "../domain/postings/rules";
import { latestPostings } from "../domain/postings/public.server";
import { searchPublicRegister } from "../domain/organizations/public.server";
import { formatDate } from "../domain/shared/time";
import { Panel, Stat } from "../ui/layout";
import { CategoryBadge, PostingStatusBadge } from "../ui/posting-view";
import { OrganizationStatusBadge } from "../ui/register-search";

export const meta: MetaFunction = () => [{ title: "首页 - 社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 40);
  const [overview, organizations, matches, organizationMatches, postings] = await Promise.all([
    districtOverview(),
    organizationCounts(),
    q ? searchPlaces(q) : Promise.resolve(null),
    q ? searchPublicRegister({ q, page: 1, pageSize: 8 }) : Promise.resolve(null),
    latestPostings(6),
  ]);
  return { overview, organizations, q, matches, organizationMatches, postings };
}

export default function Home() {
  const { overview, organizations, q, matches, organizationMatches, postings } = useLoaderData<typeof loader>();
  if (!overview) {
    return <main className="mx-auto max-w-6xl px-4 py-10">尚未录入行政区划。</main>;
  }
  const { district, units, totals } = overview;
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <section className="mb-8">
        <h1 className="text-2xl font-semibold text-slate-900">{district.name}社区治理与社会组织</h1>
        <p className="mt-2 text-slate-600">
          查询本区街道、镇、社区和村的基本情况，以及依法登记、备案的社会组织。
        </p>
        <Form method="get" role="search" className="mt-4 flex max-w-xl gap-2">
          <label htmlFor="q" className="sr-only">
            搜索社区、村或社会组织
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={40}
            placeholder="输入社区、村、街道或社会组织名称，如“水门”“书法”"
            className="w-full rounded border border-slate-300 bg-white px-3 py-2"
          />
          <button type="submit" className="shrink-0 rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
            搜索
          </button>
        </Form>
        {matches && organizationMatches ? (
          <div className="mt-3 grid max-w-4xl gap-4 md:grid-cols-2" aria-live="polite">
            <section aria-labelledby="place-matches" className="rounded border border-slate-200 bg-white p-4">
              <h2 id="place-matches" className="mb-2 font-medium text-slate-900">
                社区、村和街道
              </h2>
              {matches.length ? (
                <ul className="space-y-1">
                  {matches.map((m) => (
                    <li key={m.code}>
                      <Link to={placePath(m)}>{m.name}</Link>{" "}
                      <span className="text-sm text-slate-500">
                        {placeLevelLabels[m.level]}
                        {m.parentName ? ` · ${m.parentName}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-600">没有找到名称包含“{q}”的地方。</p>
              )}
            </section>
            <section aria-labelledby="organization-matches" className="rounded border border-slate-200 bg-white p-4">
              <h2 id="organization-matches" className="mb-2 font-medium text-slate-900">
                社会组织
              </h2>
              {organizationMatches.items.length ? (
                <>
                  <ul className="space-y-1">
                    {organizationMatches.items.map((o) => (
                      <li key={o.id}>
                        <Link to={`/orgs/${o.id}`}>{o.name}</Link>{" "}
                        <span className="text-sm text-slate-500">{organizationTypeLabels[o.type]}</span>{" "}
                        {o.status === "normal" ? null : <OrganizationStatusBadge status={o.status} />}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-2 text-sm">
                    <Link to={`/orgs?${new URLSearchParams({ q })}`}>在登记簿中查看全部（共 {organizationMatches.total} 个{organizationMatches.totalIsCapped ? "以上" : ""}）</Link>
                  </p>
                </>
              ) : (
                <p className="text-slate-600">没有找到名称包含“{q}”的社会组织。</p>
              )}
            </section>
          </div>
        ) : null}
      </section>

      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="街道 / 镇" value={`${totals.streets} / ${totals.towns}`} />
        <Stat label="社区居委会" value={totals.communities} />
        <Stat label="村委会" value={totals.villages} />
        <Stat
          label="现有社会组织"
          value={organizations.total}
          hint={`社团 ${organizations.byType.social_group} · 民非 ${organizations.byType.private_non_enterprise} · 社区备案 ${organizations.byType.community}`}
        />
      </dl>

      <Panel title="最新村务公开" className="mb-8">
        {postings.length ? (
          <ul className="divide-y divide-slate-100">
            {postings.map((p) => (
              <li key={p.id} className="py-2">
                <Link to={`/postings/${p.id}`} className="text-base">
                  {p.title}
                </Link>
                <span className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <CategoryBadge category={p.category} />
                  {p.status === "withdrawn" ? <PostingStatusBadge status={p.status} /> : null}
                  <span>{p.village}</span>
                  <span>{periodLabel(p.period)}</span>
                  <span>{formatDate(p.publishedAt)}公开</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">暂无已公开的村务事项。</p>
        )}
        <p className="mt-3">
          <Link to="/postings" className="inline-flex min-h-11 items-center">
            查看全部村务公开
          </Link>
        </p>
      </Panel>

      <Panel title="街道和镇">
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {units.map((unit) => (
            <li key={unit.id} className="rounded border border-slate-200 p-4 hover:border-brand-600">
              <Link to={placePath(unit)} className="text-lg font-medium">
                {unit.name}
              </Link>
              <p className="mt-1 text-sm text-slate-600">
                {unit.communities ? `${unit.communities} 个社区` : ""}
                {unit.communities && unit.villages ? "，" : ""}
                {unit.villages ? `${unit.villages} 个村` : ""}
                {`，社会组织 ${unit.organizations} 个`}
              </p>
              <p className="text-xs text-slate-500">区划代码 {unit.code}</p>
            </li>
          ))}
        </ul>
      </Panel>
      <p className="mt-4 text-xs text-slate-500">
        现有社会组织按类型统计（正常和列入活动异常名录的）：
        {Object.entries(organizations.byType)
          .map(([type, n]) => `${organizationTypeLabels[type as keyof typeof organizationTypeLabels]} ${n} 个`)
          .join("，")}
        ；另有已注销、已撤销登记的 {organizations.ended} 个。
      </p>
    </main>
  );
}
