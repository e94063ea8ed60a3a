import { Link, useLocation } from "@remix-run/react";
import { Field } from "./form";

/** The field name app/auth/verification.server.ts reads (kept here too: the browser cannot import a .server module). */
export const reverifyFieldName = "reverifySecret";

export function reverifyHref(redirectTo: string): string {
  return `/account/verify?${new URLSearchParams({ redirectTo })}`;
}

/**
 * Inside a form whose change needs a recent verification: shown when the page
 * already knows the session's verification is older than 10 minutes (`needed`)
 * or the server refused the change for it (`prompt`). The password (or a code)
 * goes with the change itself, so nothing typed in the form is lost.
 */
export function ReverifyField({
  needed,
  prompt,
  id,
  onlyFor,
}: {
  needed: boolean;
  prompt?: { errors: string[] } | null;
  /** Several forms on one page: a distinct key each. */
  id?: string;
  /** When only some changes of the form need it ("更改角色或管辖范围时"): the field may be left empty otherwise. */
  onlyFor?: string;
}) {
  const location = useLocation();
  if (!needed && !prompt) return null;
  const refused = !!prompt;
  return (
    <div
      role={refused ? "alert" : "group"}
      aria-label="确认身份"
      className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 pt-3 text-sm text-amber-900"
    >
      <p className="mb-2">
        {refused
          ? "为保护账号安全，此项操作需要您在 10 分钟内确认过身份。您填写的其他内容已保留（密码类字段除外），请输入登录密码后再次提交。"
          : `${onlyFor ? `${onlyFor}需要确认身份` : "此项操作需要确认身份"}：距您上次输入密码已超过 10 分钟，请连同本次操作一起输入登录密码。`}
        已启用两步验证的，也可输入身份验证器上的 6 位验证码。也可以先到
        <Link to={reverifyHref(`${location.pathname}${location.search}`)}>确认身份页面</Link>
        确认后再回来填写。
      </p>
      <Field
        // A new key after each answer empties the field: a refused password is not left typed in.
        key={`${id ?? "reverify"}-${JSON.stringify(prompt ?? null)}`}
        label="登录密码或动态验证码"
        name={reverifyFieldName}
        type="password"
        autoComplete="current-password"
        errors={prompt?.errors}
        required={refused || !onlyFor}
      />
    </div>
  );
}
