/**
 * The irreversible steps as a browser posts them to the routes' actions: a
 * post without the confirmation field writes nothing and is answered with the
 * confirmation (the fields to send again); the same fields with it perform
 * the step. Real requests, signed in by session rows, on this file's database.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { abnormalListings, auditLog, organizations, postings, submissionKeys, users } from "../../db/schema";
import { actorFromUser } from "../../app/auth/session.server";
import { decideApplication, reviewAsUnit, saveProposal, startApplication, takeStep } from "../../app/domain/applications/commands.server";
import type { Proposal } from "../../app/domain/applications/forms";
import { createPosting } from "../../app/domain/postings/commands.server";
import { previousMonth } from "../../app/domain/postings/rules";
import { confirmedField } from "../../app/domain/shared/confirmation";
import { shanghaiDate } from "../../app/domain/shared/time";
import { action as officerApplicationAction } from "../../app/routes/officer.applications.$id";
import { action as abnormalAction } from "../../app/routes/officer.abnormal";
import { action as organizationCreditAction } from "../../app/routes/officer.orgs.$id_.credit";
import { action as applicantAction } from "../../app/routes/org.applications.$id";
import { action as postingAction } from "../../app/routes/village.postings.$id/route";
import { answer, confirmed, posted, routeContext as context, signInEveryone } from "../setup/actions";
import { applicationRow, attachRequiredMaterials, groupProposal, preparatoryActor as newPreparatoryActor } from "../setup/applications";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { openVersion } from "../setup/postings";

const preparatoryGroup = "prep-confirmations";

async function preparatoryActor() {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.username, preparatoryGroup));
  return actorFromUser(user!, "test-session");
}
const now = new Date();
const today = shanghaiDate(now);
const lastMonth = previousMonth(today);

beforeAll(async () => {
  await loadDemoDistrict();
  const db = await getDb();
  // A preparatory group's account: it applies for establishment (a registered organization's may not).
  await db.insert(users).values({ username: preparatoryGroup, displayName: "南音传习协会筹备组", passwordHash: "unusable", role: "association" });
  await signInEveryone();
});

/** Posts go as PostForm sends them: with the page's one-time key in the action's query. */
const keyed = { submissionKey: true };

/** What the actions answer: a notice, the fields to confirm, or the form's errors. */
interface Reply {
  notice?: string | null;
  confirm?: { fields: Array<[string, string]> };
  result?: { status?: string; error?: Record<string, string[] | null> };
}

/** The audit entries written so far: an unconfirmed post adds none. */
async function auditCount() {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row!.n;
}

/** The proposal as the applicant's form posts it. */
const proposalFields = (proposal: Proposal): Array<[string, string]> => Object.entries(proposal).map(([k, v]) => [k, String(v)]);

describe("submitting an application", () => {
  test("without the confirmation nothing is saved and the fields come back to be sent again; with it, it is submitted", async () => {
    const assoc = await preparatoryActor();
    const started = await startApplication(contextOf(assoc, now), { kind: "establishment" });
    if (!started.ok) throw new Error("start failed");
    const id = started.value.id;
    await attachRequiredMaterials(assoc, id, now);
    const proposal = await groupProposal("鲤城区南音传习协会");
    const fields: Array<[string, string]> = [["intent", "submit"], ["version", "1"], ...proposalFields(proposal)];
    const path = `/org/applications/${id}`;
    const post = (body: Array<[string, string]>) => answer<Reply>(() => applicantAction({ request: posted(path, preparatoryGroup, body, keyed), params: { id: String(id) }, context }));
    const audited = await auditCount();

    const asked = await post(fields);
    expect(asked.status).toBe(200);
    expect(asked.body.notice).toBeNull();
    expect(asked.body.confirm?.fields).toEqual(expect.arrayContaining([["intent", "submit"], ["name", "鲤城区南音传习协会"], ["version", "1"]]));
    expect(asked.body.confirm?.fields.map(([name]) => name)).not.toContain(confirmedField);
    // Nothing written: not the draft, not the state, not the audit log, and no one-time key used up.
    const untouched = await applicationRow(id);
    expect(untouched).toMatchObject({ state: "draft", version: 1 });
    expect((untouched.proposed as Proposal).name).toBeUndefined();
    expect(await auditCount()).toBe(audited);
    const db = await getDb();
    expect(await db.select().from(submissionKeys).where(eq(submissionKeys.path, path))).toEqual([]);

    // A confirmation of something else ("on", a checkbox) is no confirmation.
    expect((await post([...fields, [confirmedField, "on"]])).body.confirm).toBeDefined();
    expect((await applicationRow(id)).state).toBe("draft");

    // The confirmation page sends the carried fields again, with the confirmation.
    const done = await post(confirmed(asked.body.confirm!.fields));
    expect(done).toMatchObject({ status: 200, body: { notice: "申请已提交，请等待审查。" } });
    expect(await applicationRow(id)).toMatchObject({ state: "submitted" });
  });

  test("saving a draft needs no confirmation", async () => {
    const assoc = await preparatoryActor();
    const started = await startApplication(contextOf(assoc, now), { kind: "establishment" });
    if (!started.ok) throw new Error("start failed");
    const id = started.value.id;
    const saved = await answer<Reply>(() =>
      applicantAction({ request: posted(`/org/applications/${id}`, preparatoryGroup, [["intent", "save"], ["version", "1"], ["name", "鲤城区草稿协会"]], keyed), params: { id: String(id) }, context }),
    );
    expect(saved).toMatchObject({ status: 200, body: { notice: "草稿已保存。" } });
    expect(saved.body.confirm).toBeUndefined();
  });
});

describe("准予 and 不予登记", () => {
  /** An establishment submitted, agreed to by its unit and accepted: ready for the decision. */
  async function accepted(name: string) {
    const assoc = await newPreparatoryActor(`${name}筹备组`);
    const started = await startApplication(contextOf(assoc, now), { kind: "establishment" });
    if (!started.ok) throw new Error("start failed");
    const id = started.value.id;
    await attachRequiredMaterials(assoc, id, now);
    await saveProposal(contextOf(assoc, now), id, { version: 1, proposal: await groupProposal(name) });
    expect(await takeStep(contextOf(assoc, now), id, { action: "submit", version: 2 })).toMatchObject({ ok: true });
    expect(await reviewAsUnit(contextOf(await demoActor("supervising"), now), id, { decision: "consented" })).toMatchObject({ ok: true });
    const officer = await demoActor("officer");
    expect(await decideApplication(contextOf(officer, now), id, { intent: "decide", decision: "accept", version: (await applicationRow(id)).version, reason: "", missing: [], returned: [] })).toMatchObject({ ok: true });
    return id;
  }

  const decide = (id: number, fields: Array<[string, string]>) =>
    answer<Reply>(() => officerApplicationAction({ request: posted(`/officer/applications/${id}`, "officer", fields, keyed), params: { id: String(id) }, context }));

  test("准予 without the confirmation writes nothing to the register; with it, the organization is registered under the code confirmed", async () => {
    const name = "鲤城区木偶艺术传承协会";
    const id = await accepted(name);
    const { version } = await applicationRow(id);
    const uscc = "51350502MJ0099901X";
    const fields: Array<[string, string]> = [["decision", "approve"], ["version", String(version)], ["uscc", uscc], ["certificateNumber", "社证字第599901号"], ["usccAcceptedReason", "测试用早期代码"]];
    const db = await getDb();
    const registered = () => db.select().from(organizations).where(eq(organizations.name, name));
    const audited = await auditCount();

    const asked = await decide(id, fields);
    expect(asked.status).toBe(200);
    expect(asked.body.confirm?.fields).toEqual(expect.arrayContaining([["decision", "approve"], ["uscc", uscc]]));
    expect(await applicationRow(id)).toMatchObject({ state: "accepted", version });
    expect(await registered()).toEqual([]);
    expect(await auditCount()).toBe(audited);

    const done = await decide(id, confirmed(asked.body.confirm!.fields));
    expect(done).toMatchObject({ status: 200, body: { notice: "已准予。" } });
    expect(await applicationRow(id)).toMatchObject({ state: "approved" });
    expect(await registered()).toEqual([expect.objectContaining({ name, certificateNumber: "社证字第599901号", status: "normal" })]);
  });

  test("不予登记 without the confirmation leaves the application open; with it, it is refused for good", async () => {
    const id = await accepted("鲤城区测试不予登记协会");
    const { version } = await applicationRow(id);
    const fields: Array<[string, string]> = [["decision", "reject"], ["version", String(version)], ["reason", "同一行政区域内已有业务范围相似的社会团体"]];
    expect((await decide(id, fields)).body.confirm).toBeDefined();
    expect(await applicationRow(id)).toMatchObject({ state: "accepted", version });
    expect(await decide(id, confirmed(fields))).toMatchObject({ status: 200, body: { notice: "已作出不予登记的决定，理由和救济途径已告知申请人。" } });
    expect((await applicationRow(id)).state).toBe("rejected");
  });
});

describe("审核通过并公开", () => {
  const post = (id: number, as: string, body: Array<[string, string]>) =>
    answer<Reply>(() => postingAction({ request: posted(`/village/postings/${id}`, as, body, keyed), params: { id: String(id) }, context }));

  /** A finance posting the clerk drafted and submitted: waiting for the committee. */
  async function waitingForReview() {
    const created = await createPosting(contextOf(await demoActor("clerk"), now), { kind: "finance_monthly", period: lastMonth.key, title: "收支公开", body: "本月收支如下。" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const id = created.value.id;
    const fields: Array<[string, string]> = [["intent", "submit"], ["version", String((await openVersion(id)).version)], ["title", "收支公开"], ["period", lastMonth.key], ["body", "本月收支如下。"], ["row.0.item", "租金"], ["row.0.income", "100"]];
    expect(await post(id, "clerk", fields)).toMatchObject({ status: 200, body: { notice: "已提交村务监督委员会审核。审核通过后即在公开页面发布。" } });
    return id;
  }

  const status = async (id: number) => {
    const db = await getDb();
    return (await db.select({ status: postings.status }).from(postings).where(eq(postings.id, id)))[0]!.status;
  };

  test("without the confirmation the version stays waiting for review; with it, it is published", async () => {
    const id = await waitingForReview();
    const version = String((await openVersion(id)).version);
    const fields: Array<[string, string]> = [["intent", "approve"], ["version", version], ["opinion", "经核对票据，金额无误，同意公开。"]];
    const audited = await auditCount();

    const asked = await post(id, "supervisor", fields);
    expect(asked.status).toBe(200);
    expect(asked.body.confirm?.fields).toEqual(expect.arrayContaining([["intent", "approve"], ["opinion", "经核对票据，金额无误，同意公开。"]]));
    expect((await openVersion(id)).state).toBe("submitted");
    expect(await status(id)).toBe("unpublished");
    expect(await auditCount()).toBe(audited);

    expect(await post(id, "supervisor", confirmed(asked.body.confirm!.fields))).toMatchObject({ status: 200, body: { notice: "审核通过，已在公开页面发布。" } });
    expect(await status(id)).toBe("published");
  });

  test("an approval with no opinion is refused beside the box before any confirmation; a return needs none", async () => {
    const id = await waitingForReview();
    const version = String((await openVersion(id)).version);
    for (const fields of [[["intent", "approve"], ["version", version], ["opinion", ""]], confirmed([["intent", "approve"], ["version", version], ["opinion", "  "]])] as Array<Array<[string, string]>>) {
      const refused = await post(id, "supervisor", fields);
      expect(refused.status).toBe(400);
      expect(refused.body.confirm).toBeUndefined();
      expect(refused.body.result?.error?.opinion?.[0]).toContain("写明核对了哪些内容");
    }
    // Returned, the posting goes back to the clerk: the committee is sent to its list with the notice.
    expect(await post(id, "supervisor", [["intent", "return"], ["version", version], ["opinion", "第 1 行收入缺少票据号"]])).toMatchObject({ status: 302 });
    expect((await openVersion(id)).state).toBe("returned");
  });
});

describe("列入 and 移出", () => {
  test("listing by hand without the confirmation lists no one; with it, the organization is listed; its removal likewise", async () => {
    const db = await getDb();
    const [org] = await db
      .select()
      .from(organizations)
      .where(and(eq(organizations.type, "social_group"), eq(organizations.status, "normal"), sql`not exists (select 1 from ${abnormalListings} where ${abnormalListings.organizationId} = ${organizations.id})`))
      .orderBy(organizations.id)
      .limit(1);
    const listings = () => db.select().from(abnormalListings).where(eq(abnormalListings.organizationId, org!.id));
    const fields: Array<[string, string]> = [["intent", "list-abnormal"], ["trigger", "unreachable"], ["listedOn", today], ["evidence", "两次寄往登记住所的挂号信均被退回（挂号信单号 XA001、XA002）"]];
    const list = (body: Array<[string, string]>) =>
      answer<Reply>(() => organizationCreditAction({ request: posted(`/officer/orgs/${org!.id}/credit`, "officer", body, keyed), params: { id: String(org!.id) }, context }));
    const audited = await auditCount();

    const asked = await list(fields);
    expect(asked.status).toBe(200);
    expect(asked.body.confirm?.fields).toEqual(expect.arrayContaining([["trigger", "unreachable"], ["listedOn", today]]));
    expect(await listings()).toEqual([]);
    expect(await auditCount()).toBe(audited);

    expect(await list(confirmed(asked.body.confirm!.fields))).toMatchObject({ status: 200, body: { notice: expect.stringContaining("已列入活动异常名录") } });
    const [listing] = await listings();
    expect(listing).toMatchObject({ trigger: "unreachable", listedOn: today, removedOn: null });

    const removal: Array<[string, string]> = [["listingId", String(listing!.id)], ["kind", "error"], ["reason", "经核实挂号信寄错地址，列入有误"]];
    const remove = (body: Array<[string, string]>) => answer<Reply>(() => abnormalAction({ request: posted("/officer/abnormal", "officer", body, keyed), params: {}, context }));
    const removalAsked = await remove(removal);
    expect(removalAsked.body.confirm?.fields).toEqual(expect.arrayContaining([["listingId", String(listing!.id)], ["reason", "经核实挂号信寄错地址，列入有误"]]));
    expect((await listings())[0]!.removedOn).toBeNull();
    expect(await remove(confirmed(removal))).toMatchObject({ status: 200, body: { notice: expect.stringContaining("已移出活动异常名录") } });
    expect((await listings())[0]).toMatchObject({ removedOn: today, removalKind: "error" });
  });

  test("a letter, which can be corrected, needs no confirmation", async () => {
    const db = await getDb();
    const [org] = await db.select().from(organizations).where(and(eq(organizations.type, "social_group"), eq(organizations.status, "normal"))).orderBy(organizations.id).limit(1);
    const sent = await answer<Reply>(() =>
      organizationCreditAction({
        request: posted(`/officer/orgs/${org!.id}/credit`, "officer", [["intent", "letter"], ["sentOn", today], ["trackingNumber", "XA1234567890"]], keyed),
        params: { id: String(org!.id) },
        context,
      }),
    );
    expect(sent).toMatchObject({ status: 200, body: { notice: "已登记寄出的挂号信。" } });
  });
});
