/**
 * Reading officers' import batches: the import page's kinds and recent
 * batches, one batch with a page of its problems and the first rows as they
 * will be recorded, its problems as CSV, and the templates. A batch belongs to
 * its officer: anyone else's is not found.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "../../../db/client.server";
import { importBatches } from "../../../db/schema";
import type { ImportProblem } from "../../../vocabulary";
import { hasPermission, type Actor, type Permission } from "../../auth/permissions";
import { badRequest, forbidden, notFound } from "../shared/errors";
import { isRowId } from "../shared/ids";
import { importColumns, importKindLabels, importKinds, requirementLabels, type ImportKind } from "./columns";
import type { OrganizationImportRow, PlaceImportRow } from "./rules";
import { toCsv } from "../shared/open-data";
import { writeXlsx } from "../shared/spreadsheet.server";

/** Who may import what: the register is corrected by registry officers, the places kept by the district. */
const kindPermissions: Record<ImportKind, Permission> = {
  organizations: "organization:correct",
  communities: "place:manage",
};

/** The kinds this actor may import; none means the import pages are not theirs. */
export function importKindsFor(actor: Actor | null): ImportKind[] {
  return importKinds.filter((kind) => hasPermission(actor, kindPermissions[kind]));
}

export function requireImporter(actor: Actor | null): Actor {
  if (!actor || !importKindsFor(actor).length) forbidden("您没有导入数据的权限。");
  return actor;
}

export function requireKind(actor: Actor | null, kind: ImportKind): Actor {
  if (!actor || !hasPermission(actor, kindPermissions[kind])) forbidden(`您没有导入${importKindLabels[kind]}的权限。`);
  return actor;
}


const sampleSize = 20;
export const problemPageSize = 100;

/* ------------------------------------------------------------------ reading batches */

const summaryColumns = {
  id: importBatches.id,
  kind: importBatches.kind,
  fileName: importBatches.fileName,
  fileSha256: importBatches.fileSha256,
  rowCount: importBatches.rowCount,
  problemRowCount: importBatches.problemRowCount,
  ignoredColumns: importBatches.ignoredColumns,
  status: importBatches.status,
  createdAt: importBatches.createdAt,
  importedAt: importBatches.importedAt,
  version: importBatches.version,
  problemCount: sql<number>`jsonb_array_length(${importBatches.problems})`.mapWith(Number),
  readRowCount: sql<number>`jsonb_array_length(${importBatches.rows})`.mapWith(Number),
};

/** The actor's own batch; anyone else's, or one that does not exist, is not found. */
export function ownBatchWhere(actor: Actor, id: number): SQL {
  if (!isRowId(id)) notFound("找不到该导入批次。");
  return and(eq(importBatches.id, id), eq(importBatches.createdBy, actor.userId))!;
}

/** The import page: the kinds the actor may import and their own recent batches. */
export async function importOverview(actor: Actor) {
  requireImporter(actor);
  const db = await getDb();
  const recent = await db
    .select(summaryColumns)
    .from(importBatches)
    .where(eq(importBatches.createdBy, actor.userId))
    .orderBy(desc(importBatches.createdAt), desc(importBatches.id))
    .limit(10);
  return { kinds: importKindsFor(actor), recent };
}

/** The actor's own batch, without its rows; anyone else's is not found, and a kind they may not import forbidden. */
export async function importBatchSummary(actor: Actor, id: number) {
  requireImporter(actor);
  const db = await getDb();
  const [batch] = await db.select(summaryColumns).from(importBatches).where(ownBatchWhere(actor, id));
  if (!batch) notFound("找不到该导入批次。");
  requireKind(actor, batch.kind);
  return batch;
}

/** JSON from a raw query: parsed by one driver, text from another. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** One batch for its officer: its totals, one page of its problems and the first rows as they will be recorded. */
export async function importBatchView(actor: Actor, id: number, page: number) {
  requireImporter(actor);
  const db = await getDb();
  const from = (page - 1) * problemPageSize;
  const [batch] = await db
    .select({
      ...summaryColumns,
      problems: sql`jsonb_path_query_array(${importBatches.problems}, '$[$from to $to]', jsonb_build_object('from', ${from}::int, 'to', ${from + problemPageSize - 1}::int))`,
      sample: sql`jsonb_path_query_array(${importBatches.rows}, '$[0 to ${sql.raw(String(sampleSize - 1))}]')`,
    })
    .from(importBatches)
    .where(ownBatchWhere(actor, id));
  if (!batch) notFound("找不到该导入批次。");
  requireKind(actor, batch.kind);
  const sample = json<Array<OrganizationImportRow | PlaceImportRow>>(batch.sample);
  // Which of the sample rows have problems, without reading every problem.
  const [flagged] = sample.length
    ? await queryRows<{ lines: unknown }>(
        db,
        sql`select coalesce(jsonb_agg(distinct (e->>'line')::int), '[]'::jsonb) as lines
            from ${importBatches}, jsonb_array_elements(${importBatches.problems}) e
            where ${importBatches.id} = ${batch.id} and (e->>'line')::int <= ${sample[sample.length - 1]!.line}`,
      )
    : [];
  return {
    ...batch,
    problems: json<ImportProblem[]>(batch.problems),
    sample,
    sampleProblemLines: json<number[]>(flagged?.lines ?? []),
    page,
    problemPageSize,
  };
}

export type ImportBatchView = Awaited<ReturnType<typeof importBatchView>>;

/** Every problem of a batch as CSV, for the officer to work through beside their file. */
export async function importProblemsCsv(actor: Actor, id: number): Promise<{ fileName: string; csv: string }> {
  requireImporter(actor);
  const db = await getDb();
  const [batch] = await db.select({ kind: importBatches.kind, problems: importBatches.problems }).from(importBatches).where(ownBatchWhere(actor, id));
  if (!batch) notFound("找不到该导入批次。");
  requireKind(actor, batch.kind);
  const csv = toCsv(
    ["行号", "列", "内容", "问题"] as const,
    batch.problems.map((p) => ({ 行号: p.line, 列: p.column, 内容: p.value, 问题: p.message })),
  );
  return { fileName: `import-${id}-problems.csv`, csv };
}

/* ------------------------------------------------------------------ templates */

/** An empty file with the kind's headers (XLSX: with a sheet of notes), for officers to fill in. */
export async function importTemplate(actor: Actor, kindParam: string | null, format: "csv"): Promise<{ fileName: string; content: string }>;
export async function importTemplate(actor: Actor, kindParam: string | null, format: "xlsx"): Promise<{ fileName: string; content: Uint8Array }>;
export async function importTemplate(actor: Actor, kindParam: string | null, format: "xlsx" | "csv"): Promise<{ fileName: string; content: Uint8Array | string }> {
  requireImporter(actor);
  const kind = importKinds.find((k) => k === kindParam);
  if (!kind) badRequest("参数 kind 应为 organizations（社会组织）或 communities（社区、村）。");
  requireKind(actor, kind);
  const columns = importColumns[kind];
  const fileName = `import-${kind}-template.${format}`;
  if (format === "csv") {
    return { fileName, content: toCsv(columns.map((c) => c.header), []) };
  }
  const content = await writeXlsx([
    { name: `${importKindLabels[kind]}导入`, columns: columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 4) })), rows: [] },
    {
      name: "填写说明",
      caption: [`${importKindLabels[kind]}导入模板：在第一张工作表的表头下逐行填写，一行一条；空行会被跳过。`],
      columns: [{ header: "列名", width: 20 }, { header: "是否必填", width: 12 }, { header: "填写说明", width: 60 }, { header: "也可写作", width: 40 }],
      rows: columns.map((c) => [c.header, requirementLabels[c.requirement], c.note, c.synonyms.join("、")]),
    },
  ]);
  return { fileName, content };
}
