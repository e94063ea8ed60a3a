/**
 * npm run calendar — the registry calendar's work for today, for a scheduler
 * (cron, a systemd timer) to run once a day: opens the campaign on last year on
 * its day and puts a closed campaign's non-filers to the registry. The app does
 * the same on the first request of each day; running both is harmless.
 */
import { runCalendar } from "../app/domain/inspections/calendar.server";
import { closeDb } from "../db/client.server";

try {
  const outcome = await runCalendar(new Date());
  const lines = [
    outcome.opened === null ? "今日无需开启年检。" : `已开启 ${outcome.opened} 年度年检（默认截止日期）。`,
    ...outcome.proposed.map((p) => `${p.year} 年度年检已截止：${p.nonFilers} 个组织未报送，已提请登记管理机关审核是否列入活动异常名录。`),
  ];
  console.log(lines.join("\n"));
} catch (error) {
  console.error("年检日历运行失败：", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
