/**
 * How a password is compared with the list of common passwords. People dress a
 * common word up: capitals, a year or "!" at the end, "@" for "a", "0" for "o".
 * Undoing that gives the forms to look up, so `Password1234` and `P@ssw0rd2026!`
 * are both "password". Pure, so the rules are unit-tested on their own.
 */

/** Character for character: the letter a digit or symbol usually stands for. */
const leet: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "3": "e",
  "6": "g",
  "9": "g",
  "!": "i",
  "|": "l",
  "0": "o",
  "$": "s",
  "5": "s",
  "7": "t",
  "+": "t",
};

function undoLeet(text: string, one: "i" | "l"): string {
  return [...text].map((c) => (c === "1" ? one : (leet[c] ?? c))).join("");
}

/** Lower case, full-width characters folded to their ASCII forms. */
export function foldCase(password: string): string {
  return password.normalize("NFKC").toLowerCase();
}

/** Digits and symbols at the end (and the start) taken off: what is left of a word dressed up. */
export function stripDecoration(text: string): string {
  return text.replace(/[^\p{L}]+$/u, "").replace(/^[^\p{L}]+/u, "");
}

/**
 * The forms of a password to look up in the list: as typed (folded), without
 * its decoration, and either of those with look-alike characters read as letters.
 */
export function passwordVariants(password: string): string[] {
  const folded = foldCase(password);
  const variants = new Set<string>([folded]);
  // Leet is undone before stripping too: "p@ssw0rd" keeps its "0" inside the word.
  for (const base of [folded, stripDecoration(folded)]) {
    if (!base) continue;
    variants.add(base);
    for (const one of ["i", "l"] as const) {
      const read = undoLeet(base, one);
      variants.add(read);
      const stripped = stripDecoration(read);
      if (stripped) variants.add(stripped);
    }
  }
  return [...variants].filter((v) => v.length > 0);
}

/** The forms a list entry stands for: itself, and its letters without decoration. */
export function listEntryForms(entry: string): string[] {
  const folded = foldCase(entry.trim());
  if (!folded) return [];
  const forms = new Set<string>([folded]);
  const stripped = stripDecoration(folded);
  // "a123456" must not make every password that is "a" plus digits look common through "a":
  // a core of one or two letters stands only for itself.
  for (const core of [stripped, undoLeet(stripped, "i")]) if (core.length >= 3) forms.add(core);
  return [...forms];
}

/** Does the password contain the username (either way round, ignoring case and look-alikes)? */
export function containsUsername(password: string, username: string): boolean {
  const name = foldCase(username.trim());
  if (name.length < 3) return false;
  const folded = foldCase(password);
  return [folded, undoLeet(folded, "i"), undoLeet(folded, "l")].some((p) => p.includes(name));
}
