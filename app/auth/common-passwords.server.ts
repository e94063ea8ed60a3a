/**
 * The server's half of the password rules: the list of common passwords is
 * 80 KB and stays out of the browser bundle (this is a .server module), so the
 * form's early hints cover length and classes and the server answers the rest
 * beside the same field.
 */
import list from "./common-passwords.txt?raw";
import { containsUsername, listEntryForms, passwordVariants } from "./password-variants";

let common: Set<string> | undefined;

function commonForms(): Set<string> {
  if (!common) {
    common = new Set();
    for (const line of list.split("\n")) {
      if (line.startsWith("#")) continue;
      for (const form of listEntryForms(line)) common.add(form);
    }
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  const forms = commonForms();
  return passwordVariants(password).some((variant) => forms.has(variant));
}

export const commonPasswordMessage = "该密码是常见密码或其简单变形（如首字母大写、末尾加数字或符号、用 @ 代替 a），很容易被猜中，请换一个";
export const usernameInPasswordMessage = "密码不能包含用户名";

/** Problems only the server can see: a common password, or one that contains the username. */
export function passwordListProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (isCommonPassword(password)) problems.push(commonPasswordMessage);
  if (containsUsername(password, username)) problems.push(usernameInPasswordMessage);
  return problems;
}
