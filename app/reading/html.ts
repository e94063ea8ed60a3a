/**
 * HTML written as template strings for the reading pages (app/reading): every
 * value is escaped unless it is already Html, so text a user wrote can never
 * become markup, as React guarantees on the other pages.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

const special = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most parts (classes, names, dates) hold nothing to escape: a test is cheaper than a replace.
  return special.test(text) ? text.replace(/[&<>"']/g, (c) => escapes[c]!) : text;
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += render(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup made elsewhere and known to be safe (the shell React rendered). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

