import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasPermission } from "../auth/permissions";
import { requirePermission } from "../auth/require.server";
import { roleLabels } from "../auth/roles";
import { placePath } from "../domain/places/rules";
import { ownPlace } from "../domain/places/queries.server";
import { periodLabel } from "../domain/postings/rules";
import { villageWorkbench, type WorkbenchItem } from "../domain/postings/queries.server";
import { waitingQuestionCount } from "../domain/questions/queries.server";
import { formatDateTime } from "../domain/shared/time";
import { villageTodoList } from "../domain/todo/queries.server";
import { TodoPanel } from "../ui/todo-panel";
import { PageHeader, Panel } from "../ui/layout";
import { CategoryBadge, ComplianceCellMark, ComplianceLegend, UpToDateMark } from "../ui/posting-view";

export const meta: MetaFunction = () => [{ title: "村务公开工作台" }];

/** Open work of a village is a handful of postings; they sort first, so one page holds them all. */
const openWorkLimit = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "area:village");
  const now = new Date();
  const [{ place, parent }, bench, todos] = await Promise.all([ownPlace(actor), villageWorkbench(actor, now, { page: 1, pageSize: openWorkLimit }), villageTodoList(actor, now)]);
  const questions = await waitingQuestionCount(place.id);
  const open = bench.items.filter((i) => i.openState !== null);
  const drafting = hasPermission(actor, "posting:draft");
  return {
    role: actor.role,
    drafting,
    place: { name: place.name, path: placePath(place) },
    parentName: parent?.name ?? "",
    // A supervisor sees what reached the committee, never the clerk's unsubmitted drafts.
    counts: drafting ? bench.counts : { ...bench.counts, drafts: null, returned: null },
    submitted: open.filter((i) => i.openState === "submitted"),
    returned: open.filter((i) => i.openState === "returned"),
    drafts: drafting ? open.filter((i) => i.openState === "draft") : [],
    compliance: bench.compliance,
    questions,
    todos,
  };
}

type Item = Omit<WorkbenchItem, "updatedAt"> & { updatedAt: Date | string };

function WorkList({ items, empty }: { items: Item[]; empty: string }) {
  if (!items.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
          <CategoryBadge category={item.category} />
          <Link to={`/village/postings/${item.id}`} className="font-medium">
            {item.title}
          </Link>
          <span className="text-slate-600">{periodLabel(item.period)}</span>
          {item.openNumber && item.openNumber > 1 ? <span className="text-slate-600">更正（第 {item.openNumber} 版）</span> : null}
          <span className="ml-auto text-xs text-slate-500">更新于 {formatDateTime(item.updatedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

function CountCard({ label, value, href, tone }: { label: string; value: number; href: string; tone: "amber" | "blue" | "slate" }) {
  const tones = { amber: "border-amber-300 bg-amber-50", blue: "border-blue-200 bg-blue-50", slate: "border-slate-200 bg-white" };
  return (
    <a href={href} className={`block rounded border p-4 no-underline shadow-sm hover:no-underline ${value ? tones[tone] : tones.slate}`}>
      <span className="block text-sm text-slate-600">{label}</span>
      <span className="mt-1 block text-2xl font-semibold text-slate-900">{value}</span>
    </a>
  );
}

export default function VillageHome() {
  const { role, drafting, place, parentName, counts, submitted, returned, drafts, compliance, questions, todos } = useLoaderData<typeof loader>();
  const returnedPanel = (
    <Panel title="已退回修改" key="returned">
      <div id="returned" className="scroll-mt-4">
        <p className="mb-2 text-sm text-slate-600">
          {drafting ? "监督委员会已退回，请按审核意见修改后重新提交。" : "已退回村务公开员修改，修改后会重新提交审核。"}
        </p>
        <WorkList items={returned} empty="没有被退回的事项。" />
      </div>
    </Panel>
  );
  const submittedPanel = (
    <Panel title="待监督委员会审核" key="submitted">
      <div id="submitted" className="scroll-mt-4">
        <p className="mb-2 text-sm text-slate-600">
          {drafting ? "已提交，等待村务监督委员会审核，审核前不能修改。" : "请逐项核对内容，签署审核意见后公开，或退回修改。"}
        </p>
        <WorkList items={submitted} empty="没有待审核的事项。" />
      </div>
    </Panel>
  );
  const draftsPanel = (
    <Panel title="草稿" key="drafts">
      <div id="drafts" className="scroll-mt-4">
        <WorkList items={drafts} empty="没有未提交的草稿。" />
      </div>
    </Panel>
  );
  // What needs this user's action comes first.
  const work = drafting ? [returnedPanel, draftsPanel, submittedPanel] : [submittedPanel];
  return (
    <>
      <PageHeader
        title={`${place.name}村务公开工作台`}
        description={`${roleLabels[role]} · ${parentName}`}
        actions={
          drafting ? (
            <Link
              to="/village/postings/new"
              className="inline-flex items-center rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-brand-700 hover:no-underline"
            >
              新建公开事项
            </Link>
          ) : undefined
        }
      />
      <p className="mb-6 leading-relaxed text-slate-700">
        {drafting
          ? "村务公开员在此起草党务、村务、财务公开事项，提交村务监督委员会审核后公开。"
          : "村务监督委员会成员在此审核村务公开员提交的公开事项，签署审核意见后公开。"}
      </p>

      <TodoPanel items={todos} className="mb-6" />

      <h2 className="sr-only">办理情况</h2>
      <ul className={`mb-6 grid gap-4 ${drafting ? "sm:grid-cols-4" : "sm:grid-cols-2"}`}>
        {counts.drafts !== null ? (
          <li>
            <CountCard label="草稿" value={counts.drafts} href="/village/postings?state=draft" tone="slate" />
          </li>
        ) : null}
        <li>
          <CountCard label="待审核" value={counts.submitted} href="/village/postings?state=submitted" tone="blue" />
        </li>
        {counts.returned !== null ? (
          <li>
            <CountCard label="已退回" value={counts.returned} href="/village/postings?state=returned" tone="amber" />
          </li>
        ) : null}
        <li>
          <CountCard label="待答复的村民质询" value={questions} href="/village/questions" tone="amber" />
        </li>
      </ul>

      <div className="mb-6 space-y-6">{work}</div>

      <Panel id="compliance" title="按期公开情况" className="mb-6 scroll-mt-4">
        <UpToDateMark summary={compliance} />
        <h3 className="mb-2 mt-4 text-sm font-medium text-slate-700">财务收支（近 12 个应公开的月份，每月公开一次）</h3>
        <ol className="flex flex-wrap gap-2">
          {compliance.finance.map((cell) => (
            <li key={cell.period.key} className="flex flex-col items-center gap-0.5">
              <ComplianceCellMark cell={cell} />
              <span aria-hidden="true" className="text-xs text-slate-500">
                {cell.period.key.slice(2).replace("-", "/")}
              </span>
            </li>
          ))}
        </ol>
        <h3 className="mb-2 mt-4 text-sm font-medium text-slate-700">村务（近 4 个应公开的季度，每季度至少一次）</h3>
        <ol className="flex flex-wrap gap-2">
          {compliance.villageAffairs.map((cell) => (
            <li key={cell.period.key} className="flex flex-col items-center gap-0.5">
              <ComplianceCellMark cell={cell} />
              <span aria-hidden="true" className="text-xs text-slate-500">
                {cell.period.key.slice(2)}
              </span>
            </li>
          ))}
        </ol>
        <div className="mt-4">
          <ComplianceLegend />
        </div>
        {drafting && compliance.missing.length ? (
          <p className="mt-3 text-sm text-slate-700">
            补公开漏报的期间：
            {compliance.finance
              .filter((c) => c.status === "missing")
              .map((c) => (
                <Link key={c.period.key} className="mr-3" to={`/village/postings/new?kind=finance_monthly&period=${c.period.key}`}>
                  {c.period.label}财务收支
                </Link>
              ))}
            {compliance.villageAffairs
              .filter((c) => c.status === "missing")
              .map((c) => (
                <Link key={c.period.key} className="mr-3" to={`/village/postings/new?kind=general_notice&period=${c.period.key}`}>
                  {c.period.label}村务
                </Link>
              ))}
          </p>
        ) : null}
      </Panel>

      <Panel>
        <p>
          本村的公开页面：<Link to={place.path}>{place.name}</Link>
          <span className="text-sm text-slate-600">（群众看到的内容，身份证号、手机号、银行卡号已遮蔽）</span>
        </p>
        <p className="mt-2 text-sm">
          <Link to="/village/postings">查看本村全部公开事项</Link>
        </p>
      </Panel>
    </>
  );
}
