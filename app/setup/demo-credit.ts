/**
 * The demo's credit information: two penalty decisions of the district registry,
 * dated back from the day the demo loads, each with its decision document.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../db/client.server";
import { organizations, penalties } from "../../db/schema";
import { shanghaiDate } from "../domain/shared/time";

/** A one-page PDF standing in for the scanned decision. */
const decisionPdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

export async function seedPenalties(
  tx: Database,
  d: { officer: { id: number }; organizations: Array<typeof organizations.$inferSelect>; now: Date },
): Promise<void> {
  const daysAgo = (n: number) => shanghaiDate(new Date(d.now.getTime() - n * 86_400_000));
  const last = (type: "social_group" | "private_non_enterprise", status: "normal" | "abnormal") =>
    d.organizations.filter((o) => o.type === type && o.status === status).sort((a, b) => b.id - a.id)[0];
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
  const rows: Array<typeof penalties.$inferInsert> = [];
  if (fined) {
    const decidedOn = daysAgo(120);
    rows.push({
      organizationId: fined.id,
      kind: "fine",
      amountFen: 2_000_000,
      facts: "超出登记的业务范围开展营利性培训活动，经责令改正后仍未改正。",
      legalBasis: "《民办非企业单位登记管理暂行条例》第二十五条第一款第（二）项",
      decisionNumber: `鲤民罚决字〔${year(decidedOn)}〕2号`,
      decidedOn,
      authority: "鲤城区民政局",
      ...file,
    });
  }
  if (warned) {
    const decidedOn = daysAgo(60);
    rows.push({
      organizationId: warned.id,
      kind: "warning",
      facts: "法定代表人变更后未按规定办理变更登记。",
      legalBasis: "《社会团体登记管理条例》第三十条第一款第（六）项",
      decisionNumber: `鲤民罚决字〔${year(decidedOn)}〕5号`,
      decidedOn,
      authority: "鲤城区民政局",
      ...file,
    });
  }
  if (rows.length) await tx.insert(penalties).values(rows);
}
