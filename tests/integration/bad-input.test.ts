/**
 * The review's findings, one test each: bad input used to reach PostgreSQL
 * (a 500) or be stored altered; now it is a 400 (404 for an id no row can
 * have) with a Chinese message, and nothing is stored. The routes' own
 * loaders and actions are called with real requests, signed in by a session
 * row like the browser tests, on this file's database.
 */
import { demoLatestCampaign } from "../../app/setup/demo";
import { and, count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "../../db/client.server";
import { applicationFiles, applications, inspectionReports, loginAttempts, organizationChanges, organizations, users } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import { startApplication } from "../../app/domain/applications/commands.server";
import { action as loginAction } from "../../app/routes/login";
import { action as newUserAction } from "../../app/routes/officer.users.new";
import { action as userAction, loader as userLoader } from "../../app/routes/officer.users.$id";
import { action as reportAction } from "../../app/routes/org.inspections.$year";
import { action as officerApplicationAction } from "../../app/routes/officer.applications.$id";
import { action as applicantAction } from "../../app/routes/org.applications.$id";
import { action as correctionAction } from "../../app/routes/officer.orgs.$id_.correct";
import { loader as auditLoader } from "../../app/routes/officer.audit";
import { answer, got, posted, routeContext as context, signInEveryone } from "../setup/actions";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";

const unreadable = "提交的内容含有无效字符（如 NUL 或无法识别的编码），请删除后重新提交。";
beforeAll(async () => {
  await loadDemoDistrict();
  await signInEveryone();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function rows(table: PgTable, where?: SQL): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

describe("a NUL byte is refused with a 400 and stores nothing", () => {
  test("signing in: the username (it used to reach the sign-in attempts table)", async () => {
    const before = await rows(loginAttempts);
    const result = await answer(() => loginAction({ request: posted("/login", null, "username=adm%00in&password=whatever-it-is"), params: {}, context }));
    expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
    expect(await rows(loginAttempts)).toBe(before);
  });

  test("a new account's display name", async () => {
    const before = await rows(users);
    const body = form({ username: "nul.test", displayName: "王\u0000五", role: "district_officer", phone: "", password: "Nul-test-pass-2026!" });
    const result = await answer(() => newUserAction({ request: posted("/officer/users/new", "admin", body), params: {}, context }));
    expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
    expect(await rows(users)).toBe(before);
  });

  describe("an annual report", () => {
    const report = {
      version: "",
      recordChanged: "no",
      recordChanges: "",
      incomeDonations: "15300",
      incomeGrants: "10100",
      incomeServices: "73300",
      incomeFees: "18900",
      incomeOther: "4900",
      incomeTotal: "122500",
      expenditurePrograms: "96000",
      expenditureAdministration: "11900",
      expenditureOther: "0",
      expenditureTotal: "107900",
      netAssetsStart: "156700",
      netAssetsEnd: "156700",
      donationsReceived: "15300",
      activitiesCount: "7",
      mainActivities: "开展会员培训、交流研讨和公益服务活动",
      fullTimeStaff: "3",
      volunteers: "58",
      officers: "理事长、秘书长各一名",
      partyFormalMembers: "2",
      partyProbationaryMembers: "0",
      partyCoverage: "joint_branch",
      intent: "save",
    };
    const year = demoLatestCampaign();
    /** The association's report of the latest campaign, if it has one, with the version its form must post. */
    const stored = async () => {
      const db = await getDb();
      const [row] = await db
        .select()
        .from(inspectionReports)
        .where(and(eq(inspectionReports.organizationId, 1), eq(inspectionReports.year, year)));
      return row;
    };
    const save = async (fields: Record<string, string>) => {
      const current = await stored();
      const body = form({ ...report, version: current ? String(current.version) : "", ...fields });
      return answer(() => reportAction({ request: posted(`/org/inspections/${year}`, "assoc", body), params: { year: String(year) }, context }));
    };

    test("its main activities", async () => {
      const before = await stored();
      expect(await save({ mainActivities: "开展\u0000培训" })).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await stored()).toEqual(before);
    });

    test("its record changes", async () => {
      const before = await stored();
      expect(await save({ recordChanged: "yes", recordChanges: "住所变更为\u0000" })).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await stored()).toEqual(before);
      // The same report without the NUL byte is saved: the form itself was fine.
      expect((await save({ recordChanged: "yes", recordChanges: "住所变更为金池社区10号" })).status).toBe(200);
      expect((await stored())?.report).toMatchObject({ recordChanges: "住所变更为金池社区10号" });
    });
  });

  describe("a community filing the street officer enters", () => {
    let id = 0;
    beforeAll(async () => {
      const started = await startApplication(contextOf(await demoActor("street")), { kind: "filing" });
      if (!started.ok) throw new Error("no filing draft");
      id = started.value.id;
    });
    const filing = (fields: Record<string, string>) =>
      form({ version: "1", name: "象峰社区书画队", category: "culture_sports", legalRepresentative: "张三", address: "象峰社区活动中心", membersCount: "20", contactPhone: "13800138000", intent: "save", ...fields });
    const stored = async () => {
      const db = await getDb();
      const [row] = await db.select({ proposed: applications.proposed, version: applications.version }).from(applications).where(eq(applications.id, id));
      return row;
    };

    test("its name", async () => {
      const before = await stored();
      const result = await answer(() => officerApplicationAction({ request: posted(`/officer/applications/${id}`, "street", filing({ name: "书画\u0000队" })), params: { id: String(id) }, context }));
      expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await stored()).toEqual(before);
    });

    test("its address", async () => {
      const before = await stored();
      const result = await answer(() => officerApplicationAction({ request: posted(`/officer/applications/${id}`, "street", filing({ address: "活动中心\u0000" })), params: { id: String(id) }, context }));
      expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await stored()).toEqual(before);
    });
  });

  test("a correction of the register: the address", async () => {
    const db = await getDb();
    const [record] = await db.select().from(organizations).where(eq(organizations.id, 1));
    const changesBefore = await rows(organizationChanges);
    const body = form({
      version: String(record!.version),
      name: record!.name,
      uscc: record!.uscc ?? "",
      legalRepresentative: record!.legalRepresentative ?? "",
      address: "金池社区\u000010号",
      reason: "核对原始档案后更正住所",
    });
    const result = await answer(() => correctionAction({ request: posted("/officer/orgs/1/correct", "officer", body), params: { id: "1" }, context }));
    expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
    const [after] = await db.select().from(organizations).where(eq(organizations.id, 1));
    expect(after).toEqual(record);
    expect(await rows(organizationChanges)).toBe(changesBefore);
  });

  describe("an account the administrator manages", () => {
    let id = 0;
    beforeAll(async () => {
      const db = await getDb();
      const [user] = await db
        .insert(users)
        .values({ username: "nul.target", displayName: "赵六", role: "district_officer", passwordHash: await hashPassword("Nul-target-pass-2026!") })
        .returning();
      id = user!.id;
    });
    const account = async () => {
      const db = await getDb();
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row!;
    };

    test("updating it: the display name", async () => {
      const before = await account();
      const body = form({ intent: "update", version: String(before.version), displayName: "赵\u0000六", role: "district_officer", phone: "" });
      expect(await answer(() => userAction({ request: posted(`/officer/users/${id}`, "admin", body), params: { id: String(id) }, context }))).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await account()).toEqual(before);
    });

    test("disabling it: the reason", async () => {
      const before = await account();
      const body = form({ intent: "disable", version: String(before.version), reason: "调离\u0000岗位" });
      expect(await answer(() => userAction({ request: posted(`/officer/users/${id}`, "admin", body), params: { id: String(id) }, context }))).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect((await account()).disabledAt).toBeNull();
    });

    test("invalid UTF-8 in the display name is refused, not stored as U+FFFD", async () => {
      const before = await account();
      // "赵" then 0xC3 0x28, which is no UTF-8 character: the form decoder would make it "赵�(".
      const prefix = new TextEncoder().encode(`intent=update&version=${before.version}&role=district_officer&displayName=`);
      const body = Uint8Array.from([...prefix, 0xe8, 0xb5, 0xb5, 0xc3, 0x28]);
      expect(await answer(() => userAction({ request: posted(`/officer/users/${id}`, "admin", body), params: { id: String(id) }, context }))).toEqual({ status: 400, body: { userMessage: unreadable } });
      expect(await account()).toEqual(before);
    });
  });
});

test("invalid UTF-8 in a multipart form with files is refused before any file is kept", async () => {
  const started = await startApplication(contextOf(await demoActor("assoc")), { kind: "change" });
  if (!started.ok) throw new Error("no change draft");
  const id = started.value.id;
  // A text part whose bytes are no UTF-8 (0xC3 0x28, 0xFF), then a PDF that would otherwise be kept.
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];
  const body = Uint8Array.from([
    ...utf8('--b\r\nContent-Disposition: form-data; name="note"\r\n\r\n'),
    0xe8, 0xb5, 0xb5, 0xc3, 0x28, 0xff,
    ...utf8('\r\n--b\r\nContent-Disposition: form-data; name="files"; filename="charter.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
    ...utf8("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\r\n--b--\r\n"),
  ]);
  const result = await answer(() => applicantAction({ request: posted(`/org/applications/${id}`, "assoc", body, { boundary: "b" }), params: { id: String(id) }, context }));
  expect(result).toEqual({ status: 400, body: { userMessage: unreadable } });
  expect(await rows(applicationFiles, eq(applicationFiles.applicationId, id))).toBe(0);
});

test("an account id beyond PostgreSQL's integer is a 404, not a database error", async () => {
  const result = await answer(() => userLoader({ request: got("/officer/users/2147483648", "admin"), params: { id: "2147483648" }, context }));
  expect(result).toEqual({ status: 404, body: { userMessage: "找不到该账号。" } });
});

describe("the audit log's date filter", () => {
  test.each([
    ["0000-01-01", "a year no date has (it reached PostgreSQL as a 500)"],
    ["2026-02-30", "a day February does not have (it was quietly ignored)"],
  ])("from=%s, %s, is a 400 with the problem beside the filter", async (from) => {
    const result = await answer(() => auditLoader({ request: got(`/officer/audit?from=${from}`, "officer"), params: {}, context }));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ rows: [], problems: [expect.stringContaining(`“${from}”`)] });
  });

  test("a real date still filters", async () => {
    const result = await answer(() => auditLoader({ request: got("/officer/audit?from=2026-01-01&to=2026-01-31", "officer"), params: {}, context }));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ problems: [] });
  });
});
