/**
 * Characters no one-line field should hold, whatever the form: they are
 * invisible, reorder what is shown, or cannot be stored in PostgreSQL text.
 */
/** Control, bidirectional and zero-width characters, anywhere in a short field (a title, a cell, a reason, a search). */
// eslint-disable-next-line no-control-regex
const fieldControlPattern = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

/** Why a one-line field cannot be saved: it holds characters that are invisible or reorder the text; null when fine. */
export function fieldCharacterProblem(text: string, label: string): string | null {
  return fieldControlPattern.test(text) ? `“${label}”中含有不可见的控制字符（多来自复制粘贴），请删除后重新输入。` : null;
}

/** The text without those characters: for names that come from elsewhere, such as an uploaded file's name. */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(fieldControlPattern.source, "g"), "");
}
