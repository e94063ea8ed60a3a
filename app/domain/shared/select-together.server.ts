/**
 * Several selects read in one prepared statement. A page made of many short
 * lists (an organization's public record: its changes, conclusions,
 * penalties, listings, checks, grade, awards) cost a statement per list, each
 * sent, parsed and planned on its own: at city scale that, not the rows, was
 * most of the page's price. Here each select keeps its own builder (the one
 * its module writes, so its conditions are written once) and comes back as a
 * JSON array of its rows, decoded by its own columns' mappers as drizzle
 * decodes a row it reads alone.
 */
import { Column, getTableColumns, is, sql, SQL, Table } from "drizzle-orm";
import type { PgSelectConfig } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/client.server";
import { preparedFor } from "./prepared.server";

/** A drizzle select builder: its fields, its SQL, and the rows it resolves to. */
export interface Select<Row = unknown> extends PromiseLike<Row[]> {
  readonly _: { readonly config: PgSelectConfig };
  getSQL(): SQL;
}

interface Leaf {
  path: string[];
  decode: (value: unknown) => unknown;
  /** Read as text: JSON writes these types otherwise than the driver receives them (a timestamp with a "T", a numeric as a number). */
  asText: boolean;
}

const writtenOtherwiseInJson = /^(numeric|decimal|timestamp|time|interval|money)/;

/** An expression's decoder (set by .mapWith; drizzle keeps it off its public type). */
const decoderOf = (expression: SQL) => (expression as unknown as { decoder: { mapFromDriverValue: (value: unknown) => unknown } }).decoder;

/** The selected fields in the order drizzle writes them into the select list (its orderSelectedFields). */
function leaves(fields: Record<string, unknown>, prefix: string[] = []): Leaf[] {
  return Object.entries(fields).flatMap(([name, field]): Leaf[] => {
    const path = [...prefix, name];
    if (is(field, Column)) return [{ path, decode: (value) => field.mapFromDriverValue(value), asText: writtenOtherwiseInJson.test(field.getSQLType()) }];
    if (is(field, SQL)) return [{ path, decode: (value) => decoderOf(field).mapFromDriverValue(value), asText: false }];
    if (is(field, SQL.Aliased)) return [{ path, decode: (value) => decoderOf(field.sql).mapFromDriverValue(value), asText: false }];
    if (is(field, Table)) return leaves(getTableColumns(field), path);
    return leaves(field as Record<string, unknown>, path);
  });
}

/**
 * One row from its values in select-list order. A nested object whose values are all null (a left
 * join that found nothing) is null, as drizzle makes it.
 */
function decodeRow(shape: Leaf[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const empty = new Map<string, boolean>();
  shape.forEach(({ path, decode }, index) => {
    const raw = values[index] ?? null;
    let node = row;
    for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = raw === null ? null : decode(raw);
    if (path.length > 1) empty.set(path[0]!, (empty.get(path[0]!) ?? true) && raw === null);
  });
  for (const [name, allNull] of empty) if (allNull) row[name] = null;
  return row;
}

type Rows<T extends Record<string, Select>> = { [K in keyof T]: Awaited<T[K]> };

/**
 * One statement reading every select's rows, each in its own order, prepared once per database
 * under `name` (the selects take their values from placeholders, as `values` gives them). Each
 * select becomes a scalar subquery aggregating its rows as JSON arrays, its columns renamed by
 * position (two selects may both read an "id"); an aggregate over a plain subquery takes the rows
 * in the subquery's order.
 */
export function preparedTogether<T extends Record<string, Select>>(name: string, build: (db: Database) => T) {
  const statements = preparedFor((db) => {
    const selects = build(db);
    const parts = Object.entries(selects).map(([key, select]) => ({ key, select, shape: leaves(select._.config.fields) }));
    const columns = Object.fromEntries(
      parts.map(({ key, select, shape }) => {
        const positions = sql.raw(shape.map((_, j) => `c${j}`).join(", "));
        const values = sql.raw(shape.map((leaf, j) => (leaf.asText ? `c${j}::text` : `c${j}`)).join(", "));
        return [key, sql<unknown[][]>`(select coalesce(json_agg(json_build_array(${values})), '[]'::json) from ${select} as t(${positions}))`];
      }),
    );
    return { parts, statement: db.select(columns).from(sql`(select 1) as one`).prepare(name) };
  });
  return async (db: Database, values: Record<string, unknown>): Promise<Rows<T>> => {
    const { parts, statement } = statements(db);
    const [row] = await statement.execute(values);
    return Object.fromEntries(parts.map(({ key, shape }) => [key, (row![key] as unknown[][]).map((v) => decodeRow(shape, v))])) as Rows<T>;
  };
}
