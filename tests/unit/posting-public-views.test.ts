import { expect, test } from "vitest";
import { csvCell, toCsv } from "../../app/domain/shared/open-data";
import { fileChanges, pickVersion } from "../../app/domain/postings/compare";
import { feedSummary, postingFeed, xmlEscape, type FeedPosting } from "../../app/domain/postings/feed";
import { groupByPeriod } from "../../app/domain/postings/timeline";

test("the timeline groups by year, then by month, quarter or whole year, newest first", () => {
  const item = (period: string, periodStart: string) => ({ period, periodStart });
  const years = groupByPeriod([
    item("2025-07", "2025-07-01"),
    item("2025-06-14", "2025-06-14"),
    item("2025-06", "2025-06-01"),
    item("2025-Q2", "2025-04-01"),
    item("2025", "2025-01-01"),
    item("2024-12", "2024-12-01"),
  ]);
  expect(years.map((y) => y.year)).toEqual([2025, 2024]);
  expect(years[0]!.groups.map((g) => g.label)).toEqual(["全年", "7月", "第二季度", "6月"]);
  expect(years[0]!.groups.find((g) => g.label === "6月")!.items.map((i) => i.period)).toEqual(["2025-06-14", "2025-06"]);
  expect(years[1]!.groups.map((g) => g.label)).toEqual(["12月"]);
});

test("a version is picked by number; the one before it is the next older published one", () => {
  const versions = [{ number: 4 }, { number: 2 }, { number: 1 }];
  expect(pickVersion(versions, 4, undefined)).toEqual({ shown: { number: 4 }, previous: { number: 2 } });
  expect(pickVersion(versions, 4, 1)).toEqual({ shown: { number: 1 }, previous: null });
  expect(pickVersion(versions, 4, 3)).toBeNull();
});

test("files added and removed are told apart by name and size", () => {
  const f = (id: number, fileName: string, size: number) => ({ id, fileName, size });
  const { added, removed } = fileChanges([f(1, "a.pdf", 10), f(2, "b.pdf", 20)], [f(3, "a.pdf", 10), f(4, "b.pdf", 21), f(5, "c.jpg", 5)]);
  expect(added.map((x) => x.id)).toEqual([4, 5]);
  expect(removed.map((x) => x.id)).toEqual([2]);
});

test("XML escaping covers markup, quotes and characters XML cannot carry", () => {
  expect(xmlEscape(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  expect(xmlEscape("a\u0000b\u001Fc\uFFFEd")).toBe("abcd");
});

const posting = (over: Partial<FeedPosting> = {}): FeedPosting => ({
  id: 7,
  category: "finance",
  kind: "finance_monthly",
  period: "2025-03",
  title: "2025年3月财务收支 <公开> & 说明",
  status: "published",
  version: 2,
  hash: "ab".repeat(32),
  publishedAt: new Date("2025-04-10T02:00:00Z"),
  withdrawnReason: null,
  ...over,
});

test("the feed is escaped Atom with absolute links", () => {
  const xml = postingFeed({ origin: "https://example.org", place: { code: "350502100201", name: "大良村" }, postings: [posting()], now: new Date("2026-01-01T00:00:00Z") });
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(xml).toContain("<id>https://example.org/postings/7</id>");
  expect(xml).toContain('href="https://example.org/villages/350502100201/feed.xml"');
  expect(xml).toContain("&lt;公开&gt; &amp; 说明");
  expect(xml).not.toContain("<公开>");
  expect(xml).toContain("<updated>2025-04-10T02:00:00.000Z</updated>");
  expect(xml).toContain('<category term="finance" label="财务"/>');
});

test("a feed summary names period, version and hash; a withdrawn one says so first", () => {
  expect(feedSummary(posting())).toBe(`公开期间：2025年3月；类型：月度财务收支；第 2 版（已更正）；SHA-256：${"ab".repeat(32)}`);
  const withdrawn = feedSummary(posting({ status: "withdrawn", withdrawnReason: "内容重复。" }));
  expect(withdrawn.startsWith("【已撤回】撤回原因：内容重复。公开期间")).toBe(true);
});

test("CSV cells are quoted when needed and never start a formula", () => {
  expect(csvCell(null)).toBe("");
  expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
  expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
  expect(csvCell("-1")).toBe("'-1");
  expect(toCsv(["a", "b"] as const, [{ a: 1, b: "x\ny" }])).toBe('\uFEFFa,b\r\n1,"x\ny"\r\n');
});
