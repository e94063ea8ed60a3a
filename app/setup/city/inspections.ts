/**
 * Five years of annual inspections. Each year every registered organization
 * that was due (registered before 1 July of the year before, still existing at
 * the registry's deadline) filed a report with its finances, activities, staff
 * and party members, unless its listings say it did not; the registry
 * concluded (合格, 基本合格, or 不合格 for those listed for failing) and
 * published the results. The current year stands where the calendar says:
 * under way before 31 May, mostly concluded after. The abnormal-activity list
 * holds the listings the organizations' standing calls for.
 */
import { annualReportKey } from "../../domain/credit/listings";
import { campaignFiledIn, defaultDeadlines, type Report } from "../../domain/inspections/rules";
import type { InspectionConclusion, InspectionState } from "../../../vocabulary";
import type { CityAccounts } from "./applications";
import { copyRows, type Cell } from "./copy";
import type { CityContext } from "./context";
import type { PartyPlan } from "./committees-party";
import type { CityOrganization } from "./organizations";
import { addDays, dayBetween, dayMs, earlier, later, shanghaiAt, type Rng } from "./random";

const basicPassNotes = ["财务管理制度不够健全，限期整改", "未按时召开理事会，限期整改", "年度工作报告内容不完整，限期补正", "内部治理结构不够规范，限期整改"];
const failNotes = ["未按章程召开会员大会，财务收支未经审计", "业务活动与登记的业务范围不符", "年度内未开展业务活动，财务账目混乱"];
const returnReasons = ["未附年度财务审计报告，请补充后重新报送", "收支数据与审计报告不一致，请核对", "未填写党建情况，请补充"];
const activities = ["开展会员培训、交流研讨和公益服务活动", "组织行业调研、技能培训和展览展示", "为辖区居民提供养老照护和文体活动服务", "开展助学、济困和社区公益项目", "举办学术年会、专题讲座和科普活动"];

/**
 * The filing years the city has inspections of: the last five, this one included.
 * Inside the generator a year is the one reports are filed in; the rows name the
 * campaign after the year reported on (`campaignFiledIn`).
 */
export function inspectionYearsOf(asOf: string): number[] {
  const y = Number(asOf.slice(0, 4));
  return [y - 4, y - 3, y - 2, y - 1, y];
}

interface Plan {
  state: InspectionState;
  submittedAt: Date | null;
  returnedAt: Date | null;
  resubmittedAt: Date | null;
  concludedAt: Date | null;
  publishedAt: Date | null;
  conclusion: InspectionConclusion | null;
}

export async function seedInspections(ctx: CityContext, orgs: CityOrganization[], party: PartyPlan, accounts: CityAccounts): Promise<void> {
  const rng = ctx.rng("inspections");
  const { asOf, now } = ctx.options;
  const yesterday = addDays(asOf, -1);
  const years = inspectionYearsOf(asOf);
  const officer = accounts.officer;
  const registered = orgs.filter((o) => o.type !== "community");
  const netAssets = new Map<number, number>();
  const at = (iso: string) => shanghaiAt(iso, rng.int(9, 17), rng.int(0, 59));
  const rows = { reports: 0, steps: 0 };

  /**
   * Whether an organization files year Y's inspection at all: it must be due
   * and still exist at the deadline, and not be listed for not filing that
   * year (nor, while listed or once revoked, any later one).
   */
  const files = (org: CityOrganization, year: number): boolean => {
    if (org.registeredOn >= `${year - 1}-07-01`) return false;
    if ((org.status === "cancelled" || org.status === "revoked") && org.statusSince! <= `${year}-05-31`) return false;
    return !org.listings.some((l) => l.cause === "not_filed" && (l.year === year || (l.year < year && (l.removedOn === null || org.status === "revoked"))));
  };

  const plan = (org: CityOrganization, year: number): Plan | null => {
    const { registryDeadline } = defaultDeadlines(campaignFiledIn(year));
    const open = asOf <= registryDeadline;
    const failed = org.listings.some((l) => l.cause === "failed" && l.year === year);
    const p: Plan = { state: "submitted", submittedAt: null, returnedAt: null, resubmittedAt: null, concludedAt: null, publishedAt: null, conclusion: null };
    if (open) {
      // The year under way: the share filed so far grows towards the deadline.
      const share = Math.min(0.85, Math.max(0.05, (Date.parse(asOf) - Date.parse(`${year}-02-01`)) / (120 * dayMs)));
      if (asOf <= `${year}-02-02` || !rng.chance(share)) return rng.chance(0.1) ? { ...p, state: "draft" } : null;
      const submitted = dayBetween(rng, `${year}-02-01`, yesterday);
      p.submittedAt = at(submitted);
      const r = rng.next();
      if (r < 0.1 && addDays(submitted, 3) < yesterday) {
        p.state = "returned";
        p.returnedAt = at(dayBetween(rng, addDays(submitted, 1), yesterday));
      } else if (r < 0.4 && addDays(submitted, 10) < yesterday) {
        p.state = "concluded";
        p.conclusion = rng.chance(0.1) ? "basic_pass" : "pass";
        p.concludedAt = at(dayBetween(rng, addDays(submitted, 10), yesterday));
      }
      return p;
    }
    const submitted = dayBetween(rng, `${year}-02-01`, `${year}-05-20`);
    p.submittedAt = at(submitted);
    if (rng.chance(0.08)) {
      p.returnedAt = at(addDays(submitted, rng.int(3, 8)));
      p.resubmittedAt = new Date(p.returnedAt.getTime() + rng.int(3, 15) * dayMs);
    }
    // Concluded in June, at least five days after the last submission; a few late ones in the autumn.
    const lastSubmitted = new Date(p.resubmittedAt ?? p.submittedAt).toISOString().slice(0, 10);
    const from = later(`${year}-06-01`, addDays(lastSubmitted, 5));
    const concluded = rng.chance(0.05) && !failed ? dayBetween(rng, `${year}-07-20`, `${year}-09-30`) : dayBetween(rng, from, later(`${year}-06-30`, from));
    // This year's stragglers: a few reports still under review or returned after the deadline.
    const straggler = year === years[years.length - 1] && !failed && rng.chance(0.08);
    if (concluded <= yesterday && !straggler) {
      p.state = "concluded";
      p.concludedAt = at(concluded);
      p.conclusion = failed ? "fail" : rng.chance(0.1) ? "basic_pass" : "pass";
      const published = new Date(`${concluded <= `${year}-07-10` ? `${year}-07-15` : `${year}-10-15`}T02:00:00Z`);
      p.publishedAt = published < now ? published : null;
    } else if (rng.chance(0.3) && !p.returnedAt && addDays(submitted, 5) < yesterday) {
      p.state = "returned";
      p.returnedAt = at(earlier(addDays(submitted, rng.int(5, 20)), yesterday));
    }
    return p;
  };

  const report = (org: CityOrganization, year: number, r: Rng): Report => {
    const scale = org.type === "foundation" ? 20 : org.type === "social_group" ? 1 : 3;
    const yuan = (max: number) => Math.round(r.next() * max * scale) * 100;
    const income = { incomeDonations: yuan(600), incomeGrants: yuan(300), incomeServices: yuan(900), incomeFees: org.type === "social_group" ? yuan(200) : 0, incomeOther: yuan(50) };
    const incomeTotal = Object.values(income).reduce((a, b) => a + b, 0);
    const expenditurePrograms = Math.round((incomeTotal * (0.6 + r.next() * 0.3)) / 100) * 100;
    const expenditureAdministration = yuan(150);
    const expenditureTotal = expenditurePrograms + expenditureAdministration;
    let netAssetsStart = netAssets.get(org.id) ?? (org.registeredFunds ?? 30_000);
    if (netAssetsStart + incomeTotal - expenditureTotal < 0) netAssetsStart = expenditureTotal - incomeTotal;
    const netAssetsEnd = netAssetsStart + incomeTotal - expenditureTotal;
    netAssets.set(org.id, netAssetsEnd);
    const members = party.get(org.id);
    // Fewer members in the earlier years' reports: branches grew.
    const formal = Math.max(0, (members?.formalMembers ?? 0) - (years[years.length - 1]! - year > 2 && r.chance(0.3) ? 1 : 0));
    return {
      recordChanged: "no",
      ...income,
      incomeTotal,
      expenditurePrograms,
      expenditureAdministration,
      expenditureOther: 0,
      expenditureTotal,
      netAssetsStart,
      netAssetsEnd,
      donationsReceived: income.incomeDonations,
      activitiesCount: 6 + Math.floor(r.next() * 30),
      mainActivities: r.pick(activities),
      fullTimeStaff: Math.floor(r.next() * (org.type === "private_non_enterprise" ? 30 : 8)),
      volunteers: Math.floor(r.next() * 60),
      officers: org.type === "social_group" ? "会长、秘书长各一名" : "理事长、院长（主任）各一名",
      partyFormalMembers: formal,
      partyProbationaryMembers: members?.probationaryMembers ?? 0,
      partyCoverage: members?.report ?? "none",
      declaration: "on",
    };
  };

  const total = Math.round(registered.length * years.length * 0.76);
  ctx.progress.start("年度检查", total, "份报告");
  await copyRows(
    ctx.sql,
    "inspection_years",
    ["year", "supervising_deadline", "registry_deadline", "opened_at", "opened_by"],
    years.map((year) => {
      const { supervisingDeadline, registryDeadline } = defaultDeadlines(campaignFiledIn(year));
      return [campaignFiledIn(year), supervisingDeadline, registryDeadline, new Date(`${year}-01-05T01:00:00Z`), officer.id];
    }),
  );
  let reportId = 0;
  let stepId = 0;
  for (const year of years) {
    const reports: Cell[][] = [];
    const steps: Cell[][] = [];
    for (const org of registered) {
      if (!files(org, year)) continue;
      const p = plan(org, year);
      if (!p) continue;
      const id = ++reportId;
      const content = report(org, year, rng);
      const created = p.submittedAt ? new Date(p.submittedAt.getTime() - rng.int(1, 20) * dayMs) : at(dayBetween(rng, `${year}-01-06`, yesterday));
      const last = p.concludedAt ?? (p.state === "returned" ? p.returnedAt : null) ?? p.resubmittedAt ?? p.submittedAt ?? created;
      const note = p.conclusion === "basic_pass" ? rng.pick(basicPassNotes) : p.conclusion === "fail" ? rng.pick(failNotes) : null;
      const step = (when: Date, action: string, from: InspectionState, to: InspectionState, byOfficer: boolean, reason: string | null) =>
        steps.push([++stepId, id, when, action, from, to, byOfficer ? officer.id : null, byOfficer ? officer.displayName : "申报单位", reason]);
      if (p.submittedAt) step(p.submittedAt, "submit", "draft", "submitted", false, null);
      if (p.returnedAt) step(p.returnedAt, "return", "submitted", "returned", true, rng.pick(returnReasons));
      if (p.resubmittedAt) step(p.resubmittedAt, "resubmit", "returned", "submitted", false, null);
      // A supervised organization's last submission went to its 业务主管单位 first: agreed before the
      // registry acted on it, or (a third of those still submitted) still waiting for the 初审.
      const unitName = org.supervisingUnit?.trim() || null;
      const lastSubmission = p.resubmittedAt ?? p.submittedAt;
      const registryActed = p.concludedAt ?? (p.state === "returned" && !p.resubmittedAt ? p.returnedAt : null);
      const unitAgreedAt =
        unitName && lastSubmission && !(p.state === "submitted" && id % 3 === 0) && !(p.state === "returned" && !registryActed)
          ? new Date((lastSubmission.getTime() + (registryActed ?? now).getTime()) / 2)
          : null;
      if (unitAgreedAt) steps.push([++stepId, id, unitAgreedAt, "unit_agree", "submitted", "submitted", null, unitName, "经初审，同意报送登记管理机关。"]);
      if (p.concludedAt) step(p.concludedAt, "conclude", "submitted", "concluded", true, note);
      // The version counts the report's steps, as each step of the app's workflow raises it.
      const version = 1 + [p.submittedAt, p.returnedAt, p.resubmittedAt, unitAgreedAt, p.concludedAt].filter(Boolean).length;
      reports.push([
        id, campaignFiledIn(year), org.id, p.state, content, p.submittedAt, p.conclusion, note, p.concludedAt, p.concludedAt ? officer.id : null, p.publishedAt, created, last, version,
        lastSubmission ? unitName : null, unitAgreedAt ? "agreed" : null, unitAgreedAt, unitAgreedAt ? "经初审，同意报送登记管理机关。" : null,
      ]);
    }
    rows.reports += await copyRows(
      ctx.sql,
      "inspection_reports",
      ["id", "year", "organization_id", "state", "report", "submitted_at", "conclusion", "conclusion_note", "concluded_at", "concluded_by", "published_at", "created_at", "updated_at", "version", "unit_name", "unit_decision", "unit_decided_at", "unit_opinion"],
      reports,
      (n) => ctx.progress.add(n),
    );
    rows.steps += await copyRows(ctx.sql, "inspection_steps", ["id", "report_id", "at", "action", "from_state", "to_state", "actor_user_id", "actor_name", "reason"], steps);
  }

  let listingId = 0;
  const listings: Cell[][] = [];
  for (const org of orgs) {
    for (const l of org.listings) {
      // A failed inspection lists only once its rectification is overdue (社会组织信用信息管理办法 art. 10(3)).
      const notFiled = l.cause === "not_filed";
      listings.push([
        ++listingId, org.id, l.listedOn, notFiled ? "annual_report" : "rectification_overdue", l.reason,
        notFiled ? annualReportKey(campaignFiledIn(l.year)) : null, campaignFiledIn(l.year), officer.id,
        l.removedOn, l.removedOn ? "corrected" : null, l.removalReason, l.removedOn ? officer.id : null,
      ]);
    }
  }
  await copyRows(
    ctx.sql,
    "abnormal_listings",
    ["id", "organization_id", "listed_on", "trigger", "reason", "source_key", "inspection_year", "listed_by", "removed_on", "removal_kind", "removal_reason", "removed_by"],
    listings,
  );
  ctx.progress.finish();
}
