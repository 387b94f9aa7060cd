/**
 * Growth model of the existing enterprises (SPEC §5 forecast): what each enterprise's year-on-year growth may
 * be next year, estimated from the full calendar years it has reported.
 *
 * growth(i, year) = D_h + a_i + e_i where
 * - D_h is the district's comparable growth of a historical year h drawn ONCE per simulated year and run for
 *   every enterprise: the common district shock that makes enterprises move together (a bad year is bad for
 *   most of them at once, as 2020 was);
 * - a_i is the enterprise's own level relative to the district, shrunk toward its domain's level by
 *   n_i / (n_i + k): with one or two years of history a firm's level is mostly its domain's;
 * - e_i is bootstrapped from the enterprise's own centred residuals (its domain's when it has fewer than two).
 * Residuals are winsorised so that a firm reporting its first partial year cannot draw a ten-fold "growth".
 */

export interface EnterpriseHistory {
  key: string;
  name: string;
  domain: string;
  zone: string;
  /** Full calendar years with their values, ascending (a year missing from the list has no full-year figure). */
  years: readonly number[];
  values: readonly number[];
}

export interface GrowthOptions {
  /** k in the shrinkage weight n / (n + k). */
  priorStrength: number;
  /** Residual bounds (fractions) before bootstrapping. */
  residualFloor: number;
  residualCap: number;
}

export const DEFAULT_GROWTH_OPTIONS: GrowthOptions = { priorStrength: 3, residualFloor: -0.6, residualCap: 1.5 };

export interface GrowthModel {
  /** The district's comparable growth of each historical year pair (the common shocks). */
  districtYears: number[];
  districtGrowth: number[];
  /** Per enterprise (input order): shrunk level a_i and the slice of `noise` to bootstrap from. */
  level: Float64Array;
  noiseStart: Int32Array;
  noiseLength: Int32Array;
  noise: Float64Array;
  /** Per enterprise: the number of year pairs its own level rests on. */
  pairs: Int32Array;
}

interface Pair {
  year: number;
  previous: number;
  growth: number;
}

function pairsOf(e: EnterpriseHistory): Pair[] {
  const out: Pair[] = [];
  for (let j = 1; j < e.years.length; j++) {
    const previous = e.values[j - 1]!;
    if (e.years[j] === e.years[j - 1]! + 1 && previous > 0) out.push({ year: e.years[j]!, previous, growth: e.values[j]! / previous - 1 });
  }
  return out;
}

export function estimateGrowth(enterprises: readonly EnterpriseHistory[], options: GrowthOptions = DEFAULT_GROWTH_OPTIONS): GrowthModel {
  const pairs = enterprises.map(pairsOf);
  // District comparable growth per year: Σ this year / Σ last year over the enterprises with both (SPEC §4).
  const sums = new Map<number, { now: number; before: number }>();
  pairs.forEach((ps) => {
    for (const p of ps) {
      const s = sums.get(p.year) ?? { now: 0, before: 0 };
      s.now += p.previous * (1 + p.growth);
      s.before += p.previous;
      sums.set(p.year, s);
    }
  });
  const districtYears = [...sums.keys()].sort((a, b) => a - b);
  const district = new Map(districtYears.map((y) => [y, sums.get(y)!.now / sums.get(y)!.before - 1]));
  const clip = (v: number) => Math.min(options.residualCap, Math.max(options.residualFloor, v));
  const residuals = pairs.map((ps) => ps.map((p) => ({ weight: p.previous, value: clip(p.growth - district.get(p.year)!) })));

  // Domain levels: value-weighted mean residual, and the domain's pool of centred residuals.
  const domainLevel = new Map<string, number>();
  const domainPool = new Map<string, number[]>();
  const byDomain = new Map<string, number[]>();
  enterprises.forEach((e, i) => byDomain.set(e.domain, [...(byDomain.get(e.domain) ?? []), i]));
  const allWeighted = { w: 0, s: 0 };
  for (const [domain, members] of byDomain) {
    let w = 0;
    let s = 0;
    for (const i of members) for (const r of residuals[i]!) (w += r.weight), (s += r.weight * r.value);
    allWeighted.w += w;
    allWeighted.s += s;
    domainLevel.set(domain, w > 0 ? s / w : 0);
  }
  const overallLevel = allWeighted.w > 0 ? allWeighted.s / allWeighted.w : 0;
  for (const [domain, members] of byDomain) {
    const pool: number[] = [];
    for (const i of members) {
      const rs = residuals[i]!;
      const mean = rs.reduce((t, r) => t + r.value, 0) / (rs.length || 1);
      if (rs.length >= 2) for (const r of rs) pool.push(r.value - mean);
    }
    domainPool.set(domain, pool);
  }
  const everything = [...domainPool.values()].flat();

  const level = new Float64Array(enterprises.length);
  const noiseStart = new Int32Array(enterprises.length);
  const noiseLength = new Int32Array(enterprises.length);
  const pairCount = new Int32Array(enterprises.length);
  const noise: number[] = [];
  enterprises.forEach((e, i) => {
    const rs = residuals[i]!;
    const n = rs.length;
    const own = n ? rs.reduce((t, r) => t + r.value, 0) / n : 0;
    const prior = domainLevel.get(e.domain) ?? overallLevel;
    const w = n / (n + options.priorStrength);
    level[i] = w * own + (1 - w) * prior;
    pairCount[i] = n;
    const pool = n >= 2 ? rs.map((r) => r.value - own) : (domainPool.get(e.domain)?.length ? domainPool.get(e.domain)! : everything);
    noiseStart[i] = noise.length;
    noiseLength[i] = pool.length;
    noise.push(...pool);
  });
  return {
    districtYears,
    districtGrowth: districtYears.map((y) => district.get(y)!),
    level,
    noiseStart,
    noiseLength,
    noise: Float64Array.from(noise),
    pairs: pairCount,
  };
}
