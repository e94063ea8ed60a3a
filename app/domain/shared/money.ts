/** Amounts as readers read them. Amounts are kept in fen (分), whole numbers. */

// Made once: toLocaleString with options builds a formatter on every call, a cost on pages of many amounts.
const yuan = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

/** Fen in yuan as a record shows it: "30,000 元", "1,234.5 元". */
export function formatYuanFromFen(fen: number): string {
  return `${yuan.format(fen / 100)} 元`;
}
