/**
 * Village-affairs transparency for about a thousand villages (ten thousand in
 * the province) and the communities that publish their residents' affairs the
 * same way: monthly finances and party affairs, quarterly notices,
 * subsistence-allowance lists and collective assets, and dated items (assembly decisions, relief,
 * homestead approvals, notices), going back as many years as each place's
 * share of the versions takes. A few are corrected by a second version, a few
 * withdrawn, a few places behind on their finances. Every published version
 * is chained per place exactly as the app chains it (posting-chain.ts), so
 * `npm run postings:verify` passes. Places are generated and written a chunk
 * at a time, the next chunk generated while the server takes the last, so the
 * province's five million versions are never held at once.
 */
import { createHash } from "node:crypto";
import { genesisHash, versionHash } from "../../domain/postings/chain";
import { kindOf, monthPeriod, quarterPeriod, type Period, type PostingKindCode } from "../../domain/postings/rules";
import { idCardCheckCharacter, maskSensitive } from "../../domain/postings/sensitive-numbers";
import type { PostingTableRows } from "../../../vocabulary";
import type { CityAccounts } from "./applications";
import { copyRows, type Cell } from "./copy";
import type { CityContext } from "./context";
import { mobile, personName } from "./names";
import type { CityPlace, CityPlaces } from "./places";
import { dayMs, pad2, spread, type Rng } from "./random";

export function postingCounts(factor: number) {
  return { versions: Math.max(100, Math.round(500_000 * factor)), places: Math.max(2, Math.round(1000 * factor)) };
}

/** The places that publish: every village, then communities (the towns' first, then each street's in turn) up to the count. */
export function postingPlaces(places: CityPlaces, count: number): CityPlace[] {
  const villages = places.locals.filter((p) => p.level === "village");
  if (villages.length >= count) return villages.slice(0, count);
  const townCommunities = places.streets.filter((s) => s.level === "town").flatMap((s) => s.places.filter((p) => p.level === "community"));
  const streetLists = places.streets.filter((s) => s.level === "street").map((s) => [...s.places]);
  const communities = [...townCommunities];
  for (let round = 0; streetLists.some((l) => l.length > round); round++) {
    for (const list of streetLists) if (list[round]) communities.push(list[round]!);
  }
  const chosen = new Set([...villages, ...communities.slice(0, count - villages.length)]);
  return places.locals.filter((p) => chosen.has(p));
}

interface Version {
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  correctionReason: string | null;
  publishedAt: Date;
  opinion: string;
}
interface Planned {
  kind: PostingKindCode;
  period: Period;
  versions: Version[];
  withdrawn: { at: Date; reason: string } | null;
}

const approve = ["经村务监督委员会审核，内容真实，同意公开。", "经审核，收支凭证齐全，同意公开。", "内容与原始记录一致，同意公开。", "经监委会集体审核，同意公开。"];
const correctionOpinion = "经核对原始凭证，更正内容属实，同意公开更正版本。";
const yuan = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

const incomeItems = ["上级转移支付", "集体厂房租赁收入", "土地承包费收入", "集体资产经营收入", "村级组织运转经费", "一事一议财政奖补", "乡贤捐赠", "耕地保护补贴"];
const expenseItems = ["村干部误工补贴", "办公及水电费", "环境卫生保洁费", "道路及水利设施维修", "路灯维护费", "老年人慰问金", "党员活动经费", "绿化养护费", "治安巡逻补贴", "防汛防台物资"];
const noticeItems = [
  "完成农村人居环境整治，清理卫生死角", "组织村民代表会议 1 次", "开展防汛防台安全检查", "完成城乡居民医疗保险征缴",
  "开展森林防火宣传和巡查", "推进厕所革命，完成改厕 12 户", "组织 60 岁以上老人免费体检", "开展反诈宣传进农户活动",
  "完成村道硬化 1.2 公里", "落实耕地保护网格化巡查", "开展垃圾分类入户宣传", "组织困难群众走访慰问",
];
const assemblyTopics = [
  "将村集体闲置厂房对外公开招租，租期 3 年，收益纳入村集体经济收入统一管理",
  "实施村道拓宽工程，所需资金由上级补助和村集体自筹解决",
  "修订村规民约，增加移风易俗和垃圾分类条款",
  "将村部旧址改建为老年人日间照料中心",
  "对村集体鱼塘承包经营权进行公开竞价发包",
  "同意使用一事一议资金修建村内排水沟渠",
];
const noticeTopics = ["开展城乡居民养老保险缴费", "做好秋冬季森林防火工作", "集中整治乱搭乱建", "开展全国人口普查入户登记", "组织适龄青年参加兵役登记", "开展农村房屋安全隐患排查"];

export async function seedPostings(ctx: CityContext, places: CityPlaces, accounts: CityAccounts): Promise<void> {
  const { versions: totalVersions, places: placeCount } = postingCounts(ctx.options.size);
  const publishing = postingPlaces(places, placeCount);
  const budgets = spread(totalVersions, publishing.length);
  const { now, seed } = ctx.options;
  const clerkPlace = accounts.clerk.placeId;
  const latestMonth = (() => {
    const d = new Date(now.getTime() + 8 * 3_600_000);
    return d.getUTCFullYear() * 12 + d.getUTCMonth() - 1;
  })();
  const ids = { posting: 0, version: 0, step: 0 };

  const ctxRng = ctx.rng("postings");
  // A few places behind on their finances, two to four months; one in forty publishing late now and then.
  const behind = new Map(publishing.filter(() => ctxRng.chance(0.03)).map((p) => [p, ctxRng.int(2, 4)] as const));
  const late = new Set(publishing.filter(() => ctxRng.chance(0.025)));

  ctx.progress.start("村务公开版本", totalVersions, "个版本");

  /** One place's postings, newest month first, until its budget of versions is used up. */
  const plan = (place: CityPlace, budget: number, rng: Rng): Planned[] => {
    const village = place.level === "village";
    // The hotline's area code: 0595 in 泉州市, the place's own city's in the province.
    const { areaCode } = place.street.county.prefecture;
    const after = (period: Period, day: number) => new Date(Date.parse(`${period.end}T02:00:00Z`) + day * dayMs + rng.int(0, 7) * 3_600_000 + rng.int(0, 59) * 60_000);
    const planned: Planned[] = [];
    let used = 0;
    const add = (kind: PostingKindCode, period: Period, first: Omit<Version, "correctionReason" | "opinion">) => {
      if (used >= budget || first.publishedAt >= now) return;
      const versions: Version[] = [{ ...first, correctionReason: null, opinion: rng.pick(approve) }];
      const correctedAt = new Date(first.publishedAt.getTime() + rng.int(2, 6) * dayMs);
      if (rng.chance(0.03) && correctedAt < now && used + 2 <= budget) versions.push(correction(kind, versions[0]!, correctedAt, rng, areaCode));
      const withdrawnAt = new Date(first.publishedAt.getTime() + 2 * dayMs);
      const withdrawn = kind === "general_notice" && versions.length === 1 && rng.chance(0.01) && withdrawnAt < now ? { at: withdrawnAt, reason: "该事项已由镇政府统一公告，内容重复，予以撤回。" } : null;
      planned.push({ kind, period, versions, withdrawn });
      used += versions.length;
    };
    const skipFinance = behind.get(place) ?? 0;
    for (let m = latestMonth; used < budget; m--) {
      const month = monthPeriod(Math.floor(m / 12), (m % 12) + 1);
      const year = Math.floor(m / 12);
      if (latestMonth - m >= skipFinance) {
        const day = late.has(place) && rng.chance(0.25) ? rng.int(35, 45) : rng.int(5, 14);
        add("finance_monthly", month, { title: `${place.name}${month.label}财务收支公开`, body: `${month.label}集体财务收支情况如下，经民主理财小组审核。\n\n如有疑问，请于公开之日起 7 日内向${village ? "村" : "居"}务监督委员会反映。`, tableRows: ledger(rng), publishedAt: after(month, day) });
      }
      add("party_affairs", month, { title: `${place.name}党${village ? "支部" : "委"}${month.label}党务公开`, body: partyBody(rng), tableRows: null, publishedAt: after(month, rng.int(1, 10)) });
      if (m % 3 === 2) {
        const quarter = quarterPeriod(year, Math.floor((m % 12) / 3) + 1);
        add("general_notice", quarter, { title: `${place.name}${quarter.label}${village ? "村务" : "居务"}公开`, body: noticeBody(rng, quarter.label, areaCode), tableRows: null, publishedAt: after(quarter, rng.int(3, 12)) });
        add("subsistence_allowance", quarter, { title: `${place.name}${quarter.label}低保对象名单公示`, body: "以下对象经村（居）民代表评议、镇（街道）审核、民政部门审批，纳入最低生活保障。\n\n公示期 7 天，如有异议请向镇（街道）民政办反映。", tableRows: allowanceList(rng, place.code.slice(0, 6)), publishedAt: after(quarter, rng.int(3, 12)) });
        if (village) add("collective_assets", quarter, { title: `${place.name}${quarter.label}集体资产负债公开`, body: `截至${quarter.label}末，村集体资产负债情况如下。`, tableRows: assets(rng), publishedAt: after(quarter, rng.int(5, 15)) });
      }
      // Dated items: each falls on a day in the month.
      const dated = (kind: PostingKindCode, chance: number, make: (date: string, label: string) => Omit<Version, "correctionReason" | "opinion" | "publishedAt">) => {
        if (!rng.chance(chance)) return;
        const date = `${month.key}-${pad2(rng.int(1, Number(month.end.slice(8))))}`;
        const period: Period = { kind: "date", key: date, start: date, end: date, label: `${year}年${(m % 12) + 1}月${Number(date.slice(8))}日` };
        add(kind, period, { ...make(date, period.label), publishedAt: new Date(Date.parse(`${date}T02:00:00Z`) + rng.int(0, 6) * 3_600_000) });
      };
      dated("assembly_decision", 0.5, (_, label) => ({ title: `${place.name}${village ? "村民" : "居民"}代表会议决议（${label}）`, body: assemblyBody(rng), tableRows: null }));
      dated("general_notice", 0.6, () => ({ title: `${place.name}关于${rng.pick(noticeTopics)}的公告`, body: `请广大群众积极配合，相互转告。\n\n咨询电话：${areaCode}-2200` + String(rng.int(1000, 9999)), tableRows: null }));
      dated("relief", 0.2, () => ({ title: `${place.name}救灾救济款物发放公示`, body: "经村（居）民代表评议，以下对象领取救济款物。", tableRows: reliefList(rng, place.code.slice(0, 6)) }));
      if (village) dated("homestead", 0.3, (date) => ({ title: `${place.name}宅基地审批结果公示`, body: "以下农户宅基地申请已经镇政府审批，现予公示。", tableRows: homesteadList(rng, place.code.slice(0, 6), date) }));
      if (m < latestMonth - 12 * 40) throw new Error(`${place.name}: posting budget ${budget} not reached`);
    }
    return planned;
  };

  /** The COPY rows of one place: postings, versions in chain order with their hashes, and steps. */
  const build = (place: CityPlace, budget: number, out: { postings: Cell[][]; versions: Cell[][]; steps: Cell[][] }) => {
    const rng = ctx.rng(`postings/${place.code}`);
    const planned = plan(place, budget, rng);
    planned.sort((a, b) => a.versions[0]!.publishedAt.getTime() - b.versions[0]!.publishedAt.getTime());
    const postingIds = planned.map(() => ++ids.posting);
    const chain = planned.flatMap((p, i) => p.versions.map((v, n) => ({ p, postingId: postingIds[i]!, number: n + 1, v })));
    chain.sort((a, b) => a.v.publishedAt.getTime() - b.v.publishedAt.getTime() || a.postingId - b.postingId);
    const own = place.id === clerkPlace;
    const clerk = own ? { id: accounts.clerk.id, name: accounts.clerk.displayName } : { id: null, name: `${place.name}${place.level === "village" ? "村" : "居"}务公开员` };
    const reviewer = own ? { id: accounts.supervisor.id, name: accounts.supervisor.displayName } : { id: null, name: `${place.name}${place.level === "village" ? "村" : "居"}务监督委员会` };
    const heads = new Map<number, { id: number; hash: string; number: number }>();
    let previous = genesisHash;
    chain.forEach(({ p, postingId, number, v }, i) => {
      const versionId = ++ids.version;
      const kind = kindOf(p.kind);
      const salt = createHash("sha256").update(`city-seed/${seed}/${versionId}`).digest("hex");
      const contentHash = versionHash(
        {
          postingId, placeCode: place.code, category: kind.category, kind: p.kind, period: p.period.key, number,
          title: v.title, body: v.body, tableRows: v.tableRows, correctionReason: v.correctionReason, files: [],
          review: { name: reviewer.name, opinion: v.opinion, at: v.publishedAt }, publishedAt: v.publishedAt, salt,
        },
        previous,
      );
      const latest = number === p.versions.length;
      out.versions.push([
        versionId, postingId, place.id, number, latest ? "published" : "superseded", v.title, v.body, v.tableRows, v.correctionReason, clerk.id,
        new Date(v.publishedAt.getTime() - 2 * dayMs), v.publishedAt, new Date(v.publishedAt.getTime() - dayMs), v.publishedAt, reviewer.id, reviewer.name,
        v.opinion, v.publishedAt, i + 1, salt, contentHash, previous,
      ]);
      const base = [postingId, number] as const;
      out.steps.push(
        [++ids.step, ...base, new Date(v.publishedAt.getTime() - 2 * dayMs), number === 1 ? "draft" : "correct", clerk.id, clerk.name, v.correctionReason],
        [++ids.step, ...base, new Date(v.publishedAt.getTime() - dayMs), "submit", clerk.id, clerk.name, null],
        [++ids.step, ...base, v.publishedAt, "approve", reviewer.id, reviewer.name, v.opinion],
      );
      if (latest) heads.set(postingId, { id: versionId, hash: contentHash, number });
      previous = contentHash;
    });
    planned.forEach((p, i) => {
      const postingId = postingIds[i]!;
      const head = heads.get(postingId)!;
      const first = p.versions[0]!;
      const last = p.versions[p.versions.length - 1]!;
      const kind = kindOf(p.kind);
      if (p.withdrawn) out.steps.push([++ids.step, postingId, p.versions.length, p.withdrawn.at, "withdraw", clerk.id, clerk.name, p.withdrawn.reason]);
      out.postings.push([
        postingId, place.id, place.street.id, kind.category, p.kind, kind.retention, p.period.kind, p.period.key, p.period.start, p.period.end,
        p.withdrawn ? "withdrawn" : "published", maskSensitive(last.title), head.id, head.number, head.hash, first.publishedAt, last.publishedAt,
        p.withdrawn?.at ?? null, p.withdrawn?.reason ?? null, own ? accounts.clerk.id : null, new Date(first.publishedAt.getTime() - 2 * dayMs),
        p.withdrawn?.at ?? last.publishedAt, 3 * p.versions.length + (p.withdrawn ? 1 : 0),
      ]);
    });
  };

  const write = async (chunk: { postings: Cell[][]; versions: Cell[][]; steps: Cell[][] }) => {
    // Steps in the order they were taken would interleave postings; by posting is how they are read.
    await copyRows(ctx.sql, "postings", ["id", "place_id", "street_id", "category", "kind", "retention", "period_kind", "period", "period_start", "period_end", "status", "title", "current_version_id", "current_version", "current_hash", "first_published_at", "published_at", "withdrawn_at", "withdrawn_reason", "created_by", "created_at", "updated_at", "version"], chunk.postings);
    await copyRows(
      ctx.sql,
      "posting_versions",
      ["id", "posting_id", "place_id", "number", "state", "title", "body", "table_rows", "correction_reason", "created_by", "created_at", "updated_at", "submitted_at", "reviewed_at", "reviewed_by", "reviewer_name", "review_opinion", "published_at", "chain_seq", "salt", "content_hash", "previous_hash"],
      chunk.versions,
      (n) => ctx.progress.add(n),
    );
    await copyRows(ctx.sql, "posting_steps", ["id", "posting_id", "version_number", "at", "action", "actor_user_id", "actor_name", "opinion"], chunk.steps);
  };

  // Generate a chunk of places (yielding between places so the previous chunk's COPY keeps flowing), then write it.
  const chunkSize = 20;
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < publishing.length; start += chunkSize) {
    const chunk = { postings: [] as Cell[][], versions: [] as Cell[][], steps: [] as Cell[][] };
    for (let i = start; i < Math.min(publishing.length, start + chunkSize); i++) {
      build(publishing[i]!, budgets[i]!, chunk);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await writing;
    writing = write(chunk);
  }
  await writing;
  ctx.progress.finish();
}

function correction(kind: PostingKindCode, first: Version, at: Date, rng: Rng, areaCode: string): Version {
  const rows = first.tableRows?.map((r) => ({ ...r })) ?? null;
  let reason: string;
  let body = first.body;
  if (rows && rows.length && (kind === "finance_monthly" || kind === "collective_assets")) {
    const i = rng.int(0, rows.length - 1);
    const key = Object.keys(rows[i]!).find((k) => k !== "item" && rows[i]![k]) ?? "income";
    rows[i] = { ...rows[i]!, [key]: yuan(Number(rows[i]![key] || 0) + 1000) };
    reason = `第 ${i + 1} 行“${rows[i]!.item}”金额少录 1000 元，依据记账凭证更正。`;
  } else if (rows && rows.length && rows[0]!.name) {
    const i = rng.int(0, rows.length - 1);
    rows[i] = { ...rows[i]!, name: `${rows[i]!.name!.slice(0, 1)}秀英` };
    reason = `第 ${i + 1} 行姓名录入有误，依据户籍信息更正。`;
  } else {
    body = `${first.body}\n\n（更正：补充监督电话 ${areaCode}-22001234）`;
    reason = "原公告遗漏监督电话，予以补充。";
  }
  return { title: first.title, body, tableRows: rows, correctionReason: reason, publishedAt: at, opinion: correctionOpinion };
}

function ledger(rng: Rng): PostingTableRows {
  const rows: PostingTableRows = rng.shuffle(incomeItems).slice(0, rng.int(2, 4)).map((item) => ({ item, income: yuan(5000 + rng.next() * 45000), expense: "" }));
  for (const item of rng.shuffle(expenseItems).slice(0, rng.int(3, 6))) rows.push({ item, income: "", expense: yuan(800 + rng.next() * 15000) });
  return rows;
}

function assets(rng: Rng): PostingTableRows {
  return [
    { item: "货币资金", assets: yuan(100000 + rng.next() * 900000), liabilities: "" },
    { item: "应收款项", assets: yuan(rng.next() * 200000), liabilities: "" },
    { item: "固定资产", assets: yuan(1000000 + rng.next() * 5000000), liabilities: "" },
    { item: "应付款项", assets: "", liabilities: yuan(rng.next() * 300000) },
    { item: "长期借款", assets: "", liabilities: yuan(rng.next() * 500000) },
  ];
}

/** A valid 18-digit ID number of someone born in the county. */
function idNumber(rng: Rng, county: string): string {
  const first17 = `${county}${rng.int(1935, 2005)}${pad2(rng.int(1, 12))}${pad2(rng.int(1, 28))}${String(rng.int(0, 999)).padStart(3, "0")}`;
  return first17 + idCardCheckCharacter(first17);
}

function allowanceList(rng: Rng, county: string): PostingTableRows {
  return Array.from({ length: rng.int(3, 10) }, (_, i) => {
    const members = rng.int(1, 4);
    return { name: personName(rng), idNumber: idNumber(rng, county), members: String(members), amount: yuan(members * 830), note: i === 0 && rng.chance(0.3) ? `联系电话${mobile(rng)}` : rng.chance(0.15) ? "重病" : "" };
  });
}

function reliefList(rng: Rng, county: string): PostingTableRows {
  return Array.from({ length: rng.int(2, 8) }, () => ({ name: personName(rng), idNumber: idNumber(rng, county), item: rng.pick(["救济金", "大米 50 斤", "棉被 2 床", "临时救助金"]), amount: rng.chance(0.6) ? yuan(rng.int(5, 30) * 100) : "", note: "" }));
}

function homesteadList(rng: Rng, county: string, date: string): PostingTableRows {
  return Array.from({ length: rng.int(1, 4) }, () => ({ name: personName(rng), idNumber: idNumber(rng, county), location: `${rng.pick(["东片", "西片", "南片", "北片", "中心"])}${rng.int(1, 12)}组`, area: yuan(rng.int(80, 150)), approvedOn: date }));
}

function partyBody(rng: Rng): string {
  return [
    `1. 召开支部党员大会 ${rng.int(1, 2)} 次、支委会 ${rng.int(2, 4)} 次`,
    `2. 党费收缴 ${yuan(800 + rng.next() * 1200)} 元，已按规定上缴`,
    `3. 开展主题党日活动“${rng.pick(["我为群众办实事", "党员先锋岗", "清洁家园", "走访慰问困难党员", "学习党的创新理论"])}”`,
    rng.chance(0.2) ? `4. 确定入党积极分子 ${rng.int(1, 3)} 名` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function noticeBody(rng: Rng, label: string, areaCode: string): string {
  const items = rng.shuffle(noticeItems).slice(0, rng.int(3, 5));
  return `${label}主要事项如下：\n\n${items.map((i) => `- ${i}`).join("\n")}\n\n**监督电话**：${areaCode}-2200${rng.int(1000, 9999)}`;
}

function assemblyBody(rng: Rng): string {
  const due = rng.int(25, 45);
  const present = due - rng.int(0, 6);
  const against = rng.int(0, 2);
  const abstain = rng.int(0, 2);
  return `会议应到代表 ${due} 人，实到 ${present} 人。\n\n经表决，同意${rng.pick(assemblyTopics)}。\n\n表决结果：同意 ${present - against - abstain} 票，反对 ${against} 票，弃权 ${abstain} 票。`;
}
