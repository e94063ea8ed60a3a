import { bodyLabels, memberLimits, postLabel } from "../../domain/committees/rules";
import { termDates } from "../../ui/committee-view";
import type { BodyData } from "./page-data";

/** The villagers' committee's side of the rules below: checked when it is saved, too. */
export function VillagersRules() {
  return (
    <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-medium">村民委员会的规则（保存时检查）</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          成员 {memberLimits.villagers.min} 至 {memberLimits.villagers.max} 名（村民委员会组织法第六条），其中主任一名。
        </li>
        <li>村民委员会成员不能同时担任任期重叠的村务监督委员会成员。</li>
        <li>兼任村党组织书记的成员不能担任任期重叠的村务监督委员会主任或成员，也不能担任民主理财小组成员。</li>
      </ul>
    </div>
  );
}

/** The rules the supervision committee and the finance group are checked against, beside their forms. */
export function VillageRules({ body, villagers }: { body: "supervision" | "finance_group"; villagers: BodyData | null }) {
  const { min, max } = memberLimits[body];
  // The villagers' committee terms a new or current term is compared with: the one in office and any not yet begun.
  const shown = villagers ? [...villagers.upcoming.map((t) => ({ term: t, label: "尚未开始" })), ...(villagers.current ? [{ term: villagers.current, label: "现任" }] : [])] : [];
  return (
    <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-medium">{bodyLabels[body]}的规则（保存时检查）</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          成员 {min} 至 {max} 名，其中{postLabel(body, "chair")}一名。
        </li>
        {body === "supervision" ? (
          <>
            <li>村民委员会成员不能担任村务监督委员会成员；其近亲属也不能担任（系统无法按姓名核对，请在审核时把关）。</li>
            <li>村党组织书记不能担任村务监督委员会主任，也不能担任成员。</li>
          </>
        ) : (
          <li>村党组织书记不能担任民主理财小组成员。</li>
        )}
        <li>
          按姓名与任期重叠的各届村民委员会核对{body === "finance_group" ? "（村党组织书记即村民委员会中勾选“兼任党组织书记”的成员）" : ""}
          ；录入或修改村民委员会时也反过来核对。
        </li>
        {shown.length ? (
          shown.map(({ term, label }) => {
            const secretary = term.members.find((m) => m.partySecretary)?.name;
            return (
              <li key={term.id}>
                村民委员会第 {term.termNumber} 届（{label}，{termDates(term)}）
                {term.members.length ? `成员：${term.members.map((m) => m.name).join("、")}` : "尚未录入成员"}
                {secretary ? `；兼任村党组织书记：${secretary}` : "；未标明兼任村党组织书记的成员"}。
              </li>
            );
          })
        ) : (
          <li>尚未录入村民委员会，无法核对。</li>
        )}
      </ul>
    </div>
  );
}

