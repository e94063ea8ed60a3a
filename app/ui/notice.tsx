import type { ReactNode } from "react";

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
