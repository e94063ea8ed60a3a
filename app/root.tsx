import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getActor } from "./auth/require.server";
import { districtName } from "./domain/places.server";
import { GeneralErrorBoundary } from "./ui/error-boundary";
import { SiteFooter, SiteHeader } from "./ui/layout";
import { useNonce } from "./ui/nonce";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "社区治理与社会组织登记平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [actor, district] = await Promise.all([getActor(request), districtName()]);
  return {
    user: actor ? { displayName: actor.displayName, role: actor.role } : null,
    districtName: district,
  };
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
          {children}
        </div>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
