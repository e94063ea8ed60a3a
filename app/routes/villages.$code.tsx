import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { bodyLabels } from "../domain/committees/rules";
import { publicCommittees } from "../domain/committees/public.server";
import { placeAssociations } from "../domain/committees/coverage.server";
import { placeByCode } from "../domain/places/queries.server";
import { placeLevelLabels, placePath } from "../domain/places/rules";
import { periodLabel } from "../domain/postings/rules";
import { groupByPeriod } from "../domain/postings/timeline";
import { formatDate } from "../domain/shared/time";
import { placeCompliance } from "../domain/postings/compliance.server";
import { placePostings } from "../domain/postings/public.server";
import { MemberList, termDates } from "../ui/committee-view";
import { CommunityAssociationsPanel } from "../ui/community-associations";
import { Panel } from "../ui/layout";
import { PlaceFigures, PlaceTrail } from "../ui/place";
import { CategoryBadge, PostingStatusBadge, UpToDateMark } from "../ui/posting-view";

// About two years of monthly finances and quarterly affairs; the full list is one link away (and a city village has hundreds).
const postingLimit = 60;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.place.name ?? "社区/村"} - 社区治理与社会组织登记平台` },
  // The feed's address depends on the place, which the links export cannot see.
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `${data.place.name} 村务公开`,
          href: `/villages/${data.place.code}/feed.xml`,
        },
      ]
    : []),
];

export async function loader({ params }: LoaderFunctionArgs) {
  const detail = await placeByCode(params.code ?? "");
  if (placePath(detail.place) !== `/villages/${detail.place.code}`) throw redirect(placePath(detail.place));
  const now = new Date();
  const [associations, postings, compliance, committees] = await Promise.all([
    placeAssociations(detail.place.id),
    placePostings(detail.place.id, postingLimit),
    placeCompliance(detail.place.id, now),
    publicCommittees(detail.place.id, detail.place.level, now),
  ]);
  return { ...detail, associations, postings, compliance, committees };
}

export default function VillagePage() {
  const { place, parent, organizations, associations, postings, compliance, committees } = useLoaderData<typeof loader>();
  const years = groupByPeriod(postings);
  const feedHref = `/villages/${place.code}/feed.xml`;
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <PlaceTrail parent={parent} />
      <h1 className="text-2xl font-semibold">{place.name}</h1>
      <p className="text-sm text-slate-500">
        {placeLevelLabels[place.level]}
        {place.level === "village" ? "（村民委员会）" : "（居民委员会）"} · 区划代码 {place.code}
      </p>
      <PlaceFigures place={place} organizations={organizations} />
      <CommitteesPanel committees={committees} className="mt-6" />
      <CommunityAssociationsPanel associations={associations} className="mt-6" />

      <Panel title="村务公开" className="mt-6">
        <UpToDateMark summary={compliance} />
        <p className="mt-4 flex flex-wrap gap-x-6 gap-y-1 text-base">
          <Link to={`/postings?${new URLSearchParams({ village: place.code })}`} className="inline-flex min-h-11 items-center">
            按类别、期间查询本{placeLevelLabels[place.level]}的公开事项
          </Link>
          <a href={feedHref} type="application/atom+xml" className="inline-flex min-h-11 items-center">
            订阅本{placeLevelLabels[place.level]}村务公开（Atom 订阅源）
          </a>
        </p>
        {years.length ? (
          <div className="mt-4 space-y-6">
            {years.map((year) => (
              <section key={year.year} aria-labelledby={`postings-year-${year.year}`}>
                <h3 id={`postings-year-${year.year}`} className="border-b border-slate-200 pb-1 text-lg font-semibold text-slate-900">
                  {year.year}年
                </h3>
                {year.groups.map((group) => (
                  <section key={group.key} aria-labelledby={`postings-period-${group.key}`} className="mt-3 sm:flex sm:gap-4">
                    <h4 id={`postings-period-${group.key}`} className="shrink-0 font-medium text-slate-700 sm:w-24">
                      <span className="sr-only">{year.year}年</span>
                      {group.label}
                    </h4>
                    <ul className="min-w-0 flex-1 divide-y divide-slate-100">
                      {group.items.map((p) => (
                        <li key={p.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1.5">
                          <Link to={`/postings/${p.id}`} className="inline-flex min-h-11 items-center text-base sm:min-h-0">
                            {p.title}
                          </Link>
                          <CategoryBadge category={p.category} />
                          {p.status === "withdrawn" ? <PostingStatusBadge status={p.status} /> : null}
                          {p.version && p.version > 1 ? <span className="text-sm text-slate-600">第 {p.version} 版</span> : null}
                          {/* A single day's posting: its date; months, quarters and years are the heading. */}
                          {p.period.length === 10 ? <span className="text-sm text-slate-600">{periodLabel(p.period)}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
              </section>
            ))}
          </div>
        ) : (
          <p className="mt-4 text-slate-600">本{placeLevelLabels[place.level]}尚无已公开的事项。</p>
        )}
        {postings.length >= postingLimit ? (
          <p className="mt-4 text-sm text-slate-600">
            此处只列出最近 {postingLimit} 条，
            <Link to={`/postings?${new URLSearchParams({ village: place.code })}`}>查看全部公开事项</Link>。
          </p>
        ) : null}
      </Panel>
    </main>
  );
}

type Committees = ReturnType<typeof useLoaderData<typeof loader>>["committees"];

/** The committees' current members by name and post, and the service centre: nothing else about the members. */
function CommitteesPanel({ committees, className = "" }: { committees: Committees; className?: string }) {
  const bodies = committees.bodies.filter((b) => b.term);
  const centre = committees.serviceCentre;
  return (
    <Panel title="村（居）民委员会" className={className}>
      {bodies.length ? (
        <div className="space-y-4">
          {bodies.map(({ body, term }) =>
            term ? (
              <section key={body} aria-labelledby={`committee-${body}`}>
                <h3 id={`committee-${body}`} className="font-semibold text-slate-900">
                  {bodyLabels[body]}
                  <span className="ml-2 text-sm font-normal text-slate-600">
                    第 {term.termNumber} 届（{termDates(term)}）
                  </span>
                </h3>
                {term.expired ? (
                  <p className="mt-1 text-sm text-amber-900">本届任期已于 {formatDate(term.endsOn)} 届满，新一届尚未产生。</p>
                ) : null}
                <div className="mt-1">
                  <MemberList body={body} members={term.members} />
                </div>
              </section>
            ) : null,
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">暂无委员会成员信息。</p>
      )}
      {centre && (centre.floorArea !== null || centre.facilities.length) ? (
        <dl className="mt-4 border-t border-slate-100 pt-3 text-sm">
          <div className="flex flex-wrap gap-x-2">
            <dt className="text-slate-600">党群服务中心</dt>
            <dd>
              {centre.floorArea !== null ? `建筑面积 ${centre.floorArea} 平方米` : ""}
              {centre.floorArea !== null && centre.facilities.length ? "；" : ""}
              {centre.facilities.length ? `设有${centre.facilities.join("、")}` : ""}
            </dd>
          </div>
        </dl>
      ) : null}
    </Panel>
  );
}
