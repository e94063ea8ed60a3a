import { describe, expect, test } from "vitest";
import {
  applicationKinds,
  applicationStates,
  availableActions,
  decisionLabel,
  editableByApplicant,
  parties,
  refusal,
  rightOfReview,
  transitions,
  type ApplicationAction,
} from "../../app/domain/applications/rules";
import { roles } from "../../app/auth/roles";

describe("the workflow table", () => {
  test("follows draft → submitted → accepted or returned → approved or rejected", () => {
    const edges = transitions.flatMap((t) => t.from.map((from) => `${from} -${t.action}-> ${t.to}`));
    expect(edges.sort()).toEqual(
      [
        "draft -submit-> submitted",
        "submitted -accept-> accepted",
        "submitted -return-> returned",
        "returned -resubmit-> submitted",
        "accepted -approve-> approved",
        "submitted -reject-> rejected",
        "accepted -reject-> rejected",
      ].sort(),
    );
  });

  test("approved and rejected are final: nothing leaves them", () => {
    for (const state of ["approved", "rejected"] as const) {
      for (const role of roles) for (const kind of applicationKinds) expect(availableActions(kind, state, role)).toEqual([]);
    }
  });

  test("returning and rejecting need a reason; the other steps do not", () => {
    expect(transitions.filter((t) => t.reasonRequired).map((t) => t.action).sort()).toEqual(["reject", "return"]);
    expect(refusal("establishment", "submitted", "return", "district_officer", "")).toBe("退回补正须填写理由。");
    expect(refusal("establishment", "submitted", "return", "district_officer", "  ")).toBe("退回补正须填写理由。");
    expect(refusal("establishment", "submitted", "return", "district_officer", "材料不全")).toBeNull();
    expect(refusal("establishment", "accepted", "reject", "district_officer")).toBe("不予登记须填写理由。");
    expect(refusal("establishment", "submitted", "reject", "district_officer")).toBe("不予受理须填写理由。");
    expect(refusal("filing", "accepted", "reject", "street_officer")).toBe("不予备案须填写理由。");
  });
});

describe("who takes which step", () => {
  const cases: Array<[kind: (typeof applicationKinds)[number], action: ApplicationAction, state: (typeof applicationStates)[number], allowed: string[]]> = [
    ["establishment", "submit", "draft", ["association"]],
    ["change", "resubmit", "returned", ["association"]],
    ["establishment", "accept", "submitted", ["district_officer"]],
    ["cancellation", "approve", "accepted", ["district_officer"]],
    ["filing", "submit", "draft", ["street_officer"]],
    ["filing", "accept", "submitted", ["street_officer"]],
    ["filing", "approve", "accepted", ["street_officer"]],
  ];
  test.each(cases)("%s: %s from %s only by %j", (kind, action, state, allowed) => {
    for (const role of roles) {
      const why = refusal(kind, state, action, role, "理由");
      if (allowed.includes(role)) expect(why, role).toBeNull();
      else expect(why, role).toContain("角色");
    }
  });

  test("nobody decides their own registration: applicants and deciders of registrations differ", () => {
    for (const kind of ["establishment", "change", "cancellation"] as const) {
      expect(parties[kind].applicant.some((r) => parties[kind].decider.includes(r))).toBe(false);
    }
  });

  test("a step from the wrong state is refused with the state named", () => {
    expect(refusal("establishment", "draft", "approve", "district_officer")).toBe("申请当前为“草稿”，不能准予。");
    expect(refusal("establishment", "approved", "submit", "association")).toBe("申请当前为“已准予”，不能提交申请。");
  });
});

test("the applicant edits only drafts and returned applications", () => {
  expect(applicationStates.filter(editableByApplicant)).toEqual(["draft", "returned"]);
});

describe("a refusal is two decisions (行政许可法 art. 32, 38)", () => {
  test("before 受理 it is 不予受理; after, 不予登记, or 不予备案 for a community filing", () => {
    expect(decisionLabel("establishment", "reject", "submitted")).toBe("不予受理");
    expect(decisionLabel("establishment", "reject", "accepted")).toBe("不予登记");
    expect(decisionLabel("change", "reject", "accepted")).toBe("不予登记");
    expect(decisionLabel("filing", "reject", "accepted")).toBe("不予备案");
    expect(decisionLabel("filing", "reject", "submitted")).toBe("不予受理");
    expect(decisionLabel("establishment", "approve", "accepted")).toBe("准予");
  });
  test("the applicant is told of review and suit, with their periods", () => {
    expect(rightOfReview).toContain("六十日内向区人民政府申请行政复议");
    expect(rightOfReview).toContain("六个月内向人民法院提起行政诉讼");
    expect(rightOfReview).toContain("行政许可法》第三十八条");
  });
});
