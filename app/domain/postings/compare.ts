/**
 * Which published version of a posting a page shows, the one it corrected,
 * and what changed between the two besides the text (the files). Pure.
 */

/**
 * The version to show (the current one unless `requested` names another) and
 * the published version just before it, from versions ordered newest first.
 * Null when `requested` names no published version.
 */
export function pickVersion<V extends { number: number }>(
  newestFirst: V[],
  currentNumber: number | null,
  requested: number | undefined,
): { shown: V; previous: V | null } | null {
  const wanted = requested ?? currentNumber;
  const index = wanted == null ? 0 : newestFirst.findIndex((v) => v.number === wanted);
  const shown = newestFirst[index];
  if (index < 0 || !shown) return null;
  return { shown, previous: newestFirst[index + 1] ?? null };
}

export interface ComparedFile {
  fileName: string;
  size: number;
}

/**
 * Files added and removed by a correction. A correction starts from copies of
 * the published files, so a file is "the same" when its name and size match.
 */
export function fileChanges<F extends ComparedFile>(before: F[], after: F[]): { added: F[]; removed: F[] } {
  const keyOf = (f: ComparedFile) => `${f.size}\u0000${f.fileName}`;
  const unmatched = (from: F[], against: F[]) => {
    const counts = new Map<string, number>();
    for (const f of against) counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
    return from.filter((f) => {
      const n = counts.get(keyOf(f)) ?? 0;
      if (n > 0) counts.set(keyOf(f), n - 1);
      return n === 0;
    });
  };
  return { added: unmatched(after, before), removed: unmatched(before, after) };
}

/** "12.3 KB", "1.5 MB": a file's size for people. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
