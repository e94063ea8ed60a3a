import { useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

const tones = {
  /** Something was saved or done. */
  success: "bg-green-50 text-green-900",
  /** Something needs the reader's attention before going on. */
  warning: "bg-amber-50 text-amber-900",
} as const;

/**
 * The one status message above a page's content ("已保存", "密码已修改"): announced
 * to screen readers as a status, in the tone of what it says.
 */
export function Notice({ tone = "success", wrap = false, children }: { tone?: keyof typeof tones; wrap?: boolean; children: ReactNode }) {
  return (
    <p role="status" className={`mb-4 rounded px-4 py-3 text-sm ${tones[tone]}${wrap ? " break-all" : ""}`}>
      {children}
    </p>
  );
}

/**
 * What the action before a redirect said ("账号已创建"), at the top of the page it
 * sent the user to (the root loader reads it once, app/auth/flash.server.ts).
 * It is focused on arrival, so it is read out and the eye starts there; it
 * belongs to the page it arrived with, and goes as soon as the user moves on or
 * sends a form (the root's data stays the same across later links, and a form's
 * answer shows before the loaders are read again, so it is tied to that visit).
 */
export function FlashNotice() {
  const root = useRouteLoaderData("root") as { flash?: string | null } | undefined;
  const location = useLocation();
  const navigating = useNavigation().state !== "idle";
  const visit = useRef<{ root: unknown; key: string | null }>({ root: undefined, key: null });
  if (visit.current.root !== root) visit.current = { root, key: root?.flash ? location.key : null };
  else if (visit.current.key !== location.key || navigating) visit.current.key = null;
  const shown = visit.current.key === location.key ? (root?.flash ?? null) : null;
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [root, shown]);
  if (!shown) return null;
  return (
    <p
      ref={ref}
      role="status"
      tabIndex={-1}
      // Focused by the browser on a page loaded without JavaScript; by the effect above otherwise.
      autoFocus
      className={`mb-4 rounded px-4 py-3 text-sm ${tones.success} focus:outline-none focus:ring-2 focus:ring-green-700 print:hidden`}
    >
      {shown}
    </p>
  );
}
