import { describe, expect, test } from "vitest";
import { changeRows, registerSnapshot, requestedChanges } from "../../app/domain/applications/changes";
import { kindFields, submissionProblems } from "../../app/domain/applications/forms";

const register = { name: "鲤城区老年人体育协会", legalRepresentative: "黄文", address: "温陵路 1 号", registeredFunds: 30_000, supervisingUnit: "区体育局", businessScope: "健身", contactPhone: null };

describe("what a change application changes", () => {
  test("only fields given that differ from the register it started from", () => {
    expect(requestedChanges({ name: register.name, address: "新华北路 66 号", changeReason: "搬迁" }, register)).toEqual({ address: "新华北路 66 号" });
    expect(requestedChanges({ contactPhone: "13800000000" }, register)).toEqual({ contactPhone: "13800000000" });
    expect(requestedChanges({}, register)).toEqual({});
    expect(requestedChanges({ registeredFunds: 30_000 }, null)).toEqual({ registeredFunds: 30_000 });
  });

  test("submission asks for at least one change, against what the application started from", () => {
    expect(submissionProblems("change", { ...register, contactPhone: undefined, changeReason: "换届" }, register).name).toEqual(["变更申请须至少修改一项登记事项"]);
    expect(submissionProblems("change", { address: "新址", changeReason: "搬迁" }, register)).toEqual({});
  });
});

describe("原登记 → 申请变更为, with 不变 where unchanged", () => {
  const proposal = { ...register, contactPhone: undefined, address: "新华北路 66 号", changeReason: "办公场所搬迁" };

  test("before the decision: the live register beside what is asked; unchanged fields are 不变 (after undefined)", () => {
    const rows = changeRows(kindFields.change, proposal, register, register);
    expect(rows.find((r) => r.field === "address")).toEqual({ field: "address", before: "温陵路 1 号", after: "新华北路 66 号" });
    expect(rows.find((r) => r.field === "name")).toEqual({ field: "name", before: register.name, after: undefined });
    expect(rows.find((r) => r.field === "contactPhone")).toEqual({ field: "contactPhone", before: null, after: undefined });
    // The reason is not a register field: no 原登记, shown as asked.
    expect(rows.find((r) => r.field === "changeReason")).toEqual({ field: "changeReason", before: undefined, after: "办公场所搬迁" });
    expect(rows.map((r) => r.field)).toEqual([...kindFields.change]);
  });

  test("after an approval the register holds the new values; the snapshot kept at the decision still shows the old ones", () => {
    const kept = registerSnapshot(register);
    const after = { ...register, address: "新华北路 66 号" };
    expect(changeRows(kindFields.change, proposal, kept, register).find((r) => r.field === "address")).toEqual({ field: "address", before: "温陵路 1 号", after: "新华北路 66 号" });
    // Read against today's register instead, the change would vanish: that is why the decision keeps the snapshot.
    expect(changeRows(kindFields.change, proposal, after, register).find((r) => r.field === "address")!.after).toBeUndefined();
  });

  test("a field the applicant left as it began is 不变 even if an officer corrected the register since", () => {
    const corrected = { ...register, name: "鲤城区老年人体育运动协会" };
    const rows = changeRows(kindFields.change, { ...proposal, name: register.name }, corrected, register);
    expect(rows.find((r) => r.field === "name")).toEqual({ field: "name", before: "鲤城区老年人体育运动协会", after: undefined });
  });

  test("the snapshot keeps every changeable field, null where the register has none", () => {
    expect(registerSnapshot({ ...register, id: 7, uscc: "x" })).toEqual({ ...register, contactPhone: null });
  });
});
