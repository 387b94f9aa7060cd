/**
 * A deterministic trend projection for the "required CAGR above achievable" rule: a least-squares line
 * through the logarithms of the annual values (constant growth), extended to the goal year. It stands in
 * until the Monte-Carlo forecast (issue 11 §2) can be consulted; it is plain arithmetic, no randomness.
 */
export interface AnnualValue {
  year: number;
  value: number;
}

/** The fitted constant annual growth rate (e.g. 0.08) of positive annual values, or null with fewer than two. */
export function trendGrowth(values: readonly AnnualValue[]): number | null {
  const points = values.filter((v) => v.value > 0);
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + Math.log(p.value), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.year - meanX) * (Math.log(p.value) - meanY);
    sxx += (p.year - meanX) ** 2;
  }
  if (sxx === 0) return null;
  return Math.exp(sxy / sxx) - 1;
}

/** The trend's value in `year`, anchored on the latest actual (so a projection starts where the data ends). */
export function projectTrend(values: readonly AnnualValue[], year: number): number | null {
  const g = trendGrowth(values);
  const latest = [...values].filter((v) => v.value > 0).sort((a, b) => a.year - b.year).at(-1);
  if (g === null || !latest) return null;
  return latest.value * (1 + g) ** (year - latest.year);
}

/** The constant annual growth needed to go from `from` to `target` in the years between. */
export function requiredGrowth(from: AnnualValue, target: AnnualValue): number | null {
  const years = target.year - from.year;
  if (years <= 0 || from.value <= 0) return null;
  return (target.value / from.value) ** (1 / years) - 1;
}
