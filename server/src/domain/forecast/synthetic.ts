/**
 * A generated data set with known growth: the tests check that the forecast recovers it, and the benchmark
 * runs on it at scale. Every enterprise grows at `growth` a year plus a common district shock and its own
 * mean-one noise, so the district total's expected path is known exactly.
 */
import { DEFAULT_PIPELINE_PRIOR, estimatePipeline, type PipelineStage } from './pipeline.ts';
import { createUniform, normal } from './prng.ts';
import type { ForecastEnterprise, ForecastProject, SimulationInput } from './simulate.ts';

export interface SyntheticOptions {
  enterprises: number;
  projects: number;
  firstYear: number;
  /** Last full year of history (the forecast's base year). */
  lastYear: number;
  growth: number;
  districtSd: number;
  firmSd: number;
  seed: number;
}

export interface SyntheticDataSet {
  enterprises: ForecastEnterprise[];
  projects: ForecastProject[];
  /** The full history per year, totals (including years after lastYear when `futureYears` was asked). */
  totals: Map<number, number>;
  /** Per enterprise, values of the years after lastYear (for backtests). */
  future: Map<number, number[]>;
}

const DOMAINS = ['biomedicine', 'biomaterials', 'bioagri-food', 'bioenergy-env'];
const ZONES = ['innovation-city', 'pharma-port', 'materials-bay', 'agri-park', 'energy-valley'];

export function generateSynthetic(o: SyntheticOptions, futureYears = 0): SyntheticDataSet {
  const u = createUniform(o.seed);
  const years: number[] = [];
  for (let y = o.firstYear; y <= o.lastYear + futureYears; y++) years.push(y);
  const shocks = years.map(() => o.districtSd * normal(u));
  const totals = new Map<number, number>(years.map((y) => [y, 0]));
  const future = new Map<number, number[]>();
  const enterprises: ForecastEnterprise[] = [];
  for (let i = 0; i < o.enterprises; i++) {
    // Heavy-tailed sizes: log-uniform between 500 万元 and 50 亿元.
    let v = 500 * Math.exp(u() * Math.log(1000));
    const values: number[] = [];
    years.forEach((y, t) => {
      if (t > 0) v *= (1 + o.growth + shocks[t]!) * Math.exp(o.firmSd * normal(u) - (o.firmSd * o.firmSd) / 2);
      values.push(v);
      totals.set(y, totals.get(y)! + v);
    });
    const histLength = years.indexOf(o.lastYear) + 1;
    future.set(i, values.slice(histLength));
    enterprises.push({
      key: `e${i}`,
      name: `企业${i}`,
      domain: DOMAINS[i % DOMAINS.length]!,
      zone: ZONES[i % ZONES.length]!,
      years: years.slice(0, histLength),
      values: values.slice(0, histLength),
      ytd: null,
      restOfBaseYear: values[histLength - 1]!,
    });
  }
  const stages: PipelineStage[] = ['signed', 'started', 'completed'];
  const projects: ForecastProject[] = Array.from({ length: o.projects }, (_, j) => ({
    key: `p${j}`,
    name: `项目${j}`,
    domain: DOMAINS[j % DOMAINS.length]!,
    zone: ZONES[j % ZONES.length]!,
    stage: stages[j % 3]!,
    reachedOn: o.lastYear + 1 - u() * 2,
    fullOutput: 2_000 + u() * 50_000,
  }));
  return { enterprises, projects, totals, future };
}

/** A simulation input over a synthetic data set (pipeline from the prior alone). */
export function syntheticInput(data: SyntheticDataSet, o: SyntheticOptions, goals: SimulationInput['goals'], runs: number, seed: number): SimulationInput {
  return {
    asOf: { year: o.lastYear, month: 12 },
    enterprises: data.enterprises,
    projects: data.projects,
    pipeline: estimatePipeline([], o.lastYear + 1),
    ramp: DEFAULT_PIPELINE_PRIOR.ramp,
    goals,
    actuals: new Map([...data.totals].filter(([y]) => y <= o.lastYear)),
    runs,
    seed,
  };
}
