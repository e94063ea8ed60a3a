/** The to-do panel of a home page: each item a link to where it is done, with its deadline and the days left. */
import { Link } from "@remix-run/react";
import type { TodoItem } from "../domain/todo/rules";
import { formatDate } from "../domain/shared/time";
import { Badge, Panel } from "./layout";

function DueBadge({ item }: { item: TodoItem }) {
  if (item.info || item.daysLeft === null) return null;
  if (item.daysLeft < 0) return <Badge tone="red">已逾期 {-item.daysLeft} 天</Badge>;
  if (item.daysLeft === 0) return <Badge tone="red">今天截止</Badge>;
  return <Badge tone={item.daysLeft <= 7 ? "amber" : "slate"}>还剩 {item.daysLeft} 天</Badge>;
}

export function TodoPanel({ items, className = "" }: { items: TodoItem[]; className?: string }) {
  return (
    <Panel title="待办事项" className={className}>
      {items.length ? (
        <ul className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.key} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <Link to={item.link} className="min-h-6">
                {item.title}
              </Link>
              <DueBadge item={item} />
              {item.dueOn && !item.info ? <span className="text-sm text-slate-600">
                  {item.dueLabel ?? "截止"} {formatDate(item.dueOn)}
                </span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">暂无待办事项。</p>
      )}
    </Panel>
  );
}
