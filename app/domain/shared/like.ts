/** Escapes LIKE's wildcards so a user's "50%" searches for "50%". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
