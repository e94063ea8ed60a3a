import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { resubmittedNotice, submissionParam } from "./auth/submission-request";
import type { ReactNode } from "react";
import { getActor } from "./auth/require.server";
import { takeFlash } from "./auth/flash.server";
import { districtName } from "./domain/places/queries.server";
import { GeneralErrorBoundary } from "./ui/error-boundary";
import { SiteFooter, SiteHeader } from "./ui/layout";
import { unreadReminderCount } from "./domain/reminders/queries.server";
import { useNonce } from "./ui/nonce";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, district] = await Promise.all([getActor(request), districtName()]);
  // The message an action left for this page (app/auth/flash.server.ts), read once.
  const flash = takeFlash(request, actor !== null);
  return data({
    flash: flash.notice,
    user: actor ? { displayName: actor.displayName, role: actor.role, unreadReminders: await unreadReminderCount(actor) } : null,
    districtName: district,
    // Forms of a signed-in user carry this (PostForm); it changes with every load, so after each submission.
    submissionKey: actor ? crypto.randomUUID().replaceAll("-", "") : null,
  }, { headers: flash.headers });
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          跳到主要内容
        </a>
        <SiteHeader user={data?.user ?? null} districtName={data?.districtName ?? ""} />
        <div id="main" className="flex-1">
          <ResubmittedNotice />
          {children}
        </div>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A refused form's page is shown at the address it was posted to, which
 * carries the form's one-time key: take the key out of the address bar (the
 * router keeps its own copy; nothing reads the key from there).
 */
function useTidyAddress() {
  const location = useLocation();
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(submissionParam)) return;
    url.searchParams.delete(submissionParam);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search.replace(/(^\?|&)index=(?=&|$)/, "$1index")}${url.hash}`);
  }, [location]);
}

/** Shown where a repeated submission was sent: it was saved once, not twice. */
function ResubmittedNotice() {
  const [searchParams] = useSearchParams();
  if (searchParams.get("notice") !== resubmittedNotice) return null;
  return (
    <p role="status" className="mx-auto mt-4 max-w-6xl rounded border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
      这份表单此前已经提交并保存过，本次没有重复保存。以下是保存后的最新情况。
    </p>
  );
}

export default function App() {
  useTidyAddress();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
