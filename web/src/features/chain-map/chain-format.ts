/** 万元 → 亿元 with two decimals in the page's locale. */
export function fmtYi(wan: number | null, language: string): string {
  if (wan === null) return '—';
  return (wan / 10_000).toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function fmtPct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}
