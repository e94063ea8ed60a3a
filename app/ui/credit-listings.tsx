import { abnormalRemovalKindLabels, abnormalTriggerLabels, seriousTriggerLabels, type AbnormalRemovalKind, type AbnormalTrigger, type SeriousTrigger } from "../domain/credit/listings";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";

interface Listing {
  id: number;
  listedOn: string;
  article: string;
  reason: string;
  evidence: string | null;
  removedOn: string | null;
  removalReason: string | null;
}

export interface CreditListings {
  abnormal: Array<Listing & { trigger: AbnormalTrigger; removalKind: AbnormalRemovalKind | null }>;
  serious: Array<Listing & { trigger: SeriousTrigger }>;
}

/**
 * An organization's listings on the 严重违法失信名单 and the 活动异常名录, those in
 * force first: the ground and its article, the evidence, and any removal with
 * its date and reason. For the public record and the officers' pages alike.
 */
export function CreditListingHistory({ listings }: { listings: CreditListings }) {
  const rows = [
    ...listings.serious.map((l) => ({ ...l, key: `s${l.id}`, list: "严重违法失信名单", label: seriousTriggerLabels[l.trigger], removal: l.removalReason })),
    ...listings.abnormal.map((l) => ({
      ...l,
      key: `a${l.id}`,
      list: "活动异常名录",
      label: abnormalTriggerLabels[l.trigger],
      removal: l.removalKind ? `${abnormalRemovalKindLabels[l.removalKind]}${l.removalReason ? `：${l.removalReason}` : ""}` : l.removalReason,
    })),
  ].sort((a, b) => Number(!!a.removedOn) - Number(!!b.removedOn) || b.listedOn.localeCompare(a.listedOn));
  if (!rows.length) return <p className="text-sm text-slate-600">未被列入活动异常名录或严重违法失信名单。</p>;
  return (
    <ol className="space-y-3">
      {rows.map((l) => (
        <li key={l.key} className="rounded border border-slate-200 p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={l.removedOn ? "slate" : l.list === "严重违法失信名单" ? "red" : "amber"}>
              {l.removedOn ? "已移出" : "列入"}
              {l.list}
            </Badge>
            <span>{formatDate(l.listedOn)}列入</span>
          </p>
          <p className="mt-2">
            列入事由：{l.label}
            {l.reason !== l.label ? `（${l.reason}）` : ""}
          </p>
          <p className="mt-1 text-slate-700">依据：{l.article}</p>
          {l.evidence ? <p className="mt-1 text-slate-700">事实和证据：{l.evidence}</p> : null}
          {l.removedOn ? (
            <p className="mt-1 text-slate-700">
              {formatDate(l.removedOn)}移出{l.removal ? `：${l.removal}` : ""}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
