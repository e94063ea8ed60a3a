/**
 * The self-governing bodies of the demo district's communities and villages,
 * dated back from today so the register always has terms in every standing:
 * for each body its current term (most elected about seven months ago) and the
 * five-year term before it, with members and election figures; a few places
 * whose term ends within six months (半年内届满) and one village whose term ended
 * a month ago with no election yet (已届满未换届). Every place has a service
 * centre, and the first communities have a year of "五位一体" joint meetings.
 * Every term is checked against the committee rules before it is written, so
 * the demo can never show what the officers' forms would refuse.
 */
import { inArray } from "drizzle-orm";
import {
  bodiesOf,
  jointMeetingParties,
  memberLimits,
  termProblems,
  termStanding,
  termYears,
  type CommitteeBody,
  type MemberInput,
  type TermInput,
  type TermStanding,
} from "../domain/committees/rules";
import { shanghaiDate } from "../domain/shared/time";
import type { Database } from "../../db/client.server";
import { committeeMembers, committeeTerms, jointMeetings, places, serviceCentres } from "../../db/schema";

interface Place {
  id: number;
  level: "community" | "village";
  name: string;
}

interface PlannedTerm extends TermInput {
  place: Place;
  body: CommitteeBody;
  /** Where the term should stand today; checked before anything is written. */
  standing: TermStanding;
}

type Outlook = "current" | "ending_soon" | "expired";

const surnames = "陈林黄王李张吴刘蔡郑许杨洪苏庄施曾谢周傅骆龚颜".split("");
const givenNames = [
  "建国", "志强", "丽华", "美玲", "文杰", "晓东", "秀英", "明辉", "淑贞", "国栋", "海燕", "金龙", "雅琴", "振华",
  "玉兰", "少杰", "清源", "鸿斌", "育红", "惠珍", "文彬", "福生", "宝珠", "永健", "丽娟", "国平", "亚萍", "聪明",
  "锦华", "素云", "培森", "春燕", "良才", "秀琴", "少华", "晓玲", "天佑", "瑞芳", "荣泉", "碧霞", "伟",
  "敏", "静", "强", "婷", "斌", "芳", "军",
];

/** Election and voter ranges by level (选民登记数). */
const voterRange = { village: { min: 1500, max: 4000 }, community: { min: 3000, max: 9000 } } as const;
/** The demo's places' population ranges (db/seed/demo.ts), to scale voters with size. */
const populationRange = { village: { min: 1100, max: 4100 }, community: { min: 3500, max: 10500 } } as const;

/**
 * Current term numbers: villagers' committees are in their 11th or 12th term,
 * residents' committees their 7th or 8th; the supervision committees (required
 * since 2010) and democratic finance groups count fewer terms.
 */
const termNumberBase: Record<CommitteeBody, number> = { residents: 7, villagers: 11, supervision: 4, finance_group: 7 };

const communityFacilities = ["日间照料中心", "新时代文明实践站", "图书室", "调解室", "卫生服务站", "儿童之家", "文体活动室", "老年活动室", "便民服务大厅"];
const villageFacilities = ["新时代文明实践站", "农家书屋", "调解室", "卫生室", "儿童之家", "文体活动室", "老年活动室", "日间照料中心", "便民服务大厅"];

type Party = (typeof jointMeetingParties)[number];
interface MeetingTopic {
  needs: Party[];
  topics: (estate: string) => string;
  decisions: (estate: string) => string;
}

const meetingTopics: MeetingTopic[] = [
  {
    needs: ["业主委员会"],
    topics: (e) => `${e}老旧住宅加装电梯意见征集及费用分摊`,
    decisions: (e) =>
      `同意${e}3号楼、5号楼启动加装电梯，由社区上门征求低层住户意见；费用按楼层系数分摊，方案张贴公示 10 日后报街道审批，物业服务企业配合管线勘察。`,
  },
  {
    needs: ["业主委员会", "物业服务企业"],
    topics: (e) => `${e}停车位规划及占用消防通道整治`,
    decisions: () =>
      "利用东侧闲置空地增设停车位 40 个，按先业主、后租户的顺序登记分配；消防通道施划禁停标线，物业服务企业每日巡查劝导，屡劝不改的报交警部门处理。",
  },
  {
    needs: ["业主委员会", "物业服务企业"],
    topics: (e) => `${e}物业服务收费标准调整`,
    decisions: () =>
      "物业服务企业先公开近两年收支明细，业主委员会组织业主表决；调整方案须经专有部分面积和人数“双过半”同意方可执行，表决前维持现行收费标准。",
  },
  {
    needs: ["物业服务企业", "社会组织"],
    topics: () => "生活垃圾分类投放点设置及督导",
    decisions: () => "各小区设置定时定点投放点 6 处，撤除楼道垃圾桶；志愿者早晚督导两个月，社会组织负责入户宣传，物业服务企业负责分类清运。",
  },
  {
    needs: ["物业服务企业"],
    topics: () => "电动自行车集中停放及充电设施建设",
    decisions: (e) => `在${e}自行车棚安装充电桩 60 个，严禁入户充电和私拉电线充电；物业服务企业负责日常运维，社区每月开展一次消防检查。`,
  },
  {
    needs: ["业主委员会", "物业服务企业"],
    topics: (e) => `${e}公共收益使用与公开`,
    decisions: () => "广告位和场地租赁等公共收益单独列账，每季度在小区公告栏公开；本年度结余用于维修单元门禁和路灯，经业主大会同意后实施。",
  },
  {
    needs: ["业主委员会"],
    topics: (e) => `${e}业主委员会换届选举筹备`,
    decisions: () => "成立换届选举筹备组，社区党组织推荐党员业主参选；筹备组 30 日内完成业主名册核对，并公告候选人名单。",
  },
  {
    needs: ["物业服务企业"],
    topics: () => "汛期防台风应急预案及地下车库防汛",
    decisions: () => "物业服务企业在地下车库入口储备沙袋和挡水板，台风预警发布后 2 小时内完成排查；居民委员会建立独居老人联系名单，逐户落实转移责任人。",
  },
  {
    needs: ["社会组织"],
    topics: () => "社区长者食堂助餐服务",
    decisions: () => "引入社会组织运营长者食堂，为 80 周岁以上老人提供每餐 5 元优惠；行动不便的老人由志愿者送餐上门，费用收支每季度公开。",
  },
  {
    needs: ["物业服务企业"],
    topics: (e) => `${e}高空抛物治理及楼道杂物清理`,
    decisions: () => "在主要楼栋加装高空监控探头 12 个，费用从公共收益列支；开展为期一个月的楼道杂物集中清理，物业服务企业逐栋张贴告知书。",
  },
];

const dayMs = 86_400_000;
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const partsOf = (iso: string) => iso.split("-").map(Number) as [number, number, number];
const addDays = (iso: string, days: number) => isoOf(Date.parse(`${iso}T00:00:00Z`) + days * dayMs);
/** About `months` months from `iso` (the day kept, or the 28th where the month is shorter). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = partsOf(iso);
  return isoOf(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
}
/** The same calendar day `years` later (29 February becomes 1 March). */
function addYears(iso: string, years: number): string {
  const [y, m, d] = partsOf(iso);
  return isoOf(Date.UTC(y + years, m - 1, d));
}

/** Which places' terms are due: by position among the communities and among the villages. */
const endingSoon = { community: [2, 44], village: [6, 11] };
const expiredVillage = 13;

export async function seedCommittees(tx: Database, d: { places: Place[]; now: Date; rand: () => number }) {
  const { rand, now } = d;
  const today = shanghaiDate(now);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const shuffled = <T,>(list: readonly T[]) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  const populations = new Map(
    d.places.length
      ? (
          await tx
            .select({ id: places.id, population: places.population })
            .from(places)
            .where(
              inArray(
                places.id,
                d.places.map((p) => p.id),
              ),
            )
        ).map((p) => [p.id, p.population])
      : [],
  );
  const communities = d.places.filter((p) => p.level === "community");
  const villages = d.places.filter((p) => p.level === "village");
  const outlookOf = (place: Place): Outlook => {
    const index = (place.level === "community" ? communities : villages).indexOf(place);
    if (place.level === "village" && index === expiredVillage % villages.length) return "expired";
    return endingSoon[place.level].includes(index) ? "ending_soon" : "current";
  };

  const planned: PlannedTerm[] = [];
  for (const place of d.places) {
    const outlook = outlookOf(place);
    // Elected about seven months ago; or 4 years 9 months ago (ends within six months); or 5 years 1 month ago (ended).
    const start =
      outlook === "current"
        ? addDays(addMonths(today, -7), -int(0, 21))
        : outlook === "ending_soon"
          ? addDays(addMonths(today, -(termYears * 12 - 3)), -int(0, 12))
          : addDays(addMonths(today, -(termYears * 12 + 1)), -int(0, 6));
    const previousStart = addYears(start, -termYears);
    const periods = [
      { startsOn: previousStart, endsOn: addDays(start, -1), electedOn: addDays(previousStart, -int(2, 6)), back: 1 },
      { startsOn: start, endsOn: addDays(addYears(start, termYears), -1), electedOn: addDays(start, -int(2, 6)), back: 0 },
    ];

    // Voters scale with the place's population, within the level's range; five years ago a few fewer.
    const range = voterRange[place.level];
    const pop = populationRange[place.level];
    const share = Math.min(1, Math.max(0, ((populations.get(place.id) ?? pop.min) - pop.min) / (pop.max - pop.min)));
    const voters = Math.round(range.min + (range.max - range.min) * Math.min(1, Math.max(0, share + (rand() - 0.5) * 0.2)));
    const votersThen = Math.max(range.min, Math.round(voters * (0.9 + rand() * 0.08)));

    // Everyone in the place has a distinct name; villages often have a dominant surname.
    const used = new Set<string>();
    const clan = place.level === "village" ? pick(surnames) : null;
    const newName = () => {
      for (let tries = 0; tries < 500; tries++) {
        const name = (clan && rand() < 0.4 ? clan : pick(surnames)) + pick(givenNames);
        if (!used.has(name)) {
          used.add(name);
          return name;
        }
      }
      throw new Error(`demo committees: ran out of names for ${place.name}`);
    };

    const firstNumber = int(0, 1);
    const bodies = bodiesOf(place.level);
    const previous = new Map<CommitteeBody, MemberInput[]>();
    for (const period of periods) {
      const voterCount = period.back ? votersThen : voters;
      let villageCommittee: MemberInput[] = [];
      for (const body of bodies) {
        const members = elect(body, previous.get(body) ?? null);
        previous.set(body, members);
        if (body === "villagers") villageCommittee = members;
        planned.push({
          place,
          body,
          termNumber: termNumberBase[body] + firstNumber - period.back,
          startsOn: period.startsOn,
          endsOn: period.endsOn,
          electedOn: period.electedOn,
          eligibleVoters: voterCount,
          votesCast: Math.round(voterCount * (0.8 + rand() * 0.15)),
          members,
          standing: period.back ? "past" : outlook,
        });
      }
      // The overseers never sit on the villagers' committee of the same period.
      const onCommittee = new Set(villageCommittee.map((m) => m.name));
      for (const term of planned.slice(-bodies.length)) {
        if (term.body !== "supervision" && term.body !== "finance_group") continue;
        if (term.members.some((m) => onCommittee.has(m.name) || m.partySecretary)) {
          throw new Error(`demo committees: ${place.name} ${term.body} overlaps the villagers' committee`);
        }
      }
    }

    /**
     * A body's members, chair first, then vice chairs: about half of the last
     * term stand again (the chair usually keeps the chair), the rest are new.
     */
    function elect(body: CommitteeBody, before: MemberInput[] | null): MemberInput[] {
      const size = body === "residents" || body === "villagers" ? int(5, 7) : int(3, 5);
      const viceChairs = size >= 6 ? 2 : size <= 3 ? 1 : int(1, 2);
      const returning = before ? shuffled(before.filter((m) => rand() < (m.post === "chair" ? 0.8 : 0.5))).slice(0, size - 1) : [];
      const others = returning.map((m) => m.name);
      const oldChair = returning.find((m) => m.post === "chair");
      const oldVices = returning.filter((m) => m.post === "vice_chair").map((m) => m.name);
      while (others.length < size) others.push(newName());
      const take = (name: string | undefined) => {
        if (name === undefined) return undefined;
        others.splice(others.indexOf(name), 1);
        return name;
      };
      const chair = take(oldChair?.name) ?? take(oldVices[0]) ?? take(others[0])!;
      const vices = [...oldVices.filter((n) => others.includes(n)), ...others.filter((n) => !oldVices.includes(n))]
        .slice(0, viceChairs)
        .map((n) => take(n)!);
      return [
        { name: chair, post: "chair", partySecretary: body === "villagers" },
        ...vices.map((name) => ({ name, post: "vice_chair" as const, partySecretary: false })),
        ...others.map((name) => ({ name, post: "member" as const, partySecretary: false })),
      ];
    }
  }

  // The rules the officers' forms apply, and the standing each term was meant to have.
  for (const term of planned) {
    const committee =
      term.body === "supervision"
        ? planned.find((t) => t.place === term.place && t.body === "villagers" && t.startsOn === term.startsOn)?.members
        : [];
    const problems = termProblems(term.body, term, committee ?? []);
    const { min, max } = memberLimits[term.body];
    if (term.members.length < min || term.members.length > max) (problems.members ??= []).push("size");
    const standing = termStanding(term, today, term.standing !== "past");
    if (standing !== term.standing) (problems.standing ??= []).push(`${standing}, meant ${term.standing}`);
    if (Object.keys(problems).length) {
      throw new Error(`demo committees: ${term.place.name} ${term.body} 第 ${term.termNumber} 届: ${JSON.stringify(problems)}`);
    }
  }

  const termIds = new Map<string, number>();
  const key = (placeId: number, body: string, termNumber: number) => `${placeId}/${body}/${termNumber}`;
  for (let i = 0; i < planned.length; i += 200) {
    const inserted = await tx
      .insert(committeeTerms)
      .values(
        planned.slice(i, i + 200).map((t) => {
          const entered = Math.min(Date.parse(`${t.startsOn}T02:00:00Z`) + 3 * dayMs, now.getTime());
          return {
            placeId: t.place.id,
            body: t.body,
            termNumber: t.termNumber,
            startsOn: t.startsOn,
            endsOn: t.endsOn,
            electedOn: t.electedOn,
            eligibleVoters: t.eligibleVoters,
            votesCast: t.votesCast,
            createdAt: new Date(entered),
            updatedAt: new Date(entered),
          };
        }),
      )
      .returning({ id: committeeTerms.id, placeId: committeeTerms.placeId, body: committeeTerms.body, termNumber: committeeTerms.termNumber });
    for (const row of inserted) termIds.set(key(row.placeId, row.body, row.termNumber), row.id);
  }
  const memberRows = planned.flatMap((t) =>
    t.members.map((m, sortOrder) => ({
      termId: termIds.get(key(t.place.id, t.body, t.termNumber))!,
      name: m.name,
      post: m.post,
      partySecretary: m.partySecretary,
      sortOrder,
    })),
  );
  for (let i = 0; i < memberRows.length; i += 500) await tx.insert(committeeMembers).values(memberRows.slice(i, i + 500));

  if (d.places.length) {
    await tx.insert(serviceCentres).values(
      d.places.map((place) => {
        const list = place.level === "community" ? communityFacilities : villageFacilities;
        const chosen = new Set(shuffled(list).slice(0, int(3, 6)));
        return {
          placeId: place.id,
          floorArea: place.level === "community" ? int(30, 150) * 10 : int(20, 80) * 10,
          facilities: list.filter((f) => chosen.has(f)),
          updatedAt: new Date(now.getTime() - int(10, 300) * dayMs),
        };
      }),
    );
  }

  // A year of joint meetings in the first ten communities, oldest first.
  const meetings = communities.slice(0, 10).flatMap((place) => {
    const short = place.name.replace(/社区$/, "");
    const topics = shuffled(meetingTopics).slice(0, int(2, 4));
    const daysAgo = new Set<number>();
    while (daysAgo.size < topics.length) daysAgo.add(int(3, 360));
    return [...daysAgo]
      .sort((a, b) => b - a)
      .map((back, i) => {
        const topic = topics[i]!;
        const estate = short + pick(["花园", "新村", "小区", "公寓", "大厦"]);
        const size = Math.max(int(3, 5), new Set<Party>(["社区党组织", "居民委员会", ...topic.needs]).size);
        const extras = shuffled(jointMeetingParties.filter((p) => p !== "社区党组织" && p !== "居民委员会" && !topic.needs.includes(p)));
        const chosen = new Set<Party>(["社区党组织", "居民委员会", ...topic.needs, ...extras]);
        const parties = jointMeetingParties.filter((p) => [...chosen].slice(0, size).includes(p));
        const heldOn = addDays(today, -back);
        return {
          placeId: place.id,
          heldOn,
          parties,
          topics: topic.topics(estate),
          decisions: topic.decisions(estate),
          createdBy: null,
          createdAt: new Date(Math.min(Date.parse(`${heldOn}T02:00:00Z`) + dayMs, now.getTime())),
        };
      });
  });
  if (meetings.length) await tx.insert(jointMeetings).values(meetings);
}
