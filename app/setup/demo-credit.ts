/**
 * The demo's credit information, dated back from the day the demo loads: the
 * district registry's penalty decisions with their documents, and the credit
 * lists they and the registry's other records led to — a fine and a ground by
 * hand in force on the 活动异常名录, a warning's listing removed after six
 * months, a large fine on the 严重违法失信名单, two registered letters returned
 * unsigned and a warning still waiting for the officer to confirm.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { abnormalListings, contactLetters, organizationChanges, organizations, penalties, seriousListings } from "../../db/schema";
import { abnormalRemovalKindLabels, abnormalTriggerLabels, seriousTriggerLabels } from "../domain/credit/listings";
import { addMonths, shanghaiDate, startOfShanghaiDay } from "../domain/shared/time";

/** A one-page PDF standing in for the scanned decision. */
const decisionPdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

export async function seedPenalties(
  tx: Database,
  d: {
    officer: { id: number };
    organizations: Array<typeof organizations.$inferSelect>;
    /** The demo association's own organization stays in good standing: its account's walk-throughs start there. */
    association: number;
    now: Date;
  },
): Promise<void> {
  const daysAgo = (n: number) => shanghaiDate(new Date(d.now.getTime() - n * 86_400_000));
  const latest = (type: "social_group" | "private_non_enterprise", status: "normal" | "abnormal") =>
    d.organizations.filter((o) => o.type === type && o.status === status && o.id !== d.association).sort((a, b) => b.id - a.id);
  const last = (type: "social_group" | "private_non_enterprise", status: "normal" | "abnormal") => latest(type, status)[0];
  const fined = last("private_non_enterprise", "normal");
  const warned = last("social_group", "abnormal");
  const year = (day: string) => day.slice(0, 4);
  const file = {
    fileName: "行政处罚决定书.pdf",
    contentType: "application/pdf",
    size: decisionPdf.length,
    sha256: createHash("sha256").update(decisionPdf).digest("hex"),
    content: decisionPdf,
    recordedBy: d.officer.id,
    recordedAt: d.now,
  };
  const [removedAfterSixMonths, noPartyOrg, letters] = latest("social_group", "normal");
  const largeFine = latest("private_non_enterprise", "normal")[1];
  const decision = (org: (typeof d.organizations)[number] | undefined, number: number, decidedDaysAgo: number, p: Pick<typeof penalties.$inferInsert, "kind" | "amountFen" | "facts" | "legalBasis">) => {
    if (!org) return [];
    const decidedOn = daysAgo(decidedDaysAgo);
    return [{ organizationId: org.id, ...p, decisionNumber: `鲤民罚决字〔${year(decidedOn)}〕${number}号`, decidedOn, authority: "鲤城区民政局", ...file }];
  };
  const socialGroupArticle = "《社会团体登记管理条例》第三十条第一款第（六）项";
  const rows: Array<typeof penalties.$inferInsert> = [
    ...decision(fined, 2, 120, { kind: "fine", amountFen: 2_000_000, facts: "超出登记的业务范围开展营利性培训活动，经责令改正后仍未改正。", legalBasis: "《民办非企业单位登记管理暂行条例》第二十五条第一款第（二）项" }),
    ...decision(warned, 5, 60, { kind: "warning", facts: "法定代表人变更后未按规定办理变更登记。", legalBasis: socialGroupArticle }),
    ...decision(removedAfterSixMonths, 1, 330, { kind: "warning", facts: "未按规定将年度财务会计报告报送业务主管单位审查。", legalBasis: socialGroupArticle }),
    ...decision(largeFine, 4, 200, { kind: "fine", amountFen: 8_000_000, facts: "违反规定收取费用、筹集资金，数额较大，经责令改正后仍未改正。", legalBasis: "《民办非企业单位登记管理暂行条例》第二十五条第一款第（四）项" }),
  ];
  const decided = rows.length ? await tx.insert(penalties).values(rows).returning() : [];
  const penaltyOf = (organizationId: number | undefined) => decided.find((p) => p.organizationId === organizationId);
  const evidenceOf = (p: (typeof decided)[number]) => `行政处罚决定书 ${p.decisionNumber}（${p.decidedOn}）`;

  // On the register and in its history as a listing made and removed by the officer.
  const statusChange = async (org: typeof organizations.$inferSelect, on: string, after: "abnormal" | "normal", reason: string) => {
    await tx.insert(organizationChanges).values({
      organizationId: org.id,
      at: new Date(startOfShanghaiDay(on).getTime() + 10 * 3_600_000),
      kind: "status",
      changes: [{ field: "status", before: after === "abnormal" ? "normal" : "abnormal", after }],
      reason: `${after === "abnormal" ? "列入" : "移出"}活动异常名录：${reason}`,
      actorUserId: d.officer.id,
      actorName: "鲤城区民政局",
    });
    if (after === "abnormal") await tx.update(organizations).set({ status: "abnormal", statusSince: on, statusReason: reason }).where(eq(organizations.id, org.id));
  };

  const finedPenalty = penaltyOf(fined?.id);
  if (fined && finedPenalty) {
    const listedOn = daysAgo(115);
    await tx.insert(abnormalListings).values({ organizationId: fined.id, listedOn, trigger: "penalty", reason: abnormalTriggerLabels.penalty, evidence: evidenceOf(finedPenalty), sourceKey: `penalty:${finedPenalty.id}`, penaltyId: finedPenalty.id, listedBy: d.officer.id });
    await statusChange(fined, listedOn, "abnormal", abnormalTriggerLabels.penalty);
  }
  const warning = penaltyOf(removedAfterSixMonths?.id);
  if (removedAfterSixMonths && warning) {
    const listedOn = daysAgo(325);
    const removedOn = addMonths(listedOn, 6);
    await tx.insert(abnormalListings).values({
      organizationId: removedAfterSixMonths.id,
      listedOn,
      trigger: "penalty",
      reason: abnormalTriggerLabels.penalty,
      evidence: evidenceOf(warning),
      sourceKey: `penalty:${warning.id}`,
      penaltyId: warning.id,
      listedBy: d.officer.id,
      removedOn,
      removalKind: "six_months",
      removalReason: abnormalRemovalKindLabels.six_months,
    });
    await statusChange(removedAfterSixMonths, listedOn, "abnormal", abnormalTriggerLabels.penalty);
    await statusChange(removedAfterSixMonths, removedOn, "normal", abnormalRemovalKindLabels.six_months);
    await tx.update(organizations).set({ status: "normal", statusSince: removedOn, statusReason: null }).where(eq(organizations.id, removedAfterSixMonths.id));
  }
  const fine = penaltyOf(largeFine?.id);
  if (largeFine && fine) {
    await tx.insert(seriousListings).values({ organizationId: largeFine.id, listedOn: daysAgo(195), trigger: "large_fine", reason: seriousTriggerLabels.large_fine, evidence: evidenceOf(fine), sourceKey: `penalty:${fine.id}`, penaltyId: fine.id, listedBy: d.officer.id });
  }
  if (noPartyOrg) {
    const listedOn = daysAgo(90);
    await tx.insert(abnormalListings).values({
      organizationId: noPartyOrg.id,
      listedOn,
      trigger: "no_party_org",
      reason: abnormalTriggerLabels.no_party_org,
      evidence: "有正式党员 4 名，经街道党工委两次书面督促，至今未按规定成立党组织。",
      listedBy: d.officer.id,
    });
    await statusChange(noPartyOrg, listedOn, "abnormal", abnormalTriggerLabels.no_party_org);
  }
  // Two letters to the registered address came back unsigned: the proposal waits for the officer.
  if (letters?.address) {
    const letter = (sent: number, back: number, n: number) => ({
      organizationId: letters.id,
      address: letters.address!,
      sentOn: daysAgo(sent),
      trackingNumber: `XA${String(letters.id).padStart(4, "0")}${n}CN`,
      returnedOn: daysAgo(back),
      recordedBy: d.officer.id,
      recordedAt: d.now,
    });
    await tx.insert(contactLetters).values([letter(70, 62, 1), letter(40, 33, 2)]);
  }
}
