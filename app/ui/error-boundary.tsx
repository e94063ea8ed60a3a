import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";

const messages: Record<number, { title: string; text: string }> = {
  400: { title: "请求有误", text: "请求的参数不正确，请检查后重试。" },
  403: { title: "无权访问", text: "您的账号没有访问此页面或执行此操作的权限。如需开通，请联系系统管理员。" },
  404: { title: "页面不存在", text: "您要找的页面不存在，或者已被移除。" },
  405: { title: "不支持的操作", text: "此页面不接受这种请求方式。请从页面上的按钮或链接重新操作。" },
  409: { title: "内容已被修改", text: "该内容已被其他人修改，请刷新后重试。" },
  429: { title: "操作过于频繁", text: "请求次数过多，请稍后再试。" },
  503: { title: "服务暂时不可用", text: "系统暂时无法连接数据库，正在自动恢复，请稍后刷新页面。" },
};

/** One error page for every route: a known status gets its Chinese explanation; anything else a plain 500, never internals. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = messages[status];
  // Only a message written for the user (domain/shared/errors.ts) is shown; framework texts never are.
  const data: unknown = isRouteErrorResponse(error) ? error.data : null;
  const detail =
    data && typeof data === "object" && "userMessage" in data && typeof data.userMessage === "string"
      ? data.userMessage
      : null;
  // A sensitive change refused for want of a recent verification (app/auth/verification.server.ts).
  const reverify = !!data && typeof data === "object" && "reverify" in data && data.reverify === true;
  const title = reverify ? "请先确认身份" : (known?.title ?? "系统出错了");
  const text = detail ?? known?.text ?? "处理您的请求时发生了意外错误，已记录在案。请稍后重试；如果问题持续，请联系系统管理员。";
  return (
    <main className="mx-auto max-w-2xl px-4 py-16">
      <div role="alert" className="rounded border-t-4 border-brand-600 bg-white p-8 shadow-sm">
        <p className="text-sm text-slate-500">错误代码 {status}</p>
        <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
        <p className="mt-4 leading-relaxed text-slate-700">{text}</p>
        <p className="mt-6 flex gap-4">
          <Link to="/">返回首页</Link>
          {reverify ? (
            <Link to={`/account/verify?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`}>确认身份</Link>
          ) : status === 403 ? (
            <Link to="/login">切换账号登录</Link>
          ) : null}
        </p>
      </div>
    </main>
  );
}
