import { describe, expect, test } from "vitest";
import { applicationReminders, postingReminders, preliminaryReminders, reminderMail, reportReminders, reviewReminder } from "../../app/domain/reminders/rules";
import { holidays2026, shippedHolidays } from "../../app/domain/applications/periods";

const campaign = {
  year: 2025,
  supervisingDeadline: "2026-03-31",
  registryDeadline: "2026-05-31",
  unitName: null,
  state: null,
  returnedAt: null,
  returnReason: null,
  conclusion: null,
  conclusionNote: null,
  published: false,
} as const;

describe("an association's annual report (社会团体登记管理条例 art. 28: registered directly, by the registry's date)", () => {
  const keys = (today: string, c: Partial<Parameters<typeof reportReminders>[0]> = {}) => reportReminders({ ...campaign, ...c }, today).map((r) => r.key);
  test("nothing until 30 days before; then the nearest of 30, 7 and 1 days reached", () => {
    expect(keys("2026-04-30")).toEqual([]);
    expect(keys("2026-05-01")).toEqual(["inspection:2025:due-30"]);
    expect(keys("2026-05-23")).toEqual(["inspection:2025:due-30"]);
    expect(keys("2026-05-24")).toEqual(["inspection:2025:due-7"]);
    expect(keys("2026-05-30")).toEqual(["inspection:2025:due-1"]);
    expect(keys("2026-05-31")).toEqual(["inspection:2025:due-1"]);
    expect(keys("2026-06-01")).toEqual(["inspection:2025:overdue"]);
  });
  test("a draft is still due; a filed report is not", () => {
    expect(keys("2026-05-24", { state: "draft" })).toEqual(["inspection:2025:due-7"]);
    expect(keys("2026-06-10", { state: "submitted" })).toEqual([]);
  });
  test("each return once, with its reason; the corrections of a published 基本合格", () => {
    const returned = reportReminders({ ...campaign, state: "returned", returnedAt: "2026-04-02T03:00:00.000Z", returnReason: "未附审计报告" }, "2026-04-03");
    expect(returned).toEqual([expect.objectContaining({ key: "inspection:2025:returned:2026-04-02T03:00:00.000Z", body: "退回理由：未附审计报告。请修改后重新报送。" })]);
    expect(keys("2026-07-01", { state: "concluded", conclusion: "basic_pass", conclusionNote: "补齐会议记录" })).toEqual([]);
    const corrections = reportReminders({ ...campaign, state: "concluded", conclusion: "basic_pass", conclusionNote: "补齐会议记录", published: true }, "2026-07-01");
    expect(corrections.map((r) => [r.key, r.body])).toEqual([["inspection:2025:corrections", "需要整改的事项：补齐会议记录"]]);
    expect(keys("2026-07-01", { state: "concluded", conclusion: "pass", published: true })).toEqual([]);
  });
});

describe("with a 业务主管单位 (社会团体登记管理条例 art. 28, 民办非企业单位登记管理暂行条例 art. 23: to the unit by 31 March)", () => {
  const supervised = { ...campaign, unitName: "鲤城区教育局" };
  const keys = (today: string) => reportReminders(supervised, today).map((r) => r.key);
  test("the reminders count to the unit's date, and say to whom the report goes", () => {
    expect(keys("2026-02-28")).toEqual([]);
    expect(keys("2026-03-01")).toEqual(["inspection:2025:due-30"]);
    expect(keys("2026-03-31")).toEqual(["inspection:2025:due-1"]);
    expect(reportReminders(supervised, "2026-03-24")[0]).toMatchObject({ dueOn: "2026-03-31", body: "请于 2026年3月31日 前填报 2025 年度工作报告（2025 年度年检）并报送业务主管单位（鲤城区教育局）初审。" });
    const overdue = reportReminders(supervised, "2026-04-01");
    expect(overdue.map((r) => r.key)).toEqual(["inspection:2025:overdue"]);
    expect(overdue[0]!.body).toContain("登记管理机关的截止日期为 2026年5月31日");
  });
  test("the unit is reminded of a filing waiting for its 初审 once, and once more past its deadline", () => {
    const filing = { reportId: 7, year: 2025, organizationName: "鲤城区书法家协会", submittedOn: "2026-03-02" };
    expect(preliminaryReminders(filing, "2026-03-31", "2026-03-05")).toEqual([
      expect.objectContaining({ key: "preliminary:7:2026-03-02", title: "鲤城区书法家协会的 2025 年度工作报告待本单位初审", link: "/unit/inspections/2025/reports/7" }),
    ]);
    expect(preliminaryReminders(filing, "2026-03-31", "2026-03-31").map((r) => r.key)).toEqual(["preliminary:7:2026-03-02"]);
    expect(preliminaryReminders(filing, "2026-03-31", "2026-04-01").map((r) => r.key)).toEqual(["preliminary:7:2026-03-02", "preliminary:7:2026-03-02:late"]);
  });
});

describe("an officer's applications", () => {
  test("waiting for 受理 past 3 working days (行政许可法 art. 82), once per submission: weekends left out", () => {
    // 2026-12-04 is a Friday: its 3rd working day after is Wednesday the 9th.
    const a = { id: 7, title: "鲤城区南音协会", state: "submitted", submittedOn: "2026-12-04", dueOn: null };
    expect(applicationReminders(a, "2026-12-09", shippedHolidays)).toEqual([]);
    expect(applicationReminders(a, "2026-12-10", shippedHolidays).map((r) => r.key)).toEqual(["application:7:to-accept:2026-12-04"]);
  });
  test("public holidays are left out and a weekend day worked counts, from the holiday table", () => {
    // Submitted on Wednesday 30 September 2026: 1–7 October are off (国务院办公厅 2026 arrangement), Saturday 10 October is worked.
    expect(holidays2026.off).toContain("2026-10-01");
    expect(holidays2026.on).toContain("2026-10-10");
    const a = { id: 9, title: "鲤城区南音协会", state: "submitted", submittedOn: "2026-09-30", dueOn: null };
    // Working days after: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked): the reminder comes on the 11th, not on the 6th.
    expect(applicationReminders(a, "2026-10-06", holidays2026)).toEqual([]);
    expect(applicationReminders(a, "2026-10-10", holidays2026)).toEqual([]);
    expect(applicationReminders(a, "2026-10-11", holidays2026).map((r) => r.key)).toEqual(["application:9:to-accept:2026-09-30"]);
    // With no table, weekdays alone: the 3rd after 30 September is 5 October.
    expect(applicationReminders(a, "2026-10-06", { off: [], on: [] }).map((r) => r.key)).toEqual(["application:9:to-accept:2026-09-30"]);
  });
  test("a decision within 7 days of its date, or past it, once per date", () => {
    const a = { id: 8, title: "鲤城区南音协会", state: "accepted", submittedOn: "2026-10-01", dueOn: "2026-12-10" };
    expect(applicationReminders(a, "2026-12-02", shippedHolidays)).toEqual([]);
    expect(applicationReminders(a, "2026-12-03", shippedHolidays)).toEqual([expect.objectContaining({ key: "application:8:decide-by:2026-12-10", title: "“鲤城区南音协会”的申请还有 7 天到法定办理期限" })]);
    expect(applicationReminders(a, "2026-12-11", shippedHolidays)[0]?.title).toBe("“鲤城区南音协会”的申请已超过法定办理期限");
    expect(applicationReminders({ ...a, state: "approved" }, "2026-12-11", shippedHolidays)).toEqual([]);
  });
});

describe("village postings", () => {
  test("periods ended and not published, and those past their date; others not", () => {
    const drafts = postingReminders([
      { category: "finance", label: "2026年10月", start: "2026-10-01", dueOn: "2026-11-30", status: "missing" },
      { category: "finance", label: "2026年11月", start: "2026-11-01", dueOn: "2026-12-31", status: "pending" },
      { category: "finance", label: "2026年9月", start: "2026-09-01", dueOn: "2026-10-31", status: "on_time" },
      { category: "village", label: "2026年第四季度", start: "2026-10-01", dueOn: "2027-01-31", status: "not_due" },
    ]);
    expect(drafts.map((d) => [d.key, d.title])).toEqual([
      ["posting:finance:2026-10-01:missing", "2026年10月财务收支逾期未公开"],
      ["posting:finance:2026-11-01:due", "2026年11月财务收支应于 2026年12月31日 前公开"],
    ]);
  });
  test("a version to review, once each", () => {
    expect(reviewReminder({ postingId: 2, versionId: 40, title: "低保名单", submittedOn: "2026-12-01" })).toMatchObject({ key: "posting-review:40", link: "/village/postings/2" });
  });
});

test("the e-mail says what the reminder says, with the full address of the page", () => {
  const mail = reminderMail({ title: "2025 年度工作报告还有 7 天截止", body: "请于 2026年5月31日 前报送。", link: "/org/inspections/2025" }, "https://registry.example.gov.cn/");
  expect(mail.subject).toBe("【社区治理与社会组织登记平台】2025 年度工作报告还有 7 天截止");
  expect(mail.body).toContain("请于 2026年5月31日 前报送。");
  expect(mail.body).toContain("办理地址：https://registry.example.gov.cn/org/inspections/2025");
});
