/**
 * Statements built once per database and prepared, for the pages every reader
 * asks for with different values: building a drizzle query costs more CPU
 * than the database spends answering these. Keyed by the database handle, so
 * a database closed and opened again (the tests do) gets its own.
 */
import type { Database } from "../../../db/client.server";

export function preparedFor<T>(build: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let statements = byDatabase.get(db);
    if (!statements) {
      statements = build(db);
      byDatabase.set(db, statements);
    }
    return statements;
  };
}
