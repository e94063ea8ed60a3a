import { creditConsequenceLabels, penaltyKindLabels, type PenaltyKind } from "../domain/credit/penalties";
import { formatYuanFromFen } from "../domain/shared/money";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";

export interface PenaltyItem {
  id: number;
  kind: PenaltyKind;
  amountFen: number | null;
  suspendedFrom: string | null;
  suspendedUntil: string | null;
  facts: string;
  legalBasis: string;
  decisionNumber: string;
  decidedOn: string;
  authority: string;
  /** Officers only: the decision document's name and the credit consequence. */
  fileName?: string;
  consequence?: "abnormal" | "serious" | null;
}

/** An organization's penalty decisions, newest first: for the public record and the officers' page. */
export function PenaltyList({ penalties, documentHref }: { penalties: PenaltyItem[]; documentHref?: (id: number) => string }) {
  if (!penalties.length) return <p className="text-sm text-slate-600">无行政处罚记录。</p>;
  return (
    <ol className="space-y-4">
      {penalties.map((p) => (
        <li key={p.id} className="rounded border border-slate-200 p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={p.kind === "revocation" || p.kind === "certificate_withdrawal" ? "red" : "amber"}>{penaltyKindLabels[p.kind]}</Badge>
            {p.amountFen !== null ? <span>{formatYuanFromFen(p.amountFen)}</span> : null}
            {p.suspendedFrom && p.suspendedUntil ? (
              <span>
                停止活动 {formatDate(p.suspendedFrom)} 至 {formatDate(p.suspendedUntil)}
              </span>
            ) : null}
            <span className="text-slate-600">
              {p.authority} {p.decisionNumber}，{formatDate(p.decidedOn)}决定
            </span>
          </p>
          <p className="mt-2">违法事实：{p.facts}</p>
          <p className="mt-1 text-slate-700">处罚依据：{p.legalBasis}</p>
          {p.consequence ? <p className="mt-1 text-amber-900">信用后果：{creditConsequenceLabels[p.consequence]}</p> : null}
          {p.fileName && documentHref ? (
            <p className="mt-1">
              决定书：<a href={documentHref(p.id)}>{p.fileName}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
