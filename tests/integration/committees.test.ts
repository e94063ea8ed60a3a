import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { auditLog, committeeTerms } from "../../db/schema";
import {
  committeeWorkspace,
  publicCommittees,
  recordJointMeeting,
  saveServiceCentre,
  saveTerm,
  termsDueForElection,
} from "../../app/domain/committees.server";
import type { MemberInput } from "../../app/domain/committee-rules";
import { shanghaiDate } from "../../app/domain/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

// The demo's terms are dated back from the real date, so these tests are too.
const now = new Date();
const today = shanghaiDate(now);
const plusDays = (days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));
const fiveYearsOn = `${Number(today.slice(0, 4)) + 5}${today.slice(4, 8)}01`;
const village = "350502100205"; // a village of 汝湖镇
const community = "350502001001"; // the first community of 开元街道, the street officer's own
type Actor = Awaited<ReturnType<typeof demoActor>>;
let officer: Actor;
let street: Actor;
let clerk: Actor;

beforeAll(async () => {
  await loadDemoDistrict();
  [officer, street, clerk] = (await Promise.all(["officer", "street", "clerk"].map(demoActor))) as [Actor, Actor, Actor];
});

const m = (name: string, post: MemberInput["post"] = "member", partySecretary = false): MemberInput => ({ name, post, partySecretary });
const villagers = [m("测试甲", "chair", true), m("测试乙", "vice_chair"), m("测试丙"), m("测试丁"), m("测试戊")];
const term = (termNumber: number, members: MemberInput[]) => ({
  termNumber,
  // Begun today, so it is the latest begun term of the place whatever the demo holds.
  startsOn: today,
  endsOn: fiveYearsOn,
  electedOn: null,
  eligibleVoters: 2000,
  votesCast: 1800,
  members,
});

describe("terms", () => {
  test("a new villagers' committee term becomes the current one; the supervision committee is checked against it", async () => {
    const made = await saveTerm(contextOf(officer, now), village, "villagers", { ...term(90, villagers) });
    expect(made.ok).toBe(true);
    const workspace = await committeeWorkspace(officer, village, now);
    const current = workspace.bodies.find((b) => b.body === "villagers")!.current!;
    expect(current).toMatchObject({ termNumber: 90, standing: "current" });
    expect(current.members.map((x) => x.name)).toEqual(villagers.map((x) => x.name));

    const refused = await saveTerm(contextOf(officer, now), village, "supervision", {
      ...term(90, [m("测试甲", "chair"), m("监督乙"), m("监督丙")])
    });
    // 测试甲 sits on the villagers' committee and is the party secretary: both are named.
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { members: ["“测试甲”是村民委员会成员，不能担任村务监督委员会成员", "村务监督委员会主任不能由村党组织书记担任"] },
    });
    const accepted = await saveTerm(contextOf(officer, now), village, "supervision", {
      ...term(90, [m("监督甲", "chair"), m("监督乙"), m("监督丙")])
    });
    expect(accepted.ok).toBe(true);
  });

  test("a change names the version it started from; a stale one is refused and the record is audited", async () => {
    const made = await saveTerm(contextOf(officer, now), village, "finance_group", { ...term(91, [m("理财甲", "chair"), m("理财乙"), m("理财丙")]) });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const db = await getDb();
    const [row] = await db.select().from(committeeTerms).where(eq(committeeTerms.id, made.value.termId));
    const input = { ...term(91, [m("理财甲", "chair"), m("理财乙"), m("理财丁")]), endsOn: fiveYearsOn, termId: row!.id, expectedVersion: row!.version };
    expect((await saveTerm(contextOf(officer, now), village, "finance_group", input)).ok).toBe(true);
    expect(await saveTerm(contextOf(officer, now), village, "finance_group", input)).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, String(row!.id)));
    expect(trail.map((a) => a.action)).toEqual(["committee.new_term", "committee.change_term"]);
    // The same term number twice is refused beside the field.
    expect(await saveTerm(contextOf(officer, now), village, "finance_group", { ...term(91, [m("甲", "chair"), m("乙"), m("丙")]) })).toMatchObject({
      ok: false,
      fieldErrors: { termNumber: [expect.stringContaining("已有记录")] },
    });
  });

  test("a term ending within six months is due for election and listed for officers in scope", async () => {
    const made = await saveTerm(contextOf(officer, now), community, "residents", {
      termNumber: 95,
      startsOn: plusDays(-1700),
      endsOn: plusDays(60),
      electedOn: plusDays(-1705),
      eligibleVoters: 6000,
      votesCast: 5100,
      members: [m("居委甲", "chair"), m("居委乙"), m("居委丙")],
    });
    expect(made.ok).toBe(true);
    const dueForStreet = await termsDueForElection(street, now);
    expect(dueForStreet.find((d) => d.place.code === community && d.term.termNumber === 95)?.standing).toBe("ending_soon");
    // 汝湖镇's village is not the street officer's.
    expect(dueForStreet.every((d) => d.street === "开元街道")).toBe(true);
  });
});

describe("scope", () => {
  test("a street officer keeps only their street's places; a clerk keeps none", async () => {
    await expect(committeeWorkspace(street, village, now)).rejects.toMatchObject({ status: 404 });
    await expect(saveTerm(contextOf(street, now), village, "villagers", term(92, villagers))).rejects.toMatchObject({ status: 404 });
    await expect(committeeWorkspace(clerk, village, now)).rejects.toMatchObject({ status: 403 });
    expect((await committeeWorkspace(street, community, now)).place.code).toBe(community);
    await expect(saveTerm(contextOf(officer, now), community, "supervision", term(1, villagers))).rejects.toMatchObject({ status: 404 });
  });
});

describe("service centre and joint meetings", () => {
  test("are validated, saved with a version and audited", async () => {
    expect(await saveServiceCentre(contextOf(officer, now), community, { floorArea: -5, facilities: [], expectedVersion: null })).toMatchObject({
      ok: false,
      fieldErrors: { floorArea: [expect.any(String)] },
    });
    const workspace = await committeeWorkspace(officer, community, now);
    const saved = await saveServiceCentre(contextOf(officer, now), community, {
      floorArea: 880,
      facilities: ["日间照料中心", "图书室"],
      expectedVersion: workspace.serviceCentre?.version ?? null,
    });
    expect(saved.ok).toBe(true);
    expect(await saveServiceCentre(contextOf(officer, now), community, { floorArea: 900, facilities: [], expectedVersion: workspace.serviceCentre?.version ?? null })).toMatchObject({ ok: false });

    expect(await recordJointMeeting(contextOf(officer, now), community, { heldOn: plusDays(30), parties: ["社区党组织"], topics: "", decisions: "" })).toMatchObject({
      ok: false,
      fieldErrors: { heldOn: [expect.any(String)], parties: [expect.any(String)], topics: [expect.any(String)], decisions: [expect.any(String)] },
    });
    const meeting = await recordJointMeeting(contextOf(officer, now), community, {
      heldOn: plusDays(-10),
      parties: ["社区党组织", "居民委员会", "业主委员会", "物业服务企业", "不是五方之一"],
      topics: "测试议题：老旧小区加装电梯",
      decisions: "成立加装电梯协调小组",
    });
    expect(meeting.ok).toBe(true);
    const after = await committeeWorkspace(officer, community, now);
    expect(after.meetings.find((x) => x.topics === "测试议题：老旧小区加装电梯")).toMatchObject({ parties: ["社区党组织", "居民委员会", "业主委员会", "物业服务企业"] });
    await expect(recordJointMeeting(contextOf(officer, now), village, { heldOn: plusDays(-10), parties: [], topics: "x", decisions: "y" })).rejects.toMatchObject({ status: 404 });
  });

  test("the public sees names and posts only", async () => {
    const shown = await publicCommittees((await committeeWorkspace(officer, village, now)).place.id, "village", now);
    const villagersShown = shown.bodies.find((b) => b.body === "villagers")!.term!;
    expect(villagersShown.members[0]).toEqual({ name: "测试甲", post: "chair" });
    expect(JSON.stringify(shown)).not.toMatch(/partySecretary|eligibleVoters|votesCast/);
  });
});
