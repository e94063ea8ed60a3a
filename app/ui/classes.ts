/** An attribute holding a list of classes, the empty ones left out (no stray spaces in every cell of a long table). */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}
