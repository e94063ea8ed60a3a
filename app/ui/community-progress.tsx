import { formatShare } from "../domain/committees/coverage";
import { Badge } from "./layout";

/**
 * A bar for a share between 0 and 1. Drawn in SVG with width attributes: the CSP
 * allows no inline styles. Decorative: the figure is always written beside it.
 */
export function ShareBar({ share, className = "" }: { share: number; className?: string }) {
  const width = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  return (
    <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false" className={`block h-2 w-full ${className}`}>
      <rect width="100" height="6" rx="1.5" className="fill-slate-200" />
      <rect width={width} height="6" rx="1.5" className="fill-green-600" />
    </svg>
  );
}

/** "meeting / total" with the share in words and as a bar. */
export function ShareFigure({ part, whole, share }: { part: number; whole: number; share: number }) {
  return (
    <div className="min-w-32">
      <span className="tabular-nums">
        {part}/{whole}（{formatShare(share)}）
      </span>
      <ShareBar share={share} className="mt-1" />
    </div>
  );
}

/** Whether a community or village has the target number of community social organizations. */
export function TargetBadge({ meetsTarget, shortfall }: { meetsTarget: boolean; shortfall: number }) {
  return meetsTarget ? <Badge tone="green">已达标</Badge> : <Badge tone="red">未达标，差 {shortfall} 个</Badge>;
}
