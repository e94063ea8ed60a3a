/**
 * The reading pages' HTML writer escapes every value it is given, and a
 * reading page's key keeps only what the page reads of its address.
 */
import { expect, test } from "vitest";
import { html, trusted } from "../../app/reading/html";
import { classes } from "../../app/ui/classes";
import { readingKey } from "../../app/reading/pages.server";

test("text and attributes are escaped; only Html passes as markup", () => {
  const name = `<script>alert("x")</script> & 'o'`;
  const page = html`<p title="${name}">${name}</p>${trusted("<br/>")}`.toString();
  expect(page).toBe(`<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;o&#x27;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;o&#x27;</p><br/>`);
});

test("lists are joined, empty values leave nothing, nested Html is kept", () => {
  const items = ["a<", "b"].map((x) => html`<li>${x}</li>`);
  expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe("<ul><li>a&lt;</li><li>b</li></ul>0");
  expect(classes("a", false, null, "b", "")).toBe("a b");
});

test("a reading page's key drops parameters the page does not read and names the defaults", () => {
  const key = (address: string) => readingKey(new URL(address, "http://localhost"));
  expect(key("/orgs?utm_source=x")).toBe(key("/orgs"));
  expect(key("/orgs?page=1&pageSize=20")).toBe(key("/orgs"));
  expect(key("/orgs?q=书法&status=normal&from=mail")).toBe(key("/orgs?status=normal&q=书法"));
  expect(key("/orgs?q=书法")).not.toBe(key("/orgs?q=书"));
  expect(key("/orgs?page=2")).not.toBe(key("/orgs"));
  // A filter the page cannot read is left out, as the page leaves it out.
  expect(key("/orgs?type=nonsense")).toBe(key("/orgs"));
  expect(key("/postings/12?ref=feed")).toBe(key("/postings/12"));
  expect(key("/postings/12?version=2")).not.toBe(key("/postings/12"));
  // A record and a place read nothing of the query.
  expect(key("/orgs/12?from=search")).toBe("/orgs/12");
  expect(key("/villages/350502001001?utm_source=x")).toBe("/villages/350502001001");
  expect(key("/orgs/12")).not.toBe(key("/orgs/13"));
  // Not reading pages: a bad version is Remix's to refuse, other addresses are not reading pages.
  expect(key("/postings/12?version=abc")).toBeNull();
  expect(key("/postings/12/print")).toBeNull();
  expect(key("/villages/3505")).toBeNull();
  expect(key("/places/350502001000")).toBeNull();
});
