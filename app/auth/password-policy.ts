/**
 * Passwords follow the level-protection rule (等保): at least 12 characters
 * from at least 3 of the 4 classes. The messages are shown beside the field.
 */
export const minPasswordLength = 12;

const classes: Array<[RegExp, string]> = [
  [/[a-z]/, "小写字母"],
  [/[A-Z]/, "大写字母"],
  [/[0-9]/, "数字"],
  [/[^a-zA-Z0-9]/, "符号"],
];

export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < minPasswordLength) problems.push(`密码至少需要 ${minPasswordLength} 个字符`);
  if (password.length > 128) problems.push("密码不能超过 128 个字符");
  const used = classes.filter(([pattern]) => pattern.test(password)).length;
  if (used < 3) problems.push("密码须包含小写字母、大写字母、数字、符号中的至少三类");
  return problems;
}
