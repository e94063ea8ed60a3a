/**
 * What the benchmark measures, shared by bench/run.ts and the query-plan test
 * (tests/integration/postgres-only/query-plans.test.ts), so both look at the
 * same requests: the organization with the longest history, the village with
 * the most postings, and one of its published postings (a corrected one with
 * a table when there is one).
 */
export type Rows = <T>(sql: string) => Promise<T[]>;

export interface Targets {
  org: { id: number; name: string; history: number };
  village: { code: string; name: string; postings: number };
  posting: { id: number; title: string; hash: string; versions: number; status: string };
}

export const defaultFragments = { q2: "社区", q4: "服务中心" };

/** Picks the targets, or those named (`org`, `village`, `posting`); null when the database lacks one. */
export async function pickTargets(rows: Rows, named: { org?: number; village?: string; posting?: number } = {}): Promise<Targets | { missing: string }> {
  const orgWhere = named.org ? `where o.id = ${Math.trunc(named.org)}` : "";
  const [org] = await rows<Targets["org"]>(
    `select o.id, o.name, (select count(*)::int from organization_changes c where c.organization_id = o.id) as history
       from organizations o ${orgWhere}
      order by history desc, o.id limit 1`,
  );
  if (!org) return { missing: named.org ? `no organization ${named.org}` : "the database holds no organizations" };
  const villageWhere = named.village ? `and p.code = '${named.village.replace(/[^0-9]/g, "")}'` : "";
  const [village] = await rows<Targets["village"]>(
    `select p.code, p.name, count(s.id)::int as postings
       from places p left join postings s on s.place_id = p.id and s.status in ('published', 'withdrawn')
      where p.level = 'village' ${villageWhere}
      group by p.code, p.name order by postings desc, p.code limit 1`,
  );
  if (!village) return { missing: named.village ? `no village ${named.village}` : "the database has no villages" };
  const postingWhere = named.posting
    ? `s.id = ${Math.trunc(named.posting)}`
    : `s.status = 'published' and s.place_id = (select id from places where code = '${village.code}')`;
  const [posting] = await rows<Targets["posting"]>(
    `select s.id, v.title, v.content_hash as hash, s.current_version as versions, s.status
       from postings s join posting_versions v on v.posting_id = s.id and v.number = s.current_version
      where ${postingWhere}
      order by (s.current_version > 1) desc, (jsonb_array_length(coalesce(v.table_rows, '[]'::jsonb)) > 0) desc, s.published_at desc, s.id
      limit 1`,
  );
  if (!posting) return { missing: named.posting ? `no posting ${named.posting}` : `village ${village.code} has no published posting` };
  return { org, village, posting };
}

export const requestNames = ["search-2", "search-4", "org", "village", "posting", "stats", "officer-applications", "officer-dashboard"] as const;
export type RequestName = (typeof requestNames)[number];

/** The measured requests: path, and whether they are made signed in as the demo district officer. */
export function measuredRequests(
  t: { org: { id: number }; village: { code: string }; posting: { id: number } },
  fragments = defaultFragments,
): Array<{ name: RequestName; path: string; signedIn: boolean }> {
  return [
    { name: "search-2", path: `/orgs?q=${encodeURIComponent(fragments.q2)}`, signedIn: false },
    { name: "search-4", path: `/orgs?q=${encodeURIComponent(fragments.q4)}`, signedIn: false },
    { name: "org", path: `/orgs/${t.org.id}`, signedIn: false },
    { name: "village", path: `/villages/${t.village.code}`, signedIn: false },
    { name: "posting", path: `/postings/${t.posting.id}`, signedIn: false },
    { name: "stats", path: "/api/v1/stats", signedIn: false },
    { name: "officer-applications", path: "/officer/applications", signedIn: true },
    { name: "officer-dashboard", path: "/officer", signedIn: true },
  ];
}
