import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { pickProposal, submissionProblems, type Proposal } from "../../app/domain/applications/forms";
import { membershipProblem, socialGroupConditionProblems, supervisionProblems } from "../../app/domain/applications/establishment";
import { handoverProblem, handoverRecord, materialsNotice, requiredMaterials } from "../../app/domain/applications/materials";
import { refusalBasis } from "../../app/domain/applications/rules";
import { attachmentProblem, maxAttachmentBytes, sniffAttachmentType } from "../../app/domain/shared/file-types";

describe("the legal conditions of a 社会团体 (社会团体登记管理条例 art. 10)", () => {
  const ok = { individualMembers: 50, unitMembers: 0, registeredFunds: 30_000 };
  test("item 1: 50 individual or 30 unit members; a mixed membership at least 50 in all", () => {
    expect(socialGroupConditionProblems(ok)).toEqual({});
    expect(socialGroupConditionProblems({ ...ok, individualMembers: 0, unitMembers: 30 })).toEqual({});
    expect(membershipProblem(40, 15)).toBeNull();
    expect(membershipProblem(10, 30)).toContain("混合组成的社会团体，会员总数不得少于 50 个（现为个人会员 10 个、单位会员 30 个，共 40 个");
    expect(membershipProblem(49, 0)).toContain("须有 50 个以上个人会员或者 30 个以上单位会员");
    expect(membershipProblem(0, 29)).toContain("第十条第一项");
  });
  test("each failure is explained beside its field, with the article", () => {
    const problems = socialGroupConditionProblems({ individualMembers: 20, unitMembers: 29, registeredFunds: 29_999 });
    expect(problems.individualMembers?.[0]).toContain("现为个人会员 20 个、单位会员 29 个");
    expect(problems.unitMembers).toEqual(problems.individualMembers);
    expect(problems.registeredFunds?.[0]).toContain("29,999");
    expect(problems.registeredFunds?.[0]).toContain("第十条第五项");
  });
  test("property: the members condition holds exactly as item 1 words it", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(100), (individualMembers, unitMembers) => {
        const failing = "individualMembers" in socialGroupConditionProblems({ ...ok, individualMembers, unitMembers });
        const mixed = individualMembers > 0 && unitMembers > 0;
        expect(failing).toBe(mixed ? individualMembers + unitMembers < 50 : individualMembers < 50 && unitMembers < 30);
      }),
    );
  });
});

describe("direct registration (中办发〔2016〕46号) and the 业务主管单位 (社会团体登记管理条例 art. 3; 民办非企业单位登记管理暂行条例 art. 3)", () => {
  test("the four direct kinds have no 业务主管单位; any other needs one; the route must be chosen", () => {
    expect(supervisionProblems("charity", "")).toEqual({});
    expect(supervisionProblems("trade_association", null)).toEqual({});
    expect(supervisionProblems("supervised", "鲤城区教育局")).toEqual({});
    expect(supervisionProblems("supervised", "  ").supervisingUnit?.[0]).toContain("第三条");
    expect(supervisionProblems("community_service", "鲤城区民政局").supervisingUnit?.[0]).toContain("城乡社区服务类社会组织直接登记，不设业务主管单位");
    expect(supervisionProblems(undefined, "鲤城区民政局").registrationRoute?.[0]).toContain("请选择登记方式");
  });
  test("an establishment is checked for it whether a 社会团体 or a 民办非企业单位", () => {
    const base: Proposal = { name: "鲤城区社区养老服务中心", type: "private_non_enterprise", registrationRoute: "supervised" };
    expect(submissionProblems("establishment", base).supervisingUnit?.[0]).toContain("须经业务主管单位审查同意");
    expect(submissionProblems("establishment", { ...base, registrationRoute: "community_service" }).supervisingUnit).toBeUndefined();
  });
});

describe("materials and the one notice of what is missing (行政许可法 art. 32)", () => {
  test("each kind lists the materials of its article; a direct registration needs no 业务主管单位 document", () => {
    const group = requiredMaterials("establishment", "social_group", "supervised").map((m) => m.name);
    expect(group).toContain("业务主管单位的批准文件");
    expect(group).toContain("章程草案");
    expect(requiredMaterials("establishment", "social_group", "charity").map((m) => m.name)).not.toContain("业务主管单位的批准文件");
    expect(requiredMaterials("establishment", "private_non_enterprise", "supervised")[0]!.basis).toBe("《民办非企业单位登记管理暂行条例》第九条");
    expect(requiredMaterials("cancellation", "social_group", null).map((m) => m.name)).toEqual(["法定代表人签署的注销登记申请书", "业务主管单位的审查文件", "清算报告书"]);
    expect(requiredMaterials("cancellation", "private_non_enterprise", null, false).map((m) => m.name)).toEqual(["注销登记申请书", "清算报告"]);
  });
  test("the notice names every item at once, numbered; nothing named is no notice", () => {
    expect(materialsNotice(["章程草案", "验资报告、场所使用权证明", "章程草案"], "")).toBe("请一次性补正以下材料：1. 章程草案；2. 验资报告、场所使用权证明。");
    expect(materialsNotice(["章程草案"], "法定代表人签字不清")).toBe("请一次性补正以下材料：1. 章程草案。其他需补正的事项：法定代表人签字不清");
    expect(materialsNotice([], "会员名单缺少身份证明")).toBe("会员名单缺少身份证明");
    expect(materialsNotice([], "  ")).toBeNull();
  });
});

describe("cancellation (社会团体登记管理条例 art. 20–21; 民办非企业单位登记管理暂行条例 art. 15–16)", () => {
  test("the liquidation report and its date are required, and the liquidation comes first", () => {
    const problems = submissionProblems("cancellation", { cancellationReason: "会员大会决议解散" }, null, "2026-12-05");
    expect(problems.liquidationCompletedOn).toEqual(["请填写清算完成日期"]);
    expect(problems.liquidationReport).toEqual(["请填写清算报告摘要"]);
    const later = submissionProblems("cancellation", { cancellationReason: "解散", liquidationCompletedOn: "2026-12-06", liquidationReport: "已清算" }, null, "2026-12-05");
    expect(later.liquidationCompletedOn?.[0]).toContain("不能晚于今天");
    expect(submissionProblems("cancellation", { cancellationReason: "解散", liquidationCompletedOn: "2026-12-05", liquidationReport: "已清算" }, null, "2026-12-05")).toEqual({});
  });
  test("approval needs the certificate and seals back, and a 民非's financial vouchers too", () => {
    expect(handoverProblem("social_group", ["certificate", "seals"])).toBeNull();
    expect(handoverProblem("social_group", ["certificate"])).toBe("准予注销前须收缴印章（《社会团体登记管理条例》第二十一条）");
    expect(handoverProblem("private_non_enterprise", ["certificate", "seals"])).toContain("财务凭证（《民办非企业单位登记管理暂行条例》第十六条）");
    expect(handoverRecord("social_group")).toBe("已收缴登记证书正本、副本、印章（《社会团体登记管理条例》第二十一条）");
  });
});

describe("refusals cite their article", () => {
  test("不予受理 under 行政许可法 art. 32, 不予登记 under the regulation of the type", () => {
    expect(refusalBasis("establishment", "social_group", "submitted")).toContain("第三十二条");
    expect(refusalBasis("establishment", "social_group", "accepted")).toContain("《社会团体登记管理条例》第十三条");
    expect(refusalBasis("establishment", "private_non_enterprise", "accepted")).toContain("《民办非企业单位登记管理暂行条例》第十二条");
    expect(refusalBasis("change", "social_group", "accepted")).toContain("第三十八条第二款");
  });
});

describe("foundations (基金会管理条例 art. 6, 8)", () => {
  test("a district registry refuses a foundation's establishment beside the type, naming the province's registry", () => {
    const problems = submissionProblems("establishment", { name: "鲤城区慈善基金会", type: "foundation" });
    expect(problems.type).toEqual([expect.stringContaining("基金会由省、自治区、直辖市人民政府民政部门或者国务院民政部门登记")]);
    expect(problems.type![0]).toContain("福建省民政厅");
    expect(submissionProblems("establishment", { name: "鲤城区慈善协会", type: "social_group" }).type).toBeUndefined();
  });
});

describe("attachments are judged by content", () => {
  test("PDF, JPEG and PNG signatures are recognised, whatever the name", () => {
    expect(sniffAttachmentType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffAttachmentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffAttachmentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(attachmentProblem("照片.png", new TextEncoder().encode("GIF89a"))).toContain("不是 PDF、JPEG 或 PNG");
    expect(attachmentProblem("空.pdf", new Uint8Array())).toContain("是空的");
  });
  test("10 MB is the limit", () => {
    const at = new Uint8Array(maxAttachmentBytes);
    at.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(attachmentProblem("a.pdf", at)).toBeNull();
    const over = new Uint8Array(maxAttachmentBytes + 1);
    over.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(attachmentProblem("a.pdf", over)).toContain("超过 10 MB");
  });
  test("property: random bytes that do not start with a known signature are refused", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const known = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]].some((sig) =>
          sig.every((b, i) => bytes[i] === b),
        );
        expect(sniffAttachmentType(bytes) !== null).toBe(known);
      }),
    );
  });
});

describe("what a submission needs", () => {
  test("a filing needs name, person in charge, meeting place, category, community and at least 3 members", () => {
    const problems = submissionProblems("filing", { membersCount: 2 });
    expect(Object.keys(problems).sort()).toEqual(["address", "category", "legalRepresentative", "membersCount", "name", "placeId"]);
    expect(problems.membersCount).toContain("社区社会组织至少应有 3 名成员");
  });
  test("a change must change something, and explain why", () => {
    const current = { name: "鲤城区围棋协会", address: "中山路 1 号" };
    expect(submissionProblems("change", { name: "鲤城区围棋协会", address: "中山路 1 号", changeReason: "无" }, current).name).toEqual([
      "变更申请须至少修改一项登记事项",
    ]);
    expect(submissionProblems("change", { address: "中山路 2 号", changeReason: "搬迁" }, current)).toEqual({});
    expect(submissionProblems("change", { address: "中山路 2 号" }, current).changeReason).toEqual(["请填写变更理由"]);
  });
  test("a draft keeps only the fields its kind uses", () => {
    const stray: Proposal = { cancellationReason: "清算完成", name: "不该留下", individualMembers: 9 };
    expect(pickProposal("cancellation", stray)).toEqual({ cancellationReason: "清算完成" });
  });
});
