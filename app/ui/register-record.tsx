import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  formatFieldValue,
  formatFunds,
  isFiled,
  organizationChangeKindLabels,
  organizationFieldLabel,
  organizationKindLabel,
  organizationStatusLabels,
  type CommunityCategory,
  type OrganizationStatus,
  type OrganizationType,
} from "../domain/organizations/rules";
import { placePath } from "../domain/places/rules";
import { formatDate } from "../domain/shared/time";
import { Panel } from "./layout";

type PlaceRef = { code: string; name: string; level: "district" | "street" | "town" | "community" | "village" } | null;

/** The public fields of a record (docs/glossary.md), as the public page and the officers' page show them. */
export interface RecordView {
  type: OrganizationType;
  category: CommunityCategory | null;
  uscc: string | null;
  filingNumber: string | null;
  certificateNumber: string | null;
  registeringAuthority: string | null;
  supervisingUnit: string | null;
  legalRepresentative: string | null;
  registeredOn: string;
  registeredFunds: number | null;
  businessScope: string | null;
  address: string | null;
  status: OrganizationStatus;
  statusSince: string | null;
  statusReason: string | null;
  street: PlaceRef;
  community: PlaceRef;
}

/** "该组织已于2024年3月15日注销。原因：自行申请注销。" for anything but a normal status. */
export function StatusNotice({ record }: { record: Pick<RecordView, "status" | "statusSince" | "statusReason"> }) {
  if (record.status === "normal") return null;
  const since = record.statusSince ? `自${formatDate(record.statusSince)}起` : "";
  return (
    <p className="mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      该组织{since}处于“{organizationStatusLabels[record.status]}”状态。
      {record.statusReason ? `原因：${record.statusReason}。` : ""}
    </p>
  );
}

export function RecordDetails({ record, extra }: { record: RecordView; extra?: Array<[string, ReactNode]> }) {
  const filed = isFiled(record.type);
  const label = (field: string) => organizationFieldLabel(field, record.type);
  const rows: Array<[string, ReactNode]> = [
    [filed ? label("filingNumber") : label("uscc"), <span className="font-mono">{(filed ? record.filingNumber : record.uscc) ?? "—"}</span>],
    [label("type"), organizationKindLabel(record.type, record.category)],
    [label("status"), organizationStatusLabels[record.status] + (record.status !== "normal" && record.statusSince ? `（${formatDate(record.statusSince)}起）` : "")],
    [label("registeredOn"), formatDate(record.registeredOn)],
    [label("registeringAuthority"), record.registeringAuthority],
    [label("supervisingUnit"), record.supervisingUnit],
    [label("legalRepresentative"), record.legalRepresentative],
    ...(filed
      ? []
      : ([
          [label("certificateNumber"), record.certificateNumber],
          [label("registeredFunds"), formatFunds(record.registeredFunds)],
        ] as Array<[string, ReactNode]>)),
    [label("address"), record.address],
    ["所在社区（村）", record.community ? <Link to={placePath(record.community)}>{record.community.name}</Link> : null],
    ["所在街道（镇）", record.street ? <Link to={placePath(record.street)}>{record.street.name}</Link> : null],
    ...(extra ?? []),
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt className="text-sm text-slate-600">{name}</dt>
          <dd className="font-medium break-words">{value || "—"}</dd>
        </div>
      ))}
      <div className="sm:col-span-2">
        <dt className="text-sm text-slate-600">{label("businessScope")}</dt>
        <dd className="whitespace-pre-line">{record.businessScope || "—"}</dd>
      </div>
    </dl>
  );
}

export interface HistoryView {
  id: number;
  at: Date | string;
  kind: string;
  reason: string | null;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  /** Shown to officers only. */
  actorName?: string | null;
}

/** The record's history, newest first: each event with its date, kind, reason and the fields before and after. */
export function ChangeHistory({ entries, type, title = "变更记录" }: { entries: HistoryView[]; type: OrganizationType; title?: string }) {
  return (
    <Panel title={title}>
      {entries.length ? (
        <ol className="space-y-5">
          {entries.map((entry) => {
            const kind = organizationChangeKindLabels[entry.kind] ?? entry.kind;
            const date = formatDate(entry.at);
            return (
              <li key={entry.id} className="border-l-4 border-brand-600 pl-4">
                <h3 className="font-medium text-slate-900">
                  {date} · {kind}
                </h3>
                {entry.reason ? <p className="text-sm text-slate-700">原因：{entry.reason}</p> : null}
                {entry.actorName !== undefined ? <p className="text-sm text-slate-600">经办：{entry.actorName ?? "—"}</p> : null}
                {entry.changes.length ? (
                  <div className="mt-2 overflow-x-auto">
                    <table className="w-full text-left text-sm">
                      <caption className="sr-only">
                        {date}
                        {kind}的变更内容
                      </caption>
                      <thead className="text-slate-600">
                        <tr>
                          <th scope="col" className="py-1 pr-3 font-normal">事项</th>
                          <th scope="col" className="py-1 pr-3 font-normal">变更前</th>
                          <th scope="col" className="py-1 font-normal">变更后</th>
                        </tr>
                      </thead>
                      <tbody>
                        {entry.changes.map((change) => (
                          <tr key={change.field} className="border-t border-slate-100 align-top">
                            <th scope="row" className="py-1 pr-3 font-medium whitespace-nowrap">
                              {organizationFieldLabel(change.field, type)}
                            </th>
                            <td className="py-1 pr-3 break-words text-slate-700">{formatFieldValue(change.field, change.before)}</td>
                            <td className="py-1 break-words text-slate-900">{formatFieldValue(change.field, change.after)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="text-slate-600">暂无变更记录。</p>
      )}
    </Panel>
  );
}
