import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, queryRows, type Database } from "../../db/client.server";
import { auditLog, committeeMembers, committeeTerms, jointMeetings, places, users } from "../../db/schema";
import { deleteTerm, recordJointMeeting, saveServiceCentre, saveTerm } from "../../app/domain/committees/commands.server";
import { termValuesOf } from "../../app/domain/committees/forms";
import { createSession } from "../../app/auth/session.server";
import { action as committeeAction } from "../../app/routes/officer.communities_.$code/route";
import type { CommitteeReply } from "../../app/routes/officer.communities_.$code/reply";
import { publicCommittees } from "../setup/village-page";
import { committeeWorkspace, electionReminders, termsDueForElection } from "../../app/domain/committees/queries.server";
import type { CommitteeBody, MemberInput } from "../../app/domain/committees/rules";
import { shanghaiDate } from "../../app/domain/shared/time";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

// The demo's terms are dated back from the real date, so these tests are too.
const now = new Date();
const today = shanghaiDate(now);
const plusDays = (days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));
const village = "350502100205"; // a village of 汝湖镇
const otherVillage = "350502100207"; // 白石村, its term ending within six months
const thirdVillage = "350502100208";
const community = "350502001001"; // the first community of 开元街道, the street officer's own
const secondCommunity = "350502001002";
type Actor = Awaited<ReturnType<typeof demoActor>>;
let officer: Actor;
let street: Actor;
let clerk: Actor;

const cookies: Record<string, string> = {};

beforeAll(async () => {
  await loadDemoDistrict();
  [officer, street, clerk] = (await Promise.all(["officer", "street", "clerk"].map(demoActor))) as [Actor, Actor, Actor];
  const db = await getDb();
  for (const user of await db.select().from(users).where(inArray(users.username, ["officer", "street"]))) {
    cookies[user.username] = `cr_session=${(await createSession(db, user, { now, ip: "127.0.0.1", userAgent: "vitest" })).token}`;
  }
});

/** A post of the committee page as the officer's browser sends it, answered by the page's own action. */
async function postCommitteePage(code: string, form: FormData | Record<string, string>, as = "officer"): Promise<{ status: number; reply: CommitteeReply }> {
  const entries = form instanceof FormData ? [...form].map(([key, value]): [string, string] => [key, String(value)]) : Object.entries(form);
  const request = new Request(`http://localhost/officer/communities/${code}`, { method: "POST", headers: { Cookie: cookies[as]! }, body: new URLSearchParams(entries) });
  const answer = (await committeeAction({ request, params: { code }, context: { cspNonce: "", clientIp: "203.0.113.9" } })) as unknown as {
    data: CommitteeReply;
    init: { status?: number } | null;
  };
  return { status: answer.init?.status ?? 200, reply: answer.data };
}

const m = (name: string, post: MemberInput["post"] = "member", partySecretary = false): MemberInput => ({ name, post, partySecretary });

async function bodyOf(code: string, body: CommitteeBody) {
  const workspace = await committeeWorkspace(officer, code, now);
  return workspace.bodies.find((b) => b.body === body)!;
}

type Recorded = Awaited<ReturnType<typeof bodyOf>>["past"][number];
type TermValue = Parameters<typeof saveTerm>[2];

/** A recorded term as its form posts it. */
function fieldsOf(body: CommitteeBody, term: Recorded) {
  return {
    body,
    termNumber: term.termNumber,
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    electedOn: term.electedOn,
    eligibleVoters: term.eligibleVoters,
    votesCast: term.votesCast,
    member: term.members.map((x) => ({ name: x.name, post: x.post, partySecretary: x.partySecretary })),
  };
}

/** A recorded term as saveTerm takes it, with changes, for a change of that term. */
function changeOf(body: CommitteeBody, term: Recorded, changes: Partial<Omit<TermValue, "intent">> = {}): TermValue {
  return { intent: "change-term", ...fieldsOf(body, term), termId: term.id, version: term.version, ...changes };
}

/** A new term (换届) of the body, starting from a recorded one's figures. */
function newAfter(body: CommitteeBody, term: Recorded, changes: Partial<Omit<TermValue, "intent">> = {}): TermValue {
  return { intent: "new-term", ...fieldsOf(body, term), ...changes };
}

async function membersOf(termId: number) {
  const db = await getDb();
  return (await db.select().from(committeeMembers).where(eq(committeeMembers.termId, termId))).map((x) => x.name).sort();
}

describe("who may sit where, checked in both directions against every term in office at the same time", () => {
  test("the villagers' committee may not take in a supervision committee member; nothing saved is lost", async () => {
    const villagers = (await bodyOf(village, "villagers")).current!;
    const supervision = (await bodyOf(village, "supervision")).current!;
    const overseer = supervision.members.find((x) => x.post !== "chair")!.name;
    const members = villagers.members.map((x, i) => (i === villagers.members.length - 1 ? m(overseer) : m(x.name, x.post, x.partySecretary)));
    const refused = await saveTerm(contextOf(officer, now), village, changeOf("villagers", villagers, { member: members }));
    expect(refused).toEqual({
      ok: false,
      fieldErrors: { member: [`“${overseer}”是村务监督委员会第 ${supervision.termNumber} 届成员，不能同时担任村民委员会成员`] },
    });
    expect(await membersOf(villagers.id)).toEqual(villagers.members.map((x) => x.name).sort());
    // The same through the form, with the term number unreadable: both problems told at once.
    const form = new FormData();
    for (const [key, value] of Object.entries({ intent: "new-term", body: "villagers", termNumber: "十三", startsOn: plusDays(30), endsOn: plusDays(1800) })) form.set(key, value);
    members.forEach((x, i) => {
      form.set(`member.${i}.name`, x.name);
      form.set(`member.${i}.post`, x.post);
    });
    const posted = await postCommitteePage(village, form);
    expect(posted.status).toBe(400);
    expect(posted.reply).toMatchObject({ intent: "new-term", body: "villagers" });
    expect(posted.reply.result.error?.termNumber).toEqual(["届次应为 1 至 99 之间的整数"]);
    expect(posted.reply.result.error?.member).toContain(`“${overseer}”是村务监督委员会第 ${supervision.termNumber} 届成员，不能同时担任村民委员会成员`);
    expect(posted.reply.result.error?.[""]).toEqual(["有填写不正确的内容，未保存，请按提示修改。"]);
    expect(termValuesOf(posted.reply.result.initialValue)).toMatchObject({ termNumber: "十三" });
  });

  test("a villagers' committee entered ahead of its start is checked too, from the supervision committee's side", async () => {
    const villagers = (await bodyOf(village, "villagers")).current!;
    const supervision = (await bodyOf(village, "supervision")).current!;
    // The term ends early: the new committee, elected today, takes over in 30 days.
    const handover = plusDays(30);
    expect((await saveTerm(contextOf(officer, now), village, changeOf("villagers", villagers, { endsOn: handover }))).ok).toBe(true);
    const next = [m("新任主任", "chair", true), m("新任副主任", "vice_chair"), m("新任委员")];
    const made = await saveTerm(contextOf(officer, now), village, {
      ...newAfter("villagers", villagers),
      termNumber: villagers.termNumber + 1,
      startsOn: handover,
      endsOn: plusDays(30 + 365 * 5 - 2),
      electedOn: today,
      member: next,
    });
    expect(made.ok).toBe(true);
    const arranged = await bodyOf(village, "villagers");
    expect(arranged.current).toMatchObject({ id: villagers.id, standing: "succeeded" });
    expect(arranged.upcoming.map((t) => t.termNumber)).toEqual([villagers.termNumber + 1]);
    expect(arranged.past.map((t) => t.id)).not.toContain(made.ok ? made.value.termId : 0);

    // The supervision committee, in office for years yet, may not take in a member of the committee not yet begun …
    const withNewMember = supervision.members.map((x, i) => (i === 1 ? m("新任委员") : m(x.name, x.post)));
    expect(await saveTerm(contextOf(officer, now), village, changeOf("supervision", supervision, { member: withNewMember }))).toEqual({
      ok: false,
      fieldErrors: { member: [`“新任委员”是村民委员会第 ${villagers.termNumber + 1} 届成员，不能担任村务监督委员会成员`] },
    });
    // … nor be chaired by its party secretary.
    const chairedBySecretary = supervision.members.map((x) => (x.post === "chair" ? m("新任主任", "chair") : m(x.name, x.post)));
    const refused = await saveTerm(contextOf(officer, now), village, changeOf("supervision", supervision, { member: chairedBySecretary }));
    expect(refused.ok ? [] : refused.fieldErrors?.member).toContain(
      `村务监督委员会主任不能由村党组织书记担任（“新任主任”在村民委员会第 ${villagers.termNumber + 1} 届中兼任党组织书记）`,
    );
  });

  test("the finance group may not include the party secretary of an overlapping villagers' committee; other members may sit on it", async () => {
    const villagers = (await bodyOf(otherVillage, "villagers")).current!;
    const group = (await bodyOf(otherVillage, "finance_group")).current!;
    const secretary = villagers.members.find((x) => x.partySecretary)!;
    const plain = villagers.members.find((x) => !x.partySecretary)!;
    const withSecretary = group.members.map((x, i) => (i === 1 ? m(secretary.name) : m(x.name, x.post)));
    expect(await saveTerm(contextOf(officer, now), otherVillage, changeOf("finance_group", group, { member: withSecretary }))).toEqual({
      ok: false,
      fieldErrors: { member: [`“${secretary.name}”是村党组织书记（在村民委员会第 ${villagers.termNumber} 届中兼任），不能担任民主理财小组成员`] },
    });
    const withPlainMember = group.members.map((x, i) => (i === 1 ? m(plain.name) : m(x.name, x.post)));
    expect((await saveTerm(contextOf(officer, now), otherVillage, changeOf("finance_group", group, { member: withPlainMember }))).ok).toBe(true);
    // From the villagers' committee's side: ticking that member as the party secretary is refused.
    const ticked = villagers.members.map((x) => m(x.name, x.post, x.name === plain.name));
    expect(await saveTerm(contextOf(officer, now), otherVillage, changeOf("villagers", villagers, { member: ticked }))).toEqual({
      ok: false,
      fieldErrors: { member: [`“${plain.name}”是民主理财小组第 ${group.termNumber} 届成员，村党组织书记不能担任民主理财小组成员`] },
    });
  });

  test("conflicts recorded before these rules are warned of on the page", async () => {
    const villagers = (await bodyOf(otherVillage, "villagers")).current!;
    const supervision = (await bodyOf(otherVillage, "supervision")).current!;
    const db = await getDb();
    const member = villagers.members.find((x) => !x.partySecretary)!.name;
    await db.insert(committeeMembers).values({ termId: supervision.id, name: member, post: "member", sortOrder: 9 });
    const { warnings } = await committeeWorkspace(officer, otherVillage, now);
    expect(warnings).toContainEqual({
      bodies: ["villagers", "supervision"],
      termIds: [villagers.id, supervision.id],
      message: `“${member}”同时是村民委员会第 ${villagers.termNumber} 届和村务监督委员会第 ${supervision.termNumber} 届的成员：村民委员会成员不能担任村务监督委员会成员。`,
    });
  });

  test("two officers saving conflicting members at once: only one is accepted", async () => {
    const villagers = (await bodyOf(thirdVillage, "villagers")).current!;
    const supervision = (await bodyOf(thirdVillage, "supervision")).current!;
    const joinVillagers = villagers.members.map((x, i) => (i === villagers.members.length - 1 ? m("同时甲") : m(x.name, x.post, x.partySecretary)));
    const joinSupervision = supervision.members.map((x, i) => (i === supervision.members.length - 1 ? m("同时甲") : m(x.name, x.post)));
    const results = await Promise.all([
      saveTerm(contextOf(officer, now), thirdVillage, changeOf("villagers", villagers, { member: joinVillagers })),
      saveTerm(contextOf(officer, now), thirdVillage, changeOf("supervision", supervision, { member: joinSupervision })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await committeeWorkspace(officer, thirdVillage, now)).warnings).toEqual([]);
  });
});

describe("terms in one order", () => {
  test("a new term dated before the one in office is refused; the page and the reminders agree on which term is current", async () => {
    const residents = await bodyOf(community, "residents");
    const current = residents.current!;
    const previous = residents.past[0]!;
    const refused = await saveTerm(contextOf(officer, now), community, {
      ...newAfter("residents", previous),
      termNumber: current.termNumber + 1,
    });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { startsOn: [expect.stringContaining(`应在第 ${current.termNumber} 届任期结束`)] } });
    const db = await getDb();
    const [placeRow] = await db.select().from(places).where(eq(places.code, community));
    const rows = await db.select().from(committeeTerms).where(and(eq(committeeTerms.placeId, placeRow!.id), eq(committeeTerms.body, "residents")));
    expect(rows).toHaveLength(2);
  });

  test("ending within six months it is due; once its successor is recorded it is not, and the successor can be changed and deleted", async () => {
    const ctx = contextOf(officer, now);
    let current = (await bodyOf(community, "residents")).current!;
    expect((await saveTerm(ctx, community, changeOf("residents", current, { endsOn: plusDays(60) }))).ok).toBe(true);
    current = (await bodyOf(community, "residents")).current!;
    expect(current.standing).toBe("ending_soon");
    const due = async () => (await termsDueForElection(street, now)).filter((d) => d.place.code === community && d.term.body === "residents");
    expect((await due()).map((d) => [d.term.id, d.standing])).toEqual([[current.id, "ending_soon"]]);

    const successor = [m("居委甲", "chair"), m("居委乙", "vice_chair"), m("居委丙"), m("居委丁"), m("居委戊", "member", true)];
    const made = await saveTerm(ctx, community, {
      ...newAfter("residents", current),
      termNumber: current.termNumber + 1,
      startsOn: plusDays(60),
      endsOn: plusDays(60 + 365 * 5 - 2),
      electedOn: today,
      member: successor,
    });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const arranged = await bodyOf(community, "residents");
    expect(arranged.current).toMatchObject({ id: current.id, standing: "succeeded" });
    expect(arranged.upcoming.map((t) => t.id)).toEqual([made.value.termId]);
    expect(arranged.past.map((t) => t.id)).not.toContain(made.value.termId);
    expect(await due()).toEqual([]);
    // The public still sees the committee in office.
    const shown = await publicCommittees((await committeeWorkspace(officer, community, now)).place.id, "community", now);
    expect(shown.bodies[0]!.term?.termNumber).toBe(current.termNumber);

    // The term not yet begun is changed like any other, against its version.
    const upcoming = arranged.upcoming[0]!;
    const change = changeOf("residents", upcoming, { votesCast: 1000, eligibleVoters: 1200 });
    expect((await saveTerm(ctx, community, change)).ok).toBe(true);
    expect(await saveTerm(ctx, community, change)).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
    const db = await getDb();
    const [changed] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(upcoming.id)), eq(auditLog.action, "committee.change_term")));
    // The "before" members keep who was the party secretary.
    expect((changed!.before as { members: MemberInput[] }).members).toContainEqual({ name: "居委戊", post: "member", partySecretary: true });

    // Deleting it needs a reason and the version the officer saw.
    const version = (await bodyOf(community, "residents")).upcoming[0]!.version;
    expect(await deleteTerm(ctx, community, { body: "residents", termId: upcoming.id, version: version, reason: " " })).toEqual({
      ok: false,
      fieldErrors: { reason: ["请填写删除原因，如“届次录入错误”"] },
    });
    expect(await deleteTerm(ctx, community, { body: "residents", termId: upcoming.id, version: version, reason: "录入\u202E错误" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringContaining("不可见的控制字符")] },
    });
    expect(await deleteTerm(ctx, community, { body: "residents", termId: upcoming.id, version: version - 1, reason: "选举结果未获批准" })).toMatchObject({
      ok: false,
      formError: expect.stringContaining("刷新"),
    });
    expect(await deleteTerm(ctx, community, { body: "residents", termId: upcoming.id, version: version, reason: "选举结果未获批准" })).toEqual({
      ok: true,
      value: { termNumber: current.termNumber + 1 },
    });
    expect(await db.select().from(committeeTerms).where(eq(committeeTerms.id, upcoming.id))).toEqual([]);
    expect(await membersOf(upcoming.id)).toEqual([]);
    const [deleted] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(upcoming.id)), eq(auditLog.action, "committee.delete_term")));
    expect(deleted).toMatchObject({ reason: "选举结果未获批准", after: null, before: { termNumber: current.termNumber + 1, votesCast: 1000, place: community } });
    expect((deleted!.before as { members: MemberInput[] }).members).toHaveLength(5);
    // Without its successor the term is due again.
    expect((await due()).map((d) => d.term.id)).toEqual([current.id]);
  });

  test("every term's succession mark agrees with the terms' order after writes made in bulk and in plain SQL", async () => {
    const db = await getDb();
    // Terms whose mark says otherwise than a later term of the same body existing or not.
    const disagreeing = async (on: Database = db) =>
      (
        await queryRows(on, sql`
          select t.id from committee_terms t
          where t.succeeded is distinct from exists (
            select 1 from committee_terms l where l.place_id = t.place_id and l.body = t.body
              and (l.starts_on > t.starts_on or (l.starts_on = t.starts_on and l.term_number > t.term_number)))`)
      ).length;
    const marks = async (placeCode: string, on: Database = db) =>
      (
        await queryRows<{ term_number: number; succeeded: boolean }>(on, sql`
          select t.term_number, t.succeeded from committee_terms t join places p on p.id = t.place_id
          where p.code = ${placeCode} and t.body = 'villagers' order by t.term_number`)
      ).map((r) => [r.term_number, r.succeeded]);
    expect(await disagreeing()).toBe(0);
    const before = await marks(thirdVillage);
    const latest = before.at(-1)![0] as number;
    expect(before.at(-1)).toEqual([latest, false]);
    await db.transaction(async (tx) => {
      // Two places' next terms in one statement; then the newest moved before the rest, then removed.
      const added = await queryRows<{ id: number }>(tx, sql`
        insert into committee_terms (place_id, body, term_number, starts_on, ends_on, created_at, updated_at)
        select place_id, body, term_number + 1, ends_on + 1, ends_on + 1826, now(), now() from committee_terms
        where not succeeded and body = 'villagers' and place_id in (select id from places where code in (${thirdVillage}, ${otherVillage}))
        returning id`);
      expect(added).toHaveLength(2);
      expect(await disagreeing(tx)).toBe(0);
      expect((await marks(thirdVillage, tx)).slice(-2)).toEqual([[latest, true], [latest + 1, false]]);
      await tx.execute(sql`update committee_terms set starts_on = '1990-01-01' where term_number = ${latest + 1} and body = 'villagers'
        and place_id = (select id from places where code = ${thirdVillage})`);
      expect(await disagreeing(tx)).toBe(0);
      expect((await marks(thirdVillage, tx)).slice(-2)).toEqual([[latest, false], [latest + 1, true]]);
      await tx.execute(sql`delete from committee_terms where id in (${sql.join(added.map((a) => sql`${a.id}`), sql`, `)})`);
      expect(await disagreeing(tx)).toBe(0);
      expect(await marks(thirdVillage, tx)).toEqual(before);
    });
  });

  test("a past term can be corrected; another officer's change in between is never overwritten", async () => {
    const previous = (await bodyOf(secondCommunity, "residents")).past[0]!;
    const first = changeOf("residents", previous, { electedOn: previous.startsOn, votesCast: 10 });
    const second = changeOf("residents", previous, { votesCast: 20 });
    expect((await saveTerm(contextOf(officer, now), secondCommunity, first)).ok).toBe(true);
    expect(await saveTerm(contextOf(street, now), secondCommunity, second)).toMatchObject({ ok: false, formError: expect.stringContaining("刷新") });
    expect((await bodyOf(secondCommunity, "residents")).past[0]).toMatchObject({ id: previous.id, votesCast: 10, electedOn: previous.startsOn, version: previous.version + 1 });
  });

  test("implausible dates are refused beside their fields", async () => {
    const current = (await bodyOf(secondCommunity, "residents")).current!;
    const problems = await saveTerm(contextOf(officer, now), secondCommunity, changeOf("residents", current, { startsOn: "1900-01-01", endsOn: "1900-12-31", electedOn: plusDays(1) }));
    expect(problems).toMatchObject({
      ok: false,
      fieldErrors: {
        startsOn: expect.arrayContaining(["任期开始日期不能早于 1949 年 10 月 1 日，请检查年份"]),
        electedOn: expect.arrayContaining(["选举日期不能晚于今天：选举后再录入"]),
      },
    });
  });
});

describe("scope", () => {
  test("a street officer keeps only their street's places; a clerk keeps none", async () => {
    const villagers = (await bodyOf(village, "villagers")).current!;
    await expect(committeeWorkspace(street, village, now)).rejects.toMatchObject({ status: 404 });
    await expect(saveTerm(contextOf(street, now), village, changeOf("villagers", villagers))).rejects.toMatchObject({ status: 404 });
    await expect(deleteTerm(contextOf(street, now), village, { body: "villagers", termId: villagers.id, version: villagers.version, reason: "越权尝试" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(committeeWorkspace(clerk, village, now)).rejects.toMatchObject({ status: 403 });
    expect((await committeeWorkspace(street, community, now)).place.code).toBe(community);
    await expect(saveTerm(contextOf(officer, now), community, changeOf("supervision", villagers))).rejects.toMatchObject({ status: 404 });
  });
});

describe("elections due", () => {
  test("the district's list is in order of end date, place and body; a street officer's and one street's are its part", async () => {
    const all = await termsDueForElection(officer, now);
    expect(all.length).toBeGreaterThan(1);
    const key = (d: (typeof all)[number]) => `${d.term.endsOn}|${d.place.code}|${d.term.body}`;
    expect(all.map(key)).toEqual(all.map(key).sort());
    expect(all.every((d) => d.term.endsOn <= plusDays(183) && d.streetCode.length > 0)).toBe(true);
    const own = await termsDueForElection(street, now);
    expect(own.length).toBeGreaterThan(0);
    const ownStreet = own[0]!.streetCode;
    expect(own.map((d) => d.term.id)).toEqual(all.filter((d) => d.streetCode === ownStreet).map((d) => d.term.id));
    const other = all.find((d) => d.streetCode !== ownStreet)!;
    expect((await termsDueForElection(officer, now, { streetCode: other.streetCode })).map((d) => d.term.id)).toEqual(
      all.filter((d) => d.streetCode === other.streetCode).map((d) => d.term.id),
    );
    expect(await termsDueForElection(street, now, { streetCode: other.streetCode })).toEqual([]);
  });
});

describe("service centre and joint meetings", () => {
  test("are validated, saved with a version and audited", async () => {
    expect(await saveServiceCentre(contextOf(officer, now), community, { floorArea: -5, facilities: [], version: null })).toMatchObject({
      ok: false,
      fieldErrors: { floorArea: [expect.any(String)] },
    });
    const workspace = await committeeWorkspace(officer, community, now);
    expect(await saveServiceCentre(contextOf(officer, now), community, { floorArea: 880, facilities: ["图书\u0000室"], version: workspace.serviceCentre?.version ?? null })).toEqual({
      ok: false,
      fieldErrors: { facilities: ["“服务设施”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。"] },
    });
    const saved = await saveServiceCentre(contextOf(officer, now), community, {
      floorArea: 880,
      facilities: ["日间照料中心", "图书室"],
      version: workspace.serviceCentre?.version ?? null,
    });
    expect(saved.ok).toBe(true);
    expect(await saveServiceCentre(contextOf(officer, now), community, { floorArea: 900, facilities: [], version: workspace.serviceCentre?.version ?? null })).toMatchObject({ ok: false });

    expect(await recordJointMeeting(contextOf(officer, now), community, { heldOn: plusDays(30), parties: ["社区党组织"], topics: "", decisions: "" })).toMatchObject({
      ok: false,
      fieldErrors: { heldOn: [expect.any(String)], parties: [expect.any(String)], topics: [expect.any(String)], decisions: [expect.any(String)] },
    });
    const meeting = await recordJointMeeting(contextOf(officer, now), community, {
      heldOn: plusDays(-10),
      parties: ["社区党组织", "居民委员会", "业主委员会", "物业服务企业", "不是五方之一"],
      topics: "测试议题：老旧小区加装电梯\r\n第二项：停车",
      decisions: "成立加装电梯协调小组",
    });
    if (!meeting.ok) throw new Error(JSON.stringify(meeting));
    const after = await committeeWorkspace(officer, community, now);
    expect(after.meetings.find((x) => x.topics.startsWith("测试议题：老旧小区加装电梯"))).toMatchObject({ parties: ["社区党组织", "居民委员会", "业主委员会", "物业服务企业"] });
    const db = await getDb();
    const audited = (await db.select().from(auditLog).where(eq(auditLog.action, "committee.joint_meeting"))).find(
      (a) => (a.after as { id?: number }).id === meeting.value.id,
    );
    expect(audited?.after).toMatchObject({ id: meeting.value.id, topics: "测试议题：老旧小区加装电梯\r\n第二项：停车", decisions: "成立加装电梯协调小组" });
    await expect(recordJointMeeting(contextOf(officer, now), village, { heldOn: plusDays(-10), parties: [], topics: "x", decisions: "y" })).rejects.toMatchObject({ status: 404 });
  });

  test("control characters and implausible dates are told beside their fields, never a 500, and nothing is stored", async () => {
    const db = await getDb();
    const before = (await db.select().from(jointMeetings)).length;
    const parties = ["社区党组织", "居民委员会"];
    expect(await recordJointMeeting(contextOf(officer, now), community, { heldOn: "1900-01-01", parties, topics: "议题\u0000", decisions: "决定\u202E事项" })).toEqual({
      ok: false,
      fieldErrors: {
        heldOn: ["会议日期不能早于 1949 年 10 月 1 日，请检查年份"],
        topics: ["“议题”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。"],
        decisions: ["“决定事项”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。"],
      },
    });
    expect((await recordJointMeeting(contextOf(officer, now), community, { heldOn: "1949-10-01", parties, topics: "议题", decisions: "决定" })).ok).toBe(true);
    expect((await db.select().from(jointMeetings)).length).toBe(before + 1);
  });

  test("the page shows the latest fifty and more on request", async () => {
    const db = await getDb();
    const [placeRow] = await db.select().from(places).where(eq(places.code, secondCommunity));
    const existing = (await committeeWorkspace(officer, secondCommunity, now)).meetingTotal;
    await db.insert(jointMeetings).values(
      Array.from({ length: 60 }, (_, i) => ({
        placeId: placeRow!.id,
        heldOn: plusDays(-400 - i),
        parties: ["社区党组织", "居民委员会"],
        topics: `分页测试 ${i}`,
        decisions: "无",
        createdAt: now,
      })),
    );
    const first = await committeeWorkspace(officer, secondCommunity, now);
    expect(first.meetingTotal).toBe(existing + 60);
    expect(first.meetings).toHaveLength(50);
    const more = await committeeWorkspace(officer, secondCommunity, now, { meetings: 100 });
    expect(more.meetings).toHaveLength(existing + 60);
    expect(more.meetings.at(-1)?.topics).toBe("分页测试 59");
  });

  test("the public sees names and posts only", async () => {
    const shown = await publicCommittees((await committeeWorkspace(officer, village, now)).place.id, "village", now);
    const villagersShown = shown.bodies.find((b) => b.body === "villagers")!.term!;
    expect(villagersShown.members[0]).toEqual({ name: expect.any(String), post: "chair" });
    expect(JSON.stringify(shown)).not.toMatch(/partySecretary|eligibleVoters|votesCast/);
  });
});

describe("the committee page's action", () => {
  test("a form refused by its schema for a place outside the officer's street is not found, as a write would be", async () => {
    await expect(postCommitteePage(village, { intent: "service-centre", floorArea: "很大" }, "street")).rejects.toMatchObject({ status: 404 });
    await expect(postCommitteePage(village, { intent: "no-such-form" }, "street")).rejects.toMatchObject({ status: 404 });
    const unknown = await postCommitteePage(community, { intent: "no-such-form" }, "street");
    expect(unknown).toMatchObject({ status: 400, reply: { intent: "unknown", result: { error: { intent: ["无法识别的操作，请刷新页面后重试。"] } } } });
  });

  test("a change typed against an older version is refused as stale, and stays on that version", async () => {
    const current = (await bodyOf(thirdVillage, "finance_group")).current!;
    const form: Record<string, string> = {
      intent: "change-term",
      body: "finance_group",
      termId: String(current.id),
      version: String(current.version + 7),
      termNumber: String(current.termNumber),
      startsOn: current.startsOn,
      endsOn: current.endsOn,
    };
    current.members.forEach((x, i) => {
      form[`member.${i}.name`] = x.name;
      form[`member.${i}.post`] = x.post;
    });
    const stale = await postCommitteePage(thirdVillage, form);
    expect(stale.status).toBe(409);
    expect(stale.reply).toMatchObject({ intent: "change-term", body: "finance_group", termId: current.id, postedVersion: current.version + 7 });
    expect(stale.reply.result.error?.[""]?.[0]).toContain("刷新");
    const saved = await postCommitteePage(thirdVillage, { ...form, version: String(current.version), votesCast: "100", eligibleVoters: "120" });
    expect(saved).toMatchObject({ status: 200, reply: { notice: `已保存民主理财小组第 ${current.termNumber} 届的修改。`, termId: current.id } });
    expect((await bodyOf(thirdVillage, "finance_group")).current).toMatchObject({ votesCast: 100, eligibleVoters: 120, version: current.version + 1 });
  });

  test("a joint meeting recorded through the page is told back; a tampered version of the service centre is a stale page", async () => {
    const slashed = today.replace(/-0?/g, "/");
    const refused = await postCommitteePage(community, { intent: "joint-meeting", heldOn: slashed, parties: "社区党组织", topics: "议题", decisions: "决定" });
    expect(refused).toMatchObject({
      status: 400,
      reply: { intent: "joint-meeting", result: { error: { parties: ["请勾选参加会议的各方，至少两方"], "": ["有填写不正确的内容，未保存，请按提示修改。"] } } },
    });
    const form = new FormData();
    for (const [key, value] of [["intent", "joint-meeting"], ["heldOn", slashed], ["parties", "社区党组织"], ["parties", "居民委员会"], ["topics", "议题"], ["decisions", "决定"]]) form.append(key!, value!);
    expect(await postCommitteePage(community, form)).toMatchObject({ status: 200, reply: { notice: `已记录 ${today} 的“五位一体”联席会议。` } });
    const tampered = await postCommitteePage(community, { intent: "service-centre", floorArea: "880", version: "x" });
    expect(tampered).toMatchObject({ status: 400, reply: { intent: "service-centre", result: { error: { version: ["页面已过期，请刷新后重试。"] } } } });
    expect(tampered.reply.result.error?.[""]).toBeUndefined();
  });

  test("the election reminders are the officer's, narrowed to one street on request; an administrator keeps no committees", async () => {
    const all = (await electionReminders(officer, now))!;
    expect(all.length).toBeGreaterThan(0);
    const streetCode = all[0]!.streetCode;
    const one = (await electionReminders(officer, now, streetCode))!;
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((d) => d.streetCode === streetCode)).toBe(true);
    expect(await electionReminders(await demoActor("admin"), now)).toBeNull();
  });
});
