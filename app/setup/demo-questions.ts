/**
 * The demo's villagers' questions, dated back from the day the demo loads: on
 * 大良村's postings one answered by the clerk and the committee, one answered by
 * the clerk, one waiting, one unanswered past the ten days (flagged to the
 * town) and one hidden as an advertisement; on a neighbouring village one
 * answered late and one overdue.
 */
import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { postingQuestions, postings } from "../../db/schema";

interface Person {
  id: number;
  displayName: string;
}

export async function seedQuestions(tx: Database, d: { villages: Array<{ id: number; name: string }>; clerk: Person; supervisor: Person; now: Date }): Promise<void> {
  const at = (daysAgo: number, hour = 10) => new Date(d.now.getTime() - daysAgo * 86_400_000 + (hour - 12) * 3_600_000);
  // Postings published well before the oldest question, oldest first.
  const publishedBefore = async (placeId: number) =>
    tx
      .select({ id: postings.id })
      .from(postings)
      .where(and(eq(postings.placeId, placeId), eq(postings.status, "published"), lt(postings.firstPublishedAt, at(60))))
      .orderBy(asc(postings.firstPublishedAt), asc(postings.id))
      .limit(6);
  const [own, neighbour] = d.villages;
  if (!own || !neighbour) return;
  const ownPostings = await publishedBefore(own.id);
  const neighbourPostings = await publishedBefore(neighbour.id);
  if (ownPostings.length < 3 || neighbourPostings.length < 1) return;
  const clerk = (daysAgo: number) => ({ answeredAt: at(daysAgo, 15), answeredBy: d.clerk.id, answererName: d.clerk.displayName });
  const village = (posting: { id: number }, placeId: number) => ({ postingId: posting.id, placeId });
  const demoAddress = (n: number) => `demo-${n}`.padEnd(64, "0");
  await tx.insert(postingQuestions).values([
    {
      ...village(ownPostings[0]!, own.id),
      askerName: "陈秀英",
      askerVillage: `${own.name}第三村民小组`,
      question: "公开的水利维修费用比去年多了一倍，请问具体修了哪几段沟渠，由哪家施工，是否经过村民代表会议表决？",
      askedAt: at(40),
      addressKey: demoAddress(1),
      ...clerk(36),
      answer: "今年维修了东片灌溉渠 1.2 公里和两处涵闸，由镇农水站推荐的施工队施工，合同和验收单已在村委会公开栏张贴；该事项经 8 月村民代表会议表决通过，会议记录可到村委会查阅。",
      committeeAnswer: "监督委员会已核对合同、验收单和付款凭证，金额一致，施工已验收。",
      committeeAnsweredAt: at(35, 16),
      committeeAnsweredBy: d.supervisor.id,
      committeeAnswererName: d.supervisor.displayName,
      version: 3,
    },
    {
      ...village(ownPostings[1]!, own.id),
      askerName: "林国华",
      askerVillage: `${own.name}第一村民小组`,
      question: "低保名单中第五户家里去年新建了房子，是否符合低保条件？希望说明评议过程。",
      askedAt: at(20),
      addressKey: demoAddress(2),
      ...clerk(13),
      answer: "该户新建房屋为危房改造补助项目，家庭收入仍低于当地低保标准，经村民代表评议、镇政府审核后纳入。评议记录已报镇民政办备查。",
      version: 2,
    },
    {
      ...village(ownPostings[2]!, own.id),
      askerName: "黄志明",
      askerVillage: own.name,
      question: "集体土地租金收入一栏没有写明承租人和租期，请补充说明。",
      askedAt: at(3),
      addressKey: demoAddress(3),
    },
    {
      ...village(ownPostings[0]!, own.id),
      askerName: "郑美玲",
      askerVillage: `${own.name}第二村民小组`,
      question: "村道路灯电费每月都有支出，但二组路段的路灯已经坏了半年，请问电费是怎么计算的？",
      askedAt: at(14),
      addressKey: demoAddress(4),
    },
    {
      ...village(ownPostings[1]!, own.id),
      askerName: "推广",
      askerVillage: "某某公司",
      question: "专业代办各类补贴申领，快速到账，详情请加微信咨询。",
      askedAt: at(9),
      addressKey: demoAddress(5),
      hiddenAt: at(8),
      hiddenBy: d.supervisor.id,
      hiddenReason: "广告内容，与公开事项无关",
      version: 2,
    },
    {
      ...village(neighbourPostings[0]!, neighbour.id),
      askerName: "吴建新",
      askerVillage: neighbour.name,
      question: "财务公开中的“其他支出”金额较大，请列明用途。",
      askedAt: at(30),
      addressKey: demoAddress(6),
      answeredAt: at(15, 11),
      answeredBy: null,
      answererName: `${neighbour.name}村务公开员`,
      answer: "其他支出为村卫生室设备购置费用，发票和验收记录已补充张贴。",
      version: 2,
    },
    {
      ...village(neighbourPostings[0]!, neighbour.id),
      askerName: "许丽华",
      askerVillage: neighbour.name,
      question: "村里的公益性岗位是怎么确定人选的？公开中没有看到名单。",
      askedAt: at(16),
      addressKey: demoAddress(7),
    },
  ]);
}
