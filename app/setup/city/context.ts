import type { TransactionSql } from "postgres";
import type { Database } from "../../../db/client.server";
import type { Progress } from "./progress";
import type { Rng } from "./random";

/** What `--scale` names: a prefecture-level city, or a province of ten cities' size. */
export type CityScale = "city" | "province";

export interface ResolvedCityOptions {
  scale: CityScale;
  /** As given with `--factor`, relative to the scale: 1 is the full city (or province); 0.01 a hundredth of every count. */
  factor: number;
  /** Every count's multiple of the city's: the factor, or ten times the factor for the province. */
  size: number;
  /** The day the data is dated back from (YYYY-MM-DD, Shanghai). */
  asOf: string;
  /** 08:00 in Shanghai on `asOf`: everything generated happened before it. */
  now: Date;
  seed: number;
}

/** What every stage works with: the one transaction (raw for COPY, drizzle for the demo's code), options, progress, randomness. */
export interface CityContext {
  sql: TransactionSql;
  db: Database;
  options: ResolvedCityOptions;
  progress: Progress;
  rng(stream: string): Rng;
}
