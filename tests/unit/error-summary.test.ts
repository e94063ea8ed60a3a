import { expect, test } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { proposalLabels, proposalSchema } from "../../app/domain/applications/forms";
import { parseSubmission, replyTo } from "../../app/domain/shared/form-submission";
import { ErrorSummary, errorSummaryHeading, errorSummaryItems } from "../../app/ui/error-summary";
import { Field } from "../../app/ui/form";
import { FormIdContext } from "../../app/ui/form-id";

const formOf = (entries: Array<[string, string]>) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
};

test("the form's own errors come first, then each labelled field's in the labels' order, then those of unlabelled fields as plain lines", () => {
  const items = errorSummaryItems(
    { version: ["页面已过期，请刷新后重试"], email: ["格式不正确"], "": ["草稿未保存"], name: ["请填写名称"] },
    { name: "名称", email: "电子邮箱" },
  );
  expect(items).toEqual([
    { name: null, text: "草稿未保存" },
    { name: "name", text: "请填写名称" },
    { name: "email", text: "电子邮箱：格式不正确" },
    { name: null, text: "页面已过期，请刷新后重试" },
  ]);
});

test("a label's closing note in brackets is left out, a message said twice is listed once, fields without errors are not listed", () => {
  const items = errorSummaryItems(
    { phone: ["请填写正确的号码"], a: ["同一句"], b: ["同一句"], c: null, d: [] },
    { phone: "手机号码（选填）", c: "丙", d: "丁" },
  );
  expect(items).toEqual([
    { name: "phone", text: "手机号码：请填写正确的号码" },
    { name: null, text: "同一句" },
  ]);
  expect(errorSummaryItems(null, { phone: "手机" })).toEqual([]);
  expect(errorSummaryItems({}, {})).toEqual([]);
});

test("the summary of a refused application comes from the reply every form already returns, each field named as the form labels it", () => {
  const submission = parseSubmission(formOf([["intent", "submit"], ["version", "1"], ["name", ""], ["individualMembers", "很多"]]), { schema: proposalSchema });
  expect(submission.status).toBe("error");
  const reply = replyTo(submission, null, { formError: "有填写不正确的内容，草稿未保存，请按提示修改。" });
  const items = errorSummaryItems(reply.error, proposalLabels);
  expect(items[0]).toEqual({ name: null, text: "有填写不正确的内容，草稿未保存，请按提示修改。" });
  const fields = items.filter((i) => i.name !== null);
  expect(fields.length).toBeGreaterThan(0);
  for (const item of fields) expect(item.text).toContain(proposalLabels[item.name as keyof typeof proposalLabels].replace(/（[^（）]*）$/, ""));
});

test("rendered on the server: focused on load, a heading that counts the errors, each link to the id its field has in the same form", () => {
  const result = { status: "error" as const, error: { "": ["未保存"], title: ["请填写标题"], body: ["正文太短"] } };
  // What PostForm provides to what is inside it: the form's id.
  const html = renderToString(
    createElement(
      FormIdContext.Provider,
      { value: "draft" },
      createElement(ErrorSummary, { result, labels: { title: "标题", body: "正文" } }),
      createElement(Field, { label: "标题", name: "title", errors: result.error.title }),
      createElement(Field, { label: "正文", name: "body", errors: result.error.body }),
    ),
  );
  expect(html).toContain('role="alert"');
  expect(html).toMatch(/tabindex="-1" autofocus=""|autofocus="" tabindex="-1"/);
  expect(html).toContain(errorSummaryHeading(3));
  expect(errorSummaryHeading(3)).toBe("提交未成功，请修改以下 3 处：");
  expect(html).toContain('href="#draft-title"');
  expect(html).toContain('id="draft-title"');
  expect(html).toContain('href="#draft-body"');
  expect(html).toContain('id="draft-body"');
  expect(html).toContain('for="draft-title"');
  // The form's own error is a line without a link.
  expect(html).toMatch(/<li>未保存<\/li>/);
});

test("no errors, no summary; outside a form with an id, fields keep ids of their own", () => {
  expect(renderToString(createElement(FormIdContext.Provider, { value: "f" }, createElement(ErrorSummary, { result: { status: "success" } })))).toBe("");
  expect(renderToString(createElement(Field, { label: "标题", name: "title" }))).not.toContain('id="title"');
});
