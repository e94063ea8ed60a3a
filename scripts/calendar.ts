/**
 * npm run calendar — the day's work, for a scheduler (cron, a systemd timer) to
 * run once a day or more often: opens the campaign on last year on its day, puts
 * a closed campaign's non-filers to the registry, makes everybody's reminders
 * and sends the e-mails that wait. The app does the same on the first request of
 * each day (and sends mail as requests come); running both is harmless.
 */
import { runDay } from "../app/domain/inspections/calendar.server";
import { deliverMail } from "../app/domain/reminders/commands.server";
import { closeDb } from "../db/client.server";

try {
  const outcome = await runDay(new Date());
  const mail = await deliverMail(new Date(), 500);
  const lines = [
    outcome.opened === null ? "今日无需开启年检。" : `已开启 ${outcome.opened} 年度年检（默认截止日期）。`,
    ...outcome.proposed.map((p) => `${p.year} 年度年检已截止：${p.nonFilers} 个组织未报送，已提请登记管理机关审核是否列入活动异常名录。`),
    `新增提醒 ${outcome.reminders} 条；发送邮件 ${mail.sent} 封${mail.failed ? `，${mail.failed} 封发送失败，稍后重试` : ""}。`,
  ];
  console.log(lines.join("\n"));
} catch (error) {
  console.error("年检日历运行失败：", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
