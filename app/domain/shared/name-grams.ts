/**
 * Chinese names have no spaces, and the public searches them by fragments of
 * one or two characters ("社区", "老年") as often as by longer ones. Trigram
 * indexes cannot serve fragments under three characters, so every name also
 * keeps its single characters and two-character pieces (`name_grams`, a
 * generated column with a GIN index; see the migration). A fragment's pieces
 * must all be among a name's for the name to contain it: the index finds the
 * candidates, and LIKE confirms the order.
 */

/** The pieces a name must hold to contain `fragment`: the character itself, or every two-character piece. */
export function searchGrams(fragment: string): string[] {
  // Code points, as PostgreSQL's substr counts them (an astral character is one).
  const chars = Array.from(fragment.toLowerCase());
  if (chars.length <= 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The pieces stored for a name: what the database's name_grams(name) computes, for tests to compare with. */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name.toLowerCase());
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams].sort();
}
