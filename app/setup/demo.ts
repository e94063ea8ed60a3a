/**
 * The demo district, built on the seed documents' figures: 6 streets with 77
 * communities (seed 003: 开元、鲤中、海滨、临江、江南、浮桥 and 77 residents'
 * committees), a town with 20 villages, and the register of seed 002: 58 社团,
 * 335 民非 and 38 filed community organizations, 431 in all at the end of the
 * half-year before the day it loads, with a few cancelled or revoked beside them
 * and a few registered since. Everything dated (registrations, applications,
 * inspection campaigns, postings) is dated from the day it loads, so the demo is
 * current whatever the day. Deterministic for a given day, so tests and screenshots agree.
 * (The seed reaches into app/ only for pure helpers: USCC composition and password hashing.)
 */
import { count, eq } from "drizzle-orm";
import { hashPassword } from "../auth/password.server";
import { campaignFiledIn, correctionDeadline, defaultDeadlines, dueCutoff, isDue, preliminaryUnitOf, type Report } from "../domain/inspections/rules";
import { annualReportKey } from "../domain/credit/listings";
import { halfYearOf } from "../domain/party/forms";
import { decisionDueOn, decisionPeriod, holidays2026 } from "../domain/applications/periods";
import { registerSnapshot } from "../domain/applications/changes";
import { demoMaterialFiles } from "./demo-materials";
import { shanghaiDate, startOfShanghaiDay } from "../domain/shared/time";
import { composeUscc } from "../domain/organizations/uscc";
import type { Database } from "../../db/client.server";
import { seedCommittees } from "./demo-committees";
import { seedPenalties } from "./demo-credit";
import { seedSpotChecks } from "./demo-spot-checks";
import { seedEvaluations } from "./demo-evaluations";
import { seedParty } from "./demo-party";
import { seedPostings } from "./demo-postings";
import { seedQuestions } from "./demo-questions";
import { seedRegisteredCommunityOrganizations } from "./demo-community-registered";
import { seedOtherCredit } from "./demo-credit-other";
import {
  abnormalListings,
  applicationFiles,
  applications,
  applicationSteps,
  inspectionReports,
  inspectionSteps,
  inspectionYears,
  organizationChanges,
  organizations,
  places,
  rectifications,
  users,
} from "../../db/schema";
import type { CommunityCategory, OrganizationStatus, OrganizationType } from "../../vocabulary";

export const demoPassword = "demo-pass-2026";
export const districtCode = "350502000000";
const countyCode = "350502";

export const demoStreets: Array<{ name: string; communities: string[] }> = [
  {
    name: "开元街道",
    communities: ["象峰", "东街", "打锡", "新华", "紫云", "北门", "中山", "甲第", "百源", "温陵", "崇正", "开元", "钟楼", "西街"],
  },
  {
    name: "鲤中街道",
    communities: ["新门", "井亭", "鲤中", "广场", "镇抚", "凤鸣", "五显", "古榕", "聚宝", "三朝", "义全", "文胜", "青龙"],
  },
  {
    name: "海滨街道",
    communities: ["海滨", "釜山", "万寿", "棋盘", "新街", "旧馆", "花巷", "会通", "通淮", "胜得", "泉山", "承天"],
  },
  {
    name: "临江街道",
    communities: ["临江", "聚津", "富美", "後茂", "水门", "江滨", "新步", "顺济", "德济", "南岳", "金池", "溪亭", "晋江"],
  },
  {
    name: "江南街道",
    communities: ["江南", "亭店", "新塘", "高山", "树兜", "湖心", "江滨南", "云山", "乌石", "仙境", "金浦", "池峰", "紫帽"],
  },
  {
    name: "浮桥街道",
    communities: ["浮桥", "王宫", "黄甲", "金浦桥", "仕公岭", "笋江", "高阳", "玉霞", "霞洲", "坂头", "山后", "新溪"],
  },
];

export const demoTown = {
  name: "汝湖镇",
  villages: [
    "大良", "东坑", "南坑", "上塘", "下塘", "洋坑", "白石", "石坑", "湖光", "新光",
    "茶园", "龙岗", "凤岭", "长埔", "田心", "溪边", "后洋", "前埔", "塘尾", "桥头",
  ],
};

/**
 * Seed 002's "现共有社团58个，民办非企业单位335个，社区备案的社会组织38个，全部合计共431个":
 * the organizations on the register (normal or on the abnormal list) at the end of
 * the half-year before the day the demo loads. Cancelled and revoked ones are
 * extra to these, as are those registered in the current half-year.
 */
export const demoOrganizationCounts: Record<OrganizationType, number> = {
  social_group: 58,
  private_non_enterprise: 335,
  foundation: 0,
  community: 38,
};

/** Seed 002: "应接受2012年度年检的社团有51个……民非有292个": of the 58 and 335, those registered before the latest campaign's cutoff. */
export const demoDueCounts = { social_group: 51, private_non_enterprise: 292 } as const;

/** Seed 002: "现有40%的社团参加了年检……现有42%的民非参加了年检": the share of the due that has filed the latest campaign. */
export const demoFilingShares = { social_group: 0.4, private_non_enterprise: 0.42 } as const;

/** How many of a kind file the latest campaign: the seed's share of the due, to the nearest whole organization (20 of 51, 123 of 292). */
export function demoFilers(type: keyof typeof demoDueCounts): number {
  return Math.round(demoDueCounts[type] * demoFilingShares[type]);
}

export const demoAccounts = [
  { username: "admin", displayName: "系统管理员", role: "admin" },
  { username: "officer", displayName: "陈登记（区民政局）", role: "district_officer" },
  { username: "street", displayName: "林晓（开元街道）", role: "street_officer" },
  { username: "assoc", displayName: "黄会长（老年人体育协会）", role: "association" },
  { username: "clerk", displayName: "王村务（大良村）", role: "village_clerk" },
  { username: "supervisor", displayName: "李监督（大良村）", role: "village_supervisor" },
  { username: "supervising", displayName: "张审查（区文体旅局）", role: "supervising_authority" },
] as const;

/** The unit the demo's 业务主管单位 account speaks for: the one the demo's establishments name. */
export const demoSupervisingUnit = "鲤城区文化体育和旅游局";

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = "陈林黄王李张吴刘蔡郑许杨洪苏庄施曾谢周".split("");
const givenNames = ["建国", "志强", "丽华", "美玲", "文杰", "晓东", "秀英", "明辉", "淑贞", "国栋", "海燕", "金龙", "雅琴", "振华", "玉兰", "少杰"];

const socialGroupTrades = [
  "老年人体育协会", "书法家协会", "摄影家协会", "个体劳动者协会", "餐饮行业协会", "美术家协会", "作家协会",
  "音乐家协会", "舞蹈家协会", "侨联青年联谊会", "南音协会", "木偶艺术研究会", "围棋协会", "象棋协会",
  "武术协会", "篮球协会", "足球协会", "羽毛球协会", "乒乓球协会", "登山协会", "钓鱼协会",
  "收藏家协会", "茶文化研究会", "花灯协会", "建筑业协会", "装饰行业协会", "电子商务协会", "物业管理协会",
  "家庭教育研究会", "心理咨询师协会", "社会工作者协会", "志愿者协会", "慈善总会", "残疾人福利基金联合会",
  "老年学学会", "历史文化研究会", "闽南文化研究会", "民间文艺家协会", "戏剧家协会", "曲艺家协会",
  "科普作家协会", "企业家联合会", "商会", "女企业家协会", "青年企业家协会", "律师协会联络会", "会计学会",
  "教育学会", "医学会", "护理学会", "中医药学会", "营养学会", "红十字志愿服务协会", "退役军人协会",
  "关心下一代工作协会", "诗词学会", "灯谜协会", "风筝协会", "龙舟协会", "太极拳协会", "插花艺术协会",
];

const privateKinds = [
  "幼儿园", "培训学校", "养老服务中心", "社会工作服务中心", "居家养老服务站", "职业技能培训学校",
  "康复中心", "艺术培训中心", "托育中心", "心理咨询服务中心", "文化传播研究院", "社区服务中心",
];

/** Kinds of filed community organizations, with the category each belongs to. */
const communityKinds: Array<[string, CommunityCategory]> = [
  ["文体队", "culture_sports"],
  ["志愿服务队", "charity"],
  ["邻里互助会", "life_service"],
  ["人民调解协会", "mediation"],
  ["读书会", "culture_sports"],
  ["老年协会", "life_service"],
  ["爱心帮扶队", "charity"],
  ["舞蹈队", "culture_sports"],
];
/**
 * How many filed organizations the first communities have: some meet the target
 * of six, most do not. 41 in all: seed 002's 38 and the current half-year's 3.
 */
const communitySpread = [8, 7, 6, 6, 4, 3, 3, 2, 2];

const supervisingUnits = ["鲤城区文化体育和旅游局", "鲤城区教育局", "鲤城区民政局", "鲤城区卫生健康局", "鲤城区人力资源和社会保障局", "鲤城区科学技术协会"];
const scopes: Record<string, string> = {
  social_group: "团结会员，开展学术交流、业务培训、咨询服务和公益活动，维护会员合法权益。",
  private_non_enterprise: "面向社会提供非营利性的教育、养老、康复或社会工作服务。",
};

export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ value: count() }).from(places);
  if ((row?.value ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Database): Promise<void> {
  // One clock for everything the demo dates back from the day it loads.
  const loadedAt = new Date();
  const plan = demoRegistrations(shanghaiDate(loadedAt));
  const rand = random(20260531);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const person = () => pick(surnames) + pick(givenNames);
  const passwordHash = await hashPassword(demoPassword);

  await db.transaction(async (tx) => {
    const [district] = await tx
      .insert(places)
      .values({ code: districtCode, name: "鲤城区", level: "district", households: 128_600, population: 405_800 })
      .returning();

    const streetRows: Array<{ id: number; name: string; communityIds: number[] }> = [];
    for (const [si, street] of demoStreets.entries()) {
      const streetCode = `${countyCode}${String(si + 1).padStart(3, "0")}000`;
      const [streetRow] = await tx
        .insert(places)
        .values({ code: streetCode, name: street.name, level: "street", parentId: district!.id, sortOrder: si + 1 })
        .returning();
      const communityRows = await tx
        .insert(places)
        .values(
          street.communities.map((name, ci) => ({
            code: `${streetCode.slice(0, 9)}${String(ci + 1).padStart(3, "0")}`,
            name: `${name}社区`,
            level: "community" as const,
            parentId: streetRow!.id,
            households: 1200 + Math.floor(rand() * 2600),
            population: 3500 + Math.floor(rand() * 7000),
            sortOrder: ci + 1,
          })),
        )
        .returning();
      streetRows.push({ id: streetRow!.id, name: street.name, communityIds: communityRows.map((c) => c.id) });
    }

    const townCode = `${countyCode}100000`;
    const [town] = await tx
      .insert(places)
      .values({ code: townCode, name: demoTown.name, level: "town", parentId: district!.id, sortOrder: 100 })
      .returning();
    const villageRows = await tx
      .insert(places)
      .values(
        demoTown.villages.map((name, vi) => ({
          code: `${townCode.slice(0, 9)}${String(201 + vi)}`,
          name: `${name}村`,
          level: "village" as const,
          parentId: town!.id,
          households: 300 + Math.floor(rand() * 900),
          population: 1100 + Math.floor(rand() * 3000),
          sortOrder: vi + 1,
        })),
      )
      .returning();

    // Every community and village with the street or town it sits in.
    const localPlaces = [
      ...streetRows.flatMap((s) => s.communityIds.map((id) => ({ id, streetId: s.id }))),
      ...villageRows.map((v) => ({ id: v.id, streetId: town!.id })),
    ];
    const placeName = new Map([...villageRows].map((v) => [v.id, v.name]));
    const communityNames = await tx.select({ id: places.id, name: places.name }).from(places);
    for (const c of communityNames) placeName.set(c.id, c.name);

    const statusFor = (i: number): OrganizationStatus =>
      i % 41 === 7 ? "abnormal" : i % 67 === 11 ? "cancelled" : i % 97 === 13 ? "revoked" : "normal";
    const registeredOn = () => {
      // Before the latest campaign's year, so that only the registrations dated below fall after its cutoff.
      const year = Math.min(2001 + Math.floor(rand() * 24), plan.latest - 1);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    };
    const streetName = new Map<number, string>([
      ...streetRows.map((st) => [st.id, st.name] as [number, string]),
      [town!.id, demoTown.name],
    ]);
    const registeredDetails = (type: "social_group" | "private_non_enterprise", i: number) => {
      const status = type === "social_group" && i === 0 ? "normal" : statusFor(i);
      return {
        certificateNumber: `闽鲤${type === "social_group" ? "社证" : "民证"}字第${String(1000 + i)}号`,
        registeringAuthority: "鲤城区民政局",
        supervisingUnit: supervisingUnits[i % supervisingUnits.length]!,
        registeredFunds: type === "social_group" ? 30_000 + (i % 7) * 10_000 : 50_000 + (i % 9) * 50_000,
        businessScope: scopes[type]!,
        // Listed for not filing the campaign before the latest (its registry deadline, 31 May, fell in the latest's year), or
        // every other one two years earlier and not filing since (so on the list over two years: 严重违法失信 is suggested); other changes earlier.
        statusSince:
          status === "normal"
            ? null
            : status === "abnormal"
              ? `${i % 82 === 7 ? plan.latest - 2 : plan.latest}-0${6 + (i % 4)}-15`
              : `${plan.latest}-0${1 + (i % 9)}-15`,
        statusReason:
          status === "abnormal"
            ? "未按规定参加年度检查"
            : status === "cancelled"
              ? "自行申请注销"
              : status === "revoked"
                ? "连续两年未参加年度检查，撤销登记"
                : null,
      };
    };
    let serial = 0;
    const orgCodeBody = () => `MJ${String(1000 + ++serial * 37).padStart(6, "0")}`;
    type NewOrganization = typeof organizations.$inferInsert;
    const rows: NewOrganization[] = [];

    // On the register now: seed 002's figure and this half-year's new ones; the cancelled and revoked come on top.
    const existing = (type: "social_group" | "private_non_enterprise") => demoOrganizationCounts[type] + plan.currentHalf[type];
    const onRegister = (type: OrganizationType) => rows.filter((r) => r.type === type && (r.status === "normal" || r.status === "abnormal")).length;
    for (const [i, trade] of socialGroupTrades.entries()) {
      if (onRegister("social_group") === existing("social_group")) break;
      const local = pick(localPlaces);
      rows.push({
        name: `鲤城区${trade}`,
        type: "social_group",
        uscc: composeUscc("1", countyCode, orgCodeBody()),
        status: i === 0 ? "normal" : statusFor(i),
        registeredOn: i === 0 ? "2008-04-16" : registeredOn(),
        placeId: local.id,
        streetId: local.streetId,
        legalRepresentative: person(),
        address: `泉州市鲤城区${placeName.get(local.id) ?? ""}${10 + i}号`,
        ...registeredDetails("social_group", i),
      });
    }
    const privateNames = new Set<string>();
    for (let i = 0; onRegister("private_non_enterprise") < existing("private_non_enterprise"); i++) {
      const local = pick(localPlaces);
      const place = (placeName.get(local.id) ?? "").replace(/(社区|村)$/, "");
      const name = `鲤城区${place}${pick(privateKinds)}`;
      if (privateNames.has(name)) continue;
      privateNames.add(name);
      rows.push({
        name,
        type: "private_non_enterprise",
        uscc: composeUscc("2", countyCode, orgCodeBody()),
        status: statusFor(i),
        registeredOn: registeredOn(),
        placeId: local.id,
        streetId: local.streetId,
        legalRepresentative: person(),
        address: `泉州市鲤城区${placeName.get(local.id) ?? ""}${100 + i}号`,
        ...registeredDetails("private_non_enterprise", i),
      });
    }
    // Filed community organizations, spread so that some communities meet 一居多会's target and most do not.
    let filed = 0;
    for (const [ci, howMany] of communitySpread.entries()) {
      // Every other street's first communities, so several streets have some.
      const local = localPlaces[ci * 9]!;
      const place = placeName.get(local.id) ?? "";
      for (let k = 0; k < howMany; k++, filed++) {
        const [kind, category] = communityKinds[k % communityKinds.length]!;
        const year = 2012 + (filed % 12);
        rows.push({
          name: `${place}${kind}`,
          type: "community",
          category,
          filingNumber: `鲤民社备〔${year}〕${String(filed + 1).padStart(3, "0")}号`,
          status: "normal",
          registeredOn: `${year}-0${1 + (filed % 9)}-1${filed % 10}`,
          placeId: local.id,
          streetId: local.streetId,
          legalRepresentative: person(),
          address: `${place}居民活动中心`,
          registeringAuthority: streetName.get(local.streetId) ?? null,
        });
      }
    }
    if (onRegister("social_group") !== existing("social_group")) throw new Error("too few names for the demo's social groups");
    if (filed !== demoOrganizationCounts.community + plan.currentHalf.community) throw new Error(`filed ${filed} community organizations`);
    registerRecently(rows, plan, loadedAt);
    const orgRows = await tx.insert(organizations).values(rows).returning();
    // Each record starts its history with the decision that created it.
    await tx.insert(organizationChanges).values(
      orgRows.map((org) => ({
        organizationId: org.id,
        at: new Date(`${org.registeredOn}T02:00:00Z`),
        kind: org.type === "community" ? ("filing" as const) : ("establishment" as const),
        changes: [{ field: "name", before: null, after: org.name }],
        reason: org.type === "community" ? "社区社会组织备案" : "成立登记",
        actorName: org.type === "community" ? (org.registeringAuthority ?? "街道办事处") : "鲤城区民政局",
      })),
    );
    const association = orgRows.find((o) => o.name === "鲤城区老年人体育协会")!;

    const accounts = await insertDemoAccounts(tx, { streetId: streetRows[0]!.id, associationId: association.id, villageId: villageRows[0]!.id, supervisingUnit: demoSupervisingUnit }, passwordHash);
    const account = (name: string) => accounts.find((a) => a.username === name)!;
    await seedInspections(tx, { officer: account("officer"), association: association.id, organizations: orgRows, rand, now: loadedAt });
    await seedPenalties(tx, { officer: account("officer"), organizations: orgRows, association: association.id, now: loadedAt });
    await seedSpotChecks(tx, { officer: account("officer"), organizations: orgRows, now: loadedAt });
    await seedEvaluations(tx, { officer: account("officer"), organizations: orgRows, association: association.id, now: loadedAt });
    await seedOtherCredit(tx, { officer: account("officer"), organizations: orgRows, association: association.id, now: loadedAt });
    await seedApplications(tx, {
      officer: account("officer"),
      street: account("street"),
      supervising: account("supervising"),
      communities: streetRows[0]!.communityIds,
      kaiyuan: streetRows[0]!.id,
      town: { id: town!.id, villages: villageRows.map((v) => v.id) },
      organizations: orgRows.filter((o) => o.type !== "community" && o.status === "normal").slice(5, 12),
    });
    await seedPostings(tx, {
      villages: villageRows.map((v) => ({ id: v.id, code: v.code, name: v.name })),
      townId: town!.id,
      clerk: account("clerk"),
      supervisor: account("supervisor"),
      now: loadedAt,
      rand,
    });
    await seedQuestions(tx, { villages: villageRows, clerk: account("clerk"), supervisor: account("supervisor"), now: loadedAt });
    await seedRegisteredCommunityOrganizations(tx, { officer: account("officer"), now: loadedAt });
    await seedCommittees(tx, {
      places: [
        ...streetRows.flatMap((s) => s.communityIds.map((id) => ({ id, level: "community" as const, name: placeName.get(id) ?? "" }))),
        ...villageRows.map((v) => ({ id: v.id, level: "village" as const, name: v.name })),
      ],
      now: loadedAt,
      rand,
    });
    await seedParty(tx, {
      organizations: orgRows.map((o) => ({ id: o.id, name: o.name, type: o.type, status: o.status, streetId: o.streetId, registeredOn: o.registeredOn })),
      streets: [...streetRows.map((s) => ({ id: s.id, name: s.name })), { id: town!.id, name: demoTown.name }],
      now: loadedAt,
      rand,
    });
  });
}

type Account = typeof users.$inferSelect;

/**
 * The demo's accounts (`demoAccounts`, password `demoPassword`): the street
 * officer in `streetId`, the association user for `associationId`, the village
 * clerk and supervisor in `villageId`, the 业务主管单位 for `supervisingUnit`. The
 * city-scale generator creates the same ones.
 */
export async function insertDemoAccounts(
  tx: Database,
  at: { streetId: number; associationId: number; villageId: number; supervisingUnit: string },
  passwordHash: string,
): Promise<Account[]> {
  const scope = {
    street: { placeId: at.streetId },
    assoc: { organizationId: at.associationId },
    clerk: { placeId: at.villageId },
    supervisor: { placeId: at.villageId },
  } as Record<string, { placeId?: number; organizationId?: number }>;
  return tx
    .insert(users)
    .values(
      demoAccounts.map((account) => ({
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        passwordHash,
        placeId: scope[account.username]?.placeId ?? null,
        organizationId: scope[account.username]?.organizationId ?? null,
        supervisingUnit: account.role === "supervising_authority" ? at.supervisingUnit : null,
      })),
    )
    .returning();
}

/**
 * Applications in every state, dated back from today so that some accepted
 * ones are already past the 60-day limit whenever the demo is loaded.
 */
/**
 * The registrations the demo dates from the day it loads (the rest of the
 * register is older than the latest campaign's year). Seed 002's half-year,
 * "上半年新登记社团2个，新登记民办非企业单位22个", falls in the half-year before
 * the current one; of the 58 社团 and 335 民非 on the register at its end, those
 * registered on or after the latest campaign's cutoff (1 July of its year) do not
 * report in it, which leaves seed 002's 51 and 292 due. Loaded in a first
 * half-year, the half before began on that cutoff, so all of them are its new
 * registrations (7 社团, 43 民非); loaded in a second half-year, the seed's 2 and
 * 22 are, and the others (5 and 21) came in the half-year before that. A few
 * more are registered in the current half-year so far, on top of the 431.
 */
export function demoRegistrations(today: string) {
  const current = halfYearOf(today);
  const previous = halfYearOf(addDays(current.from, -1));
  const latest = campaignFiledIn(Number(today.slice(0, 4)));
  const cutoff = dueCutoff(latest);
  const notDue = {
    social_group: demoOrganizationCounts.social_group - demoDueCounts.social_group,
    private_non_enterprise: demoOrganizationCounts.private_non_enterprise - demoDueCounts.private_non_enterprise,
  };
  const previousHalf = previous.from <= cutoff ? { ...notDue, community: 2 } : { social_group: 2, private_non_enterprise: 22, community: 2 };
  return {
    latest,
    cutoff,
    current,
    previous,
    previousHalf,
    currentHalf: { social_group: 1, private_non_enterprise: 6, community: 3 },
    /** Between the cutoff and the half-year before the current one: none when that half-year began on the cutoff. */
    sinceCutoff: {
      social_group: notDue.social_group - previousHalf.social_group,
      private_non_enterprise: notDue.private_non_enterprise - previousHalf.private_non_enterprise,
      community: 0,
    },
  };
}

function registerRecently(rows: Array<typeof organizations.$inferInsert>, plan: ReturnType<typeof demoRegistrations>, now: Date) {
  const today = shanghaiDate(now);
  const { current, previous, cutoff } = plan;
  const spread = (from: string, to: string, n: number) => {
    const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
    return Array.from({ length: n }, (_, k) => addDays(from, Math.floor(((k + 0.5) * span) / n)));
  };
  const currentEnd = today > current.from ? addDays(today, -1) : today;
  for (const type of ["social_group", "private_non_enterprise", "community"] as const) {
    const early = plan.sinceCutoff[type];
    const a = plan.previousHalf[type];
    const b = plan.currentHalf[type];
    // The last-listed normal ones: the demo accounts' organizations are listed first and keep their dates.
    const chosen = rows.filter((r) => r.type === type && r.status === "normal").slice(-(early + a + b));
    const dates = [...spread(cutoff, addDays(previous.from, -1), early), ...spread(previous.from, previous.to, a), ...spread(current.from, currentEnd, b)];
    chosen.forEach((row, k) => {
      row.registeredOn = dates[k]!;
      if (row.filingNumber) row.filingNumber = row.filingNumber.replace(/〔\d{4}〕/, `〔${dates[k]!.slice(0, 4)}〕`);
    });
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function seedApplications(
  tx: Database,
  d: {
    officer: Account;
    street: Account;
    supervising: Account;
    communities: number[];
    kaiyuan: number;
    town: { id: number; villages: number[] };
    organizations: Array<typeof organizations.$inferSelect>;
  },
) {
  const now = Date.now();
  const daysAgo = (n: number) => new Date(now - n * 86_400_000);
  const dateOf = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  // Each kind's statutory period from the day of acceptance (applications/periods.ts), on the default holiday table.
  const due = (plan: Plan, accepted: Date) => {
    const type = (plan.proposed.type as OrganizationType | undefined) ?? orgs.find((o) => o.id === plan.organizationId)?.type ?? null;
    return decisionDueOn(decisionPeriod(plan.kind, type), dateOf(accepted), holidays2026);
  };
  type Plan = {
    kind: "establishment" | "change" | "cancellation" | "filing";
    state: "draft" | "submitted" | "accepted" | "returned" | "approved" | "rejected";
    title: string;
    proposed: Record<string, unknown>;
    submitted?: number;
    accepted?: number;
    decided?: number;
    reason?: string;
    organizationId?: number;
    placeId?: number;
    streetId?: number;
  };
  const group = (name: string, placeId: number, members: number) => ({
    name,
    type: "social_group",
    registrationRoute: "supervised",
    supervisingUnit: demoSupervisingUnit,
    legalRepresentative: "蔡文斌",
    address: "泉州市鲤城区温陵路 20 号",
    registeredFunds: 50_000,
    businessScope: "开展相关领域的交流、培训和公益活动",
    placeId,
    individualMembers: members,
    unitMembers: 0,
    contactPhone: "13805950001",
  });
  const c = d.communities;
  const orgs = d.organizations;
  const plans: Plan[] = [
    { kind: "establishment", state: "draft", title: "鲤城区南音传习协会", proposed: { name: "鲤城区南音传习协会", type: "social_group" }, placeId: c[1], streetId: d.kaiyuan },
    { kind: "establishment", state: "submitted", title: "鲤城区古城保护志愿者协会", proposed: group("鲤城区古城保护志愿者协会", c[2]!, 120), submitted: 3, placeId: c[2], streetId: d.kaiyuan },
    { kind: "establishment", state: "submitted", title: "鲤城区社区养老服务促进会", proposed: group("鲤城区社区养老服务促进会", c[3]!, 65), submitted: 9, placeId: c[3], streetId: d.kaiyuan },
    { kind: "establishment", state: "accepted", title: "鲤城区非遗传承人联谊会", proposed: group("鲤城区非遗传承人联谊会", c[4]!, 58), submitted: 80, accepted: 75, placeId: c[4], streetId: d.kaiyuan },
    { kind: "establishment", state: "accepted", title: "鲤城区青少年科技教育协会", proposed: group("鲤城区青少年科技教育协会", c[5]!, 90), submitted: 66, accepted: 63, placeId: c[5], streetId: d.kaiyuan },
    { kind: "establishment", state: "accepted", title: "鲤城区家庭教育指导服务中心", proposed: { ...group("鲤城区家庭教育指导服务中心", c[6]!, 0), type: "private_non_enterprise" }, submitted: 25, accepted: 20, placeId: c[6], streetId: d.kaiyuan },
    { kind: "establishment", state: "returned", title: "鲤城区宠物友好协会", proposed: group("鲤城区宠物友好协会", c[7]!, 31), submitted: 12, reason: "个人会员不足 50 个，且未附业务主管单位同意文件，请补正", placeId: c[7], streetId: d.kaiyuan },
    { kind: "establishment", state: "rejected", title: "鲤城区麻将研究会", proposed: group("鲤城区麻将研究会", c[8]!, 55), submitted: 90, accepted: 85, decided: 60, reason: "同一行政区域内已有业务范围相似的社会团体，没有必要成立（《社会团体登记管理条例》第十三条第二项）", placeId: c[8], streetId: d.kaiyuan },
    { kind: "change", state: "submitted", title: orgs[0]!.name, proposed: { address: "泉州市鲤城区新华北路 66 号", changeReason: "办公场所搬迁" }, submitted: 5, organizationId: orgs[0]!.id },
    { kind: "change", state: "accepted", title: orgs[1]!.name, proposed: { legalRepresentative: "黄志明", changeReason: "理事会换届选举产生新的法定代表人" }, submitted: 14, accepted: 12, organizationId: orgs[1]!.id },
    { kind: "change", state: "approved", title: orgs[2]!.name, proposed: { businessScope: "开展会员培训、学术交流及相关公益服务", changeReason: "章程修改" }, submitted: 120, accepted: 118, decided: 100, organizationId: orgs[2]!.id },
    { kind: "cancellation", state: "accepted", title: orgs[3]!.name, proposed: { cancellationReason: "完成清算，理事会决议注销", liquidationCompletedOn: dateOf(daysAgo(30)), liquidationReport: "理事会成立清算组，清偿全部债务，剩余财产 12,600 元经业务主管单位同意捐赠给同类公益组织" }, submitted: 22, accepted: 20, organizationId: orgs[3]!.id },
    { kind: "cancellation", state: "submitted", title: orgs[4]!.name, proposed: { cancellationReason: "举办单位撤回，停止办学", liquidationCompletedOn: dateOf(daysAgo(6)), liquidationReport: "举办单位组织清算，学员费用已全部退还，无债务，剩余财产归还举办单位出资以外部分用于公益" }, submitted: 2, organizationId: orgs[4]!.id },
    { kind: "filing", state: "submitted", title: "象峰社区太极拳队", proposed: { name: "象峰社区太极拳队", category: "culture_sports", legalRepresentative: "林秀英", address: "象峰社区活动中心", placeId: c[0], membersCount: 18 }, submitted: 1, placeId: c[0], streetId: d.kaiyuan },
    { kind: "filing", state: "accepted", title: "东街社区邻里调解队", proposed: { name: "东街社区邻里调解队", category: "mediation", legalRepresentative: "吴国栋", address: "东街社区居委会", placeId: c[1], membersCount: 7 }, submitted: 6, accepted: 5, placeId: c[1], streetId: d.kaiyuan },
  ];
  for (const plan of plans) {
    const org = plan.organizationId ? orgs.find((o) => o.id === plan.organizationId) : undefined;
    const submittedAt = plan.submitted ? daysAgo(plan.submitted) : null;
    const acceptedAt = plan.accepted ? daysAgo(plan.accepted) : null;
    const decidedAt = plan.decided ? daysAgo(plan.decided) : null;
    const created = submittedAt ? new Date(submittedAt.getTime() - 3_600_000) : daysAgo(1);
    // The 业务主管单位 agreed before every establishment the registry took up, and to one still waiting
    // for 受理; the newest waits for the unit itself.
    const consentedAt =
      plan.kind !== "establishment" || !submittedAt || plan.state === "returned" || plan.state === "draft"
        ? null
        : acceptedAt
          ? new Date((submittedAt.getTime() + acceptedAt.getTime()) / 2)
          : plan.submitted! > 5
            ? daysAgo(plan.submitted! - 2)
            : null;
    const [app] = await tx
      .insert(applications)
      .values({
        kind: plan.kind,
        state: plan.state,
        title: plan.title,
        proposed: plan.proposed,
        organizationId: plan.organizationId ?? null,
        placeId: plan.placeId ?? org?.placeId ?? null,
        streetId: plan.streetId ?? org?.streetId ?? null,
        applicantUserId: plan.kind === "filing" ? d.street.id : null,
        submittedAt,
        acceptedAt,
        dueOn: acceptedAt ? due(plan, acceptedAt) : null,
        decidedAt,
        ...(consentedAt ? { unitName: String(plan.proposed.supervisingUnit), unitDecision: "consented" as const, unitDecidedAt: consentedAt, unitOpinion: "经审查，同意其申请登记。" } : {}),
        createdAt: created,
        updatedAt: decidedAt ?? acceptedAt ?? consentedAt ?? submittedAt ?? created,
      })
      .returning();
    const decider = plan.kind === "filing" ? d.street : d.officer;
    const steps: Array<typeof applicationSteps.$inferInsert> = [
      { applicationId: app!.id, at: created, action: "create", fromState: null, toState: "draft", actorName: plan.kind === "filing" ? d.street.displayName : "申请人" },
    ];
    if (submittedAt) steps.push({ applicationId: app!.id, at: submittedAt, action: "submit", fromState: "draft", toState: "submitted", actorName: plan.kind === "filing" ? d.street.displayName : "申请人" });
    if (consentedAt) {
      steps.push({ applicationId: app!.id, at: consentedAt, action: "consented", fromState: "submitted", toState: "submitted", actorUserId: d.supervising.id, actorName: d.supervising.displayName, actorRole: d.supervising.role, reason: "经审查，同意其申请登记。" });
    }
    if (plan.state === "returned") steps.push({ applicationId: app!.id, at: daysAgo(plan.submitted! - 2), action: "return", fromState: "submitted", toState: "returned", actorUserId: decider.id, actorName: decider.displayName, actorRole: decider.role, reason: plan.reason });
    if (acceptedAt) steps.push({ applicationId: app!.id, at: acceptedAt, action: "accept", fromState: "submitted", toState: "accepted", actorUserId: decider.id, actorName: decider.displayName, actorRole: decider.role });
    if (decidedAt) {
      const action = plan.state === "approved" ? "approve" : "reject";
      steps.push({ applicationId: app!.id, at: decidedAt, action, fromState: "accepted", toState: plan.state, actorUserId: decider.id, actorName: decider.displayName, actorRole: decider.role, reason: plan.reason ?? null });
    }
    await tx.insert(applicationSteps).values(steps);
    if (submittedAt) await tx.insert(applicationFiles).values(demoMaterialFiles(app!, org, new Date(submittedAt.getTime() - 1_800_000)));
    if (plan.state === "approved" && org) {
      await tx.update(applications).set({ registerAtDecision: registerSnapshot(org) }).where(eq(applications.id, app!.id));
      await tx.insert(organizationChanges).values({
        organizationId: org.id,
        at: decidedAt!,
        kind: "change",
        changes: [{ field: "businessScope", before: org.businessScope, after: plan.proposed.businessScope }],
        applicationId: app!.id,
        reason: String(plan.proposed.changeReason ?? ""),
        actorUserId: d.officer.id,
        actorName: d.officer.displayName,
      });
      await tx.update(organizations).set({ businessScope: String(plan.proposed.businessScope) }).where(eq(organizations.id, org.id));
    }
  }
}

/**
 * The demo's latest inspection campaign: the one filed during the year the demo
 * loads (on the year before), in progress from 1 January to its deadline of
 * 31 May and closed after it, as the registry's calendar keeps it.
 */
export function demoLatestCampaign(now: Date = new Date()): number {
  return campaignFiledIn(Number(shanghaiDate(now).slice(0, 4)));
}

/**
 * Annual inspections: the latest campaign with seed 002's picture — of 51 due
 * social groups 20 (40%) and of 292 due 民非 123 (42%) have filed, over the
 * weeks from 1 January up to the deadline or the day the demo loads, some
 * concluded (all 合格), a few returned; the two campaigns before it concluded
 * and published. The demo association has not filed the latest, so the demo
 * shows a report being filled in.
 */
async function seedInspections(
  tx: Database,
  d: { officer: Account; association: number; organizations: Array<typeof organizations.$inferSelect>; rand: () => number; now: Date },
) {
  const { rand } = d;
  const latest = demoLatestCampaign(d.now);
  // The latest campaign's filing, from 1 January to 20 May of the year after it (Shanghai), or to the day it loads.
  const filingFrom = startOfShanghaiDay(`${latest + 1}-01-01`).getTime();
  const filingTo = Math.max(filingFrom, Math.min(startOfShanghaiDay(`${latest + 1}-05-21`).getTime(), d.now.getTime() - 60_000));
  const during = (fraction: number) => new Date(filingFrom + fraction * (filingTo - filingFrom));
  const yuan = (max: number) => Math.round(rand() * max) * 100;
  const reportFor = (last: Report | null): Report => {
    const income = { incomeDonations: yuan(600), incomeGrants: yuan(300), incomeServices: yuan(900), incomeFees: yuan(200), incomeOther: yuan(50) };
    const incomeTotal = Object.values(income).reduce((a, b) => a + b, 0);
    const spending = { expenditurePrograms: Math.round(incomeTotal * (0.6 + rand() * 0.3) / 100) * 100, expenditureAdministration: yuan(150), expenditureOther: 0 };
    const expenditureTotal = spending.expenditurePrograms + spending.expenditureAdministration;
    const netAssetsStart = last?.netAssetsEnd ?? 30_000 + yuan(1000);
    const formal = Math.floor(rand() * 6);
    return {
      recordChanged: "no",
      ...income,
      incomeTotal,
      ...spending,
      expenditureTotal,
      netAssetsStart,
      netAssetsEnd: Math.max(0, netAssetsStart + incomeTotal - expenditureTotal),
      donationsReceived: income.incomeDonations,
      activitiesCount: 6 + Math.floor(rand() * 30),
      mainActivities: "开展会员培训、交流研讨和公益服务活动",
      fullTimeStaff: Math.floor(rand() * 8),
      volunteers: Math.floor(rand() * 60),
      officers: "理事长、秘书长各一名",
      partyFormalMembers: formal,
      partyProbationaryMembers: Math.floor(rand() * 2),
      partyCoverage: formal >= 3 ? "own_branch" : formal > 0 ? "joint_branch" : "instructor",
      declaration: "on",
    };
  };
  const consistent = (r: Report): Report => {
    // Keep net assets consistent if the floor at zero bit.
    const end = (r.netAssetsStart ?? 0) + (r.incomeTotal ?? 0) - (r.expenditureTotal ?? 0);
    return end >= 0 ? r : { ...r, netAssetsStart: (r.netAssetsStart ?? 0) - end, netAssetsEnd: 0 };
  };
  const last = new Map<number, Report>();
  let waitingSerial = 0;
  // A supervised organization's filing names its 业务主管单位, whose 初审 comes before the registry's review.
  const preliminary = (org: (typeof d.organizations)[number], decision: "agreed" | null, at: Date) => {
    const unitName = preliminaryUnitOf(org);
    return unitName
      ? { unitName, unitDecision: decision, unitDecidedAt: decision ? at : null, unitOpinion: decision ? "经初审，同意报送登记管理机关。" : null }
      : { unitName: null };
  };
  // Three that stopped filing with the campaign before the latest: the calendar put them to the registry, which has not yet decided on them.
  const undecided = new Set(
    d.organizations
      .filter((o) => o.status === "normal" && o.id !== d.association && isDue(o, latest - 1))
      .sort((a, b) => b.id - a.id)
      .slice(0, 3)
      .map((o) => o.id),
  );
  // An organization on the list stopped filing with the campaign whose deadline passed the year before it was listed.
  const stoppedFiling = (o: (typeof d.organizations)[number], year: number) =>
    (o.status === "abnormal" && year >= Number(o.statusSince!.slice(0, 4)) - 1) || (undecided.has(o.id) && year >= latest - 1);
  for (const year of [latest - 2, latest - 1, latest]) {
    const due = d.organizations.filter((o) => isDue(o, year)).sort((a, b) => a.id - b.id);
    // The earlier campaigns' non-filers were put to the registry the day after their deadline, as the calendar does; the latest's wait for it.
    const nonFilers = due.filter((o) => stoppedFiling(o, year)).length;
    await tx.insert(inspectionYears).values({
      year,
      ...defaultDeadlines(year),
      openedAt: startOfShanghaiDay(`${year + 1}-01-01`),
      openedBy: d.officer.id,
      ...(year < latest ? { nonFilersProposedAt: startOfShanghaiDay(`${year + 1}-06-01`), nonFilersProposed: nonFilers } : {}),
    });
    const filers = year === latest ? latestFilers(due, new Set([d.association, ...undecided])) : null;
    const reports: Array<typeof inspectionReports.$inferInsert> = [];
    for (const [i, org] of due.entries()) {
      // Those who stopped filing (on the abnormal-activity list for it, or still to be decided on) have no report.
      if (stoppedFiling(org, year)) continue;
      const report = consistent(reportFor(last.get(org.id) ?? null));
      last.set(org.id, report);
      const submittedAt = new Date(`${year + 1}-0${3 + (i % 3)}-${String(1 + (i % 27)).padStart(2, "0")}T02:00:00Z`);
      if (year < latest) {
        const conclusion = i % 23 === 5 ? "fail" : i % 9 === 4 ? "basic_pass" : "pass";
        reports.push({
          year, organizationId: org.id, state: "concluded", report, submittedAt,
          conclusion, conclusionNote: conclusion === "basic_pass" ? "财务管理制度不够健全，限期整改" : conclusion === "fail" ? "未按章程召开会员大会，财务收支未经审计" : null,
          concludedAt: new Date(`${year + 1}-06-20T02:00:00Z`), concludedBy: d.officer.id, publishedAt: new Date(`${year + 1}-07-15T02:00:00Z`),
          createdAt: submittedAt, updatedAt: submittedAt,
          ...preliminary(org, "agreed", new Date(submittedAt.getTime() + 7 * 86_400_000)),
        });
        continue;
      }
      // The latest: seed 002's share of each kind has filed, spread evenly over the list and over the weeks so far.
      if (!filers?.has(org.id)) continue;
      const roll = rand();
      const state = roll < 0.3 ? "concluded" : roll < 0.38 ? "returned" : "submitted";
      // Spread by position, not by `rand`, so the rest of the demo draws the same numbers as before.
      const filedAt = during(((i * 7919) % 997) / 997 / 2);
      const handledAt = during(0.5 + ((i * 104_729) % 991) / 991 / 2);
      // The unit agreed before the registry acted; of those still submitted, every third waits for its 初审.
      const waitsForUnit = state === "submitted" && waitingSerial++ % 3 === 0;
      reports.push({
        year, organizationId: org.id, state, report, submittedAt: filedAt,
        conclusion: state === "concluded" ? "pass" : null,
        concludedAt: state === "concluded" ? handledAt : null,
        concludedBy: state === "concluded" ? d.officer.id : null,
        createdAt: filedAt, updatedAt: state === "submitted" ? filedAt : handledAt,
        ...preliminary(org, waitsForUnit ? null : "agreed", new Date((filedAt.getTime() + handledAt.getTime()) / 2)),
      });
    }
    const rows = reports.length ? await tx.insert(inspectionReports).values(reports).returning() : [];
    const steps: Array<typeof inspectionSteps.$inferInsert> = [];
    for (const row of rows) {
      steps.push({ reportId: row.id, at: row.submittedAt!, action: "submit", fromState: "draft", toState: "submitted", actorName: "申报单位" });
      if (row.unitDecision === "agreed") {
        steps.push({ reportId: row.id, at: row.unitDecidedAt!, action: "unit_agree", fromState: "submitted", toState: "submitted", actorName: row.unitName, reason: row.unitOpinion });
      }
      if (row.state === "returned") {
        steps.push({ reportId: row.id, at: row.updatedAt, action: "return", fromState: "submitted", toState: "returned", actorUserId: d.officer.id, actorName: d.officer.displayName, reason: "未附年度财务审计报告，请补充后重新报送" });
      }
      if (row.state === "concluded") {
        steps.push({ reportId: row.id, at: row.concludedAt!, action: "conclude", fromState: "submitted", toState: "concluded", actorUserId: d.officer.id, actorName: d.officer.displayName, reason: row.conclusionNote });
      }
    }
    if (steps.length) await tx.insert(inspectionSteps).values(steps);
    const corrections = year === latest - 1 ? correctionsOf(rows, d.officer.id) : [];
    if (corrections.length) await tx.insert(rectifications).values(corrections);
  }
  // The organizations the demo shows on the abnormal-activity list, with their listings: one for each campaign
  // they did not file whose deadline has passed (listed again, the clock restarts for the removal, not for the two years).
  const listed = d.organizations.filter((o) => o.status === "abnormal");
  const listings = listed.flatMap((o) => {
    const first = Number(o.statusSince!.slice(0, 4)) - 1;
    return Array.from({ length: latest - first }, (_, k) => first + k).map((year) => ({
      organizationId: o.id,
      listedOn: year === first ? o.statusSince! : `${year + 1}-06-15`,
      trigger: "annual_report" as const,
      reason: `未按规定报送 ${year} 年度工作报告`,
      evidence: `${year} 年度工作报告未在登记管理机关截止日期（${defaultDeadlines(year).registryDeadline}）前报送`,
      sourceKey: annualReportKey(year),
      inspectionYear: year,
      listedBy: d.officer.id,
    }));
  });
  if (listings.length) await tx.insert(abnormalListings).values(listings);
}

/**
 * Who has filed the latest campaign: of each kind, `demoFilers` of the due,
 * spread evenly over those who can (not the demo association, whose report is
 * being filled in, nor those who have stopped filing).
 */
function latestFilers(due: Array<typeof organizations.$inferSelect>, notFiling: Set<number>): Set<number> {
  const chosen = new Set<number>();
  for (const type of ["social_group", "private_non_enterprise"] as const) {
    const able = due.filter((o) => o.type === type && !notFiling.has(o.id) && o.status !== "abnormal");
    const target = demoFilers(type);
    if (able.length < target) throw new Error(`only ${able.length} ${type} can file, not ${target}`);
    able.forEach((org, j) => {
      if (Math.floor(((j + 1) * target) / able.length) > Math.floor((j * target) / able.length)) chosen.add(org.id);
    });
  }
  return chosen;
}

/**
 * The corrections last year's published 基本合格 conclusions ordered, as the
 * registry's publication made them: every organization reported in time; the
 * registry verified all but the last report, which waits on its to-do list.
 * None overdue, so the credit lists stay as the demo describes them.
 */
function correctionsOf(rows: Array<typeof inspectionReports.$inferSelect>, officerId: number): Array<typeof rectifications.$inferInsert> {
  const basicPass = rows.filter((r) => r.conclusion === "basic_pass" && r.publishedAt);
  return basicPass.map((r, i) => {
    const orderedOn = shanghaiDate(r.publishedAt!);
    const deadline = correctionDeadline(orderedOn);
    const answeredOn = `${deadline.slice(0, 8)}0${1 + (i % 9)}`;
    const verified = i < basicPass.length - 1;
    return {
      inspectionReportId: r.id,
      organizationId: r.organizationId,
      problem: r.conclusionNote ?? "",
      deadline,
      orderedOn,
      orderedBy: officerId,
      answer: "已修订财务管理制度，经理事会审议通过并印发执行，会计凭证已按制度整理归档。",
      answeredOn,
      verdict: verified ? ("done" as const) : null,
      verifiedOn: verified ? deadline : null,
      verifiedBy: verified ? officerId : null,
      verificationNote: verified ? "经查阅修订后的财务管理制度和会计凭证，整改到位。" : null,
    };
  });
}
