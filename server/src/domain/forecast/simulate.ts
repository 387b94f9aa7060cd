/**
 * Monte-Carlo forecast of one goal metric (SPEC §5): each run grows every enterprise year by year (growth.ts)
 * and lets each pipeline project reach production or not (pipeline.ts); the runs' totals give P(goal met), the
 * 10/50/90 % band per year, and how much each zone, domain, enterprise and project moves P (tornado).
 *
 * Pure and deterministic: the same input and seed give the same numbers. Values are in the metric's unit
 * (万元 from the statistics); the caller converts to the goal's unit.
 */
import { estimateGrowth, DEFAULT_GROWTH_OPTIONS, type EnterpriseHistory, type GrowthOptions } from './growth.ts';
import { projectOutputInYear, type PipelineModel, type PipelineStage } from './pipeline.ts';
import { createUniform } from './prng.ts';

export interface ForecastEnterprise extends EnterpriseHistory {
  /** This year's YTD through asOf.month when that month is not December and the enterprise reported; else null. */
  ytd: number | null;
  /** The base year's months after asOf.month (what the year-end estimate grows, SPEC §4). */
  restOfBaseYear: number;
}

export interface ForecastProject {
  key: string;
  name: string;
  domain: string;
  zone: string;
  stage: PipelineStage;
  /** When the project reached its current stage (fractional year). */
  reachedOn: number;
  /** 达产产值 per year, in the metric's unit. */
  fullOutput: number;
}

export interface ForecastGoalInput {
  key: string;
  year: number;
  target: number;
}

export interface SimulationInput {
  asOf: { year: number; month: number };
  enterprises: readonly ForecastEnterprise[];
  projects: readonly ForecastProject[];
  pipeline: PipelineModel;
  ramp: readonly [number, number, number];
  goals: readonly ForecastGoalInput[];
  /** Actual totals of complete years (a goal year already closed is decided by its actual). */
  actuals: ReadonlyMap<number, number>;
  runs: number;
  seed: number;
  growth?: GrowthOptions;
  /** How many of the largest enterprises the tornado considers (each costs one array of `runs`). */
  trackedEnterprises?: number;
}

export interface YearBand {
  year: number;
  p10: number;
  p50: number;
  p90: number;
  /** True for a closed year: the band is the actual value. */
  actual: boolean;
}

export interface SensitivityRow {
  kind: 'zone' | 'domain' | 'enterprise' | 'project';
  key: string;
  name: string;
  /** P(goal met) with this part at its own 10 % and 90 % outcome, everything else as simulated. */
  low: number;
  high: number;
  swing: number;
}

export interface GoalForecast {
  key: string;
  year: number;
  target: number;
  p: number;
  p10: number;
  p50: number;
  p90: number;
  sensitivity: SensitivityRow[];
  /** The goal year's band of each zone and domain (what a backtest checks part by part). */
  parts: { kind: 'zone' | 'domain'; key: string; p10: number; p50: number; p90: number }[];
}

export interface SimulationResult {
  runs: number;
  seed: number;
  baseYear: number;
  years: YearBand[];
  goals: GoalForecast[];
}

interface Part {
  kind: SensitivityRow['kind'];
  key: string;
  name: string;
  values: Float32Array;
}

const GROWTH_FLOOR = -0.95;

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function simulateForecast(input: SimulationInput): SimulationResult {
  const { asOf, enterprises, projects, runs } = input;
  const partial = asOf.month < 12;
  const baseYear = partial ? asOf.year - 1 : asOf.year;
  const firstYear = baseYear + 1;
  const lastYear = Math.max(firstYear - 1, ...input.goals.map((g) => g.year));
  const simYears = Math.max(0, lastYear - firstYear + 1);
  const cutoff = asOf.year + asOf.month / 12;
  const growth = estimateGrowth(enterprises, input.growth ?? DEFAULT_GROWTH_OPTIONS);
  const n = enterprises.length;

  // Starting points: the base year's value; this year's known months and the rest to grow.
  const base = new Float64Array(n);
  const known = new Float64Array(n);
  const rest = new Float64Array(n);
  enterprises.forEach((e, i) => {
    const last = e.years.length - 1;
    base[i] = last >= 0 && e.years[last] === baseYear ? e.values[last]! : 0;
    if (partial && e.ytd !== null) {
      // A firm new this year has no base-year months: its known months, annualised, stand for the year.
      known[i] = base[i]! > 0 ? e.ytd : (e.ytd * 12) / asOf.month;
      rest[i] = base[i]! > 0 ? e.restOfBaseYear : 0;
    } else {
      known[i] = 0;
      rest[i] = base[i]!;
    }
  });

  const goalYears = [...new Set(input.goals.map((g) => g.year).filter((y) => y >= firstYear))];
  const trackedYearIndex = new Int32Array(simYears).fill(-1);
  goalYears.forEach((y, k) => (trackedYearIndex[y - firstYear] = k));
  const zoneKeys = [...new Set([...enterprises.map((e) => e.zone), ...projects.map((p) => p.zone)])];
  const domainKeys = [...new Set([...enterprises.map((e) => e.domain), ...projects.map((p) => p.domain)])];
  const zoneOf = Int32Array.from(enterprises, (e) => zoneKeys.indexOf(e.zone));
  const domainOf = Int32Array.from(enterprises, (e) => domainKeys.indexOf(e.domain));
  const trackedCount = Math.min(n, input.trackedEnterprises ?? 20);
  const largest = [...base.keys()].sort((a, b) => base[b]! - base[a]! || a - b).slice(0, trackedCount);

  const parts = goalYears.map(() => ({
    zones: zoneKeys.map((key) => ({ kind: 'zone' as const, key, name: key, values: new Float32Array(runs) })),
    domains: domainKeys.map((key) => ({ kind: 'domain' as const, key, name: key, values: new Float32Array(runs) })),
    enterprises: largest.map((i) => ({ kind: 'enterprise' as const, key: enterprises[i]!.key, name: enterprises[i]!.name, values: new Float32Array(runs) })),
    projects: projects.map((p) => ({ kind: 'project' as const, key: p.key, name: p.name, values: new Float32Array(runs) })),
  }));
  const totals = new Float64Array(simYears * runs);

  const u = createUniform(input.seed);
  const D = growth.districtGrowth;
  const H = D.length;
  const { level, noise, noiseStart, noiseLength } = growth;
  const cur = new Float64Array(n);
  const start = new Float64Array(projects.length);
  const pZone = Int32Array.from(projects, (p) => zoneKeys.indexOf(p.zone));
  const pDomain = Int32Array.from(projects, (p) => domainKeys.indexOf(p.domain));
  const fullOutput = Float64Array.from(projects, (p) => p.fullOutput);
  const zoneSum = new Float64Array(zoneKeys.length);
  const domainSum = new Float64Array(domainKeys.length);
  const ramp = input.ramp;

  for (let r = 0; r < runs; r++) {
    // Each project: whether and when it reaches 投产, drawn once per run.
    for (let j = 0; j < projects.length; j++) {
      const p = projects[j]!;
      const est = input.pipeline[p.stage];
      if (u() >= est.p) {
        start[j] = Infinity;
        continue;
      }
      const delay = est.delays[Math.floor(u() * est.delays.length)]!;
      const remaining = p.reachedOn + delay - cutoff;
      // Already past its drawn delay and not producing yet: it arrives within the coming year.
      start[j] = cutoff + (remaining > 0 ? remaining : u());
    }
    for (let t = 0; t < simYears; t++) {
      const year = firstYear + t;
      const shock = H > 0 ? D[Math.floor(u() * H)]! : 0;
      const slot = trackedYearIndex[t]!;
      const tracked = slot >= 0 ? parts[slot]! : null;
      let total = 0;
      const partialYear = partial && t === 0;
      // cur holds last year's values; the partial first year starts from its known months instead.
      if (t === 0) cur.set(partialYear ? rest : base);
      const offset = partialYear ? known : null;
      if (tracked) {
        zoneSum.fill(0);
        domainSum.fill(0);
      }
      // The hot loop (every enterprise × year × run): typed arrays only.
      for (let i = 0; i < n; i++) {
        const len = noiseLength[i]!;
        let g = shock + level[i]! + (len > 0 ? noise[noiseStart[i]! + ((u() * len) | 0)]! : 0);
        if (g < GROWTH_FLOOR) g = GROWTH_FLOOR;
        const v = cur[i]! * (1 + g) + (offset ? offset[i]! : 0);
        cur[i] = v;
        total += v;
      }
      if (tracked) {
        for (let i = 0; i < n; i++) {
          zoneSum[zoneOf[i]!]! += cur[i]!;
          domainSum[domainOf[i]!]! += cur[i]!;
        }
        for (let k = 0; k < largest.length; k++) tracked.enterprises[k]!.values[r] = cur[largest[k]!]!;
        for (let z = 0; z < zoneKeys.length; z++) tracked.zones[z]!.values[r] = zoneSum[z]!;
        for (let d = 0; d < domainKeys.length; d++) tracked.domains[d]!.values[r] = domainSum[d]!;
      }
      for (let j = 0; j < projects.length; j++) {
        if (start[j]! >= year + 1) continue;
        const v = projectOutputInYear(fullOutput[j]!, start[j]!, year, cutoff, ramp);
        if (v === 0) continue;
        total += v;
        if (tracked) {
          tracked.zones[pZone[j]!]!.values[r]! += v;
          tracked.domains[pDomain[j]!]!.values[r]! += v;
          tracked.projects[j]!.values[r] = v;
        }
      }
      totals[t * runs + r] = total;
    }
  }

  const years: YearBand[] = [];
  for (let y = baseYear; y <= lastYear; y++) {
    if (y < firstYear) {
      const a = input.actuals.get(y) ?? base.reduce((s, v) => s + v, 0);
      years.push({ year: y, p10: a, p50: a, p90: a, actual: true });
      continue;
    }
    const sorted = totals.slice((y - firstYear) * runs, (y - firstYear + 1) * runs).sort();
    years.push({ year: y, p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), actual: false });
  }

  const goals = input.goals.map((goal): GoalForecast => {
    if (goal.year < firstYear) {
      const a = input.actuals.get(goal.year) ?? 0;
      return { key: goal.key, year: goal.year, target: goal.target, p: a >= goal.target ? 1 : 0, p10: a, p50: a, p90: a, sensitivity: [], parts: [] };
    }
    const t = goal.year - firstYear;
    const row = totals.subarray(t * runs, (t + 1) * runs);
    let met = 0;
    for (let r = 0; r < runs; r++) if (row[r]! >= goal.target) met++;
    const band = years.find((b) => b.year === goal.year)!;
    const slot = parts[trackedYearIndex[t]!]!;
    const all: Part[] = [...slot.zones, ...slot.domains, ...slot.enterprises, ...slot.projects];
    const sensitivity = all.map((part) => swingOf(part, row, goal.target)).sort((a, b) => b.swing - a.swing || a.key.localeCompare(b.key));
    const partBands = [...slot.zones, ...slot.domains].map((part) => {
      const sorted = Float64Array.from(part.values).sort();
      return { kind: part.kind as 'zone' | 'domain', key: part.key, p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
    });
    return { key: goal.key, year: goal.year, target: goal.target, p: met / runs, p10: band.p10, p50: band.p50, p90: band.p90, sensitivity, parts: partBands };
  });
  return { runs, seed: input.seed, baseYear, years, goals };
}

/** P(goal met) with the part held at its own 10 % and 90 % outcome and everything else as simulated. */
function swingOf(part: Part, totals: ArrayLike<number>, target: number): SensitivityRow {
  const sorted = Float64Array.from(part.values).sort();
  const q10 = quantileSorted(sorted, 0.1);
  const q90 = quantileSorted(sorted, 0.9);
  let low = 0;
  let high = 0;
  const runs = totals.length;
  for (let r = 0; r < runs; r++) {
    const others = totals[r]! - part.values[r]!;
    if (others + q10 >= target) low++;
    if (others + q90 >= target) high++;
  }
  return { kind: part.kind, key: part.key, name: part.name, low: low / runs, high: high / runs, swing: (high - low) / runs };
}
