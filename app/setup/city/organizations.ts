/**
 * The city's register: social groups, 民办非企业单位 and foundations with
 * valid USCCs (the kind character their type calls for, the organization
 * code's and the code's check characters, none repeated), and filed community
 * organizations with the street's filing numbers and a category, attached to
 * communities and villages. Mostly in normal standing; some on the
 * abnormal-activity list for not filing an inspection, some revoked or cancelled.
 */
import { composeUscc } from "../../domain/organizations/uscc";
import { usccKindOf } from "../../domain/organizations/rules";
import { campaignFiledIn } from "../../domain/inspections/rules";
import type { CommunityCategory, OrganizationStatus, OrganizationType } from "../../../vocabulary";
import { copyRows, type Cell } from "./copy";
import { creationChanges, type HistoryEvent } from "./applications";
import type { CityContext } from "./context";
import {
  areaOf,
  businessScopes,
  communityKinds,
  foundationPurposes,
  mobile,
  personName,
  privateBrands,
  privateKinds,
  rareSocialGroupTrades,
  socialGroupTrades,
  street as streetAddress,
  supervisingUnitsOf,
  type County,
} from "./names";
import type { CityPlace, CityPlaces } from "./places";
import { addDays, dayBetween, earlier, pad2, weighted, zipf, type Rng } from "./random";

export interface CityOrganization {
  id: number;
  name: string;
  type: OrganizationType;
  uscc: string | null;
  filingNumber: string | null;
  status: OrganizationStatus;
  registeredOn: string;
  place: CityPlace;
  legalRepresentative: string;
  address: string;
  category: CommunityCategory | null;
  certificateNumber: string | null;
  registeringAuthority: string;
  supervisingUnit: string | null;
  registeredFunds: number | null;
  businessScope: string | null;
  statusSince: string | null;
  statusReason: string | null;
  contactPhone: string;
  /** Its listings on the abnormal-activity list: the current one of the abnormal, and past ones since removed. */
  listings: Listing[];
}

export interface Listing {
  /** The year it did not file in, or failed (the filing year: the campaign is `campaignFiledIn(year)`). */
  year: number;
  cause: "not_filed" | "failed";
  listedOn: string;
  reason: string;
  removedOn: string | null;
  removalReason: string | null;
}

/** The demo's association (db/seed/demo.ts), here too so the demo's "assoc" account has its organization. */
export const demoAssociation = { name: "鲤城区老年人体育协会", registeredOn: "2008-04-16" };

export function organizationCounts(factor: number): Record<OrganizationType, number> {
  const total = Math.max(40, Math.round(30_000 * factor));
  const community = Math.round(total * 0.383);
  const foundation = Math.max(1, Math.round(total * 0.013));
  const social_group = Math.round(total * 0.185);
  return { social_group, private_non_enterprise: total - community - foundation - social_group, foundation, community };
}

const provinces = ["安徽", "江西", "湖南", "湖北", "四川", "重庆", "河南", "浙江", "江苏", "广东", "贵州", "云南", "广西", "山东", "黑龙江", "甘肃", "陕西", "莆田", "福州", "龙岩", "三明", "南平", "宁德", "漳州", "厦门"];
const universities = ["华侨大学", "厦门大学", "福建师范大学", "福州大学", "集美大学", "泉州师范学院", "黎明职业大学", "仰恩大学", "福建医科大学", "福建农林大学"];
const cancellationReasons = ["完成清算，理事会决议注销", "举办者撤回，停止办学", "业务范围并入其他组织，申请注销", "会员大会决议解散", "场地租约到期，停止服务"];

const pickTrade = weighted([...zipf(socialGroupTrades, 0.7), ...rareSocialGroupTrades.map((t) => [t, 0.008] as const)]);
const pickPrivateKind = weighted(zipf(privateKinds, 1));
const pickCommunityKind = weighted(zipf(communityKinds, 0.7));

/** A registration date: `from` to the day before `asOf`, with more in later years by `growth` per year. */
function registrationDate(rng: Rng, fromYear: number, asOf: string, growth: number): string {
  const lastYear = Number(asOf.slice(0, 4));
  const years: Array<readonly [number, number]> = [];
  for (let y = fromYear; y <= lastYear; y++) years.push([y, 1 + (y - fromYear) * growth] as const);
  const year = weighted(years)(rng);
  return dayBetween(rng, `${year}-01-01`, earlier(`${year}-12-31`, addDays(asOf, -1)));
}

export function generateOrganizations(ctx: Pick<CityContext, "options" | "rng">, places: CityPlaces): CityOrganization[] {
  const rng = ctx.rng("organizations");
  const { asOf } = ctx.options;
  const asOfYear = Number(asOf.slice(0, 4));
  // The year whose inspection listed the abnormal ones: this year's once its registry deadline (31 May) has passed.
  const listingYear = asOf > `${asOfYear}-05-31` ? asOfYear : asOfYear - 1;
  const counts = organizationCounts(ctx.options.size);
  const province = ctx.options.scale === "province";
  const taken = new Set<string>();

  // Urban organizations gather in communities; filed ones spread unevenly, so some places meet 一居多会's target and many do not.
  const pickRegisteredPlace = weighted(places.locals.map((p) => [p, p.level === "community" ? 3 : 1] as const));
  const pickFiledPlace = weighted(places.locals.map((p) => [p, (p.level === "community" ? 10 : 5.5) * (0.2 + 1.6 * rng.next())] as const));

  const orgs: CityOrganization[] = [];
  /**
   * A place and a name not yet taken: `make` names an organization of a place;
   * when a place's likely names are all taken, another place is tried.
   */
  const named = <T extends { name: string }>(pickPlace: () => CityPlace, make: (place: CityPlace) => T): T & { place: CityPlace } => {
    for (let attempt = 0; attempt < 500; attempt++) {
      const place = pickPlace();
      for (let i = 0; i < 8; i++) {
        const made = make(place);
        if (!taken.has(made.name)) {
          taken.add(made.name);
          return { ...made, place };
        }
      }
    }
    throw new Error("规模系数过大：社会组织的名称不够用");
  };

  const registered = (type: Exclude<OrganizationType, "community">, made: { name: string; place: CityPlace; county: County | null; kind: string }, registeredOn: string): CityOrganization => {
    const { place, county } = made;
    const area = areaOf(made.kind);
    // Registered by the county's 民政局, or (county null) the city's: 泉州市's, or in the province the place's own city's.
    const { prefecture } = place.street.county;
    const countyName = county?.name ?? prefecture.name;
    // Since 2016 trade associations, chambers and charities register directly, without a supervising unit.
    const direct = area === "commerce" || type === "foundation" || rng.chance(0.25);
    const funds =
      type === "foundation" ? rng.int(20, 200) * 100_000 : type === "social_group" ? rng.int(3, 50) * 10_000 : rng.int(3, 200) * 10_000;
    return {
      id: 0,
      name: made.name,
      type,
      uscc: null,
      filingNumber: null,
      status: "normal",
      registeredOn,
      place,
      legalRepresentative: personName(rng),
      address: `${county ? "" : prefecture.name}${place.street.county.name}${place.street.name}${place.name}${streetAddress(rng, prefecture)}`,
      category: null,
      certificateNumber: null,
      registeringAuthority: `${countyName}民政局`,
      supervisingUnit: direct ? null : supervisingUnitsOf(countyName)[area],
      registeredFunds: funds,
      businessScope: businessScopes[area],
      statusSince: null,
      statusReason: null,
      contactPhone: mobile(rng),
      listings: [],
    };
  };
  const countyOf = (place: CityPlace, cityShare: number): County | null => (rng.chance(cityShare) ? null : place.street.county);
  const prefix = (county: County | null, place: CityPlace) => county?.name ?? place.street.county.prefecture.name;
  /** Where a chamber's or a fellow-townsmen's association's members come from: never the city it is in (福州 in 福州市). */
  const origin = (place: CityPlace) => {
    let from = rng.pick(provinces);
    while (place.street.county.prefecture.name.startsWith(from)) from = rng.pick(provinces);
    return from;
  };

  // The demo association first, in the demo's first street.
  const firstStreet = places.streets[0]!;
  const assocPlace = firstStreet.places[1] ?? firstStreet.places[0]!;
  taken.add(demoAssociation.name);
  orgs.push(registered("social_group", { name: demoAssociation.name, place: assocPlace, county: firstStreet.county, kind: "老年人体育协会" }, demoAssociation.registeredOn));

  for (let i = 1; i < counts.social_group; i++) {
    const made = named(
      () => pickRegisteredPlace(rng),
      (place) => {
        const kind = pickTrade(rng);
        const county = countyOf(place, 0.2);
        const local = place.street.county;
        // County- or city-wide most often; below that a street's or a community's own.
        const name =
          kind === "商会" ? (rng.chance(0.5) ? `${prefix(county, place)}${origin(place)}商会` : `${local.name}${place.street.name}商会`)
          : kind === "校友会" ? `${prefix(county, place)}${rng.pick(universities)}校友会`
          : kind === "同乡会" ? `${prefix(county, place)}${origin(place)}同乡会`
          : rng.chance(0.5) ? `${prefix(county, place)}${kind}`
          : rng.chance(0.6) ? `${local.name}${place.street.name}${kind}`
          : `${local.name}${place.street.name}${place.short}${kind}`;
        return { name, county: name.startsWith(local.prefecture.name) ? null : local, kind };
      },
    );
    orgs.push(registered("social_group", made, registrationDate(rng, 1990, ctx.options.asOf, 0.08)));
  }
  for (let i = 0; i < counts.private_non_enterprise; i++) {
    const made = named(
      () => pickRegisteredPlace(rng),
      (place) => {
        const kind = pickPrivateKind(rng);
        const county = countyOf(place, 0.15);
        // The province's ten times as many need more names: there many carry their street's or town's (晋江市安海镇阳光幼儿园).
        const local = province && county && rng.chance(0.4) ? place.street.name : "";
        return { name: `${prefix(county, place)}${local}${rng.pick(privateBrands)}${kind}`, county, kind };
      },
    );
    orgs.push(registered("private_non_enterprise", made, registrationDate(rng, 1998, ctx.options.asOf, 0.12)));
  }
  for (let i = 0; i < counts.foundation; i++) {
    const made = named(
      () => pickRegisteredPlace(rng),
      (place) => {
        const purpose = rng.pick(foundationPurposes);
        const county = countyOf(place, 0.3);
        const who = rng.chance(0.4) ? `${personName(rng).slice(0, 1)}氏` : rng.chance(0.5) ? place.street.name : rng.pick(privateBrands);
        return { name: `${prefix(county, place)}${who}${purpose}基金会`, county, kind: `${purpose}基金会` };
      },
    );
    orgs.push(registered("foundation", made, registrationDate(rng, 2005, ctx.options.asOf, 0.2)));
  }
  for (let i = 0; i < counts.community; i++) {
    const made = named(
      () => pickFiledPlace(rng),
      (place) => {
        const kind = pickCommunityKind(rng);
        return { name: `${rng.chance(0.2) ? place.name : place.short}${kind[0]}`, category: kind[1] };
      },
    );
    const place = made.place;
    orgs.push({
      id: 0,
      name: made.name,
      type: "community",
      uscc: null,
      filingNumber: null,
      status: "normal",
      registeredOn: registrationDate(rng, 2012, ctx.options.asOf, 0.15),
      place,
      legalRepresentative: personName(rng),
      address: `${place.name}${place.level === "community" ? "居民活动中心" : "村民活动中心"}`,
      category: made.category,
      certificateNumber: null,
      registeringAuthority: place.street.name,
      supervisingUnit: null,
      registeredFunds: null,
      businessScope: null,
      statusSince: null,
      statusReason: null,
      contactPhone: mobile(rng),
      listings: [],
    });
  }

  // Standing: the abnormal did not file the listing year's inspection; the revoked missed two in a row; others
  // cancelled; and some in normal standing were listed in an earlier year and removed after correcting.
  for (const org of orgs) {
    if (org.name === demoAssociation.name) continue;
    const r = rng.next();
    if (org.type === "community") {
      if (r < 0.04 && org.registeredOn < addDays(asOf, -400)) cancel(org, rng, asOf, "自行解散，申请注销备案");
      continue;
    }
    const dueIn = (year: number) => org.registeredOn < `${year - 1}-07-01`;
    if (r < 0.05 && dueIn(listingYear)) {
      org.status = "abnormal";
      org.statusSince = `${listingYear}-06-${pad2(rng.int(3, 20))}`;
      org.statusReason = `未按规定参加${campaignFiledIn(listingYear)}年度检查`;
      org.listings.push({ year: listingYear, cause: "not_filed", listedOn: org.statusSince, reason: org.statusReason, removedOn: null, removalReason: null });
    } else if (r < 0.07) {
      // Revoked in year R after missing the inspections of R-1 and R: listed for R-1, revoked after R's deadline.
      const year = rng.int(asOfYear - 3, asOfYear - 1);
      if (!dueIn(year - 1)) continue;
      org.status = "revoked";
      org.statusSince = `${year}-${pad2(rng.int(7, 11))}-${pad2(rng.int(1, 28))}`;
      org.statusReason = "连续两年未参加年度检查，撤销登记";
      org.listings.push({ year: year - 1, cause: "not_filed", listedOn: `${year - 1}-06-${pad2(rng.int(3, 20))}`, reason: `未按规定参加${campaignFiledIn(year - 1)}年度检查`, removedOn: org.statusSince, removalReason: "已撤销登记" });
    } else if (r < 0.13 && org.registeredOn < addDays(asOf, -400)) {
      cancel(org, rng, asOf, rng.pick(cancellationReasons));
    } else if (r < 0.17) {
      const year = rng.int(asOfYear - 4, listingYear - 1);
      if (!dueIn(year)) continue;
      const failed = rng.chance(0.3);
      const listedOn = failed ? `${year}-07-${pad2(rng.int(1, 20))}` : `${year}-06-${pad2(rng.int(3, 20))}`;
      const removedOn = earlier(addDays(listedOn, rng.int(60, 300)), addDays(asOf, -2));
      org.statusSince = removedOn;
      org.listings.push({
        year,
        cause: failed ? "failed" : "not_filed",
        listedOn,
        reason: failed ? `${campaignFiledIn(year)}年度检查结论为不合格，未按期完成整改` : `未按规定参加${campaignFiledIn(year)}年度检查`,
        removedOn,
        removalReason: failed ? "已按要求完成整改，经核实予以移出" : "已补报年度检查材料，经核实予以移出",
      });
    }
  }

  // Ids in order of registration, as the registry would have created them.
  orgs.sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0));
  orgs.forEach((org, i) => (org.id = i + 1));

  // Codes, certificate and filing numbers in that order too.
  const certificateSerial = new Map<string, number>();
  const filingSerial = new Map<string, number>();
  let codeSerial = 0;
  for (const org of orgs) {
    if (org.type === "community") {
      const key = `${org.place.street.name}社备〔${org.registeredOn.slice(0, 4)}〕`;
      const n = (filingSerial.get(key) ?? 0) + 1;
      filingSerial.set(key, n);
      org.filingNumber = `${key}${String(n).padStart(3, "0")}号`;
      continue;
    }
    const { prefecture } = org.place.street.county;
    const county = org.registeringAuthority.startsWith(prefecture.name) ? null : org.place.street.county;
    const division = county?.code ?? prefecture.county;
    // Organization codes of the civil-affairs series (5xxxxxxx), never the app's own MJ series for new approvals.
    org.uscc = composeUscc(usccKindOf[org.type]!, division, `5${String(++codeSerial).padStart(7, "0")}`);
    const word = org.type === "social_group" ? "社证" : org.type === "foundation" ? "基证" : "民证";
    const key = `${county?.abbreviation ?? prefecture.abbreviation}${word}`;
    const n = (certificateSerial.get(key) ?? 0) + 1;
    certificateSerial.set(key, n);
    org.certificateNumber = `闽${key}字第${String(n).padStart(4, "0")}号`;
  }
  return orgs;
}

function cancel(org: CityOrganization, rng: Rng, asOf: string, reason: string) {
  org.status = "cancelled";
  org.statusSince = dayBetween(rng, addDays(org.registeredOn, 365), addDays(asOf, -1));
  org.statusReason = reason;
}

export const organizationColumns = [
  "id", "name", "type", "uscc", "filing_number", "status", "registered_on", "place_id", "street_id", "legal_representative",
  "address", "category", "certificate_number", "registering_authority", "supervising_unit", "registered_funds", "business_scope",
  "status_since", "status_reason", "contact_phone", "created_at", "updated_at",
] as const;

export async function seedOrganizations(ctx: CityContext, places: CityPlaces): Promise<CityOrganization[]> {
  const orgs = generateOrganizations(ctx, places);
  ctx.progress.start("社会组织", orgs.length);
  const created = (org: CityOrganization) => new Date(`${org.registeredOn}T02:00:00Z`);
  // Rows made as COPY pulls them, not held all at once (300,000 of them for the province).
  const rows = function* (): Generator<Cell[]> {
    for (const o of orgs) {
      yield [
        o.id, o.name, o.type, o.uscc, o.filingNumber, o.status, o.registeredOn, o.place.id, o.place.street.id, o.legalRepresentative,
        o.address, o.category, o.certificateNumber, o.registeringAuthority, o.supervisingUnit, o.registeredFunds, o.businessScope,
        o.statusSince, o.statusReason, o.contactPhone, created(o), o.statusSince ? new Date(`${o.statusSince}T02:00:00Z`) : created(o),
      ];
    }
  };
  // Each name's pieces (organization_name_grams, migration 0035) are written once after the rows, in the
  // key's order, and the key, the index by organization and the foreign key built after them, as the migration did: the row trigger
  // would insert them in random order with a foreign-key check and row lock each, 9 M of them at province
  // scale, longer than all the rest. ALTER TABLE needs the deferred public-version triggers fired first;
  // they are the only deferred ones, so they are deferred again after.
  const grams = "organization_name_grams";
  const key = `alter table ${grams} add constraint organization_name_grams_gram_name_organization_id_pk primary key (gram, name, organization_id)`;
  const reference = `alter table ${grams} add constraint organization_name_grams_organization_id_organizations_id_fk foreign key (organization_id) references organizations (id) on delete cascade`;
  const withTablesFree = async (statements: string[]) => {
    await ctx.sql.unsafe(`set constraints all immediate`);
    for (const statement of statements) await ctx.sql.unsafe(statement);
    await ctx.sql.unsafe(`set constraints all deferred`);
  };
  await withTablesFree([
    `alter table organizations disable trigger organizations_name_grams_sync`,
    `alter table ${grams} drop constraint organization_name_grams_gram_name_organization_id_pk`,
    `alter table ${grams} drop constraint organization_name_grams_organization_id_organizations_id_fk`,
    `drop index organization_name_grams_organization_idx`,
  ]);
  await copyRows(ctx.sql, "organizations", organizationColumns, rows(), (n) => ctx.progress.add(n));
  await withTablesFree([
    `insert into ${grams} (gram, name, organization_id) select g, o.name, o.id from organizations o, unnest(o.name_grams) as g order by 1, 2, 3`,
    key,
    `create index organization_name_grams_organization_idx on ${grams} (organization_id)`,
    reference,
    `alter table organizations enable trigger organizations_name_grams_sync`,
  ]);
  ctx.progress.finish();
  return orgs;
}

/**
 * Each organization's history: its establishment or filing (with the
 * application that decided it, when in the generator's five years), the
 * decided changes and cancellations, and every listing on and removal from the
 * abnormal-activity list and revocation. Ids follow time, as the app writes them.
 */
export async function seedOrganizationHistory(ctx: CityContext, orgs: CityOrganization[], decided: HistoryEvent[], officer: { id: number; displayName: string }): Promise<void> {
  const events: HistoryEvent[] = [...decided];
  const created = new Set(decided.filter((e) => e.kind === "establishment" || e.kind === "filing").map((e) => e.organizationId));
  const cancelled = new Set(decided.filter((e) => e.kind === "cancellation").map((e) => e.organizationId));
  const morning = (iso: string) => new Date(`${iso}T02:00:00Z`);
  const registry = { actorUserId: officer.id, actorName: officer.displayName };
  const status = (org: CityOrganization, at: string, before: OrganizationStatus, after: OrganizationStatus, reason: string): HistoryEvent => ({
    organizationId: org.id, at: morning(at), kind: "status", changes: [{ field: "status", before, after }], applicationId: null, reason, ...registry,
  });
  for (const org of orgs) {
    if (!created.has(org.id)) {
      const filed = org.type === "community";
      events.push({
        organizationId: org.id, at: morning(org.registeredOn), kind: filed ? "filing" : "establishment", changes: creationChanges(org), applicationId: null,
        reason: filed ? "社区社会组织备案" : "成立登记", actorUserId: null, actorName: org.registeringAuthority,
      });
    }
    for (const listing of org.listings) {
      events.push(status(org, listing.listedOn, "normal", "abnormal", `列入活动异常名录：${listing.reason}`));
      if (listing.removedOn && org.status !== "revoked") events.push(status(org, listing.removedOn, "abnormal", "normal", `移出活动异常名录：${listing.removalReason}`));
    }
    if (org.status === "revoked") events.push(status(org, org.statusSince!, "abnormal", "revoked", org.statusReason!));
    if (org.status === "cancelled" && !cancelled.has(org.id)) {
      events.push({
        organizationId: org.id, at: morning(org.statusSince!), kind: "cancellation",
        changes: [{ field: "status", before: "normal", after: "cancelled" }, { field: "statusSince", before: null, after: org.statusSince }, { field: "statusReason", before: null, after: org.statusReason }],
        applicationId: null, reason: org.statusReason, actorUserId: null, actorName: org.registeringAuthority,
      });
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.organizationId - b.organizationId);
  ctx.progress.start("登记事项变动记录", events.length);
  await copyRows(
    ctx.sql,
    "organization_changes",
    ["id", "organization_id", "at", "kind", "changes", "application_id", "reason", "actor_user_id", "actor_name"],
    (function* (): Generator<Cell[]> {
      let id = 0;
      for (const e of events) yield [++id, e.organizationId, e.at, e.kind, e.changes, e.applicationId, e.reason, e.actorUserId, e.actorName];
    })(),
    (n) => ctx.progress.add(n),
  );
  ctx.progress.finish();
}
