/**
 * Importing officers' spreadsheets of organizations or of communities and
 * villages. An upload is read, checked and kept as a batch that belongs to its
 * officer; nothing enters the register until they confirm a batch without
 * problems. The confirmation checks the register again, writes every row, each
 * organization's history entry and one audit entry in one transaction, and
 * claims the batch by its version so that it is imported once.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "../../../db/client.server";
import { importBatches, organizations, places } from "../../../db/schema";
import type { ImportProblem } from "../../../vocabulary";
import { nextFilingNumbers } from "../applications/commands.server";
import { recordAudit } from "../audit/commands.server";
import type { ActionContext } from "../shared/context";
import type { Upload } from "../shared/attachments.server";
import { notFound, uniqueViolation, type WriteResult } from "../shared/errors";
import { maxImportBytes, type ImportKind } from "./columns";
import {
  checkOrganizationRows,
  checkPlaceRows,
  inFileOrder,
  placeDirectory,
  problemRows,
  readImportTable,
  repeatedInFile,
  rowKeys,
  takenInRegister,
  type Existing,
  type ImportKey,
  type OrganizationImportRow,
  type PlaceImportRow,
} from "./rules";
import { importBatchSummary, ownBatchWhere, requireImporter, requireKind } from "./queries.server";
import { diffFields, recordOrganizationChanges } from "../organizations/history.server";
import { isFiled, liveStatuses } from "../organizations/rules";
import { readSpreadsheet } from "../shared/spreadsheet.server";
import { withoutControlCharacters } from "../shared/text-input";
import { shanghaiDate } from "../shared/time";

type Batch = typeof importBatches.$inferSelect;

/** Rows written per statement: a few thousand parameters each, and a progress step each. */
const chunkSize = 500;

/* ------------------------------------------------------------------ lookups */

async function knownPlaces(db: Database) {
  return db.select({ id: places.id, code: places.code, name: places.name, level: places.level, parentId: places.parentId }).from(places);
}

/** `column in (the values)`, the values sent as one JSON parameter however many there are. */
function inList(column: AnyPgColumn, values: readonly string[]): SQL {
  return inArray(column, sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`);
}

/** Which of the keys' values the register and the places already hold. */
async function existingValues(db: Database, keys: readonly ImportKey[]): Promise<Existing> {
  const of = (key: ImportKey["key"]) => [...new Set(keys.filter((k) => k.key === key).map((k) => k.text))];
  const found = async (key: ImportKey["key"], query: (values: string[]) => Promise<string[]>) => {
    const values = of(key);
    return new Set(values.length ? await query(values) : []);
  };
  const placeNames = of("placeName").map((text) => text.slice(text.indexOf(":") + 1));
  const [uscc, filingNumber, liveName, placeCode, placeName] = await Promise.all([
    found("uscc", async (values) =>
      (await db.select({ v: organizations.uscc }).from(organizations).where(inList(organizations.uscc, values))).map((r) => r.v!),
    ),
    found("filingNumber", async (values) =>
      (await db.select({ v: organizations.filingNumber }).from(organizations).where(inList(organizations.filingNumber, values))).map((r) => r.v!),
    ),
    // A cancelled or revoked organization frees its name (as the register's unique index says).
    found("liveName", async (values) =>
      (
        await db
          .select({ v: organizations.name })
          .from(organizations)
          .where(and(inList(organizations.name, values), inArray(organizations.status, [...liveStatuses])))
      ).map((r) => r.v),
    ),
    found("placeCode", async (values) => (await db.select({ v: places.code }).from(places).where(inList(places.code, values))).map((r) => r.v)),
    found("placeName", async () =>
      (await db.select({ parentId: places.parentId, name: places.name }).from(places).where(inList(places.name, placeNames))).map(
        (r) => `${r.parentId}:${r.name}`,
      ),
    ),
  ]);
  return { uscc, filingNumber, liveName, placeCode, placeName };
}

/* ------------------------------------------------------------------ preview */

export interface ImportUpload {
  kind: ImportKind;
  fileName: string;
  content: Uint8Array;
}

/**
 * Reads and checks a file and keeps it as a batch for its officer to confirm.
 * A file that cannot be read as the kind (not a spreadsheet, wrong columns,
 * empty, too large) is refused with one message and nothing is kept.
 */
export async function previewImport(ctx: ActionContext, upload: ImportUpload): Promise<WriteResult<{ id: number }>> {
  const actor = requireKind(ctx.actor, upload.kind);
  const refuse = (message: string) => ({ ok: false as const, fieldErrors: { file: [message] } });
  if (!upload.content.length) return refuse("文件是空的，请选择要导入的表格文件。");
  if (upload.content.length > maxImportBytes) return refuse(`文件不能超过 ${maxImportBytes / 1024 / 1024} MB，请拆分后分批导入。`);
  const read = await readSpreadsheet(upload.content);
  if (!read.ok) return refuse(read.problem);
  const table = readImportTable(upload.kind, read.rows);
  if (!table.ok) return refuse(table.problem);

  const db = await getDb();
  const directory = placeDirectory(await knownPlaces(db));
  const checked =
    upload.kind === "organizations"
      ? checkOrganizationRows(table.table, directory, shanghaiDate(ctx.now))
      : checkPlaceRows(table.table, directory);
  const problems = inFileOrder([
    ...checked.problems,
    ...repeatedInFile(checked.keys),
    ...takenInRegister(checked.keys, await existingValues(db, checked.keys)),
  ]);
  const fileName = withoutControlCharacters(upload.fileName).slice(0, 200) || "未命名文件";
  const fileSha256 = createHash("sha256").update(upload.content).digest("hex");

  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        kind: upload.kind,
        fileName,
        fileSha256,
        rowCount: table.table.rows.length,
        rows: checked.rows as unknown as Array<Record<string, unknown>>,
        problems,
        problemRowCount: problemRows(problems),
        ignoredColumns: table.table.ignored,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning({ id: importBatches.id, rowCount: importBatches.rowCount, problemRowCount: importBatches.problemRowCount });
    await recordAudit(tx, ctx, {
      action: "import.preview",
      entityType: "import_batch",
      entityId: batch!.id,
      after: { kind: upload.kind, fileName, fileSha256, rowCount: batch!.rowCount, problems: problems.length, problemRows: batch!.problemRowCount },
    });
    return { ok: true, value: { id: batch!.id } };
  });
}

/** The upload form: its kind and its one file, read and checked as `previewImport` does. */
export async function previewUpload(ctx: ActionContext, input: { kind: ImportKind; files: Upload[] }): Promise<WriteResult<{ id: number }>> {
  const file = input.files[0];
  if (!file) return { ok: false, fieldErrors: { file: ["请选择要导入的 CSV 或 XLSX 文件"] } };
  return previewImport(ctx, { kind: input.kind, fileName: file.name, content: file.content });
}

/* ------------------------------------------------------------------ confirm */

export interface ImportProgress {
  stage: "checking" | "writing";
  done: number;
  total: number;
}

/** Raised inside the transaction to undo it and answer the officer instead. */
class Refused extends Error {
  constructor(
    message: string,
    readonly problems: ImportProblem[] = [],
  ) {
    super(message);
  }
}

const staleMessage = "该批次已有变化（可能已在另一个窗口确认或放弃），请刷新页面查看最新状态。";

function closedMessage(batch: Pick<Batch, "status">): string {
  return batch.status === "imported" ? "该文件已经导入，不能重复导入。" : "该批次已放弃，未导入任何数据；如需导入请重新上传文件。";
}


/**
 * Imports a previewed batch without problems: all of it in one transaction or
 * nothing. `onProgress` hears each step so a page can show it; the import
 * waits for it, so it may give the server a moment to send the step on.
 */
export async function confirmImport(
  ctx: ActionContext,
  id: number,
  input: { version: number },
  onProgress: (progress: ImportProgress) => void | Promise<void> = () => {},
): Promise<WriteResult<{ imported: number }>> {
  const actor = requireImporter(ctx.actor);
  const db = await getDb();
  const [batch] = await db.select().from(importBatches).where(ownBatchWhere(actor, id));
  if (!batch) notFound("找不到该导入批次。");
  requireKind(actor, batch.kind);
  if (batch.status !== "previewed") return { ok: false, formError: closedMessage(batch) };
  if (batch.version !== input.version) return { ok: false, formError: staleMessage };
  if (batch.problems.length) {
    return { ok: false, formError: `文件中还有 ${batch.problemRowCount} 行有问题，不能导入。请按问题列表修改文件后重新上传。` };
  }
  const total = batch.rows.length;
  await onProgress({ stage: "checking", done: 0, total });
  try {
    return await db.transaction(async (tx) => {
      // Claimed first: a second confirmation waits here, then finds the version moved on.
      const [claimed] = await tx
        .update(importBatches)
        .set({ status: "imported", importedAt: ctx.now, version: batch.version + 1 })
        .where(and(eq(importBatches.id, id), eq(importBatches.version, batch.version), eq(importBatches.status, "previewed")))
        .returning({ id: importBatches.id });
      if (!claimed) {
        const [now] = await tx.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, id));
        throw new Refused(now && now.status !== "previewed" ? closedMessage(now) : staleMessage);
      }
      // The register may have changed since the preview: someone registered a name meanwhile.
      const keys = rowKeys(batch.kind, batch.rows as unknown as Array<OrganizationImportRow | PlaceImportRow>);
      const taken = takenInRegister(keys, await existingValues(tx, keys));
      if (taken.length) throw new Refused(`自预览以来登记簿已有变化：${problemRows(taken)} 行与登记簿中的记录重复。未导入任何数据，请按下方问题修改文件后重新上传。`, taken);

      const step = (done: number) => onProgress({ stage: "writing", done, total });
      await step(0);
      const imported =
        batch.kind === "organizations"
          ? await writeOrganizations(tx, ctx, batch, batch.rows as unknown as OrganizationImportRow[], step)
          : await writePlaces(tx, batch.rows as unknown as PlaceImportRow[], step);
      await recordAudit(tx, ctx, {
        action: `import.${batch.kind}`,
        entityType: "import_batch",
        entityId: id,
        after: { batchId: id, kind: batch.kind, fileName: batch.fileName, fileSha256: batch.fileSha256, count: imported },
      });
      return { ok: true as const, value: { imported } };
    });
  } catch (error) {
    if (error instanceof Refused) {
      if (error.problems.length) await keepNewProblems(db, ctx, batch, error.problems);
      return { ok: false, formError: error.message };
    }
    // Someone wrote the same name or code between our check and our insert.
    if (uniqueViolation(error) !== null) {
      return { ok: false, formError: "导入时发现与登记簿重复的记录（可能有人同时录入了相同的组织或社区）。未导入任何数据，请重新上传文件预览。" };
    }
    throw error;
  }
}

/** The problems found at confirmation replace the batch's, so its page shows them and offers no confirmation. */
async function keepNewProblems(db: Database, ctx: ActionContext, batch: Batch, problems: ImportProblem[]) {
  await db.transaction(async (tx) => {
    const [kept] = await tx
      .update(importBatches)
      .set({ problems: inFileOrder(problems), problemRowCount: problemRows(problems), version: batch.version + 1 })
      .where(and(eq(importBatches.id, batch.id), eq(importBatches.version, batch.version), eq(importBatches.status, "previewed")))
      .returning({ id: importBatches.id });
    if (kept) {
      await recordAudit(tx, ctx, {
        action: "import.refused",
        entityType: "import_batch",
        entityId: batch.id,
        after: { problems: problems.length },
        reason: "确认导入时登记簿中已有重复记录",
      });
    }
  });
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) out.push(rows.slice(i, i + chunkSize));
  return out;
}

/** The fields an imported organization's first history entry lists. */
const importedFields = [
  "name",
  "type",
  "uscc",
  "filingNumber",
  "certificateNumber",
  "registeredOn",
  "legalRepresentative",
  "address",
  "supervisingUnit",
  "registeredFunds",
  "businessScope",
  "category",
  "status",
] as const;

async function writeOrganizations(
  tx: Database,
  ctx: ActionContext,
  batch: Batch,
  rows: OrganizationImportRow[],
  step: (done: number) => void | Promise<void>,
): Promise<number> {
  const [district] = await tx.select({ name: places.name }).from(places).where(eq(places.level, "district")).limit(1);
  const value = (row: OrganizationImportRow, filingNumber: string | null) => {
    const filed = isFiled(row.type);
    return {
      name: row.name,
      type: row.type,
      uscc: row.uscc,
      filingNumber,
      certificateNumber: row.certificateNumber,
      // As a decision records it: the bureau registers, the street files.
      registeringAuthority: filed ? row.streetName : `${district?.name ?? ""}民政局`,
      supervisingUnit: row.supervisingUnit,
      legalRepresentative: row.legalRepresentative,
      address: row.address,
      registeredFunds: row.registeredFunds,
      businessScope: row.businessScope,
      category: row.category,
      contactPhone: row.contactPhone,
      status: row.status,
      registeredOn: row.registeredOn,
      placeId: row.placeId,
      streetId: row.streetId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
  };
  // Filed organizations without a number get the street's next ones, after the file's own numbers are in.
  const numbered = rows.filter((r) => !isFiled(r.type) || r.filingNumber).map((r) => value(r, r.filingNumber));
  const unnumbered = rows.filter((r) => isFiled(r.type) && !r.filingNumber);
  const reason = `导入（批次 ${batch.id}：${batch.fileName}）`;
  let done = 0;
  const write = async (values: Array<ReturnType<typeof value>>) => {
    for (const chunk of chunks(values)) {
      const created = await tx.insert(organizations).values(chunk).returning();
      await recordOrganizationChanges(
        tx,
        ctx,
        created.map((o) => ({ organizationId: o.id, kind: "import" as const, changes: diffFields({}, o, importedFields), reason })),
      );
      done += created.length;
      await step(done);
    }
  };
  await write(numbered);
  if (unnumbered.length) {
    const today = shanghaiDate(ctx.now);
    const byStreet = new Map<string, OrganizationImportRow[]>();
    for (const r of unnumbered) {
      const list = byStreet.get(r.streetName ?? "") ?? [];
      list.push(r);
      byStreet.set(r.streetName ?? "", list);
    }
    const values: Array<ReturnType<typeof value>> = [];
    for (const [streetName, streetRows] of byStreet) {
      const numbers = await nextFilingNumbers(tx, streetName, today, streetRows.length);
      streetRows.forEach((r, i) => values.push(value(r, numbers[i]!)));
    }
    await write(values);
  }
  return done;
}

async function writePlaces(tx: Database, rows: PlaceImportRow[], step: (done: number) => void | Promise<void>): Promise<number> {
  const parentIds = [...new Set(rows.map((r) => r.parentId))];
  const last = await tx
    .select({ parentId: places.parentId, sortOrder: sql<number>`max(${places.sortOrder})`.mapWith(Number) })
    .from(places)
    .where(inArray(places.parentId, parentIds))
    .groupBy(places.parentId);
  const next = new Map(last.map((l) => [l.parentId, l.sortOrder]));
  // New places follow their street's existing ones, in the file's order.
  const values = rows.map((row) => {
    const sortOrder = Math.min((next.get(row.parentId) ?? 0) + 1, 32_767);
    next.set(row.parentId, sortOrder);
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      parentId: row.parentId,
      households: row.households,
      population: row.population,
      sortOrder,
    };
  });
  let done = 0;
  for (const chunk of chunks(values)) {
    await tx.insert(places).values(chunk);
    done += chunk.length;
    await step(done);
  }
  return done;
}

/* ------------------------------------------------------------------ discard */

export async function discardImport(ctx: ActionContext, id: number, input: { version: number }): Promise<WriteResult<null>> {
  const batch = await importBatchSummary(requireImporter(ctx.actor), id);
  if (batch.status !== "previewed") return { ok: false, formError: closedMessage(batch) };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The rows are let go: nothing will be imported from them. The problems stay for the record.
    const [discarded] = await tx
      .update(importBatches)
      .set({ status: "discarded", rows: [], version: batch.version + 1 })
      .where(and(eq(importBatches.id, id), eq(importBatches.version, input.version), eq(importBatches.status, "previewed")))
      .returning({ id: importBatches.id });
    if (!discarded) return { ok: false, formError: staleMessage };
    await recordAudit(tx, ctx, {
      action: "import.discard",
      entityType: "import_batch",
      entityId: id,
      before: { status: "previewed" },
      after: { status: "discarded", fileName: batch.fileName, rowCount: batch.rowCount },
    });
    return { ok: true, value: null };
  });
}
