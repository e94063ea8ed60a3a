/**
 * Two years of village-affairs postings for the demo town's villages, dated
 * back from today so the compliance view always has something current: monthly
 * finances, quarterly notices, party affairs and subsistence-allowance lists
 * (with ID numbers the public pages mask), a few corrections, one withdrawal,
 * a few villages behind on their finances, and 大良村's clerk and supervisor
 * with a draft, a posting awaiting review and a returned one.
 */
import { sql } from "drizzle-orm";
import { genesisHash, newSalt, versionHash } from "../domain/postings/chain";
import { kindOf, monthPeriod, quarterPeriod, type Period, type PostingKindCode } from "../domain/postings/rules";
import { idCardCheckCharacter, maskSensitive } from "../domain/postings/sensitive-numbers";
import { shanghaiDate } from "../domain/shared/time";
import type { Database } from "../../db/client.server";
import { postings, postingSteps, postingVersions } from "../../db/schema";
import type { PostingTableRows } from "../../vocabulary";

interface Village {
  id: number;
  code: string;
  name: string;
}
interface Person {
  id: number;
  displayName: string;
}

interface PlannedVersion {
  title: string;
  body: string;
  tableRows: PostingTableRows | null;
  correctionReason: string | null;
  publishedAt: Date;
  opinion: string;
}
interface PlannedPosting {
  village: Village;
  kind: PostingKindCode;
  period: Period;
  versions: PlannedVersion[];
  withdrawn?: { at: Date; reason: string };
}

const names = "陈林黄王李张吴刘蔡郑许杨洪苏庄施曾谢周".split("");
const given = ["阿水", "秀兰", "金土", "美华", "永福", "淑女", "清泉", "玉珍", "天赐", "春花", "木生", "丽娟"];
const approve = "经村务监督委员会审核，内容真实，同意公开。";

/** A valid 18-digit ID number of someone born in the district. */
function idNumber(rand: () => number): string {
  const year = 1940 + Math.floor(rand() * 60);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const first17 = `350502${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(Math.floor(rand() * 1000)).padStart(3, "0")}`;
  return first17 + idCardCheckCharacter(first17);
}

const yuan = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

function ledger(rand: () => number): PostingTableRows {
  return [
    { item: "上级转移支付", income: yuan(30000 + rand() * 20000), expense: "" },
    { item: "集体厂房租赁收入", income: yuan(8000 + rand() * 12000), expense: "" },
    { item: "村干部误工补贴", income: "", expense: yuan(12000 + rand() * 4000) },
    { item: "办公及水电费", income: "", expense: yuan(1500 + rand() * 1500) },
    { item: "环境卫生保洁费", income: "", expense: yuan(4000 + rand() * 3000) },
    { item: "道路及水利设施维修", income: "", expense: yuan(rand() * 15000) },
  ];
}

function allowanceList(rand: () => number): PostingTableRows {
  const size = 4 + Math.floor(rand() * 4);
  return Array.from({ length: size }, (_, i) => {
    const members = 1 + Math.floor(rand() * 4);
    return {
      name: names[Math.floor(rand() * names.length)]! + given[Math.floor(rand() * given.length)]!,
      idNumber: idNumber(rand),
      members: String(members),
      amount: yuan(members * 830),
      note: i === 0 ? "联系电话13905951234" : i % 3 === 0 ? "重病" : "",
    };
  });
}

/** The instant `day` days into the month after `period` ends, at 10:00 Shanghai time. */
function after(period: Period, day: number): Date {
  const end = new Date(`${period.end}T02:00:00Z`);
  return new Date(end.getTime() + day * 86_400_000);
}

function plan(villages: Village[], now: Date, rand: () => number): PlannedPosting[] {
  const planned: PlannedPosting[] = [];
  const today = shanghaiDate(now);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months: Period[] = [];
  for (let back = 24; back >= 1; back--) {
    const index = y * 12 + (m - 1) - back;
    months.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  const quarters = [...new Map(months.map((p) => {
    const q = quarterPeriod(Number(p.key.slice(0, 4)), Math.ceil(Number(p.key.slice(5, 7)) / 3));
    return [q.key, q];
  })).values()];

  villages.forEach((village, vi) => {
    // The last villages fall behind on their finances: two, three and four months unpublished.
    const behind = vi >= villages.length - 3 ? vi - (villages.length - 3) + 2 : 0;
    months.forEach((month, mi) => {
      if (mi >= months.length - behind) return;
      // One village publishes late now and then (after the end of the following month).
      const day = vi === 5 && mi % 4 === 0 ? 40 : 5 + Math.floor(rand() * 10);
      const publishedAt = after(month, day);
      if (publishedAt >= now) return;
      planned.push({
        village,
        kind: "finance_monthly",
        period: month,
        versions: [{ title: `${village.name}${month.label}财务收支公开`, body: `${month.label}集体财务收支情况如下，经民主理财小组审核。\n\n如有疑问，请于公开之日起 7 日内向村务监督委员会反映。`, tableRows: ledger(rand), correctionReason: null, publishedAt, opinion: approve }],
      });
    });
    quarters.forEach((quarter, qi) => {
      const publishedAt = after(quarter, 3 + Math.floor(rand() * 10));
      if (publishedAt >= now) return;
      planned.push({
        village,
        kind: "general_notice",
        period: quarter,
        versions: [{
          title: `${village.name}${quarter.label}村务公开`,
          body: `${quarter.label}主要村务如下：\n\n- 完成农村人居环境整治，清理卫生死角\n- 组织村民代表会议 1 次\n- 开展防汛防台安全检查\n\n**监督电话**：村务监督委员会 0595-22001234`,
          tableRows: null, correctionReason: null, publishedAt, opinion: approve,
        }],
      });
      planned.push({
        village,
        kind: "party_affairs",
        period: quarter,
        versions: [{
          title: `${village.name}党支部${quarter.label}党务公开`,
          body: `1. 召开支部党员大会 ${1 + (qi % 3)} 次、支委会 3 次\n2. 党费收缴 ${(1200 + qi * 37).toFixed(2)} 元，已按规定上缴\n3. 开展主题党日活动“我为群众办实事”`,
          tableRows: null, correctionReason: null, publishedAt: new Date(publishedAt.getTime() + 3_600_000), opinion: approve,
        }],
      });
      if (vi < 8) {
        planned.push({
          village,
          kind: "subsistence_allowance",
          period: quarter,
          versions: [{
            title: `${village.name}${quarter.label}低保对象名单公示`,
            body: "以下对象经村民代表评议、镇政府审核、区民政局审批，纳入最低生活保障。\n\n公示期 7 天，如有异议请向镇民政办反映。",
            tableRows: allowanceList(rand), correctionReason: null, publishedAt: new Date(publishedAt.getTime() + 7_200_000), opinion: approve,
          }],
        });
      }
    });
    // A villagers' assembly decision each year.
    for (const quarter of quarters.filter((_, i) => i % 4 === 1)) {
      const date = quarter.start.replace(/-01$/, "-18");
      const publishedAt = new Date(`${date}T08:00:00Z`);
      if (publishedAt >= now) continue;
      planned.push({
        village,
        kind: "assembly_decision",
        period: { kind: "date", key: date, start: date, end: date, label: date },
        versions: [{
          title: `${village.name}村民代表会议决议`,
          body: `会议应到村民代表 35 人，实到 31 人。\n\n经表决，同意将村集体闲置厂房对外公开招租，租期 3 年，收益纳入村集体经济收入统一管理。\n\n表决结果：同意 29 票，反对 1 票，弃权 1 票。`,
          tableRows: null, correctionReason: null, publishedAt, opinion: approve,
        }],
      });
    }
  });

  // Corrections: a finance month whose expense was mistyped, and an allowance list with a name misspelled.
  const corrected = planned.filter((p) => p.kind === "finance_monthly" && p.village.id === villages[0]!.id).slice(-3, -2);
  const correctedList = planned.filter((p) => p.kind === "subsistence_allowance").slice(2, 3);
  for (const posting of [...corrected, ...correctedList]) {
    const first = posting.versions[0]!;
    const rows = first.tableRows!.map((r) => ({ ...r }));
    if (posting.kind === "finance_monthly") rows[5] = { ...rows[5]!, expense: yuan(Number(rows[5]!.expense) + 1000) };
    else rows[1] = { ...rows[1]!, name: `${rows[1]!.name!.slice(0, 1)}秀英` };
    posting.versions.push({
      ...first,
      tableRows: rows,
      correctionReason: posting.kind === "finance_monthly" ? "道路及水利设施维修支出少录 1000 元，依据记账凭证更正。" : "第 2 行保障对象姓名录入有误，依据户籍信息更正。",
      publishedAt: new Date(first.publishedAt.getTime() + 4 * 86_400_000),
      opinion: "经核对原始凭证，更正内容属实，同意公开更正版本。",
    });
  }
  // One notice withdrawn: it repeated the town's own notice.
  const withdrawn = planned.find((p) => p.kind === "general_notice" && p.village.id === villages[1]!.id);
  if (withdrawn) withdrawn.withdrawn = { at: new Date(withdrawn.versions[0]!.publishedAt.getTime() + 2 * 86_400_000), reason: "该事项已由镇政府统一公告，内容重复，予以撤回。" };
  return planned;
}

export async function seedPostings(
  tx: Database,
  d: { villages: Village[]; townId: number; clerk: Person; supervisor: Person; now: Date; rand: () => number },
) {
  // 大良村's work in hand first, so its postings are 1 (draft), 2 (awaiting review) and 3 (returned).
  await seedOpenWork(tx, d);
  const planned = plan(d.villages, d.now, d.rand);
  const inserted = await tx
    .insert(postings)
    .values(
      planned.map((p) => {
        const kind = kindOf(p.kind);
        const last = p.versions[p.versions.length - 1]!;
        return {
          placeId: p.village.id,
          streetId: d.townId,
          category: kind.category,
          kind: p.kind,
          retention: kind.retention,
          periodKind: p.period.kind,
          period: p.period.key,
          periodStart: p.period.start,
          periodEnd: p.period.end,
          status: p.withdrawn ? ("withdrawn" as const) : ("published" as const),
          title: maskSensitive(last.title),
          currentVersion: p.versions.length,
          firstPublishedAt: p.versions[0]!.publishedAt,
          publishedAt: last.publishedAt,
          withdrawnAt: p.withdrawn?.at ?? null,
          withdrawnReason: p.withdrawn?.reason ?? null,
          createdAt: new Date(p.versions[0]!.publishedAt.getTime() - 2 * 86_400_000),
          updatedAt: p.withdrawn?.at ?? last.publishedAt,
        };
      }),
    )
    .returning({ id: postings.id });

  // Each village's chain in order of publication.
  const versions = planned.flatMap((p, i) =>
    p.versions.map((v, n) => ({ posting: p, postingId: inserted[i]!.id, number: n + 1, latest: n === p.versions.length - 1, ...v })),
  );
  versions.sort((a, b) => a.posting.village.id - b.posting.village.id || a.publishedAt.getTime() - b.publishedAt.getTime() || a.postingId - b.postingId);
  let previous = genesisHash;
  let seq = 0;
  let village = -1;
  const rows = versions.map((v) => {
    if (v.posting.village.id !== village) {
      village = v.posting.village.id;
      previous = genesisHash;
      seq = 0;
    }
    const kind = kindOf(v.posting.kind);
    const own = v.posting.village.id === d.villages[0]!.id;
    const reviewerName = own ? d.supervisor.displayName : `${v.posting.village.name}村务监督委员会`;
    const salt = newSalt();
    const contentHash = versionHash(
      {
        postingId: v.postingId,
        placeCode: v.posting.village.code,
        category: kind.category,
        kind: v.posting.kind,
        period: v.posting.period.key,
        number: v.number,
        title: v.title,
        body: v.body,
        tableRows: v.tableRows,
        correctionReason: v.correctionReason,
        files: [],
        review: { name: reviewerName, opinion: v.opinion, at: v.publishedAt },
        publishedAt: v.publishedAt,
        salt,
      },
      previous,
    );
    const row = {
      postingId: v.postingId,
      placeId: v.posting.village.id,
      number: v.number,
      state: v.latest ? ("published" as const) : ("superseded" as const),
      title: v.title,
      body: v.body,
      tableRows: v.tableRows,
      correctionReason: v.correctionReason,
      createdBy: own ? d.clerk.id : null,
      createdAt: new Date(v.publishedAt.getTime() - 2 * 86_400_000),
      updatedAt: v.publishedAt,
      submittedAt: new Date(v.publishedAt.getTime() - 86_400_000),
      reviewedAt: v.publishedAt,
      reviewedBy: own ? d.supervisor.id : null,
      reviewerName,
      reviewOpinion: v.opinion,
      publishedAt: v.publishedAt,
      salt,
      chainSeq: ++seq,
      contentHash,
      previousHash: previous,
    };
    previous = contentHash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(postingVersions).values(rows.slice(i, i + 500));
  await tx.execute(sql`
    update postings p set current_version_id = v.id, current_hash = v.content_hash
    from posting_versions v where v.posting_id = p.id and v.number = p.current_version`);

  const steps = versions.flatMap((v) => {
    const own = v.posting.village.id === d.villages[0]!.id;
    const clerk = { actorUserId: own ? d.clerk.id : null, actorName: own ? d.clerk.displayName : `${v.posting.village.name}村务公开员` };
    const reviewer = { actorUserId: own ? d.supervisor.id : null, actorName: own ? d.supervisor.displayName : `${v.posting.village.name}村务监督委员会` };
    const base = { postingId: v.postingId, versionNumber: v.number };
    return [
      { ...base, ...clerk, at: new Date(v.publishedAt.getTime() - 2 * 86_400_000), action: v.number === 1 ? "draft" : "correct", opinion: v.correctionReason },
      { ...base, ...clerk, at: new Date(v.publishedAt.getTime() - 86_400_000), action: "submit", opinion: null },
      { ...base, ...reviewer, at: v.publishedAt, action: "approve", opinion: v.opinion },
    ];
  });
  for (const p of planned.filter((x) => x.withdrawn)) {
    const i = planned.indexOf(p);
    steps.push({ postingId: inserted[i]!.id, versionNumber: p.versions.length, actorUserId: null, actorName: `${p.village.name}村务公开员`, at: p.withdrawn!.at, action: "withdraw", opinion: p.withdrawn!.reason });
  }
  for (let i = 0; i < steps.length; i += 1000) await tx.insert(postingSteps).values(steps.slice(i, i + 1000));
}

/** 大良村's work in hand: a draft, a list awaiting the supervisor, and a notice returned with an opinion (the first village's; the city generator reuses it). */
export async function seedOpenWork(tx: Database, d: { villages: Village[]; townId: number; clerk: Person; supervisor: Person; now: Date; rand: () => number }) {
  const village = d.villages[0]!;
  const today = shanghaiDate(d.now);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const quarter = quarterPeriod(y, Math.ceil(m / 3));
  const at = (hoursAgo: number) => new Date(d.now.getTime() - hoursAgo * 3_600_000);
  const open: Array<{ kind: PostingKindCode; period: Period; title: string; body: string; tableRows: PostingTableRows | null; state: "draft" | "submitted" | "returned"; opinion?: string }> = [
    {
      kind: "relief",
      period: { kind: "date", key: today, start: today, end: today, label: today },
      title: `${village.name}台风受灾群众救济款发放公示`,
      body: "受台风影响，经村民代表会议评议，以下受灾户领取救济款。",
      tableRows: [{ name: "陈金土", idNumber: idNumber(d.rand), item: "救济金", amount: "2000.00", note: "" }],
      state: "draft",
    },
    {
      kind: "subsistence_allowance",
      period: quarter,
      title: `${village.name}${quarter.label}低保对象名单公示`,
      body: "以下对象经村民代表评议、镇政府审核、区民政局审批，纳入最低生活保障。\n\n公示期 7 天。",
      tableRows: allowanceList(d.rand),
      state: "submitted",
    },
    {
      kind: "general_notice",
      period: quarter,
      title: `${village.name}村级公益事业建设项目公示`,
      body: "村道硬化工程已完工，总投资 36 万元。",
      tableRows: null,
      state: "returned",
      opinion: "请补充资金来源和施工单位，附上验收照片后重新提交。",
    },
  ];
  for (const [i, item] of open.entries()) {
    const kind = kindOf(item.kind);
    const created = at(72 - i * 10);
    const [posting] = await tx
      .insert(postings)
      .values({
        placeId: village.id, streetId: d.townId, category: kind.category, kind: item.kind, retention: kind.retention,
        periodKind: item.period.kind, period: item.period.key, periodStart: item.period.start, periodEnd: item.period.end,
        title: item.title, createdBy: d.clerk.id, createdAt: created, updatedAt: created,
      })
      .returning({ id: postings.id });
    const submitted = item.state === "draft" ? null : at(48 - i * 10);
    const reviewed = item.state === "returned" ? at(24) : null;
    await tx.insert(postingVersions).values({
      postingId: posting!.id, placeId: village.id, number: 1, state: item.state, title: item.title, body: item.body, tableRows: item.tableRows,
      createdBy: d.clerk.id, createdAt: created, updatedAt: reviewed ?? submitted ?? created, submittedAt: submitted,
      reviewedAt: reviewed, reviewedBy: reviewed ? d.supervisor.id : null, reviewerName: reviewed ? d.supervisor.displayName : null, reviewOpinion: item.opinion ?? null,
    });
    const clerk = { actorUserId: d.clerk.id, actorName: d.clerk.displayName };
    await tx.insert(postingSteps).values([
      { postingId: posting!.id, versionNumber: 1, at: created, action: "draft", ...clerk },
      ...(submitted ? [{ postingId: posting!.id, versionNumber: 1, at: submitted, action: "submit", ...clerk }] : []),
      ...(reviewed ? [{ postingId: posting!.id, versionNumber: 1, at: reviewed, action: "return", opinion: item.opinion, actorUserId: d.supervisor.id, actorName: d.supervisor.displayName }] : []),
    ]);
  }
}
