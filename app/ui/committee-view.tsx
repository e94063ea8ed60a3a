import { memberPostOptions, postLabel, standingLabels, type CommitteeBody, type MemberPost, type TermStanding } from "../domain/committees/rules";
import { formatDate } from "../domain/shared/time";
import { Badge } from "./layout";

const standingTones: Record<TermStanding, "green" | "amber" | "red" | "blue" | "slate"> = {
  current: "green",
  ending_soon: "amber",
  expired: "red",
  succeeded: "blue",
  future: "blue",
  past: "slate",
};

/** 任期内 / 半年内届满 / 已届满未换届 …, in words and colour. */
export function StandingBadge({ standing }: { standing: TermStanding }) {
  return <Badge tone={standingTones[standing]}>{standingLabels[standing]}</Badge>;
}

/** "2021年5月20日至2026年5月19日" */
export function termDates(term: { startsOn: string; endsOn: string }): string {
  return `${formatDate(term.startsOn)}至${formatDate(term.endsOn)}`;
}

/**
 * A body's members by post, chair first: "主任 张三 副主任 李四 委员 王五、赵六".
 * Names and posts only: what the public page may show.
 */
export function MemberList({ body, members }: { body: CommitteeBody; members: ReadonlyArray<{ name: string; post: MemberPost }> }) {
  const groups = memberPostOptions
    .map((post) => ({ post, names: members.filter((m) => m.post === post).map((m) => m.name) }))
    .filter((group) => group.names.length);
  if (!groups.length) return <p className="text-sm text-slate-600">尚未录入成员。</p>;
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1">
      {groups.map((group) => (
        <div key={group.post} className="flex gap-2">
          <dt className="text-slate-600">{postLabel(body, group.post)}</dt>
          <dd>{group.names.join("、")}</dd>
        </div>
      ))}
    </dl>
  );
}
