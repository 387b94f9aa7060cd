/** Which month a new report form opens on, and the month before a period (for "copy last month"). */

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The earliest month the enterprise has not reported yet, searched from its first report (at most a year back)
 * up to the last finished month; an enterprise without reports starts at the last finished month. When every
 * one is reported, the month after the latest report (saved as a draft until it ends). A year back is far
 * enough: an older gap is the bureau import's business, not a form default.
 */
export function defaultReportPeriod(reported: readonly string[], lastComplete: string, lookBack = 12): string {
  const have = new Set(reported);
  if (have.size === 0) return lastComplete;
  const first = [...have].sort()[0]!;
  for (let i = lookBack - 1; i >= 0; i--) {
    const p = shiftPeriod(lastComplete, -i);
    if (p >= first && !have.has(p)) return p;
  }
  const latest = [...have].sort().at(-1)!;
  return shiftPeriod(latest, 1);
}
