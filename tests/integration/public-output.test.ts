/**
 * Every public output of the production server, fetched over HTTP: postings
 * carrying generated ID, mobile and bank-card numbers, typed every way, in the
 * title, the body (with markup), table text cells, file names, the
 * supervisor's opinions, a correction reason and a withdrawal reason. No
 * response holds any of them, as typed or as bare digits; the number the
 * village marked as a public contact is shown in full.
 *
 * On PGlite the server gets a data folder of its own: this file writes
 * everything there first and closes it, because an embedded database has one
 * process at a time. On PostgreSQL the server shares the file's database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, databaseKind, getDb, migrateDatabase } from "../../db/client.server";
import { postings, postingVersions } from "../../db/schema";
import { addPostingFiles, createPosting, markPublicContact, reviewPosting, startCorrection, submitPosting, withdrawPosting } from "../../app/domain/postings/commands.server";
import type { WriteResult } from "../../app/domain/shared/errors";
import { previousMonth } from "../../app/domain/postings/rules";
import { maskSensitive } from "../../app/domain/postings/sensitive-numbers";
import { shanghaiDate } from "../../app/domain/shared/time";
import { startAppServer, type AppServer } from "../setup/app-server";
import { contextOf, demoActor, loadDemoDistrict } from "../setup/demo";
import { typedNumber, validCard, validId15, validId18, validMobile, type Typed } from "../setup/typed-numbers";

const villageCode = "350502100201";
const now = new Date();
const lastMonth = previousMonth(shanghaiDate(now));
const seed = now.getTime() % 2_147_483_647;

/** A generated number and how it was typed. */
interface Secret {
  digits: string;
  typed: Typed;
}

/** `count` valid numbers of every kind, typed every way (for a one-line field, with no tab or invisible character). */
function secrets(count: number, options: { oneLine: boolean; maxLength?: number }, salt: number): Secret[] {
  const number = fc.oneof(validId18, validId15, validMobile, validCard);
  const arbitrary = number
    .chain((digits) => typedNumber(digits, { oneLine: options.oneLine }).map((typed) => ({ digits: digits.replace("X", ""), typed })))
    .filter((s) => s.typed.text.length <= (options.maxLength ?? 200));
  return fc.sample(arbitrary, { numRuns: count, seed: seed + salt });
}

const pdf = new TextEncoder().encode("%PDF-1.4\n%public output test\n");

let server: AppServer;
let dataDir: string | null = null;
const all: Secret[] = [];
const hotline = `139${String(now.getTime()).slice(-8)}`;
const hotlineTyped = `${hotline.slice(0, 3)}-${hotline.slice(3, 7)}-${hotline.slice(7)}`;
let withdrawnId = 0;
let publishedId = 0;
let withdrawnTitle = "";

async function openVersion(id: number) {
  const db = await getDb();
  const rows = await db.select().from(postingVersions).where(eq(postingVersions.postingId, id));
  return rows.find((v) => v.state === "draft" || v.state === "submitted" || v.state === "returned")!;
}

beforeAll(async () => {
  if (databaseKind() === "pglite") {
    await closeDb();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cr-public-output-"));
    process.env.DATA_DIR = dataDir;
    await migrateDatabase();
  }
  await loadDemoDistrict();
  const [clerk, supervisor] = await Promise.all([demoActor("clerk"), demoActor("supervisor")]);
  const ok = <V>(result: WriteResult<V>): V => {
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.value;
  };
  const line = (n: number) => secrets(n, { oneLine: true, maxLength: 90 }, n * 7919 + all.length);
  const take = (list: Secret[]) => {
    all.push(...list);
    return list.map((s) => s.typed.text);
  };

  // A relief list: numbers in the title, the body (with markup and invisible characters), text cells and file names.
  const [title] = take(line(1));
  withdrawnTitle = `公示：${title}`.slice(0, 100);
  const body = take(secrets(8, { oneLine: false }, 1))
    .map((text, i) => (i % 2 ? `- **${text}**` : `${i + 1}. ${text}`))
    .join("\n");
  const cells = take(line(6));
  const tableRows = [0, 2, 4].map((i) => ({ name: "陈阿水", idNumber: "", item: cells[i]!, amount: "500.00", note: cells[i + 1]! }));
  withdrawnId = ok(await createPosting(contextOf(clerk, now), { kind: "relief", period: lastMonth.key, title: withdrawnTitle, body, tableRows })).id;
  const fileNames = take(line(2)).map((name) => `${name}.pdf`);
  ok(await addPostingFiles(contextOf(clerk, now), withdrawnId, fileNames.map((name) => ({ name, content: pdf }))));
  ok(await submitPosting(contextOf(clerk, now), withdrawnId, { expectedVersion: (await openVersion(withdrawnId)).version, acknowledgeSensitive: true }));
  const [opinion1, reason, opinion2, withdrawal] = take(line(4));
  ok(await reviewPosting(contextOf(supervisor, now), withdrawnId, { expectedVersion: (await openVersion(withdrawnId)).version, decision: "approve", opinion: `同意。${opinion1}` }));

  // A correction (its reason is public) approved with another opinion, then a withdrawal with its reason.
  const db = await getDb();
  const version = async () => (await db.select().from(postings).where(eq(postings.id, withdrawnId)))[0]!.version;
  ok(await startCorrection(contextOf(clerk, now), withdrawnId, { expectedVersion: await version(), reason: `更正：${reason}` }));
  ok(await submitPosting(contextOf(clerk, now), withdrawnId, { expectedVersion: (await openVersion(withdrawnId)).version, acknowledgeSensitive: true }));
  ok(await reviewPosting(contextOf(supervisor, now), withdrawnId, { expectedVersion: (await openVersion(withdrawnId)).version, decision: "approve", opinion: `同意更正。${opinion2}` }));
  ok(await withdrawPosting(contextOf(clerk, now), withdrawnId, { expectedVersion: await version(), reason: `撤回：${withdrawal}` }));

  // A notice that stays published: the committee's phone, marked public, beside more numbers.
  const [other] = take(line(1));
  publishedId = ok(
    await createPosting(contextOf(clerk, now), {
      kind: "general_notice",
      period: lastMonth.key,
      title: `监督电话 ${hotlineTyped}`,
      body: `有异议请拨打 **${hotlineTyped}**。\n联系人：${other}`,
    }),
  ).id;
  ok(await submitPosting(contextOf(clerk, now), publishedId, { expectedVersion: (await openVersion(publishedId)).version, acknowledgeSensitive: true }));
  ok(await reviewPosting(contextOf(supervisor, now), publishedId, { expectedVersion: (await openVersion(publishedId)).version, decision: "approve", opinion: "同意公开。" }));
  ok(await markPublicContact(contextOf(clerk, now), { number: hotline, label: "村务监督委员会电话" }));

  if (dataDir) await closeDb();
  server = await startAppServer(dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: process.env.DATABASE_URL! });
}, 180_000);

afterAll(() => {
  server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A response as a reader would read its numbers: JSON, HTML and URL escapes
 * decoded, every digit as ASCII, and what the finder takes as a separator
 * (spaces, dashes, brackets, stars, invisible characters…) taken out.
 */
function readable(text: string): string {
  const decoded = text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[tnrfb]/g, " ")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/g, " ");
  let out = "";
  for (const c of decoded) {
    if (/\p{Nd}/u.test(c)) {
      let zero = c.codePointAt(0)!;
      while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
      out += String((c.codePointAt(0)! - zero) % 10);
    } else if (!/[\s\p{Cf}\p{Mn}\p{Me}\-‐‑‒–—―−﹘﹣－⁃/\\∕⁄／＼,，﹐、､﹑.．·・･‧。｡_＿‗()（）[\]［］【】〔〕{}｛｝*＊∗⁎﹡]/u.test(c)) {
      out += c;
    }
  }
  return out;
}

async function fetchText(pathname: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.base}${pathname}`, { redirect: "manual" });
  const disposition = response.headers.get("content-disposition");
  // A download's name travels in its header.
  const text = (disposition ? decodeURIComponent(disposition) : "") + (await response.text());
  return { status: response.status, text };
}

describe("every public output", () => {
  test("holds none of the numbers, as typed or as digits, and shows the marked public contact in full", async () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    const api = JSON.parse((await fetchText(`/api/v1/postings/${withdrawnId}`)).text) as {
      title: string;
      status: string;
      withdrawnReason: string;
      versions: Array<{ version: number; correctionReason: string | null; review: { opinion: string }; files: Array<{ url: string }> }>;
    };
    // What is fetched is the real content, masked: the posting, both versions, their sign-offs and files.
    expect(api.status).toBe("withdrawn");
    expect(api.title).toBe(maskSensitive(withdrawnTitle));
    expect(api.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(api.versions[0]!.correctionReason).toMatch(/^更正：/);
    expect(api.withdrawnReason).toMatch(/^撤回：/);
    const files = api.versions.flatMap((v) => v.files.map((f) => new URL(f.url).pathname));
    expect(files).toHaveLength(4);

    const paths = [
      ...[withdrawnId, publishedId].flatMap((id) => [
        `/postings/${id}`,
        `/postings/${id}.data`,
        `/postings/${id}?version=1`,
        `/postings/${id}/print`,
        `/postings/${id}/print?version=1`,
        `/api/v1/postings/${id}`,
      ]),
      `/postings/${withdrawnId}?version=2`,
      `/postings/${withdrawnId}/print?version=2`,
      `/villages/${villageCode}`,
      `/villages/${villageCode}/feed.xml`,
      `/postings`,
      `/postings?village=${villageCode}`,
      `/api/v1/postings?village=${villageCode}`,
      `/api/v1/postings?village=${villageCode}&format=csv`,
      `/api/v1/postings?format=csv`,
      `/`,
      ...files,
    ];
    const responses = new Map<string, string>();
    for (const p of paths) {
      const { status, text } = await fetchText(p);
      expect(status, p).toBe(200);
      responses.set(p, text);
    }
    for (const [p, text] of responses) {
      const read = readable(text);
      for (const secret of all) {
        const where = `${p} (seed ${seed}): ${JSON.stringify(secret.typed.typed)}`;
        expect(text.includes(secret.typed.typed), where).toBe(false);
        expect(read.includes(secret.digits), where).toBe(false);
      }
    }
    // The village's marked number, in full wherever its posting is shown.
    for (const p of [`/postings/${publishedId}`, `/postings/${publishedId}/print`, `/api/v1/postings/${publishedId}`, `/villages/${villageCode}`, `/villages/${villageCode}/feed.xml`, `/postings?village=${villageCode}`, `/api/v1/postings?village=${villageCode}&format=csv`]) {
      expect(responses.get(p), p).toContain(hotlineTyped);
    }
  });
});
