/**
 * 双随机一公开: the random draw of organizations and of inspectors for a spot
 * check, replayable by anyone from what the plan publishes — the seed, the
 * organizations that could be drawn, how many, and the inspectors' pool.
 *
 * The rule, written so that a spreadsheet or a few lines of any language can
 * repeat it: each organization that could be drawn is given the SHA-256 of
 * "<seed>:<organization id>" (UTF-8, hexadecimal); they are sorted by that value
 * and the first n are drawn. For each organization drawn, each inspector of the
 * pool is given the SHA-256 of "<seed>:<organization id>:<inspector's name>";
 * the first k by that value check it. Pure: node's crypto in the server, the
 * same function in the tests.
 */
import { createHash } from "node:crypto";

export const drawRule =
  "对每个可抽取的组织，计算“种子:组织编号”的 SHA-256（UTF-8 编码，十六进制），按其值从小到大排列，取前 n 个；对每个被抽中的组织，计算“种子:组织编号:检查人员姓名”的 SHA-256，按其值从小到大排列，取前 k 名检查人员。";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export interface DrawInput {
  seed: string;
  /** The ids of the organizations that could be drawn, as the plan's scope found them. */
  population: number[];
  /** How many organizations to draw. */
  count: number;
  /** The inspectors' pool, by name. */
  inspectors: string[];
  /** Inspectors per organization (双人检查: two by default). */
  perCheck: number;
}

export interface DrawnCheck {
  organizationId: number;
  inspectors: string[];
  /** The value the organization was ranked by, shown so that the ranking can be checked line by line. */
  hash: string;
}

/** The organizations drawn, in the order drawn, each with its inspectors. */
export function drawChecks(input: DrawInput): DrawnCheck[] {
  const ranked = [...new Set(input.population)]
    .map((organizationId) => ({ organizationId, hash: sha256(`${input.seed}:${organizationId}`) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
    .slice(0, Math.max(0, input.count));
  return ranked.map(({ organizationId, hash }) => ({
    organizationId,
    hash,
    inspectors: [...new Set(input.inspectors)]
      .map((name) => ({ name, hash: sha256(`${input.seed}:${organizationId}:${name}`) }))
      .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
      .slice(0, input.perCheck)
      .map((i) => i.name),
  }));
}

/** How many a plan draws: a share (percent, rounded up so that a small scope still yields one) or a number, never more than there are. */
export function sampleSize(sample: { kind: "share" | "count"; value: number }, populationSize: number): number {
  const wanted = sample.kind === "share" ? Math.ceil((populationSize * sample.value) / 100) : sample.value;
  return Math.min(populationSize, Math.max(0, wanted));
}

/** The pool as typed: one name per line (or separated by commas), trimmed, each once. */
export function parseInspectorPool(text: string): string[] {
  return [...new Set(text.split(/[\n,，、]+/).map((n) => n.trim()).filter(Boolean))];
}
