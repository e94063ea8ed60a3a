/**
 * The village workbench's pages as a browser posts to them: the routes'
 * actions are called with real requests, signed in by a session row, on this
 * file's database. Each answer keeps its status, its Chinese message beside
 * the field, and what was typed.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { postingFiles, postings, postingVersions, publicContactNumbers } from "../../db/schema";
import { createPosting } from "../../app/domain/postings/commands.server";
import { previousMonth } from "../../app/domain/postings/rules";
import { shanghaiDate } from "../../app/domain/shared/time";
import { action as contactsAction } from "../../app/routes/village.contacts";
import { action as newPostingAction } from "../../app/routes/village.postings.new";
import { action as postingAction } from "../../app/routes/village.postings.$id/route";
import { answer, posted, routeContext as context, signInEveryone } from "../setup/actions";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { openVersion } from "../setup/postings";

const now = new Date();
const lastMonth = previousMonth(shanghaiDate(now));

beforeAll(async () => {
  await loadDemoDistrict();
  await signInEveryone();
});

/** What the workbench's actions answer: the form's errors and what was typed, or a notice. */
interface Reply {
  intent?: string;
  notice?: string;
  blankRows?: number;
  formKey?: string;
  postedVersion?: number;
  result?: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };
}

const postTo = (id: number, as: string, body: Array<[string, string]> | FormData) =>
  answer<Reply>(() => postingAction({ request: posted(`/village/postings/${id}`, as, body), params: { id: String(id) }, context }));

async function draftOf(kind = "finance_monthly") {
  const created = await createPosting(contextOf(await demoActor("clerk"), now), { kind, period: lastMonth.key, title: "收支公开", body: "本月收支如下。" });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

describe("a new posting", () => {
  test("refused with every problem beside its field and what was typed; created, on to its page", async () => {
    const refused = await answer<Reply>(() =>
      newPostingAction({ request: posted("/village/postings/new", "clerk", [["kind", "nope"], ["period", "2025-03"], ["title", "三月"], ["body", ""]]), params: {}, context }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.result?.error).toEqual({ kind: ["请选择公开事项的类型"], body: ["正文不能为空。"], "": ["有填写不正确的内容，请按提示修改。"] });
    expect(refused.body.result?.initialValue).toMatchObject({ kind: "nope", period: "2025-03", title: "三月" });

    const wrongPeriod = await answer<Reply>(() =>
      newPostingAction({ request: posted("/village/postings/new", "clerk", [["kind", "finance_monthly"], ["period", "2025-Q1"], ["title", "三月"], ["body", "收支"]]), params: {}, context }),
    );
    expect(wrongPeriod.status).toBe(400);
    expect(wrongPeriod.body.result?.error?.period?.[0]).toContain("月度");

    const created = await answer<Reply>(() =>
      newPostingAction({ request: posted("/village/postings/new", "clerk", [["kind", "finance_monthly"], ["period", lastMonth.key], ["title", "收支"], ["body", "收支"]]), params: {}, context }),
    );
    expect(created.status).toBe(302);
    expect(created.location).toMatch(/^\/village\/postings\/\d+$/);
  });
});

describe("the posting page", () => {
  test("a save with field problems is refused whole, numbered as the grid will show it; a stale one keeps the version it was typed against", async () => {
    const id = await draftOf();
    const { version } = await openVersion(id);
    const refused = await postTo(
      id,
      "clerk",
      [
        ["intent", "save"],
        ["version", String(version)],
        ["title", ""],
        ["period", lastMonth.key],
        ["body", "收支"],
        ["row.0.item", "租金"],
        ["row.0.income", "100"],
        ["row.1.item", ""],
        ["row.2.item", ""],
        ["row.2.expense", "十元"],
        ["blankRows", "15"],
      ],
    );
    expect(refused.status).toBe(400);
    expect(refused.body.result?.error).toMatchObject({
      "": ["有填写不正确的内容，草稿未保存，请按提示修改。"],
      title: ["请填写标题"],
      table: ["第 2 行：请填写“项目”", "第 2 行：“支出（元）”应为不小于 0 的金额，最多两位小数（填写了“十元”）"],
    });
    expect(refused.body).toMatchObject({ intent: "save", blankRows: 15, postedVersion: version, formKey: expect.any(String) });

    const saved = await postTo(id, "clerk", [["intent", "save"], ["version", String(version)], ["title", "收支"], ["period", lastMonth.key], ["body", "收支"]]);
    expect(saved).toMatchObject({ status: 200, body: { intent: "save", notice: "草稿已保存。" } });
    const stale = await postTo(id, "clerk", [["intent", "save"], ["version", String(version)], ["title", "旧页面"], ["period", lastMonth.key], ["body", "收支"]]);
    expect(stale.status).toBe(409);
    expect(stale.body.result?.error?.[""]?.[0]).toContain("已被其他人处理或修改");
    expect(stale.body.postedVersion).toBe(version);

    // A blank period on a first version is named, not kept.
    const current = (await openVersion(id)).version;
    const blank = await postTo(id, "clerk", [["intent", "save"], ["version", String(current)], ["title", "收支"], ["period", ""], ["body", "收支"]]);
    expect(blank.body.result?.error?.period).toEqual(["请选择公开期间"]);
  });

  test("a period picked from the lists (a year and a month, quarter or day) is saved as its code; a pick the kind does not cover is refused beside it, as picked", async () => {
    const id = await draftOf();
    const picked = async (entries: Array<[string, string]>) =>
      postTo(id, "clerk", [["intent", "save"], ["version", String((await openVersion(id)).version)], ["title", "收支"], ["body", "收支"], ...entries]);
    const quarter = await picked([["periodYear", String(lastMonth.start.slice(0, 4))], ["periodPart", "Q1"]]);
    expect(quarter.status).toBe(400);
    expect(quarter.body.result?.error?.period?.[0]).toContain("月度财务收支的公开期间应为月度");
    expect(quarter.body.result?.initialValue).toMatchObject({ periodYear: lastMonth.start.slice(0, 4), periodPart: "Q1" });
    const month = await picked([["periodYear", lastMonth.start.slice(0, 4)], ["periodPart", lastMonth.start.slice(5, 7)], ["periodDate", ""]]);
    expect(month.body).toMatchObject({ notice: "草稿已保存。" });
    const db = await getDb();
    const [row] = await db.select().from(postings).where(eq(postings.id, id));
    expect(row!.period).toBe(lastMonth.key);

    const created = await answer<Reply>(() =>
      newPostingAction({
        request: posted("/village/postings/new", "clerk", [["kind", "assembly_decision"], ["periodPart", "date"], ["periodDate", shanghaiDate(now)], ["title", "村民代表会议决议"], ["body", "决议如下。"]]),
        params: {},
        context,
      }),
    );
    expect(created.status).toBe(302);
    const [made] = await db.select().from(postings).where(eq(postings.id, Number(created.location!.match(/\d+/)![0])));
    expect(made!.period).toBe(shanghaiDate(now));
  });

  test("more rows; a refused submission says the draft was saved; the Enter key saves", async () => {
    const id = await draftOf("subsistence_allowance");
    const rows = await postTo(id, "clerk", [["intent", "add-rows"], ["version", String((await openVersion(id)).version)], ["title", "低保名单"], ["period", lastMonth.key], ["body", "名单如下。"], ["blankRows", "5"]]);
    expect(rows).toMatchObject({ status: 200, body: { notice: "草稿已保存，已增加 10 行空行。", blankRows: 15 } });

    const version = (await openVersion(id)).version;
    const submitted = await postTo(id, "clerk", [["intent", "submit"], ["version", String(version)], ["title", "低保名单"], ["period", lastMonth.key], ["body", "名单如下。"]]);
    expect(submitted.status).toBe(400);
    expect(submitted.body.result?.error?.[""]?.[0]).toMatch(/^草稿已保存，但未能提交审核/);
    expect(submitted.body.result?.error?.table).toEqual(["请填写保障对象名单，至少一行"]);
    // Saved: the page takes the new version from its data.
    expect(submitted.body.postedVersion).toBeUndefined();
    expect((await openVersion(id)).version).toBeGreaterThan(version);

    const entered = await postTo(id, "clerk", [["version", String((await openVersion(id)).version)], ["title", "低保名单（改）"], ["period", lastMonth.key], ["body", "名单如下。"]]);
    expect(entered).toMatchObject({ status: 200, body: { intent: "save", notice: "草稿已保存。" } });
    expect((await openVersion(id)).title).toBe("低保名单（改）");
  });

  test("files: uploaded as multipart, one refused by its content, removed by id", async () => {
    const id = await draftOf();
    const upload = new FormData();
    upload.append("files", new File(["%PDF-1.4\n%test\n"], "票据.pdf", { type: "application/pdf" }));
    expect(await postTo(id, "clerk", upload)).toMatchObject({ status: 200, body: { intent: "upload", notice: "已上传 1 个文件。" } });
    const wrong = new FormData();
    wrong.append("files", new File(["<html>"], "票据.pdf", { type: "application/pdf" }));
    const refused = await postTo(id, "clerk", wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.result?.error?.files?.[0]).toContain("不是 PDF");
    const empty = await postTo(id, "clerk", [["intent", "upload"]]);
    expect(empty).toMatchObject({ status: 400, body: { result: { error: { files: ["请选择要上传的文件"] } } } });

    expect(await postTo(id, "clerk", [["intent", "remove-file"], ["fileId", "abc"]])).toMatchObject({ status: 409, body: { result: { error: { "": ["该附件不能删除。"] } } } });
    const db = await getDb();
    const [file] = await db
      .select({ id: postingFiles.id })
      .from(postingFiles)
      .innerJoin(postingVersions, eq(postingVersions.id, postingFiles.versionId))
      .where(eq(postingVersions.postingId, id));
    expect(await postTo(id, "clerk", [["intent", "remove-file"], ["fileId", String(file!.id)]])).toMatchObject({ status: 200, body: { notice: "附件已删除。" } });
  });

  test("an unknown intent, a stale page, a discard without its tick; a first draft given up goes back to the list", async () => {
    const id = await draftOf();
    expect(await postTo(id, "clerk", [["intent", "publish"]])).toMatchObject({ status: 400, body: { intent: "unknown", result: { error: { intent: ["无法识别的操作，请刷新页面后重试。"] } } } });
    expect(await postTo(id, "clerk", [["intent", "discard"], ["version", "x"], ["confirmDiscard", "on"]])).toMatchObject({ status: 400, body: { result: { error: { version: ["页面已过期，请刷新后重试。"] } } } });
    const version = String((await openVersion(id)).version);
    expect(await postTo(id, "clerk", [["intent", "discard"], ["version", version]])).toMatchObject({
      status: 400,
      body: { intent: "discard", result: { error: { confirmDiscard: ["请勾选确认后再放弃，放弃后不能恢复"] } } },
    });
    expect(await postTo(id, "clerk", [["intent", "discard"], ["version", version], ["confirmDiscard", "on"]])).toMatchObject({ status: 302, location: "/village/postings" });
    const db = await getDb();
    const [row] = await db.select({ status: postings.status }).from(postings).where(eq(postings.id, id));
    expect(row!.status).toBe("discarded");
  });

  test("the supervisor returns with a reason of their own and approves; the clerk corrects and withdraws with one", async () => {
    const id = await draftOf();
    const submitted = await postTo(id, "clerk", [["intent", "submit"], ["version", String((await openVersion(id)).version)], ["title", "收支公开"], ["period", lastMonth.key], ["body", "本月收支如下。"], ["row.0.item", "租金"], ["row.0.income", "100"]]);
    expect(submitted).toMatchObject({ status: 200, body: { notice: "已提交村务监督委员会审核。审核通过后即在公开页面发布。" } });
    const version = () => openVersion(id).then((v) => String(v.version));
    expect(await postTo(id, "supervisor", [["intent", "return"], ["version", await version()], ["opinion", "经审核，同意公开。"]])).toMatchObject({
      status: 400,
      body: { intent: "return", result: { error: { opinion: [expect.stringContaining("退回修改时")] } } },
    });
    expect(await postTo(id, "supervisor", [["intent", "approve"], ["version", "1"], ["opinion", "同意"], ["confirmed", "yes"]])).toMatchObject({ status: 409 });
    expect(await postTo(id, "supervisor", [["intent", "approve"], ["version", await version()], ["opinion", "同意公开。"], ["confirmed", "yes"]])).toMatchObject({
      status: 200,
      body: { notice: "审核通过，已在公开页面发布。" },
    });

    const db = await getDb();
    const postingVersion = async () => String((await db.select({ version: postings.version }).from(postings).where(eq(postings.id, id)))[0]!.version);
    expect(await postTo(id, "clerk", [["intent", "correct"], ["version", await postingVersion()], ["reason", ""]])).toMatchObject({
      status: 400,
      body: { result: { error: { reason: ["请填写更正原因，公开页面将显示该原因"] } } },
    });
    expect(await postTo(id, "clerk", [["intent", "withdraw"], ["version", await postingVersion()], ["withdrawReason", "名单有误\r\n另行公示"]])).toMatchObject({
      status: 200,
      body: { notice: "已撤回。公开页面将显示“已撤回”及撤回原因，原内容仍可查阅。" },
    });
    const [row] = await db.select({ reason: postings.withdrawnReason }).from(postings).where(eq(postings.id, id));
    expect(row!.reason).toBe("名单有误\n另行公示");
  });
});

describe("the public contacts page", () => {
  const postContacts = (body: Array<[string, string]>) => answer<Reply>(() => contactsAction({ request: posted("/village/contacts", "clerk", body), params: {}, context }));

  test("marks a number, refuses a bad one beside its field, and removes a mark by id", async () => {
    expect(await postContacts([["intent", "mark"], ["number", "0595-22345678"], ["label", "值班电话"]])).toMatchObject({
      status: 400,
      body: { intent: "mark", result: { error: { number: ["固定电话在公开页面上本来就完整显示，无需标记"] } } },
    });
    const marked = await postContacts([["intent", "mark"], ["number", "139 0595 1234"], ["label", " 监督电话 "]]);
    expect(marked).toMatchObject({ status: 200, body: { intent: "mark", notice: expect.stringContaining("已标记为公开") } });
    expect(await postContacts([["number", "13905951234"], ["label", "又一次"]])).toMatchObject({
      status: 400,
      body: { result: { error: { number: ["该号码已标记为公开（监督电话）"] } } },
    });
    const db = await getDb();
    const [contact] = await db.select().from(publicContactNumbers).where(eq(publicContactNumbers.digits, "13905951234"));
    expect(contact!.label).toBe("监督电话");
    expect(await postContacts([["intent", "unmark"], ["id", "0"]])).toMatchObject({ status: 409, body: { intent: "unmark", result: { error: { "": ["找不到该号码，可能已被取消公开。"] } } } });
    expect(await postContacts([["intent", "unmark"], ["id", String(contact!.id)]])).toMatchObject({ status: 200, body: { notice: expect.stringContaining("已取消公开") } });
  });
});
