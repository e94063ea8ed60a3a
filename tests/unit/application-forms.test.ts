import { describe, expect, test } from "vitest";
import { applicantSchema, officerApplicationSchema, proposalSchema, startSchema, uploadSchema } from "../../app/domain/applications/forms";
import { errorsOf, valueOf, refusesClearly } from "../setup/form-properties";

describe("the applicant's form", () => {
  test("a save keeps what was typed, as numbers where numbers are asked for", () => {
    expect(valueOf(applicantSchema, { intent: "save", version: "3", name: " 书画队 ", membersCount: "20", placeId: "" })).toEqual({
      intent: "save",
      version: 3,
      name: "书画队",
      membersCount: 20,
    });
  });
  test("a form without an intent saves the draft; submit and resubmit are intents of their own", () => {
    expect(valueOf(applicantSchema, { version: "1" })).toMatchObject({ intent: "save" });
    expect(valueOf(applicantSchema, { intent: "resubmit", version: "1" })).toMatchObject({ intent: "resubmit" });
  });
  test("a page without a version, or with one no row can have, is stale", () => {
    for (const version of ["", "0", "abc", "2147483648", "1.5"]) {
      expect(errorsOf(applicantSchema, { intent: "save", version })?.version).toEqual(["页面已过期，请刷新后重试。"]);
    }
  });
  test("an unknown intent is refused, not taken for a save", () => {
    expect(errorsOf(applicantSchema, { intent: "delete", version: "1" })?.intent).toEqual(["未知的操作。"]);
  });
  test("each field is refused beside itself, in Chinese", () => {
    const errors = errorsOf(applicantSchema, {
      intent: "save",
      version: "1",
      name: "名".repeat(61),
      registeredFunds: "三万",
      unitMembers: "-1",
      individualMembers: "1.5",
      contactPhone: "12345",
      type: "company",
      placeId: "2147483648",
    });
    expect(errors).toMatchObject({
      name: ["不超过 60 个字"],
      registeredFunds: ["请填写数字"],
      unitMembers: ["不能为负数"],
      individualMembers: ["请填写整数"],
      contactPhone: ["请填写手机号码或带区号的固定电话"],
      type: ["请选择组织类型"],
      placeId: ["编号无效"],
    });
  });
  test("a one-line field with invisible or reordering characters is refused", () => {
    expect(errorsOf(applicantSchema, { intent: "save", version: "1", address: "中山路\u200b100号" })?.address?.[0]).toContain("不可见的控制字符");
    expect(errorsOf(applicantSchema, { intent: "save", version: "1", businessScope: "第一行\n第二行" })).toBeNull();
  });
  test("removing a file names the file by its row id", () => {
    expect(valueOf(applicantSchema, { intent: "remove-file", fileId: "7" })).toEqual({ intent: "remove-file", fileId: 7 });
    expect(errorsOf(applicantSchema, { intent: "remove-file", fileId: "x" })?.fileId).toEqual(["找不到该文件。"]);
  });
});

describe("the officer's application page", () => {
  test("a decision posts `decision`, whatever else the form carries", () => {
    expect(valueOf(officerApplicationSchema, { decision: "approve", version: "4", uscc: " 51350502MJ0000012X ", certificateNumber: "社证字第1号" })).toEqual({
      intent: "decide",
      decision: "approve",
      version: 4,
      uscc: "51350502MJ0000012X",
      certificateNumber: "社证字第1号",
      missing: [],
      returned: [],
    });
    // Ticked boxes: one is a list of one, several a list.
    expect(valueOf(officerApplicationSchema, { decision: "return", version: "4", missing: "章程草案" })).toMatchObject({ missing: ["章程草案"] });
    expect(valueOf(officerApplicationSchema, { decision: "approve", version: "4", returned: ["certificate", "seals"] })).toMatchObject({ returned: ["certificate", "seals"] });
    expect(errorsOf(officerApplicationSchema, { decision: "approve", version: "4", returned: ["certificate", "keys"] })?.["returned[1]"]).toEqual(["未知的收缴事项"]);
    expect(valueOf(officerApplicationSchema, { intent: "save", decision: "reject", version: "4", reason: "不符合条件" })).toMatchObject({ intent: "decide" });
  });
  test("an unknown decision is refused beside it; an empty one is the applicant's form", () => {
    expect(errorsOf(officerApplicationSchema, { decision: "approve-all", version: "4" })?.decision).toEqual(["未知的操作。"]);
    expect(valueOf(officerApplicationSchema, { decision: "", version: "4" })).toMatchObject({ intent: "save" });
  });
  test("a street officer's own filing posts the applicant's form", () => {
    expect(valueOf(officerApplicationSchema, { intent: "submit", version: "2", category: "culture_sports" })).toMatchObject({ intent: "submit", category: "culture_sports" });
  });
});

describe("starting an application", () => {
  test("only the kinds an association applies for from its page", () => {
    expect(valueOf(startSchema, { kind: "change" })).toEqual({ kind: "change" });
    expect(errorsOf(startSchema, { kind: "filing" })?.kind).toEqual(["未知的申请类型。"]);
    expect(errorsOf(startSchema, {})?.kind).toEqual(["未知的申请类型。"]);
  });
});

describe("malformed input gives a clear refusal, never an exception", () => {
  test("the proposal", () => refusesClearly(proposalSchema));
  test("the applicant's form", () => refusesClearly(applicantSchema, [{ name: "intent", values: ["save", "submit", "resubmit", "remove-file"] }]));
  test("the officer's page", () =>
    refusesClearly(officerApplicationSchema, [
      { name: "intent", values: ["save", "submit", "resubmit", "remove-file"] },
      { name: "decision", values: ["accept", "return", "approve", "reject"] },
    ]));
  test("starting an application", () => refusesClearly(startSchema));
  test("an upload", () => refusesClearly(uploadSchema));
});
