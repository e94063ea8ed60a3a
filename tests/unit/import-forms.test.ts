import { describe, expect, test } from "vitest";
import { batchIdOf, batchSchema, confirmSchema, importUploadSchema } from "../../app/domain/imports/forms";
import { parseSubmission } from "../../app/domain/shared/form-submission";
import { formOf, errorsOf, refusesClearly } from "../setup/form-properties";

describe("the import pages' forms", () => {
  test("an upload names a kind the registry imports", () => {
    expect(parseSubmission(formOf({ kind: "communities" }), { schema: importUploadSchema })).toMatchObject({ status: "success", value: { kind: "communities" } });
    expect(errorsOf(importUploadSchema, { kind: "users" })?.kind).toEqual(["请选择要导入的内容"]);
    expect(errorsOf(importUploadSchema, {})?.kind).toEqual(["请选择要导入的内容"]);
  });
  test("a batch is confirmed or discarded at the version shown; anything else is a stale or tampered page", () => {
    expect(parseSubmission(formOf({ intent: "discard", version: "2" }), { schema: batchSchema })).toMatchObject({ status: "success", value: { intent: "discard", version: 2 } });
    expect(errorsOf(batchSchema, { intent: "import", version: "2" })?.intent).toEqual(["未知的操作"]);
    for (const version of ["", "0", "-1", "1.5", "2147483648", "abc"]) {
      expect(errorsOf(batchSchema, { intent: "confirm", version })?.version).toEqual(["页面已过期，请刷新后重试"]);
    }
  });
  test("the streamed confirmation only confirms", () => {
    expect(errorsOf(confirmSchema, { intent: "discard", version: "2" })?.intent).toEqual(["这里只能确认导入。"]);
  });
  test("a batch named by text that names no row is NaN, for the domain to answer after its permission check", () => {
    expect(batchIdOf("12")).toBe(12);
    for (const param of [undefined, "", "0", "007", "1e3", "2147483648", "abc"]) expect(batchIdOf(param)).toBeNaN();
  });
});

describe("malformed input gives a clear refusal, never an exception", () => {
  test("an upload", () => refusesClearly(importUploadSchema));
  test("a batch's page", () => refusesClearly(batchSchema, [{ name: "intent", values: ["confirm", "discard"] }]));
  test("the streamed confirmation", () => refusesClearly(confirmSchema, [{ name: "intent", values: ["confirm"] }]));
});
