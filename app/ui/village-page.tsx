/**
 * A community's or village's public page (/villages/:code): the React page's
 * body, and the reading page's (app/reading renders this very component
 * without Remix's document, for a reader who is not signed in), so the two
 * cannot drift.
 */
import { Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import type { CommitteeBody, PlaceLevel, PostingCategory, PostingStatus } from "../../vocabulary";
import { bodyLabels } from "../domain/committees/rules";
import { placeLevelLabels, villagePostingLimit } from "../domain/places/rules";
import { periodLabel } from "../domain/postings/rules";
import { groupByPeriod } from "../domain/postings/timeline";
import { formatDate } from "../domain/shared/time";
import { MemberList, termDates } from "./committee-view";
import { CommunityAssociationsPanel } from "./community-associations";
import { Panel } from "./layout";
import { PlaceFigures, PlaceTrail } from "./place";
import { CategoryBadge, PostingStatusBadge, UpToDateMark } from "./posting-view";

export function villageTitle(name: string | undefined): string {
  return `${name ?? "社区/村"} - 社区治理与社会组织登记平台`;
}

/** The place's Atom feed of postings. */
export function villageFeedHref(code: string): string {
  return `/villages/${code}/feed.xml`;
}

/** What the page shows of a place (publicVillagePage's value): its parts' own props, and the lists it writes itself. */
export interface VillageView {
  place: { code: string; name: string; level: PlaceLevel } & ComponentProps<typeof PlaceFigures>["place"];
  parent: ComponentProps<typeof PlaceTrail>["parent"];
  organizations: ComponentProps<typeof PlaceFigures>["organizations"];
  associations: ComponentProps<typeof CommunityAssociationsPanel>["associations"];
  postings: Array<{ id: number; title: string; category: PostingCategory; status: PostingStatus; version: number | null; period: string; periodStart: string }>;
  compliance: ComponentProps<typeof UpToDateMark>["summary"];
  committees: {
    bodies: Array<{ body: CommitteeBody; term: { termNumber: number; startsOn: string; endsOn: string; expired: boolean; members: ComponentProps<typeof MemberList>["members"] } | null }>;
    serviceCentre: { floorArea: number | null; facilities: string[] } | null;
  };
}

export function VillagePage({ page }: { page: VillageView }) {
  const { place, parent, organizations, associations, postings, compliance, committees } = page;
  const years = groupByPeriod(postings);
  const feedHref = villageFeedHref(place.code);
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
        {postings.length >= villagePostingLimit ? (
          <p className="mt-4 text-sm text-slate-600">
            此处只列出最近 {villagePostingLimit} 条，
            <Link to={`/postings?${new URLSearchParams({ village: place.code })}`}>查看全部公开事项</Link>。
          </p>
        ) : null}
      </Panel>
    </main>
  );
}

type Committees = VillageView["committees"];

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
