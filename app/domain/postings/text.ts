/**
 * The body of a village-affairs posting (村务公开事项): plain text in a small,
 * safe subset — paragraphs, lists and emphasis. It is parsed into a tiny AST
 * that the page renders with React elements; no HTML is ever passed through,
 * and a body that looks like HTML is refused when saved (bodyMarkupProblems).
 *
 * Also a line diff, to show what a correction changed between two versions.
 */

export interface Inline {
  text: string;
  strong: boolean;
}

export type Block =
  /** Consecutive non-blank, non-list lines; each line a run of inlines, shown with line breaks between them. */
  | { type: "paragraph"; lines: Inline[][] }
  /** Consecutive lines starting with "- " / "* " / "• " (unordered) or "1. " / "1、" / "（1）" / "(1)" (ordered). */
  | { type: "list"; ordered: boolean; items: Inline[][] };

export const maxBodyLength = 20000;

export const bodyMarkupHint =
  "空行分段；以“- ”开头的行为列表，以“1. ”开头的行为编号列表；用 **文字** 表示强调。不支持 HTML。";

/** Line breaks as "\n" (from "\r\n" and a lone "\r"). */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

const unorderedMarker = /^[-*]\s+|^•\s*/;
/** Up to three digits, so a line opening with a year ("2024、2025 年度……") stays a paragraph. */
const orderedMarker = /^\d{1,3}\.\s+|^\d{1,3}、\s*|^（\d{1,3}）\s*|^\(\d{1,3}\)\s*/;

/**
 * Where the next "**" delimiter starts: a run of exactly two asterisks. A
 * longer run is text: the stars of a masked number ("139****5678") inside
 * "**…**" must not end the emphasis and vanish.
 */
function delimiterAt(line: string, from: number): number {
  let at = line.indexOf("**", from);
  while (at >= 0) {
    let end = at + 2;
    while (line[end] === "*") end++;
    if (end - at === 2 && line[at - 1] !== "*") return at;
    at = line.indexOf("**", end);
  }
  return -1;
}

/** "**bold**" becomes a strong inline; an unmatched "**" or a longer run of asterisks stays literal text. */
function parseInlines(line: string): Inline[] {
  const out: Inline[] = [];
  const push = (text: string, strong: boolean) => {
    if (text === "") return;
    const last = out[out.length - 1];
    if (last && last.strong === strong && !strong) last.text += text;
    else out.push({ text, strong });
  };
  let pos = 0;
  while (pos < line.length) {
    const open = delimiterAt(line, pos);
    if (open < 0) break;
    const close = delimiterAt(line, open + 2);
    if (close < 0) break;
    push(line.slice(pos, open), false);
    push(line.slice(open + 2, close), true);
    pos = close + 2;
  }
  push(line.slice(pos), false);
  return out;
}

export function parsePostingBody(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const raw of normalizeNewlines(text).split("\n")) {
    const line = raw.trimEnd();
    const content = line.replace(/^[ \t]+/, "");
    if (content === "") {
      current = null;
      continue;
    }
    const unordered = unorderedMarker.exec(content);
    const ordered = unordered ? null : orderedMarker.exec(content);
    const marker = unordered ?? ordered;
    if (marker) {
      const isOrdered = ordered !== null;
      const item = parseInlines(content.slice(marker[0].length));
      if (current?.type === "list" && current.ordered === isOrdered) {
        current.items.push(item);
      } else {
        current = { type: "list", ordered: isOrdered, items: [item] };
        blocks.push(current);
      }
    } else if (current?.type === "paragraph") {
      current.lines.push(parseInlines(content));
    } else {
      current = { type: "paragraph", lines: [parseInlines(content)] };
      blocks.push(current);
    }
  }
  return blocks;
}

/** What was found, cut short for a message. */
function excerpt(found: string, max = 30): string {
  const chars = Array.from(found);
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : found;
}

/** Up to three distinct findings, quoted: “a”、“b”、“c”等. */
function listFindings(found: string[]): string {
  const distinct = [...new Set(found)];
  const shown = distinct
    .slice(0, 3)
    .map((f) => `“${f}”`)
    .join("、");
  return distinct.length > 3 ? `${shown}等` : shown;
}

const namedEntities: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  nbsp: "空格",
};

/** What an entity stands for, to tell the clerk what to type instead; null when unknown. */
function entityCharacter(entity: string): string | null {
  const body = entity.replace(/^&/, "").replace(/;$/, "");
  if (body.startsWith("#")) {
    const code = /^#[xX]/.test(body)
      ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code < 0x20 || code > 0x10ffff || (code >= 0x7f && code < 0xa0))
      return null;
    if (code >= 0xd800 && code <= 0xdfff) return null;
    return code === 0x20 || code === 0xa0 ? "空格" : String.fromCodePoint(code);
  }
  return namedEntities[body.toLowerCase()] ?? null;
}

/** Tags, comments, doctypes and processing instructions: "<" followed by an ASCII letter, "/", "!" or "?". */
const tagPattern = /<[A-Za-z/!?][^>\n]*>?/g;
/** "javascript:", also with whitespace inside it as browsers would ignore it. */
const javascriptPattern = /j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:[^\s]*/gi;
/** Named entities with their ";", numeric ones with or without it (browsers decode both). */
const entityPattern = /&(?:[A-Za-z][A-Za-z0-9]*;|#[0-9]+;?|#[xX][0-9A-Fa-f]+;?)/g;
/**
 * C0 and C1 control characters except tab, line feed and carriage return (part
 * of a line break), and the bidirectional overrides, which can make the figures
 * of a finance posting display in an order other than the stored one.
 */
// eslint-disable-next-line no-control-regex
const controlPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Why a body is too long (counted in characters, as the clerk sees them), or null. */
export function bodyLengthProblem(text: string): string | null {
  const length = Array.from(text).length;
  return length > maxBodyLength ? `正文不能超过 ${maxBodyLength} 字（现为 ${length} 字）。` : null;
}

/** Why a body cannot be saved, in Chinese; empty when it is fine. */
export function bodyMarkupProblems(text: string): string[] {
  const body = normalizeNewlines(text);
  if (body.trim() === "") return ["正文不能为空。"];
  const problems: string[] = [];

  const tooLong = bodyLengthProblem(body);
  if (tooLong) problems.push(tooLong);

  const tags = body.match(tagPattern);
  if (tags) {
    problems.push(
      `正文不能包含 HTML 标记（发现${listFindings(tags.map((t) => excerpt(t)))}）。请使用纯文本：${bodyMarkupHint}`,
    );
  }

  const scripts = body.match(javascriptPattern);
  if (scripts) {
    problems.push(
      `正文不能包含“javascript:”链接（发现${listFindings(scripts.map((s) => excerpt(s.replace(/\s+/g, " "))))}）。请删除该链接。`,
    );
  }

  const entities = body.match(entityPattern);
  if (entities) {
    const distinct = [...new Set(entities)];
    const examples = distinct.slice(0, 3).map((e) => {
      const character = entityCharacter(e);
      return character ? `“${e}”请直接写“${character}”` : `“${e}”`;
    });
    problems.push(
      `正文不能包含 HTML 字符实体（发现${examples.join("、")}${distinct.length > 3 ? "等" : ""}）。请直接输入字符本身。`,
    );
  }

  const controls = body.match(controlPattern);
  if (controls) {
    const codes = controls.map(
      (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
    );
    problems.push(
      `正文不能包含控制字符（发现 ${listFindings(codes)}，共 ${controls.length} 处）。这类字符通常来自复制粘贴，请删除后重新输入。`,
    );
  }

  return problems;
}

export interface DiffLine {
  op: "same" | "added" | "removed";
  text: string;
}

/** Lines of a body: "" has none, and a final line break does not start another line. */
function splitLines(text: string): string[] {
  const body = normalizeNewlines(text);
  if (body === "") return [];
  const lines = body.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Above this many cells (about 2000 × 2000 lines) the LCS table is not built. */
const maxLcsCells = 2000 * 2000;

/**
 * What changed from before to after, line by line: the longest common
 * subsequence of lines is "same", the rest "removed" (before's) and "added"
 * (after's), a replacement's removed lines first. Very large inputs get a
 * cheaper diff: common first and last lines kept, all between replaced.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }

  const out: DiffLine[] = a.slice(0, prefix).map((text) => ({ op: "same", text }));
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const n = midA.length;
  const m = midB.length;

  if (n === 0 || m === 0 || (n + 1) * (m + 1) > maxLcsCells) {
    for (const text of midA) out.push({ op: "removed", text });
    for (const text of midB) out.push({ op: "added", text });
  } else {
    // lcs[i * (m + 1) + j]: length of the LCS of midA[i..] and midB[j..]; at most min(n, m) ≤ 2000.
    const width = m + 1;
    const lcs = new Uint16Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        out.push({ op: "same", text: midA[i]! });
        i++;
        j++;
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
        out.push({ op: "removed", text: midA[i]! });
        i++;
      } else {
        out.push({ op: "added", text: midB[j]! });
        j++;
      }
    }
    for (; i < n; i++) out.push({ op: "removed", text: midA[i]! });
    for (; j < m; j++) out.push({ op: "added", text: midB[j]! });
  }

  for (const text of a.slice(a.length - suffix)) out.push({ op: "same", text });
  return out;
}

export function hasChanges(d: DiffLine[]): boolean {
  return d.some((line) => line.op !== "same");
}
