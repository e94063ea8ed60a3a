/** Horizontal bars with the figure written beside each; decorative, the table beside them holds the data. */

// Literal class names so Tailwind generates them; the CSP forbids inline styles.
const widthClasses = [
  "w-0", "w-[5%]", "w-[10%]", "w-[15%]", "w-[20%]", "w-[25%]", "w-[30%]", "w-[35%]", "w-[40%]", "w-[45%]", "w-[50%]",
  "w-[55%]", "w-[60%]", "w-[65%]", "w-[70%]", "w-[75%]", "w-[80%]", "w-[85%]", "w-[90%]", "w-[95%]", "w-full",
] as const;

/** The bar's width for a share from 0 to 1, in steps of 5%; a share above 0 always shows. */
function widthClass(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  const step = Math.round(clamped * 20);
  return widthClasses[clamped > 0 && step === 0 ? 1 : step] ?? "w-0";
}

export function Bars({ rows }: { rows: Array<{ label: string; share: number; text: string }> }) {
  return (
    <div aria-hidden="true" className="mb-4 flex flex-col gap-2 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="flex items-center gap-3">
          <span className="w-32 shrink-0 text-slate-700">{r.label}</span>
          <div className="h-4 flex-1 rounded bg-slate-100">
            <div className={`h-4 rounded bg-brand-600 print:bg-slate-700 ${widthClass(r.share)}`} />
          </div>
          <span className="w-20 shrink-0 text-right tabular-nums text-slate-900">{r.text}</span>
        </div>
      ))}
    </div>
  );
}
