/**
 * The document around a reading page: the head, the site header and footer of
 * app/root.tsx for a reader who is not signed in, and no scripts (the page
 * needs none, so it carries no hydration data and no nonce). The header and
 * footer are React's own (app/ui/layout.tsx), rendered once per section of the
 * site and district name and kept.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { districtName } from "../domain/places/queries.server";
import { SiteFooter, SiteHeader } from "../ui/layout";
import styles from "../styles/app.css?url";
import { html, trusted, type Html } from "./html";

const shells = new Map<string, { header: Html; footer: Html }>();

/** The header (its top link for `section` marked current) and footer, as React renders them. */
function shell(section: string, district: string) {
  const key = `${section} ${district}`;
  let kept = shells.get(key);
  if (!kept) {
    kept = {
      header: trusted(renderToStaticMarkup(<StaticRouter location={section}><SiteHeader user={null} districtName={district} /></StaticRouter>)),
      footer: trusted(renderToStaticMarkup(<SiteFooter />)),
    };
    shells.set(key, kept);
  }
  return kept;
}

/** A whole page: `section` is the site's top-level path the page belongs to ("/orgs", "/postings"). */
export async function readingDocument(title: string, section: string, main: Html, head: Html | "" = ""): Promise<string> {
  const { header, footer } = shell(section, await districtName());
  return `<!DOCTYPE html>${html`<html lang="zh-CN"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${title}</title><link rel="stylesheet" href="${styles}"/><link rel="icon" href="/favicon.svg" type="image/svg+xml"/>${head}</head><body class="flex min-h-screen flex-col"><a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:p-2">跳到主要内容</a>${header}<div id="main" class="flex-1">${main}</div>${footer}</body></html>`}`;
}
