/**
 * The public 活动异常名录: listings in force and removed, with their reasons and
 * dates, searchable by name or code, and as open data (JSON and CSV).
 */
import { eq, isNull } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { abnormalListings, organizations } from "../../db/schema";
import { removeAbnormalListing } from "../../app/domain/credit/listings.server";
import { parseListingQuery } from "../../app/domain/credit/lists";
import { publicCreditList } from "../../app/domain/credit/public.server";

const publicAbnormalList = (q: Parameters<typeof publicCreditList>[1]) => publicCreditList("abnormal", q);
import { loader as api } from "../../app/routes/api.v1.credit.abnormal";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

beforeAll(loadDemoDistrict);

const query = (search: string) => parseListingQuery(new URLSearchParams(search)).query;
const call = (search: string) => api({ request: new Request(`http://localhost/api/v1/credit/abnormal?${search}`), params: {}, context: { cspNonce: "", clientIp: "203.0.113.9" } }) as Promise<Response>;

test("in force by default, newest listing first; a removal moves a listing to the removed, with its date and reason", async () => {
  const db = await getDb();
  const listed = await db.select().from(abnormalListings).where(isNull(abnormalListings.removedOn));
  const ever = await db.select().from(abnormalListings);
  const page = await publicAbnormalList(query(""));
  expect(page.total).toBe(listed.length);
  expect(page.items.map((i) => i.listedOn)).toEqual([...page.items.map((i) => i.listedOn)].sort().reverse());
  const first = page.items[0]!;
  expect(first).toMatchObject({ reason: expect.any(String), removedOn: null });

  const outcome = await removeAbnormalListing(contextOf(await demoActor("officer")), first.id, { kind: "corrected", reason: "已补报年度工作报告，经核实移出" });
  expect(outcome.ok).toBe(true);
  expect((await publicAbnormalList(query(""))).total).toBe(listed.length - 1);
  const removed = await publicAbnormalList(query("state=removed"));
  // Beside the demo's own removals (a warning's listing out after six months).
  expect(removed.items).toContainEqual(expect.objectContaining({ id: first.id, organizationId: first.organizationId, removalReason: "已补报年度工作报告，经核实移出", removedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
  expect(removed.items.every((i) => i.removedOn !== null)).toBe(true);
  expect((await publicAbnormalList(query("state=all"))).total).toBe(ever.length);
});

test("searched by a part of the name or by the whole code; paged", async () => {
  const db = await getDb();
  const [one] = await db
    .select({ name: organizations.name, uscc: organizations.uscc })
    .from(abnormalListings)
    .innerJoin(organizations, eq(organizations.id, abnormalListings.organizationId))
    .where(isNull(abnormalListings.removedOn))
    .limit(1);
  const byName = await publicAbnormalList(query(`q=${encodeURIComponent(one!.name.slice(3, 7))}`));
  expect(byName.items.map((i) => i.name)).toContain(one!.name);
  expect(byName.items.every((i) => i.name.includes(one!.name.slice(3, 7)))).toBe(true);
  const byCode = await publicAbnormalList(query(`q=${one!.uscc!.toLowerCase()}`));
  // An organization listed on several grounds has a row for each.
  expect([...new Set(byCode.items.map((i) => i.name))]).toEqual([one!.name]);
  expect((await publicAbnormalList(query("q=%25"))).items).toEqual([]);
  const all = await publicAbnormalList(query("state=all"));
  const second = await publicAbnormalList(query("state=all&pageSize=1&page=2"));
  expect(second.items).toEqual([all.items[1]]);
});

test("open data: JSON as the page, CSV with every match, a 400 naming a bad parameter", async () => {
  const json = await call("state=all");
  expect(json.headers.get("Access-Control-Allow-Origin")).toBe("*");
  const body = (await json.json()) as { total: number; items: Array<Record<string, unknown>> };
  expect(Object.keys(body.items[0]!).sort()).toEqual(["article", "evidence", "id", "inspectionYear", "listedOn", "name", "organizationId", "reason", "removalReason", "removedOn", "trigger", "type", "uscc"]);
  const csv = await call("state=all&format=csv");
  expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await csv.arrayBuffer());
  // A byte-order mark first, so that Excel reads the Chinese as UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
  expect(lines[0]).toBe("id,organizationId,name,uscc,type,listedOn,trigger,article,reason,evidence,removedOn,removalReason,inspectionYear");
  expect(lines).toHaveLength(body.total + 1);
  const bad = await call("state=gone&format=xml");
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ error: { code: "invalid_parameter", message: "参数 state 应为 listed、removed 或 all；参数 format 应为 json 或 csv" } });
});
