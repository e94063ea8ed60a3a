/**
 * Seeded randomness and calendar helpers for the city generator. Every stage
 * draws from its own stream (seed + stage name), so a change in one stage
 * never shifts the data of another and two runs give the same rows.
 */

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: readonly T[]): T[];
}

/** FNV-1a over a string: a 32-bit seed for a named stream. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32, the same small generator as the demo seed. */
export function createRng(seed: number, stream: string): Rng {
  let a = (seed ^ hashString(stream)) | 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** Picks from weighted items by binary search over the running totals. */
export function weighted<T>(items: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const totals: number[] = [];
  let sum = 0;
  for (const [, w] of items) totals.push((sum += w));
  return (rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (totals[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]![0];
  };
}

/** Zipf-like weights: the first items common, a long tail of rare ones. */
export function zipf<T>(list: readonly T[], s = 1): Array<readonly [T, number]> {
  return list.map((item, i) => [item, 1 / Math.pow(i + 1, s)] as const);
}

/** Splits `total` into `parts` nearly equal whole numbers, the larger first. */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/* ------------------------------------------------------------------ dates */

export const dayMs = 86_400_000;
const shanghaiOffsetMs = 8 * 3_600_000;

export const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => isoOf(Date.parse(`${iso}T00:00:00Z`) + days * dayMs);
export const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
export const earlier = (a: string, b: string) => (a < b ? a : b);
export const later = (a: string, b: string) => (a > b ? a : b);

/** A day from `from` to `to`, both included (`to` when the range is empty). */
export function dayBetween(rng: Rng, from: string, to: string): string {
  return from >= to ? to : addDays(from, rng.int(0, daysFrom(from, to)));
}

/** The instant of a Shanghai calendar day at an hour (and minute) of office time. */
export function shanghaiAt(iso: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - shanghaiOffsetMs + (hour * 60 + minute) * 60_000);
}

export const pad2 = (n: number) => String(n).padStart(2, "0");
