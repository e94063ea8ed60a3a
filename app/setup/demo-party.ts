/**
 * Party-organization coverage of the demo district's registered organizations,
 * with seed 002's picture: the district aims for more than 90% by the end of
 * the year and is just short of it. Of the organizations both coverages count
 * (社团, 民非 and foundations in normal or abnormal standing) about 86.5% are in
 * a party branch and about 89% are in a branch or have a party-building
 * instructor. About one in six has its own branch (three formal members or
 * more), a few of them founded this year; most of the others sit in the two or
 * three joint branches of their street or town, six of them with three to five
 * formal members, who should form their own. The rest are uncovered: some with
 * a record of no members, some with no record at all. Probationary members
 * come from admissions over the last 18 months; some member counts were taken
 * over from an accepted annual report. Dated back from today, and checked with
 * the party rules before anything is written.
 */
import { and, eq, inArray } from "drizzle-orm";
import {
  coverageOf,
  coverageRates,
  ownBranchMinimum,
  shouldFormOwnBranch,
  type BranchKind,
  type PartyRecord,
} from "../domain/party/rules";
import { shanghaiDate } from "../domain/shared/time";
import type { Database } from "../../db/client.server";
import { inspectionReports, organizationParty, partyAdmissions, partyBranches } from "../../db/schema";

interface Organization {
  id: number;
  name: string;
  type: string;
  status: string;
  streetId: number | null;
  /** When given, no branch is founded before the organization was registered. */
  registeredOn?: string | null;
}

interface Street {
  id: number;
  name: string;
}

/** The denominator of both coverages, as app/domain/party/rules.ts (coveredTypes, coveredStatuses) names it. */
const countedTypes = ["social_group", "private_non_enterprise", "foundation"];
const countedStatuses = ["normal", "abnormal"];

/** The shares the plan aims at, of the counted organizations. */
const aim = { inBranch: 0.865, worked: 0.89, ownBranch: 0.17, ownBranchDue: 6, admissions: { current: 5, previous: 6, earlier: [6, 12] } } as const;
/** What the self-check accepts: both coverages short of the 90% target, organizational below work. */
const accepted = {
  organizational: [0.85, 0.88],
  work: [0.88, 0.895],
  ownBranch: [0.15, 0.2],
  ownBranchDue: [5, 8],
  admissions: [15, 30],
  foundedThisFirstHalf: 3,
} as const;

/** The demo association (db/seed/demo.ts): its own branch with four formal members. */
const associationName = "鲤城区老年人体育协会";
const associationMembers = 4;

/** A street's trade branch, where enough of its organizations are of the trade. */
const trades = [
  { name: "教育培训行业", pattern: /幼儿园|培训|学校|托育|教育/ },
  { name: "养老服务行业", pattern: /养老|康复|居家|照料/ },
];

const surnames = "陈林黄王李张吴刘蔡郑许杨洪苏庄施曾谢周傅骆龚颜".split("");
const givenNames = [
  "建国", "志强", "丽华", "美玲", "文杰", "晓东", "秀英", "明辉", "淑贞", "国栋", "海燕", "金龙", "雅琴", "振华",
  "玉兰", "少杰", "清源", "鸿斌", "育红", "惠珍", "文彬", "福生", "宝珠", "永健", "丽娟", "国平", "亚萍",
  "锦华", "素云", "培森", "春燕", "良才", "秀琴", "少华", "晓玲", "天佑", "瑞芳", "荣泉", "碧霞",
];

/** How each counted organization is to be covered. */
type Plan = "own" | "joint_due" | "joint" | "instructor" | "none_record" | "none";

interface PlannedBranch {
  name: string;
  kind: BranchKind;
  foundedOn: string;
  streetId: number | null;
  secretary: string;
}

interface PlannedRecord {
  org: Organization;
  plan: Plan;
  formalMembers: number;
  probationaryMembers: number;
  branch: PlannedBranch | null;
  instructor: string | null;
  source: "officer" | "inspection";
  /** The day the members were taken over from an accepted annual report. */
  acceptedOn: string | null;
  updatedAt: Date;
}

interface PlannedAdmission {
  org: Organization;
  admittedOn: string;
  count: number;
}

const dayMs = 86_400_000;
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoOf(Date.parse(`${iso}T00:00:00Z`) + days * dayMs);
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
/** 10:00 in Shanghai on a calendar day. */
const morningOf = (iso: string) => new Date(`${iso}T02:00:00Z`);

export async function seedParty(tx: Database, d: { organizations: Organization[]; streets: Street[]; now: Date; rand: () => number }) {
  const { rand, now } = d;
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const person = () => pick(surnames) + pick(givenNames);
  const shuffled = <T,>(list: readonly T[]) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  /** A day from `from` to `to`, both included (`to` when the range is empty). */
  const between = (from: string, to: string) => (from >= to ? to : addDays(from, int(0, daysFrom(from, to))));
  /** The latest of the instants, but never after now. */
  const upToNow = (...dates: Date[]) => new Date(Math.min(now.getTime(), Math.max(...dates.map((x) => x.getTime()))));

  // The half-years the officers' page offers: this one (to today), the one before, and this year's first half.
  const inFirstHalf = today <= `${year}-06-30`;
  const currentHalf = { from: inFirstHalf ? `${year}-01-01` : `${year}-07-01`, to: today };
  const previousHalf = inFirstHalf ? { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` };
  const firstHalf = { from: `${year}-01-01`, to: earlier(`${year}-06-30`, today) };

  const counted = d.organizations
    .filter((o) => countedTypes.includes(o.type) && countedStatuses.includes(o.status))
    .sort((a, b) => a.id - b.id);
  const association = counted.find((o) => o.name === associationName);
  if (!association) throw new Error(`demo party: ${associationName} is not among the counted organizations`);
  const total = counted.length;
  const inBranch = Math.round(total * aim.inBranch);
  const worked = Math.round(total * aim.worked);
  const uncovered = total - worked;
  const sizes: Record<Plan, number> = {
    none: uncovered - Math.floor(uncovered / 2),
    none_record: Math.floor(uncovered / 2),
    instructor: worked - inBranch,
    own: Math.round(total * aim.ownBranch),
    joint_due: aim.ownBranchDue,
    joint: 0,
  };
  sizes.joint = inBranch - sizes.own - sizes.joint_due;
  if (sizes.joint < 0) throw new Error(`demo party: ${total} organizations are too few for the plan`);

  // The uncovered first: any without a street (there is no joint branch for them), and two in three on the abnormal list.
  const others = shuffled(counted.filter((o) => o !== association));
  const abnormal = others.filter((o) => o.status === "abnormal");
  const uncoveredFirst = new Set([...others.filter((o) => o.streetId === null), ...abnormal.slice(0, Math.ceil((abnormal.length * 2) / 3))]);
  const queue = [...uncoveredFirst, ...others.filter((o) => !uncoveredFirst.has(o))];
  const uncoveredOrgs = shuffled(queue.splice(0, uncovered));
  const planOf = new Map<Organization, Plan>([[association, "own"]]);
  uncoveredOrgs.forEach((o, i) => planOf.set(o, i < sizes.none ? "none" : "none_record"));
  for (const plan of ["instructor", "own", "joint_due", "joint"] as const) {
    const take = plan === "own" ? sizes.own - 1 : sizes[plan];
    for (const o of queue.splice(0, take)) planOf.set(o, plan);
  }
  if (queue.length) throw new Error(`demo party: ${queue.length} organizations left without a plan`);

  // The latest concluded annual report of each, for the member counts an officer took over from it.
  const reports = new Map<number, { formal: number; probationary: number; concludedOn: string }>();
  const reportRows = counted.length
    ? await tx
        .select({ organizationId: inspectionReports.organizationId, year: inspectionReports.year, report: inspectionReports.report, concludedAt: inspectionReports.concludedAt })
        .from(inspectionReports)
        .where(and(eq(inspectionReports.state, "concluded"), inArray(inspectionReports.organizationId, counted.map((o) => o.id))))
    : [];
  for (const row of reportRows.sort((a, b) => a.year - b.year)) {
    const reported = row.report as { partyFormalMembers?: unknown; partyProbationaryMembers?: unknown };
    const formal = Number(reported.partyFormalMembers);
    const probationary = Number(reported.partyProbationaryMembers);
    if (!row.concludedAt || !Number.isInteger(formal) || !Number.isInteger(probationary) || formal < 0 || probationary < 0 || probationary > 2) continue;
    reports.set(row.organizationId, { formal, probationary, concludedOn: shanghaiDate(row.concludedAt) });
  }
  /** Whether the reported members agree with the planned coverage (the report's own 覆盖方式 follows the same counts). */
  const reportFits = (plan: Plan, formal: number) =>
    plan === "own" ? formal >= ownBranchMinimum : plan === "joint" ? formal >= 1 && formal < ownBranchMinimum : plan === "instructor" || plan === "none_record" ? formal === 0 : false;

  // Instructors look after several organizations each.
  const instructorNames = new Set<string>();
  while (instructorNames.size < 4) instructorNames.add(person());
  const instructors = [...instructorNames];
  let nextInstructor = 0;

  const records: PlannedRecord[] = [];
  const unrecorded: Organization[] = [];
  for (const org of counted) {
    const plan = planOf.get(org)!;
    if (plan === "none") {
      unrecorded.push(org);
      continue;
    }
    const r = rand();
    let formalMembers =
      org === association
        ? associationMembers
        : plan === "own"
          ? ownBranchMinimum + Math.floor(r * r * 6)
          : plan === "joint_due"
            ? int(ownBranchMinimum, 5)
            : plan === "joint"
              ? r < 0.45 ? 0 : r < 0.8 ? 1 : 2
              : plan === "instructor"
                ? r < 0.6 ? 0 : r < 0.9 ? 1 : 2
                : 0;
    let probationaryMembers = 0;
    let source: PlannedRecord["source"] = "officer";
    let acceptedOn: string | null = null;
    const report = reports.get(org.id);
    if (org !== association && report && reportFits(plan, report.formal) && rand() < 0.4) {
      formalMembers = report.formal;
      probationaryMembers = report.probationary;
      source = "inspection";
      acceptedOn = earlier(addDays(report.concludedOn, int(3, 40)), today);
    }
    const instructor = plan === "instructor" ? instructors[nextInstructor++ % instructors.length]! : null;
    records.push({ org, plan, formalMembers, probationaryMembers, branch: null, instructor, source, acceptedOn, updatedAt: now });
  }

  // Own branches: a few founded this year's first half (and, later in the year, this half), the rest over the past years.
  const registered = (org: Organization) => org.registeredOn ?? "1990-01-01";
  const branches: PlannedBranch[] = [];
  const own = records.filter((r) => r.plan === "own");
  const recentCandidates = shuffled(own.filter((r) => r.org !== association && r.source === "officer" && registered(r.org) < firstHalf.from));
  const recent = new Map<PlannedRecord, string>();
  for (const r of recentCandidates.slice(0, 5)) recent.set(r, between(firstHalf.from, firstHalf.to));
  if (!inFirstHalf) for (const r of recentCandidates.slice(5, 7)) recent.set(r, between(currentHalf.from, currentHalf.to));
  for (const r of own) {
    let foundedOn: string;
    if (r.org === association) foundedOn = later(`${year - 6}-06-28`, addDays(registered(r.org), 90));
    else if (recent.has(r)) foundedOn = recent.get(r)!;
    else {
      // Before the members were taken over from a report: founding a branch is an officer's entry, which marks the record as theirs.
      const to = r.acceptedOn ? earlier(addDays(r.acceptedOn, -1), `${year - 1}-12-31`) : `${year - 1}-12-31`;
      foundedOn = between(earlier(later(`${year - 10}-01-01`, addDays(registered(r.org), 90)), to), to);
    }
    r.branch = { name: `${r.org.name}党支部`, kind: "single", foundedOn: earlier(foundedOn, today), streetId: r.org.streetId, secretary: person() };
    branches.push(r.branch);
  }

  // Joint branches: each street's or town's trade branch where the trade is common there, and one or two general ones.
  const ordinals = ["第一", "第二"];
  for (const [si, street] of d.streets.entries()) {
    const members = shuffled(records.filter((r) => (r.plan === "joint" || r.plan === "joint_due") && r.org.streetId === street.id));
    if (!members.length) continue;
    const trade = trades[si % trades.length]!;
    const ofTrade = members.filter((r) => trade.pattern.test(r.org.name));
    const withTrade = ofTrade.length >= 4 && members.length - ofTrade.length >= 8;
    const general = withTrade ? members.filter((r) => !ofTrade.includes(r)) : members;
    const groups: Array<{ branch: PlannedBranch; members: PlannedRecord[] }> = [];
    if (withTrade) {
      const branch = { name: `${street.name}${trade.name}联合党支部`, kind: "joint" as const, foundedOn: between(`${year - 6}-01-01`, `${year - 2}-12-31`), streetId: street.id, secretary: person() };
      groups.push({ branch, members: ofTrade });
    }
    const parts = general.length >= 8 ? 2 : 1;
    for (let p = 0; p < parts; p++) {
      const name = parts === 1 ? `${street.name}社会组织联合党支部` : `${street.name}社会组织${ordinals[p]}联合党支部`;
      const foundedOn = p === 0 ? between(`${year - 9}-01-01`, `${year - 5}-12-31`) : between(`${year - 4}-01-01`, `${year - 2}-12-31`);
      groups.push({ branch: { name, kind: "joint", foundedOn, streetId: street.id, secretary: person() }, members: general.filter((_, i) => i % parts === p) });
    }
    for (const group of groups) {
      branches.push(group.branch);
      for (const r of group.members) r.branch = group.branch;
    }
  }

  // Admissions over the last 18 months, each in a branch kept by the officers; the association admitted one in the previous half-year.
  const admissionCandidates = [
    ...records.filter((r) => r.org === association),
    ...shuffled(records.filter((r) => r.org !== association && r.branch && r.source === "officer")),
  ];
  const windowStart = addDays(today, -548);
  const halves = [
    ...Array.from({ length: aim.admissions.previous }, () => previousHalf),
    ...Array.from({ length: aim.admissions.current }, () => currentHalf),
    ...Array.from({ length: int(aim.admissions.earlier[0], aim.admissions.earlier[1]) }, () => ({ from: windowStart, to: addDays(previousHalf.from, -1) })),
  ];
  const admissions: PlannedAdmission[] = halves.map((half, i) => {
    const r = admissionCandidates[i];
    if (!r) throw new Error("demo party: too few organizations in a branch for the admissions");
    return { org: r.org, admittedOn: between(half.from, half.to), count: r.org === association || rand() < 0.75 ? 1 : 2 };
  });
  // Admitted within the last year: still probationary (预备期一年); earlier ones are formal members by now.
  const yearAgo = addDays(today, -365);
  const lastAdmitted = new Map<Organization, string>();
  for (const a of admissions) {
    const record = records.find((r) => r.org === a.org)!;
    if (a.admittedOn > yearAgo) record.probationaryMembers += a.count;
    lastAdmitted.set(a.org, later(lastAdmitted.get(a.org) ?? a.admittedOn, a.admittedOn));
  }

  // Last touched: the officer's entry some time this past year, never before the branch it records or the last admission.
  for (const r of records) {
    if (r.acceptedOn) {
      r.updatedAt = upToNow(morningOf(r.acceptedOn));
      continue;
    }
    const floors = [new Date(now.getTime() - int(3, 400) * dayMs)];
    if (r.branch?.kind === "single") floors.push(morningOf(addDays(r.branch.foundedOn, 1)));
    const admitted = lastAdmitted.get(r.org);
    if (admitted) floors.push(morningOf(addDays(admitted, 1)));
    r.updatedAt = upToNow(...floors);
  }

  // The self-check: the rates and lists the officers' page will show, by the same rules.
  const partyRecord = (r: PlannedRecord): PartyRecord => ({
    formalMembers: r.formalMembers,
    probationaryMembers: r.probationaryMembers,
    branchKind: r.branch?.kind ?? null,
    instructor: r.branch ? null : r.instructor,
  });
  const coverages = [...records.map((r) => coverageOf(partyRecord(r))), ...unrecorded.map(() => coverageOf(null))];
  const rates = coverageRates(coverages);
  const problems: string[] = [];
  const within = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;
  if (!within(rates.organizational.rate, accepted.organizational)) problems.push(`organizational coverage ${rates.organizational.covered}/${rates.organizational.total}`);
  if (!within(rates.work.rate, accepted.work)) problems.push(`work coverage ${rates.work.covered}/${rates.work.total}`);
  if (!(rates.organizational.rate < rates.work.rate && rates.work.rate < 0.9)) problems.push("expected organizational < work < 90%");
  const ownShare = records.filter((r) => coverageOf(partyRecord(r)) === "own_branch").length / total;
  if (!within(ownShare, accepted.ownBranch)) problems.push(`own branches for ${(ownShare * 100).toFixed(1)}%`);
  const due = records.filter((r) => shouldFormOwnBranch(partyRecord(r))).length;
  if (!within(due, accepted.ownBranchDue)) problems.push(`${due} organizations should form their own branch`);
  for (const branch of branches) {
    const covers = records.filter((r) => r.branch === branch);
    if (branch.kind === "single" && covers.length !== 1) problems.push(`${branch.name} covers ${covers.length} organizations`);
    if (branch.kind === "single" && covers.some((r) => r.formalMembers < ownBranchMinimum)) problems.push(`${branch.name} has fewer than ${ownBranchMinimum} formal members`);
    if (branch.foundedOn > today) problems.push(`${branch.name} founded after today`);
    if (branch.kind === "joint" && covers.some((r) => r.org.streetId !== branch.streetId)) problems.push(`${branch.name} covers another street's organization`);
  }
  if (new Set(branches.map((b) => b.name)).size !== branches.length) problems.push("branch names repeat");
  const joint = records.filter((r) => r.plan === "joint" || r.plan === "joint_due");
  if (joint.some((r) => r.branch?.kind !== "joint")) problems.push(`${joint.filter((r) => r.branch?.kind !== "joint").length} organizations planned for a joint branch have no street to hold it`);
  const foundedThisFirstHalf = branches.filter((b) => b.foundedOn >= firstHalf.from && b.foundedOn <= firstHalf.to).length;
  if (foundedThisFirstHalf < accepted.foundedThisFirstHalf) problems.push(`${foundedThisFirstHalf} branches founded in ${year}'s first half`);
  if (!within(admissions.length, accepted.admissions)) problems.push(`${admissions.length} admissions`);
  for (const half of [currentHalf, previousHalf]) {
    if (admissions.filter((a) => a.admittedOn >= half.from && a.admittedOn <= half.to).length < 3) problems.push(`too few admissions from ${half.from}`);
  }
  if (admissions.some((a) => a.admittedOn < windowStart || a.admittedOn > today)) problems.push("an admission outside the last 18 months");
  if (records.some((r) => r.probationaryMembers < 0 || r.probationaryMembers > 2)) problems.push("probationary members outside 0–2");
  const assoc = records.find((r) => r.org === association);
  if (assoc?.branch?.kind !== "single" || assoc.formalMembers !== associationMembers) problems.push(`${associationName} is not its own branch with ${associationMembers} formal members`);
  if (problems.length) throw new Error(`demo party: ${problems.join("; ")}`);

  const inserted = branches.length
    ? await tx
        .insert(partyBranches)
        .values(
          branches.map((b) => {
            const entered = upToNow(morningOf(b.foundedOn));
            return { name: b.name, kind: b.kind, foundedOn: b.foundedOn, streetId: b.streetId, secretary: b.secretary, createdAt: entered, updatedAt: entered };
          }),
        )
        .returning({ id: partyBranches.id, name: partyBranches.name })
    : [];
  const branchIds = new Map(inserted.map((b) => [b.name, b.id]));
  const recordRows = records.map((r) => ({
    organizationId: r.org.id,
    formalMembers: r.formalMembers,
    probationaryMembers: r.probationaryMembers,
    branchId: r.branch ? branchIds.get(r.branch.name)! : null,
    instructor: r.branch ? null : r.instructor,
    source: r.source,
    updatedAt: r.updatedAt,
  }));
  for (let i = 0; i < recordRows.length; i += 500) await tx.insert(organizationParty).values(recordRows.slice(i, i + 500));
  if (admissions.length) {
    await tx.insert(partyAdmissions).values(
      admissions
        .sort((a, b) => a.admittedOn.localeCompare(b.admittedOn))
        .map((a) => ({ organizationId: a.org.id, admittedOn: a.admittedOn, count: a.count, createdAt: upToNow(morningOf(addDays(a.admittedOn, 1))) })),
    );
  }
}
