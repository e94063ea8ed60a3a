import type { ReactNode } from "react";
import { turnout } from "../../domain/committees/forms";
import { postLabel, type CommitteeBody } from "../../domain/committees/rules";
import { formatDate } from "../../domain/shared/time";
import { termDates } from "../../ui/committee-view";
import { DataTable, type Column } from "../../ui/data-table";
import { Badge } from "../../ui/layout";
import type { Term } from "./page-data";

type Member = Term["members"][number];

/** A term's election: when, how many voters, how many voted. */
export function TermFacts({ term, compact = false }: { term: Term; compact?: boolean }) {
  const share = turnout(term.votesCast, term.eligibleVoters);
  const facts: Array<[string, ReactNode]> = [
    ...(compact ? [] : ([["届次", `第 ${term.termNumber} 届`], ["任期", termDates(term)]] as Array<[string, ReactNode]>)),
    ["选举日期", term.electedOn ? formatDate(term.electedOn) : "未录入"],
    ["登记选民", term.eligibleVoters === null ? "未录入" : `${term.eligibleVoters} 人`],
    ["参加投票", term.votesCast === null ? "未录入" : `${term.votesCast} 人`],
    ["参选率", share ?? "—"],
  ];
  return (
    <dl className={`grid gap-x-6 gap-y-2 text-sm ${compact ? "mb-2 grid-cols-2 sm:grid-cols-4" : "mb-4 grid-cols-2 sm:grid-cols-3"}`}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A term's members by name and post, and who is the party secretary. */
export function MembersTable({ body, term, caption }: { body: CommitteeBody; term: Term; caption: string }) {
  if (!term.members.length) return <p className="text-sm text-slate-600">该届尚未录入成员。</p>;
  // The party secretary may sit only on the residents' or villagers' committee.
  const secretaryColumn = body === "residents" || body === "villagers" || term.members.some((m) => m.partySecretary);
  const columns: Array<Column<Member>> = [
    { label: "姓名", cell: (m) => m.name, rowHeader: true },
    { label: "职务", cell: (m) => postLabel(body, m.post) },
    ...(secretaryColumn
      ? [{ label: "兼任党组织书记", cell: (m: Member) => (m.partySecretary ? <Badge tone="blue">兼任党组织书记</Badge> : <span className="sr-only">否</span>) }]
      : []),
  ];
  return <DataTable caption={caption} captionVisible columns={columns} rows={term.members} rowKey={(m) => m.id} empty="该届尚未录入成员。" framed={false} />;
}
