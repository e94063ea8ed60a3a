/**
 * A village's or community's postings as an Atom feed (RFC 4287), so villagers
 * and the press can follow them in a feed reader. Pure: the route reads the
 * postings (already masked) and hands them here.
 */
import { categoryLabels, kindOf, periodLabel, type PostingCategory } from "./rules";

export interface FeedPosting {
  id: number;
  category: PostingCategory;
  kind: string;
  period: string;
  title: string;
  status: "unpublished" | "published" | "withdrawn" | "discarded";
  version: number | null;
  hash: string | null;
  publishedAt: Date | null;
  withdrawnReason: string | null;
}

/** Characters XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML element or a quoted attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(notXmlChar, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** One line saying what the entry is: period, kind, version, hash; a withdrawn one says so first. */
export function feedSummary(p: FeedPosting): string {
  const parts = [`公开期间：${periodLabel(p.period)}`, `类型：${kindOf(p.kind).label}`];
  if (p.version) parts.push(`第 ${p.version} 版${p.version > 1 ? "（已更正）" : ""}`);
  if (p.hash) parts.push(`SHA-256：${p.hash}`);
  const summary = parts.join("；");
  if (p.status !== "withdrawn") return summary;
  const reason = p.withdrawnReason?.trim().replace(/[。.]+$/, "");
  return `【已撤回】${reason ? `撤回原因：${reason}。` : ""}${summary}`;
  return summary;
}

export function postingFeed(input: {
  origin: string;
  place: { code: string; name: string };
  postings: FeedPosting[];
  /** When the feed is built: its "updated" when nothing has been published yet. */
  now: Date;
}): string {
  const { origin, place, postings } = input;
  const placeUrl = `${origin}/villages/${place.code}`;
  const latest = postings.reduce<Date | null>((max, p) => (p.publishedAt && (!max || p.publishedAt > max) ? p.publishedAt : max), null);
  const entries = postings.map((p) => {
    const url = `${origin}/postings/${p.id}`;
    const updated = (p.publishedAt ?? input.now).toISOString();
    const title = p.status === "withdrawn" ? `【已撤回】${p.title}` : p.title;
    return [
      "  <entry>",
      `    <id>${xmlEscape(url)}</id>`,
      `    <title type="text">${xmlEscape(title)}</title>`,
      `    <updated>${updated}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `    <category term="${xmlEscape(p.category)}" label="${xmlEscape(categoryLabels[p.category])}"/>`,
      `    <summary type="text">${xmlEscape(feedSummary(p))}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlEscape(placeUrl)}</id>`,
    `  <title type="text">${xmlEscape(`${place.name} 村务公开`)}</title>`,
    `  <subtitle type="text">${xmlEscape(`${place.name}的党务、村务、财务公开事项，含更正和撤回记录。`)}</subtitle>`,
    `  <updated>${(latest ?? input.now).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${placeUrl}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(placeUrl)}"/>`,
    `  <author><name>${xmlEscape(place.name)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
