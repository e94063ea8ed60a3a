import type { ReactNode } from "react";
import { Link, NavLink } from "@remix-run/react";
import { areaPaths, roleArea, roleLabels, type Role } from "../auth/roles";
import { PostForm } from "./form";
import { FlashNotice } from "./notice";
import { classes } from "./classes";

export interface ShellUser {
  displayName: string;
  role: Role;
  /** Reminders not yet read. */
  unreadReminders: number;
}

const areaNames = { officer: "登记管理工作台", org: "社会组织服务", village: "村务公开工作台", unit: "业务主管单位审查" } as const;

export function SiteHeader({ user, districtName }: { user: ShellUser | null; districtName: string }) {
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to="/" className="text-white no-underline hover:no-underline">
          <span className="block text-lg font-semibold tracking-wide">社区治理与社会组织登记平台</span>
          <span className="block text-xs text-brand-100">{districtName}民政局</span>
        </Link>
        <nav aria-label="主导航" className="flex flex-wrap items-center gap-1 text-sm">
          <TopLink to="/" end>
            首页
          </TopLink>
          <TopLink to="/orgs">社会组织</TopLink>
          <TopLink to="/postings">村务公开</TopLink>
          <TopLink to="/stats">统计数据</TopLink>
          {user ? (
            <>
              <TopLink to={areaPaths[roleArea[user.role]]}>{areaNames[roleArea[user.role]]}</TopLink>
              <span className="ml-2 hidden text-brand-100 sm:inline" title={roleLabels[user.role]}>
                {user.displayName}
              </span>
              <TopLink to="/account/reminders">
                提醒
                {user.unreadReminders ? (
                  <span className="ml-1 rounded-full bg-amber-300 px-1.5 text-xs font-semibold text-slate-900">
                    {user.unreadReminders}
                    <span className="sr-only"> 条未读</span>
                  </span>
                ) : null}
              </TopLink>
              <TopLink to="/account/security">账号安全</TopLink>
              <PostForm action="/logout">
                <button type="submit" className="rounded px-3 py-1.5 text-white hover:bg-brand-800">
                  退出登录
                </button>
              </PostForm>
            </>
          ) : (
            <TopLink to="/login">登录</TopLink>
          )}
        </nav>
      </div>
    </header>
  );
}

function TopLink({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  return (
    <NavLink
      to={to}
      end={end}
      className={({ isActive }) =>
        `rounded px-3 py-1.5 text-white no-underline hover:bg-brand-800 hover:no-underline ${isActive ? "bg-brand-800" : ""}`
      }
    >
      {children}
    </NavLink>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-xs text-slate-500">
        社区治理与社会组织登记平台 · 公开信息依法公示，个人身份证号码、手机号码已作脱敏处理
      </div>
    </footer>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** The side navigation of a signed-in area; each entry is shown only to those who may use it. */
export function AreaNav({ items }: { items: Array<{ to: string; label: string; end?: boolean }> }) {
  return (
    <nav aria-label="工作台导航" className="md:w-48 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) =>
                `block whitespace-nowrap rounded px-3 py-2 text-sm no-underline hover:bg-slate-200 hover:no-underline ${
                  isActive ? "bg-white font-medium text-brand-700 shadow-sm" : "text-slate-700"
                }`
              }
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A signed-in area's page: its side navigation (left out of print), and the page beside it. */
export function AreaLayout({ items, children }: { items: Array<{ to: string; label: string; end?: boolean }>; children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 md:flex-row">
      <div className="md:shrink-0 print:hidden">
        <AreaNav items={items} />
      </div>
      <main className="min-w-0 flex-1">
        <FlashNotice />
        {children}
      </main>
    </div>
  );
}

export function Panel({ title, children, className, id }: { title?: string; children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} className={classes("panel", className)}>
      {title ? <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2> : null}
      {children}
    </section>
  );
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export const badgeTones = {
  slate: "bg-slate-100 text-slate-700",
  green: "bg-green-100 text-green-800",
  red: "bg-red-100 text-red-800",
  amber: "bg-amber-100 text-amber-900",
  blue: "bg-blue-100 text-blue-800",
};
export type BadgeTone = keyof typeof badgeTones;

export function Badge({ tone = "slate", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge ${badgeTones[tone]}`}>{children}</span>;
}

export function Pagination({
  page,
  pageSize,
  total,
  capped = false,
  search,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** More matches than were counted: "1000 条以上", and a hint to narrow the search. */
  capped?: boolean;
  search: URLSearchParams;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const counted = capped ? `${total} 条以上` : `${total} 条`;
  if (pages <= 1) return <p className="mt-4 text-sm text-slate-600">共 {counted}</p>;
  const link = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <nav aria-label="分页" className="mt-4 flex items-center gap-3 text-sm">
      <span className="text-slate-600">
        共 {counted}，第 {page}/{pages} 页{capped && page >= pages ? "。结果较多，请输入更具体的名称或按类型、街道筛选" : ""}
      </span>
      {page > 1 ? <Link to={link(page - 1)}>上一页</Link> : null}
      {page < pages ? <Link to={link(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
