/**
 * npm run postings:verify — recomputes every village's chain of published
 * postings from what is stored (content, files' bytes, links) and names each
 * version that no longer matches its hash. Exit code 1 when any does.
 */
import { verifyPostingChains } from "../app/domain/postings/chain-check.server";
import { closeDb, databaseKind } from "../db/client.server";

try {
  const report = await verifyPostingChains();
  const where = databaseKind() === "postgres" ? "PostgreSQL" : "嵌入式 PGlite";
  if (report.problems.length === 0) {
    console.log(`村务公开完整性校验通过（${where}）：${report.places} 个村（社区），${report.versions} 个已公开版本，哈希链完整。`);
  } else {
    console.error(`村务公开完整性校验发现 ${report.problems.length} 处问题（${where}，共校验 ${report.versions} 个版本）：`);
    for (const p of report.problems) {
      console.error(`- ${p.placeName}（${p.placeCode}）公开事项 #${p.postingId} 第 ${p.number} 版（版本记录 ${p.versionId}）：${p.message}`);
    }
    process.exitCode = 1;
  }
} catch (error) {
  console.error("校验失败：", error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await closeDb();
}
