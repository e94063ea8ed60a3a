/**
 * The self-governing bodies of every community and village, by the demo's own
 * committee generator (terms, members, elections, service centres, checked
 * against the committee rules), and party-building coverage of the registered
 * organizations: own branches for those with three formal members or more
 * (a few still waiting in a joint branch), joint branches of 4 to 15
 * organizations in each street or town, party-building instructors, the
 * uncovered, and five years of admissions of probationary members.
 */
import { ownBranchMinimum } from "../../domain/party/rules";
import { seedCommittees } from "../demo-committees";
import type { CityAccounts } from "./applications";
import { copyRows, type Cell } from "./copy";
import type { CityContext } from "./context";
import { personName } from "./names";
import type { CityOrganization } from "./organizations";
import type { CityPlace, CityPlaces, CityStreet } from "./places";
import { addDays, dayBetween, dayMs, earlier, later } from "./random";

type Coverage = "own" | "joint" | "instructor" | "none_record" | "none";

export interface PartyMembers {
  formalMembers: number;
  probationaryMembers: number;
  coverage: Coverage;
  /** What the organization's annual report says of its coverage. */
  report: "own_branch" | "joint_branch" | "instructor" | "none";
  /** Admissions of probationary members: [date, count]. */
  admissions: Array<[string, number]>;
}
export type PartyPlan = Map<number, PartyMembers>;

/** The organizations both coverages count, as app/domain/party/rules.ts (coveredTypes, coveredStatuses) names them. */
const counted = (org: CityOrganization) => org.type !== "community" && (org.status === "normal" || org.status === "abnormal");

/** Member counts, coverage and admissions of each counted organization; the annual reports are written from it. */
export function planParty(ctx: Pick<CityContext, "options" | "rng">, orgs: CityOrganization[]): PartyPlan {
  const rng = ctx.rng("party-plan");
  const { asOf } = ctx.options;
  const yearAgo = addDays(asOf, -365);
  const plan: PartyPlan = new Map();
  for (const org of orgs) {
    if (!counted(org)) continue;
    const r = rng.next();
    const formal = r < 0.4 ? 0 : r < 0.55 ? 1 : r < 0.67 ? 2 : ownBranchMinimum + Math.floor(rng.next() ** 2 * 8);
    const c = rng.next();
    let coverage: Coverage =
      formal >= ownBranchMinimum ? (c < 0.88 ? "own" : "joint")
      : formal > 0 ? (c < 0.75 ? "joint" : c < 0.9 ? "instructor" : "none_record")
      : c < 0.5 ? "joint" : c < 0.8 ? "instructor" : c < 0.88 ? "none_record" : "none";
    // Half of the organizations on the abnormal list have dropped out of any coverage.
    if (org.status === "abnormal" && rng.chance(0.5)) coverage = "none";
    const admissions: Array<[string, number]> = [];
    if (coverage === "own" || coverage === "joint") {
      for (let back = 0; back < 5; back++) {
        if (!rng.chance(0.03)) continue;
        const from = later(addDays(asOf, -365 * (back + 1)), addDays(org.registeredOn, 180));
        const to = addDays(asOf, -365 * back - 1);
        if (from < to) admissions.push([dayBetween(rng, from, to), rng.chance(0.75) ? 1 : 2]);
      }
    }
    const probationary = Math.min(2, admissions.filter(([on]) => on > yearAgo).reduce((n, [, count]) => n + count, 0));
    plan.set(org.id, {
      formalMembers: formal,
      probationaryMembers: probationary,
      coverage,
      report: coverage === "own" ? "own_branch" : coverage === "joint" ? "joint_branch" : coverage === "instructor" ? "instructor" : "none",
      admissions,
    });
  }
  return plan;
}

const numerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1 → 一, 12 → 十二, 35 → 三十五 */
function chineseNumber(n: number): string {
  if (n < 10) return numerals[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : numerals[tens]}十${numerals[n % 10]}`;
}

const trades = [
  { name: "教育培训行业", pattern: /幼儿园|培训|学校|托育|教育|早教/ },
  { name: "养老服务行业", pattern: /养老|康复|敬老|老年|颐|托养/ },
];

export async function seedCommitteesAndParty(ctx: CityContext, places: CityPlaces, orgs: CityOrganization[], plan: PartyPlan, accounts: CityAccounts): Promise<void> {
  ctx.progress.start("村（居）委会", places.locals.length, "个村（社区）");
  // The demo's generator takes a city at a time: in one statement it writes every place's service
  // centre (four parameters each, and a statement takes at most 65,535), and it looks terms up by
  // scanning the list. The province's places go city by city, each city with its own random stream.
  const groups = new Map<string, CityPlace[]>();
  for (const place of places.locals) {
    const stream = ctx.options.scale === "province" ? `committees/${place.street.county.prefecture.county}` : "committees";
    const list = groups.get(stream) ?? [];
    if (!list.length) groups.set(stream, list);
    list.push(place);
  }
  for (const [stream, list] of groups) {
    await seedCommittees(ctx.db, {
      places: list.map((p) => ({ id: p.id, level: p.level, name: p.name })),
      now: ctx.options.now,
      rand: ctx.rng(stream).next,
    });
    ctx.progress.add(list.length);
  }
  ctx.progress.finish();
  await seedParty(ctx, places, orgs, plan, accounts);
}

async function seedParty(ctx: CityContext, places: CityPlaces, orgs: CityOrganization[], plan: PartyPlan, accounts: CityAccounts): Promise<void> {
  const rng = ctx.rng("party");
  const { asOf, now } = ctx.options;
  const yesterday = addDays(asOf, -1);
  const morning = (iso: string) => new Date(Math.min(now.getTime(), Date.parse(`${iso}T02:00:00Z`)));
  interface Branch {
    id: number;
    name: string;
    kind: "single" | "joint";
    foundedOn: string;
    street: CityStreet;
    secretary: string;
  }
  const branches: Branch[] = [];
  const branchOf = new Map<number, Branch>();
  const instructorOf = new Map<number, string>();
  const byStreet = new Map<CityStreet, CityOrganization[]>();
  for (const org of orgs) {
    const members = plan.get(org.id);
    if (!members) continue;
    if (members.coverage === "own") {
      const from = later(addDays(org.registeredOn, 90), "2010-01-01");
      const branch: Branch = { id: 0, name: `${org.name}党支部`, kind: "single", foundedOn: dayBetween(rng, earlier(from, yesterday), yesterday), street: org.place.street, secretary: personName(rng) };
      branches.push(branch);
      branchOf.set(org.id, branch);
    } else if (members.coverage === "joint") {
      const list = byStreet.get(org.place.street) ?? [];
      list.push(org);
      byStreet.set(org.place.street, list);
    }
  }
  // Joint branches: a street's trade branches where a trade is common, then general ones of 4 to 15 organizations.
  for (const street of places.streets) {
    let members = rng.shuffle(byStreet.get(street) ?? []);
    const groups: Array<{ name: string; members: CityOrganization[] }> = [];
    for (const trade of trades) {
      const ofTrade = members.filter((o) => trade.pattern.test(o.name));
      if (ofTrade.length < 4) continue;
      const parts = Math.ceil(ofTrade.length / 15);
      for (let p = 0; p < parts; p++) {
        groups.push({ name: `${street.name}${trade.name}${parts > 1 ? `第${chineseNumber(p + 1)}` : ""}联合党支部`, members: ofTrade.filter((_, i) => i % parts === p) });
      }
      members = members.filter((o) => !ofTrade.includes(o));
    }
    const parts = Math.ceil(members.length / rng.int(8, 12));
    for (let p = 0; p < parts; p++) {
      groups.push({ name: `${street.name}社会组织第${chineseNumber(p + 1)}联合党支部`, members: members.filter((_, i) => i % parts === p) });
    }
    for (const group of groups) {
      if (!group.members.length) continue;
      const branch: Branch = { id: 0, name: group.name, kind: "joint", foundedOn: dayBetween(rng, "2012-01-01", addDays(asOf, -365)), street, secretary: personName(rng) };
      branches.push(branch);
      for (const org of group.members) branchOf.set(org.id, branch);
    }
  }
  // Instructors look after several organizations each, within a street.
  const instructors = new Map<CityStreet, string[]>();
  for (const org of orgs) {
    if (plan.get(org.id)?.coverage !== "instructor") continue;
    const street = org.place.street;
    if (!instructors.has(street)) instructors.set(street, Array.from({ length: rng.int(3, 6) }, () => personName(rng)));
    instructorOf.set(org.id, rng.pick(instructors.get(street)!));
  }
  branches.sort((a, b) => (a.foundedOn < b.foundedOn ? -1 : a.foundedOn > b.foundedOn ? 1 : 0));
  branches.forEach((b, i) => (b.id = i + 1));

  const records: Cell[][] = [];
  const admissions: Array<[number, string, number]> = [];
  for (const org of orgs) {
    const members = plan.get(org.id);
    if (!members || members.coverage === "none") continue;
    const branch = branchOf.get(org.id) ?? null;
    // Last touched after the branch it records and its last admission, some time in the past year.
    const floors = [addDays(asOf, -rng.int(3, 400))];
    if (branch) floors.push(addDays(branch.foundedOn, 1));
    for (const [on, count] of members.admissions) {
      floors.push(addDays(on, 1));
      admissions.push([org.id, on, count]);
    }
    const touched = morning(floors.reduce(later));
    const fromReport = rng.chance(0.25);
    records.push([org.id, members.formalMembers, members.probationaryMembers, branch?.id ?? null, branch ? null : (instructorOf.get(org.id) ?? null), fromReport ? "inspection" : "officer", touched, fromReport ? null : accounts.officer.id]);
  }
  admissions.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]));

  ctx.progress.start("党组织覆盖", branches.length + records.length + admissions.length);
  const progress = (n: number) => ctx.progress.add(n);
  await copyRows(
    ctx.sql,
    "party_branches",
    ["id", "name", "kind", "founded_on", "street_id", "secretary", "created_at", "updated_at"],
    branches.map((b) => [b.id, b.name, b.kind, b.foundedOn, b.street.id, b.secretary, morning(b.foundedOn), morning(b.foundedOn)]),
    progress,
  );
  await copyRows(ctx.sql, "organization_party", ["organization_id", "formal_members", "probationary_members", "branch_id", "instructor", "source", "updated_at", "updated_by"], records, progress);
  await copyRows(
    ctx.sql,
    "party_admissions",
    ["id", "organization_id", "admitted_on", "count", "created_by", "created_at"],
    admissions.map(([orgId, on, count], i) => [i + 1, orgId, on, count, accounts.officer.id, new Date(Math.min(now.getTime(), Date.parse(`${on}T02:00:00Z`) + dayMs))]),
    progress,
  );
  ctx.progress.finish();
}

