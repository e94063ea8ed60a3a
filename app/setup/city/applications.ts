/**
 * Five years of registration work: the approved establishment or filing of
 * every organization registered in that time, approved changes and
 * cancellations, rejected applications, and the officers' queue as it stands
 * (submitted, accepted with the 60-day clock running and some past it,
 * returned for correction, and applicants' drafts). Each application carries
 * its steps; the approved changes and cancellations are handed back to be
 * written into the organizations' histories.
 */
import { changeableFields } from "../../domain/applications/forms";
import { kindLabels } from "../../domain/applications/rules";
import type { users } from "../../../db/schema";
import type { ApplicationKind, ApplicationState } from "../../../vocabulary";
import { copyRows, type Cell } from "./copy";
import { demoMaterialFiles } from "../demo-materials";
import type { CityContext } from "./context";
import { mobile, personName, privateBrands, privateKinds, socialGroupTrades, street as streetAddress, supervisingUnitsOf } from "./names";
import type { CityOrganization } from "./organizations";
import type { CityPlace, CityPlaces } from "./places";
import { addDays, dayBetween, dayMs, later, shanghaiAt, type Rng } from "./random";

type Account = typeof users.$inferSelect;
export interface CityAccounts {
  officer: Account;
  street: Account;
  association: Account;
  clerk: Account;
  supervisor: Account;
}

/** An event for an organization's history, made by a decided application. */
export interface HistoryEvent {
  organizationId: number;
  at: Date;
  kind: "establishment" | "filing" | "change" | "cancellation" | "status";
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  applicationId: number | null;
  reason: string | null;
  actorUserId: number | null;
  actorName: string | null;
}

interface Step {
  at: Date;
  action: string;
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actor: { id: number | null; name: string; role: string | null };
  reason: string | null;
}

interface PlannedApplication {
  id: number;
  kind: ApplicationKind;
  state: ApplicationState;
  org: CityOrganization | null;
  place: CityPlace;
  applicantUserId: number | null;
  title: string;
  proposed: Record<string, unknown>;
  baseline: Record<string, unknown> | null;
  createdAt: Date;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  decidedAt: Date | null;
  steps: Step[];
  /** The history event the decision wrote, if any. */
  event: Omit<HistoryEvent, "applicationId"> | null;
}

const returnReasons = [
  "个人会员不足 50 个，请补充会员名册",
  "未附业务主管单位同意文件，请补正",
  "住所证明材料不完整，请补充租赁合同",
  "章程草案与示范文本不符，请修改后重新提交",
  "验资报告金额与申请注册资金不一致，请核对",
  "拟任负责人身份证明材料不清晰，请重新上传",
];
const rejectReasons = [
  "业务主管单位不同意作为其业务主管单位",
  "名称与已登记的社会组织近似，容易引起混淆",
  "业务范围与已登记的同类组织重复，不予登记",
  "注册资金来源不合法，不符合登记条件",
  "逾期未补正材料，不予准予",
];
const changeReasons: Record<string, string[]> = {
  legalRepresentative: ["理事会换届选举产生新的法定代表人", "原法定代表人辞职，经理事会推选新的法定代表人"],
  address: ["办公场所搬迁", "原租赁场所到期，迁入新址"],
  supervisingUnit: ["业务主管单位调整", "机构改革后业务主管单位变更"],
  registeredFunds: ["增加注册资金，扩大服务规模", "举办者追加投入"],
  contactPhone: ["更换联系电话"],
  businessScope: ["章程修改，调整业务范围"],
};

const instant = (iso: string, rng: Rng) => shanghaiAt(iso, rng.int(9, 16), rng.int(0, 59));
const dateOfInstant = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dueOn = (accepted: Date) => dateOfInstant(new Date(accepted.getTime() + 60 * dayMs));

export function applicationCounts(factor: number) {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * factor));
  return { submitted: n(90, 3), accepted: n(140, 4), overdue: n(35, 1), returned: n(35, 1), draft: n(40, 1), rejected: n(260, 2) };
}

export async function seedApplications(
  ctx: CityContext,
  places: CityPlaces,
  orgs: CityOrganization[],
  accounts: CityAccounts,
): Promise<HistoryEvent[]> {
  const rng = ctx.rng("applications");
  const { asOf } = ctx.options;
  const asOfYear = Number(asOf.slice(0, 4));
  const windowStart = `${asOfYear - 4}-01-01`;
  const yesterday = addDays(asOf, -1);
  const counts = applicationCounts(ctx.options.size);
  const planned: Array<Omit<PlannedApplication, "id">> = [];
  const names = new Set(orgs.map((o) => o.name));
  const firstStreet = places.streets[0]!;

  const officer = { id: accounts.officer.id, name: accounts.officer.displayName, role: accounts.officer.role };
  const deciderOf = (kind: ApplicationKind, place: CityPlace) =>
    kind !== "filing"
      ? officer
      : place.street === firstStreet
        ? { id: accounts.street.id, name: accounts.street.displayName, role: accounts.street.role }
        : { id: null, name: `${place.street.name}社会事务办`, role: "street_officer" };
  const applicantOf = (kind: ApplicationKind, place: CityPlace, org: CityOrganization | null) =>
    kind === "filing"
      ? deciderOf(kind, place)
      : org && org.id === accounts.association.organizationId
        ? { id: accounts.association.id, name: accounts.association.displayName, role: accounts.association.role }
        : { id: null, name: "申请人", role: null };

  const proposalOf = (org: CityOrganization): Record<string, unknown> =>
    org.type === "community"
      ? { name: org.name, category: org.category, legalRepresentative: org.legalRepresentative, address: org.address, placeId: org.place.id, membersCount: rng.int(8, 60), contactPhone: org.contactPhone }
      : {
          name: org.name, type: org.type, registrationRoute: org.supervisingUnit ? "supervised" : "community_service", supervisingUnit: org.supervisingUnit ?? undefined, legalRepresentative: org.legalRepresentative,
          address: org.address, registeredFunds: org.registeredFunds, businessScope: org.businessScope, placeId: org.place.id,
          individualMembers: org.type === "social_group" ? rng.int(50, 400) : 0, unitMembers: org.type === "social_group" ? rng.int(0, 40) : 0,
          contactPhone: org.contactPhone,
        };

  /**
   * The steps from creation to `state`, timed back from the decision (or, for
   * open ones, from what happened last). Some were returned once on the way.
   */
  const timeline = (kind: ApplicationKind, state: ApplicationState, place: CityPlace, org: CityOrganization | null, times: { decided?: Date; accepted?: Date; submitted?: Date; created?: Date }, reason: string | null) => {
    const decider = deciderOf(kind, place);
    const applicant = applicantOf(kind, place, org);
    const steps: Step[] = [];
    const at = (t: number) => new Date(t);
    let acceptedAt: Date | null = null;
    let submittedAt: Date | null = null;
    let createdAt: Date;
    if (state === "draft") {
      createdAt = times.created!;
      steps.push({ at: createdAt, action: "create", fromState: null, toState: "draft", actor: applicant, reason: null });
      return { steps, createdAt, submittedAt, acceptedAt };
    }
    const decided = times.decided ?? null;
    acceptedAt = state === "approved" || state === "accepted" || (state === "rejected" && rng.chance(0.7)) ? (times.accepted ?? at(decided!.getTime() - rng.int(5, 50) * dayMs)) : null;
    const lastBeforeDecision = acceptedAt ?? decided ?? times.submitted!;
    const returnedOnce = state !== "returned" && state !== "submitted" && rng.chance(0.15);
    submittedAt = times.submitted ?? at(lastBeforeDecision.getTime() - (returnedOnce ? rng.int(12, 30) : rng.int(1, 7)) * dayMs);
    createdAt = at(submittedAt.getTime() - rng.int(1, 20) * dayMs - rng.int(0, 3_600_000));
    steps.push({ at: createdAt, action: "create", fromState: null, toState: "draft", actor: applicant, reason: null });
    steps.push({ at: submittedAt, action: "submit", fromState: "draft", toState: "submitted", actor: applicant, reason: null });
    if (returnedOnce) {
      const returned = at(submittedAt.getTime() + 2 * dayMs);
      steps.push({ at: returned, action: "return", fromState: "submitted", toState: "returned", actor: decider, reason: rng.pick(returnReasons) });
      steps.push({ at: at(returned.getTime() + rng.int(3, 8) * dayMs), action: "resubmit", fromState: "returned", toState: "submitted", actor: applicant, reason: null });
    }
    if (state === "returned") {
      steps.push({ at: at(submittedAt.getTime() + rng.int(1, 5) * dayMs), action: "return", fromState: "submitted", toState: "returned", actor: decider, reason });
    }
    if (acceptedAt) steps.push({ at: acceptedAt, action: "accept", fromState: "submitted", toState: "accepted", actor: decider, reason: null });
    if (state === "approved" || state === "rejected") {
      steps.push({ at: decided!, action: state === "approved" ? "approve" : "reject", fromState: acceptedAt ? "accepted" : "submitted", toState: state, actor: decider, reason });
    }
    return { steps, createdAt, submittedAt, acceptedAt };
  };

  const add = (kind: ApplicationKind, state: ApplicationState, place: CityPlace, org: CityOrganization | null, title: string, proposed: Record<string, unknown>, baseline: Record<string, unknown> | null, times: Parameters<typeof timeline>[4], reason: string | null, event: PlannedApplication["event"]) => {
    const t = timeline(kind, state, place, org, times, reason);
    planned.push({
      kind, state, org, place, title, proposed, baseline, event,
      applicantUserId: t.steps[0]!.actor.id,
      createdAt: t.createdAt,
      submittedAt: t.submittedAt,
      acceptedAt: t.acceptedAt,
      decidedAt: state === "approved" || state === "rejected" ? t.steps[t.steps.length - 1]!.at : null,
      steps: t.steps,
    });
  };

  // Establishments and filings decided in the window: the organizations registered in it.
  for (const org of orgs) {
    if (org.registeredOn < windowStart) continue;
    const kind = org.type === "community" ? "filing" : "establishment";
    add(kind, "approved", org.place, org, org.name, proposalOf(org), null, { decided: instant(org.registeredOn, rng) }, null, {
      organizationId: org.id,
      at: new Date(0),
      kind: kind === "filing" ? "filing" : "establishment",
      changes: creationChanges(org),
      reason: kindLabels[kind],
      actorUserId: null,
      actorName: null,
    });
  }

  // Approved changes: one field each, the register holding the new value today.
  const registered = orgs.filter((o) => o.type !== "community");
  for (const org of registered) {
    if (!rng.chance(0.11)) continue;
    const from = later(windowStart, addDays(org.registeredOn, 180));
    const to = org.status === "cancelled" || org.status === "revoked" ? addDays(org.statusSince!, -30) : addDays(asOf, -3);
    if (from >= to) continue;
    const field = rng.pick(["legalRepresentative", "legalRepresentative", "legalRepresentative", "address", "address", "supervisingUnit", "registeredFunds", "contactPhone"] as const);
    const after = org[field];
    const before =
      field === "legalRepresentative" ? personName(rng)
      : field === "address" ? org.address.replace(/[^区市县镇道村]*$/, "") + streetAddress(rng, org.place.street.county.prefecture)
      : field === "supervisingUnit" ? (org.supervisingUnit ? null : supervisingUnitsOf(org.registeringAuthority.replace(/民政局$/, "")).civil)
      : field === "registeredFunds" ? Math.max(30_000, Math.round(((org.registeredFunds ?? 60_000) * 0.6) / 10_000) * 10_000)
      : mobile(rng);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const current = Object.fromEntries(changeableFields.filter((f) => org[f] != null).map((f) => [f, org[f]]));
    const baseline = { ...current, [field]: before };
    if (before === null) delete baseline[field];
    const reason = rng.pick(changeReasons[field]!);
    const decided = instant(dayBetween(rng, from, to), rng);
    add("change", "approved", org.place, org, org.name, { ...current, changeReason: reason }, baseline, { decided }, null, {
      organizationId: org.id, at: decided, kind: "change", changes: [{ field, before, after }], reason, actorUserId: null, actorName: null,
    });
  }

  // Approved cancellations: the registered organizations cancelled in the window.
  for (const org of registered) {
    if (org.status !== "cancelled" || org.statusSince! < windowStart) continue;
    const decided = instant(org.statusSince!, rng);
    add("cancellation", "approved", org.place, org, org.name, { cancellationReason: org.statusReason }, null, { decided }, null, {
      organizationId: org.id, at: decided, kind: "cancellation",
      changes: [
        { field: "status", before: "normal", after: "cancelled" },
        { field: "statusSince", before: null, after: org.statusSince },
        { field: "statusReason", before: null, after: org.statusReason },
      ],
      reason: org.statusReason, actorUserId: null, actorName: null,
    });
  }

  // Proposals that never became organizations: rejected ones over the years, and the open queue.
  const newProposal = (kind: "establishment" | "filing"): { place: CityPlace; proposed: Record<string, unknown> } => {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 100_000) throw new Error("规模系数过大：申请中的社会组织名称不够用");
      const place = rng.pick(places.locals);
      const county = place.street.county;
      if (kind === "filing") {
        const name = `${place.short}${rng.pick(["太极拳队", "读书会", "广场舞队", "邻里调解队", "志愿服务队", "合唱团", "书画社", "老人会"])}`;
        if (names.has(name)) continue;
        names.add(name);
        return { place, proposed: { name, category: /调解/.test(name) ? "mediation" : /志愿/.test(name) ? "charity" : /老人/.test(name) ? "life_service" : "culture_sports", legalRepresentative: personName(rng), address: `${place.name}活动中心`, placeId: place.id, membersCount: rng.int(8, 40), contactPhone: mobile(rng) } };
      }
      const group = rng.chance(0.5);
      const name = group ? `${county.name}${place.street.name}${rng.pick(socialGroupTrades.slice(1, 40))}` : `${county.name}${rng.pick(privateBrands)}${rng.pick(privateKinds.slice(0, 20))}`;
      if (names.has(name)) continue;
      names.add(name);
      return {
        place,
        proposed: {
          name, type: group ? "social_group" : "private_non_enterprise", registrationRoute: "supervised", supervisingUnit: supervisingUnitsOf(county.name).civil, legalRepresentative: personName(rng),
          address: `${county.name}${place.street.name}${place.name}${streetAddress(rng, county.prefecture)}`, registeredFunds: rng.int(3, 30) * 10_000,
          businessScope: "开展相关领域的交流、培训和公益服务活动", placeId: place.id, individualMembers: group ? rng.int(30, 200) : 0, unitMembers: 0, contactPhone: mobile(rng),
        },
      };
    }
  };
  for (let i = 0; i < counts.rejected; i++) {
    const kind = rng.chance(0.85) ? "establishment" : "filing";
    const { place, proposed } = newProposal(kind);
    add(kind, "rejected", place, null, String(proposed.name), proposed, null, { decided: instant(dayBetween(rng, windowStart, yesterday), rng) }, rng.pick(rejectReasons), null);
  }

  // The queue today. Changes and cancellations concern organizations in normal standing without another open application.
  const open = rng.shuffle(registered.filter((o) => o.status === "normal" && o.registeredOn < addDays(asOf, -365)));
  let nextOpen = 0;
  const ago = (days: number) => instant(addDays(asOf, -days), rng);
  const queue: Array<[ApplicationState, number]> = [["submitted", counts.submitted], ["accepted", counts.accepted], ["returned", counts.returned], ["draft", counts.draft]];
  for (const [state, howMany] of queue) {
    for (let i = 0; i < howMany; i++) {
      const overdue = state === "accepted" && i < counts.overdue;
      const times =
        state === "submitted" ? { submitted: ago(rng.int(1, 20)) }
        : state === "accepted" ? { accepted: ago(overdue ? rng.int(61, 120) : rng.int(2, 58)) }
        : state === "returned" ? { submitted: ago(rng.int(8, 40)) }
        : { created: ago(rng.int(1, 30)) };
      const reason = state === "returned" ? rng.pick(returnReasons) : null;
      const r = rng.next();
      const kind: ApplicationKind = r < 0.45 ? "establishment" : r < 0.7 ? "change" : r < 0.8 ? "cancellation" : "filing";
      if (kind === "establishment" || kind === "filing") {
        const { place, proposed } = newProposal(kind);
        add(kind, state, place, null, String(proposed.name), proposed, null, times, reason, null);
        continue;
      }
      const org = open[nextOpen++];
      if (!org) continue;
      const current = Object.fromEntries(changeableFields.filter((f) => org[f] != null).map((f) => [f, org[f]]));
      const proposed =
        kind === "cancellation"
          ? { cancellationReason: rng.pick(["完成清算，理事会决议注销", "会员大会决议解散", "举办者撤回，停止服务"]), liquidationCompletedOn: addDays(asOf, -50), liquidationReport: "清算组已清偿全部债务，剩余财产按章程用于同类公益事业" }
          : { ...current, legalRepresentative: personName(rng), changeReason: changeReasons.legalRepresentative![0] };
      add(kind, state, org.place, org, org.name, proposed, kind === "change" ? current : null, times, reason, null);
    }
  }

  // Ids in order of creation, as the application would have given them.
  planned.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const apps: PlannedApplication[] = planned.map((p, i) => ({ ...p, id: i + 1 }));
  const events: HistoryEvent[] = [];
  for (const app of apps) {
    if (!app.event) continue;
    const decider = app.steps[app.steps.length - 1]!.actor;
    events.push({ ...app.event, at: app.decidedAt!, applicationId: app.id, actorUserId: decider.id, actorName: decider.name });
  }

  const stepCount = apps.reduce((n, a) => n + a.steps.length, 0);
  ctx.progress.start("登记申请", apps.length + stepCount);
  const progress = (n: number) => ctx.progress.add(n);
  await copyRows(
    ctx.sql,
    "applications",
    ["id", "kind", "state", "organization_id", "street_id", "place_id", "applicant_user_id", "title", "proposed", "baseline", "submitted_at", "accepted_at", "due_on", "decided_at", "created_at", "updated_at", "version", "register_at_decision"],
    apps.map((a): Cell[] => [
      a.id, a.kind, a.state, a.org?.id ?? null, a.place.street.id, a.place.id, a.applicantUserId, a.title, a.proposed, a.baseline,
      a.submittedAt, a.acceptedAt, a.acceptedAt ? dueOn(a.acceptedAt) : null, a.decidedAt, a.createdAt, a.steps[a.steps.length - 1]!.at, a.steps.length,
      // A decided change began from the register as it stood until its decision.
      a.kind === "change" && a.decidedAt ? a.baseline : null,
    ]),
    progress,
  );
  let stepId = 0;
  await copyRows(
    ctx.sql,
    "application_steps",
    ["id", "application_id", "at", "action", "from_state", "to_state", "actor_user_id", "actor_name", "actor_role", "reason"],
    (function* () {
      for (const a of apps) for (const s of a.steps) yield [++stepId, a.id, s.at, s.action, s.fromState, s.toState, s.actor.id, s.actor.name, s.actor.role, s.reason];
    })(),
    progress,
  );
  // Each submitted application's required materials, attached before it was submitted (one small PDF each).
  await copyRows(
    ctx.sql,
    "application_files",
    ["application_id", "material", "file_name", "content_type", "size", "sha256", "content", "uploaded_by", "uploaded_at"],
    (function* () {
      for (const a of apps) {
        if (!a.submittedAt) continue;
        const uploadedAt = new Date(a.submittedAt.getTime() - 1_800_000);
        for (const f of demoMaterialFiles({ ...a, id: a.id }, a.org ?? undefined, uploadedAt)) {
          yield [f.applicationId, f.material ?? null, f.fileName, f.contentType, f.size, f.sha256, `\\x${Buffer.from(f.content).toString("hex")}`, f.uploadedBy ?? null, uploadedAt];
        }
      }
    })(),
  );
  ctx.progress.finish();
  return events;
}

/** The fields an establishment or filing writes into the history, as the application's approval does. */
export function creationChanges(org: CityOrganization): HistoryEvent["changes"] {
  const fields = ["name", "uscc", "filingNumber", "legalRepresentative", "address", "supervisingUnit", "registeredFunds", "businessScope", "category"] as const;
  return fields.filter((f) => org[f] !== null && org[f] !== undefined).map((f) => ({ field: f, before: null, after: org[f] }));
}
