/**
 * The demo's spot checks (双随机一公开), dated back from the day the demo loads: a
 * plan whose results were published, with a rectification verified as done;
 * and one in progress, some organizations checked, one rectification reported
 * and waiting for verification, another past its deadline unanswered (which the
 * registry is asked to list, 信用信息管理办法 art. 10(3)). Each draw is the real
 * one (drawChecks) from a seed, so the public pages' replay holds.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { checkItems, checkPlans, organizations, rectifications } from "../../db/schema";
import { drawChecks, sampleSize } from "../domain/spot-checks/draw";
import { checkableTypes } from "../domain/spot-checks/rules";
import { shanghaiDate } from "../domain/shared/time";

const inspectors = ["陈志明", "林晓燕", "黄建国", "吴丽华", "郑伟", "蔡淑芬", "许文斌", "王海燕"];

export async function seedSpotChecks(
  tx: Database,
  d: { officer: { id: number }; organizations: Array<typeof organizations.$inferSelect>; now: Date },
): Promise<void> {
  const day = 86_400_000;
  const ago = (n: number) => new Date(d.now.getTime() - n * day);
  const daysAgo = (n: number) => shanghaiDate(ago(n));
  const population = d.organizations
    .filter((o) => (checkableTypes as readonly string[]).includes(o.type) && (o.status === "normal" || o.status === "abnormal"))
    .map((o) => o.id)
    .sort((a, b) => a - b);
  const plan = async (p: { title: string; matters: string; sample: { kind: "share" | "count"; value: number }; createdDaysAgo: number; drawnDaysAgo: number; published?: { daysAgo: number; summary: string } }) => {
    const seed = createHash("sha256").update(`${p.title}:${daysAgo(p.drawnDaysAgo)}`).digest("hex").slice(0, 32);
    const count = sampleSize(p.sample, population.length);
    const drawn = drawChecks({ seed, population, count, inspectors, perCheck: 2 });
    const [row] = await tx
      .insert(checkPlans)
      .values({
        title: p.title,
        matters: p.matters,
        scope: { types: [...checkableTypes], streetIds: [] },
        sampleKind: p.sample.kind,
        sampleValue: p.sample.value,
        inspectors,
        perCheck: 2,
        createdBy: d.officer.id,
        createdAt: ago(p.createdDaysAgo),
        seed,
        population,
        drawnAt: ago(p.drawnDaysAgo),
        drawnBy: d.officer.id,
        publishedAt: p.published ? ago(p.published.daysAgo) : null,
        summary: p.published?.summary ?? null,
        version: p.published ? 3 : 2,
      })
      .returning();
    const items = await tx
      .insert(checkItems)
      .values(drawn.map((c, i) => ({ planId: row!.id, organizationId: c.organizationId, position: i + 1, inspectors: c.inspectors })))
      .returning();
    return items;
  };
  const record = async (item: typeof checkItems.$inferSelect, finding: "no_problem" | "problems", findings: string, checkedDaysAgo: number) => {
    await tx.update(checkItems).set({ finding, findings, checkedOn: daysAgo(checkedDaysAgo), recordedBy: d.officer.id, recordedAt: ago(checkedDaysAgo) }).where(eq(checkItems.id, item.id));
  };

  // Last spring's plan: checked, one rectification verified, results published.
  const earlier = await plan({
    title: `${daysAgo(200).slice(0, 4)} 年度社会组织双随机抽查（第一批）`,
    matters: "年度工作报告的真实性、财务管理制度执行情况、按照章程开展活动情况",
    sample: { kind: "count", value: 5 },
    createdDaysAgo: 205,
    drawnDaysAgo: 200,
    published: { daysAgo: 120, summary: "本批次随机抽取 5 个社会组织，4 个未发现问题；1 个存在财务票据管理不规范问题，已责令整改并经核实完成整改。" },
  });
  for (const [i, item] of earlier.entries()) {
    if (i === 1) {
      await record(item, "problems", "部分支出凭证缺少经办人签字，财务票据管理不规范。", 185);
      await tx.insert(rectifications).values({
        checkItemId: item.id,
        organizationId: item.organizationId,
        problem: "完善财务票据管理制度，补齐支出凭证的经办人和审批人签字。",
        deadline: daysAgo(155),
        orderedOn: daysAgo(185),
        orderedBy: d.officer.id,
        answer: "已修订财务管理制度，对全年支出凭证逐笔补签，并组织财务人员培训。",
        answeredOn: daysAgo(160),
        verdict: "done",
        verifiedOn: daysAgo(150),
        verifiedBy: d.officer.id,
        verificationNote: "经现场核查，支出凭证已补签，财务制度已修订，整改完成。",
        version: 3,
      });
    } else {
      await record(item, "no_problem", "年度工作报告与财务账册一致，按照章程开展活动，未发现问题。", 190 - i);
    }
  }

  // This autumn's plan, in progress.
  const current = await plan({
    title: `${daysAgo(50).slice(0, 4)} 年度社会组织双随机抽查（第二批）`,
    matters: "年度工作报告的真实性、内部治理（会员大会、理事会按期召开）、收费行为",
    sample: { kind: "share", value: 3 },
    createdDaysAgo: 55,
    drawnDaysAgo: 50,
  });
  for (const [i, item] of current.slice(0, 5).entries()) {
    if (i === 0 || i === 2) {
      await record(item, "problems", i === 0 ? "理事会未按章程每半年召开一次，会议记录不全。" : "向会员收取培训费未公示收费依据和标准。", 40 - i);
      await tx.insert(rectifications).values({
        checkItemId: item.id,
        organizationId: item.organizationId,
        problem: i === 0 ? "按章程按期召开理事会，补全会议记录并报送。" : "公示收费依据和标准，清退不合规收费。",
        deadline: i === 0 ? daysAgo(-10) : daysAgo(5),
        orderedOn: daysAgo(40 - i),
        orderedBy: d.officer.id,
        ...(i === 0 ? { answer: "已于本月召开理事会，补全两次会议记录，会议纪要已报送。", answeredOn: daysAgo(8), version: 2 } : {}),
      });
    } else {
      await record(item, "no_problem", "抽查事项未发现问题。", 38 - i);
    }
  }
}
