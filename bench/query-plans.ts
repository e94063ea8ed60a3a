/**
 * The query-plan rule: no measured request reads a table of over 10,000 rows
 * from end to end. The app runs with every statement recorded
 * (SQL_CAPTURE_FILE) and the page cache off; the measured requests are made
 * twice (the first round also computes the figures kept until the public data
 * changes), and each distinct statement is EXPLAINed with its own parameters.
 * Used by tests/integration/postgres-only/query-plans.test.ts on a city seeded
 * for the test, and by `npm run plans:check` on any database (the province).
 */
import fs from "node:fs";
import type postgres from "postgres";

export const largeTable = 10_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Total Cost"?: number;
  Plans?: PlanNode[];
}

export interface Offender {
  tables: string[];
  query: string;
  /** The planner's estimate, for ranking what to fix first. */
  cost: number;
}

export interface PlanCheck {
  /** Tables over the limit, by the planner's row counts. */
  large: string[];
  firstRound: { statements: number; offenders: Offender[] };
  steady: { statements: number; offenders: Offender[] };
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

/** The statements recorded in lines [from, to), each once with its parameters. */
function recorded(captureFile: string, from: number, to?: number): Array<{ query: string; parameters: unknown[] }> {
  const seen = new Set<string>();
  return fs
    .readFileSync(captureFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .slice(from, to)
    .map((line) => JSON.parse(line) as { query: string; parameters: unknown[] })
    .filter((s) => /^\s*(select|with|update|delete|insert)\b/i.test(s.query))
    .filter((s) => {
      const key = `${s.query}\u0000${JSON.stringify(s.parameters)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

async function offendersAmong(client: postgres.Sql, statements: Array<{ query: string; parameters: unknown[] }>, large: Set<string>): Promise<Offender[]> {
  const offenders: Offender[] = [];
  for (const s of statements) {
    const [row] = await client.unsafe<Array<{ "QUERY PLAN": unknown }>>(`explain (format json) ${s.query}`, s.parameters as never[]);
    const plan = (row!["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    const tables = seqScans(plan).filter((t) => large.has(t));
    if (tables.length) offenders.push({ tables, query: s.query.slice(0, 300), cost: plan["Total Cost"] ?? 0 });
  }
  return offenders.sort((a, b) => b.cost - a.cost);
}

/**
 * Makes `requests` twice against the app at `base` (recording to `captureFile`), signed in with
 * `sessionToken` where asked, and explains what they ran. Throws when a request does not answer 200.
 */
export async function checkQueryPlans(options: {
  base: string;
  captureFile: string;
  client: postgres.Sql;
  sessionToken: string;
  requests: Array<{ name: string; path: string; signedIn: boolean }>;
}): Promise<PlanCheck> {
  const { base, captureFile, client, sessionToken, requests } = options;
  const round = async () => {
    for (const r of requests) {
      const response = await fetch(`${base}${r.path}`, { redirect: "manual", headers: r.signedIn ? { Cookie: `cr_session=${sessionToken}` } : {} });
      await response.text();
      if (response.status !== 200) throw new Error(`${r.name} ${r.path} answered ${response.status}`);
    }
  };
  const large = new Set(
    (await client.unsafe<Array<{ relname: string }>>(`select relname from pg_class where relkind = 'r' and reltuples > ${largeTable}`)).map((r) => r.relname),
  );
  const lines = () => (fs.existsSync(captureFile) ? fs.readFileSync(captureFile, "utf8").split("\n").filter(Boolean).length : 0);
  const start = lines();
  await round();
  const afterFirst = lines();
  await round();
  const first = recorded(captureFile, start, afterFirst);
  const steady = recorded(captureFile, afterFirst);
  return {
    large: [...large].sort(),
    firstRound: { statements: first.length, offenders: await offendersAmong(client, first, large) },
    steady: { statements: steady.length, offenders: await offendersAmong(client, steady, large) },
  };
}
