/**
 * The demo's other credit information and objections, dated back from the day
 * the demo loads: awards and government service contracts on organizations
 * graded in the last evaluation (one award withdrawn as entered in error), and
 * objections in each state — one waiting within its 30 days, one past them,
 * one upheld and corrected, one not upheld (on the demo association's own
 * record, so its page shows the registry's answer).
 */
import type { Database } from "../../db/client.server";
import { creditObjections, organizations, otherCreditItems } from "../../db/schema";
import { shippedHolidays } from "../domain/applications/periods";
import { answerDueOn, correctionDueOn } from "../domain/objections/rules";
import { shanghaiDate } from "../domain/shared/time";

export async function seedOtherCredit(
  tx: Database,
  d: { officer: { id: number }; organizations: Array<typeof organizations.$inferSelect>; association: number; now: Date },
): Promise<void> {
  const day = (n: number) => shanghaiDate(new Date(d.now.getTime() - n * 86_400_000));
  const at = (n: number) => new Date(d.now.getTime() - n * 86_400_000);
  const year = (n: number) => day(n).slice(0, 4);
  const registered = d.organizations.filter((o) => o.type !== "community" && o.status === "normal" && o.id !== d.association).sort((a, b) => a.id - b.id);
  const [first, second, third] = registered;
  if (!first || !second || !third) return;
  const recorded = { recordedBy: d.officer.id };
  await tx.insert(otherCreditItems).values([
    { organizationId: first.id, kind: "award", title: "全区先进社会组织", grantor: "鲤城区民政局", decidedOn: day(200), documentNumber: `鲤民〔${year(200)}〕36号`, ...recorded, recordedAt: at(198) },
    { organizationId: first.id, kind: "service_contract", title: "社区居家养老服务项目", grantor: "开元街道办事处", decidedOn: day(120), documentNumber: `KY-ZFGM-${year(120)}-007`, amountFen: 18_600_000, periodUntil: day(-245), ...recorded, recordedAt: at(118) },
    { organizationId: second.id, kind: "service_contract", title: "青少年课后托管服务", grantor: "鲤城区教育局", decidedOn: day(400), documentNumber: `LCJY-${year(400)}-021`, amountFen: 9_850_000, periodUntil: day(35), ...recorded, recordedAt: at(398) },
    { organizationId: third.id, kind: "award", title: "泉州市优秀志愿服务组织", grantor: "泉州市民政局", decidedOn: day(90), documentNumber: `泉民〔${year(90)}〕112号`, ...recorded, recordedAt: at(88) },
    {
      organizationId: second.id,
      kind: "award",
      title: "全区社区服务示范单位",
      grantor: "鲤城区民政局",
      decidedOn: day(300),
      ...recorded,
      recordedAt: at(298),
      withdrawnAt: at(290),
      withdrawnBy: d.officer.id,
      withdrawalReason: "表彰名单中的获奖单位为同名的另一组织，录入有误，予以撤回。",
      version: 2,
    },
  ]);

  // The demo's holiday table is the shipped one; the due dates as filing and upholding fixed them.
  const filed = (n: number) => ({ filedOn: day(n), filedAt: at(n), answerDueOn: answerDueOn(day(n), shippedHolidays) });
  await tx.insert(creditObjections).values([
    {
      organizationId: second.id,
      part: "other",
      subject: "全区社区服务示范单位",
      statement: "本单位未获得该表彰，公示的表彰信息与本单位无关，请予核实。",
      requested: "删除该条表彰信息",
      ...filed(296),
      state: "corrected",
      answer: "经核对表彰文件，获奖单位为同名的另一组织，异议成立。",
      answeredOn: day(292),
      answeredBy: d.officer.id,
      correctionDueOn: correctionDueOn(day(292), shippedHolidays),
      correction: "已撤回该条表彰信息，公开信用信息中不再显示。",
      correctedOn: day(290),
      correctedBy: d.officer.id,
      version: 3,
    },
    {
      organizationId: d.association,
      part: "inspection",
      subject: `${year(400)} 年度年检结论`,
      statement: "本单位按时报送了年度工作报告，年检结论不应为基本合格。",
      requested: "年检结论更正为合格",
      ...filed(150),
      state: "dismissed",
      answer: "经核查，该年度财务报告未附审计报告，经限期补正后方予通过，结论为基本合格符合规定，异议不成立。",
      answeredOn: day(135),
      answeredBy: d.officer.id,
      version: 2,
    },
    {
      organizationId: third.id,
      part: "basic",
      subject: "住所",
      statement: "本单位已于上月迁入新址并办理了变更登记，公示的住所仍为旧址。",
      requested: "住所更正为变更登记后的新址",
      ...filed(6),
    },
    {
      organizationId: first.id,
      part: "annual_report",
      subject: `${year(400)} 年度工作报告`,
      statement: "公示的年末净资产比本单位报送的数字少了一个数量级，疑为录入错误。",
      requested: "按本单位报送的年度工作报告更正年末净资产",
      ...filed(40),
    },
  ]);
}
