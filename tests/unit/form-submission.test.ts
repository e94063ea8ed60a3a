import { expect, test } from "vitest";
import { z } from "zod";
import { boundedForm, defaultEchoLength, parseSubmission, schemaFields } from "../../app/domain/shared/form-submission";
import { loginSchema } from "../../app/domain/users/forms";
import { proposalSchema } from "../../app/domain/applications/forms";
import { reportSchema } from "../../app/domain/inspections/forms";

const formOf = (entries: Array<[string, string]>) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
};

test("a refused sign-in echoes the fields the form has and none it does not", () => {
  const submission = parseSubmission(formOf([["username", ""], ["password", "x"], ["junk", "J".repeat(1_000_000)]]), { schema: loginSchema });
  expect(submission.status).toBe("error");
  const reply = submission.reply({ hideFields: ["password"] });
  expect(JSON.stringify(reply)).not.toContain("JJJJ");
  expect(Object.keys(reply.initialValue ?? {})).not.toContain("junk");
});

test("a text over its field's maximum is cut to the maximum plus one, so it is still refused as too long", () => {
  const schema = z.object({ name: z.string().trim().max(10, "不能超过 10 个字") });
  const submission = parseSubmission(formOf([["name", "名".repeat(5000)]]), { schema });
  expect(submission.status).toBe("error");
  const reply = submission.reply();
  expect(reply.error?.name).toEqual(["不能超过 10 个字"]);
  expect((reply.initialValue as Record<string, string>).name).toHaveLength(11);
});

test("fields are found through optional, default, preprocess, unions and intersections", () => {
  const schema = z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("a"), title: z.string().max(5).optional() }),
      z.object({ intent: z.literal("b"), note: z.preprocess((v) => v, z.string().max(7)) }),
    ])
    .and(z.object({ version: z.coerce.number().default(1) }));
  expect(Object.fromEntries(schemaFields(schema))).toEqual({ intent: null, title: 5, note: 7, version: null });
});

test("nested names belong to their top-level field; a field without a maximum is cut at the default", () => {
  const schema = z.object({ rows: z.array(z.object({ amount: z.string() })), memo: z.string() });
  const bounded = boundedForm(formOf([["rows[0].amount", "1"], ["memo", "m".repeat(defaultEchoLength + 50)], ["other", "x"]]), schema);
  expect([...bounded.keys()]).toEqual(["rows[0].amount", "memo"]);
  expect((bounded.get("memo") as string).length).toBe(defaultEchoLength + 1);
});

test("the application and annual-report forms echo only their own fields", () => {
  const form = formOf([["name", "某某协会"], ["intent", "save"], ["evil", "x".repeat(500_000)]]);
  expect([...boundedForm(form, proposalSchema).keys()]).toEqual(["name"]);
  expect([...boundedForm(formOf([["evil", "x"]]), reportSchema).keys()]).toEqual([]);
});

test("a list index no form has is dropped, so a posted name cannot make conform build a four-billion-slot array", () => {
  const schema = z.object({ reason: z.array(z.string().max(10)).optional(), note: z.string().max(10) });
  const names = ["reason[4294967294]", "reason[00001]", "reason[1001]", "note[99999].x"];
  const bounded = boundedForm(formOf([...names.map((n): [string, string] => [n, "x"]), ["reason[2]", "y"]]), schema);
  expect([...bounded.keys()]).toEqual(["reason[2]"]);
  const reply = parseSubmission(formOf([["reason[4294967294]", "x"]]), { schema }).reply();
  expect(JSON.stringify(reply).length).toBeLessThan(1000);
});

test("a value of the wrong kind is refused in Chinese even where a schema names no message", () => {
  const schema = z.object({ count: z.number() });
  const reply = parseSubmission(formOf([["count", "三"]]), { schema }).reply();
  expect(reply.error?.count?.[0]).toMatch(/[\u4e00-\u9fff]/);
});

test("conform's revalidation of a now valid form is not a submission: its intent is kept, so nothing is saved before the user clicks", () => {
  // What conform sends through the form (requestSubmit) on input after a refused submission.
  const typed: Array<[string, string]> = [["username", "officer"], ["password", "demo-pass-2026"]];
  const revalidation = parseSubmission(formOf([...typed, ["__intent__", JSON.stringify({ type: "validate", payload: { name: "password" } })]]), { schema: loginSchema });
  expect(revalidation.status).toBeUndefined();
  expect(revalidation.payload).toEqual({ username: "officer", password: "demo-pass-2026" });
  // The user's own click sends the same fields without an intent: that one is the submission.
  expect(parseSubmission(formOf(typed), { schema: loginSchema }).status).toBe("success");
});

test("an intent or state conform could not have made is dropped, never a thrown error", () => {
  const typed: Array<[string, string]> = [["username", "officer"], ["password", "x"]];
  const malformed = [
    "{not json",
    "null",
    JSON.stringify({ type: "validate" }),
    JSON.stringify({ type: 1, payload: {} }),
    JSON.stringify({ type: "insert", payload: { name: "rows", index: 4294967294 } }),
    JSON.stringify({ type: "update", payload: { name: "rows[4294967294].amount", value: "1" } }),
    JSON.stringify({ type: "validate", payload: { name: "x".repeat(3000) } }),
  ];
  // Well formed but not applicable: a list step on a field that is no list.
  for (const intent of [{ type: "insert", payload: { name: "username" } }, { type: "remove", payload: { name: "password", index: 0 } }, { type: "reorder", payload: { name: "username", from: 0, to: 1 } }]) {
    expect(parseSubmission(formOf([...typed, ["__intent__", JSON.stringify(intent)]]), { schema: loginSchema }).status, intent.type).toBe("success");
  }
  for (const intent of malformed) {
    const form = formOf([...typed, ["__intent__", intent]]);
    expect([...boundedForm(form, loginSchema).keys()], intent).toEqual(["username", "password"]);
    expect(parseSubmission(form, { schema: loginSchema }).status, intent).toBe("success");
  }
  for (const state of ["{not json", "null", "[1]", JSON.stringify({ x: "y".repeat(3000) })]) {
    const form = formOf([...typed, ["__state__", state]]);
    expect([...boundedForm(form, loginSchema).keys()], state).toEqual(["username", "password"]);
    expect(parseSubmission(form, { schema: loginSchema }).status, state).toBe("success");
  }
});
