import { DEFAULT_PIPELINE_PRIOR, PIPELINE_STAGES, estimatePipeline, type PipelineStage, type ProjectStageHistory } from '../../domain/forecast/pipeline.ts';
import type { ForecastEnterprise, ForecastProject, SimulationInput } from '../../domain/forecast/simulate.ts';
import type { EnterpriseYearRow, MetricDefinition, ProjectRow } from './forecast.repository.ts';

/**
 * Turns stored figures into the forecast's input as of a month: the live forecast (the latest closed month)
 * and each backtest (December of the year before) are built the same way, only the cut-off differs.
 */

/** 2024-07-01 → 2024.5 (fractional year: the pipeline's clock). */
export function fractionalYear(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, 0, 1);
  return y + (Date.UTC(y, m - 1, d) - start) / (Date.UTC(y + 1, 0, 1) - start);
}

const isExited = (r: EnterpriseYearRow, cutoffIso: string) => r.status !== 'active' && r.exitedOn !== null && r.exitedOn <= cutoffIso;

export function enterprisesAsOf(rows: readonly EnterpriseYearRow[], asOf: { year: number; month: number }): ForecastEnterprise[] {
  const partial = asOf.month < 12;
  const baseYear = partial ? asOf.year - 1 : asOf.year;
  const cutoffIso = `${asOf.year}-${String(asOf.month).padStart(2, '0')}-28`;
  const byId = new Map<string, EnterpriseYearRow[]>();
  for (const r of rows) byId.set(r.enterpriseId, [...(byId.get(r.enterpriseId) ?? []), r]);
  const out: ForecastEnterprise[] = [];
  for (const [id, list] of byId) {
    const first = list[0]!;
    // A firm that closed or moved away has no future in the district.
    if (isExited(first, cutoffIso)) continue;
    // Full years; a partly reported year (founded or first reporting mid-year) annualised.
    const years: number[] = [];
    const values: number[] = [];
    for (const r of list) {
      if (r.month !== 12 || r.year > baseYear || r.reportsToDate <= 0) continue;
      years.push(r.year);
      values.push(r.reportsToDate >= 12 ? r.ytd : (r.ytd * 12) / r.reportsToDate);
    }
    const current = partial ? list.find((r) => r.year === asOf.year && r.month === asOf.month && r.reportsToDate > 0) : undefined;
    const previous = partial ? list.find((r) => r.year === asOf.year - 1 && r.month === asOf.month) : undefined;
    const baseDecember = list.find((r) => r.year === baseYear && r.month === 12);
    if (years.length === 0 && !current) continue;
    out.push({
      key: id,
      name: first.name,
      domain: first.domain,
      zone: first.zone,
      years,
      values,
      ytd: current ? current.ytd : null,
      restOfBaseYear: Math.max(0, (baseDecember?.ytd ?? 0) - (previous?.ytd ?? 0)),
    });
  }
  return out;
}

/** Nominal totals of each complete year (every enterprise of the population, as the goal progress counts). */
export function actualsUntil(rows: readonly EnterpriseYearRow[], lastCompleteYear: number): Map<number, number> {
  const totals = new Map<number, number>();
  for (const r of rows) if (r.month === 12 && r.year <= lastCompleteYear) totals.set(r.year, (totals.get(r.year) ?? 0) + r.ytd);
  return totals;
}

export function stageHistory(projects: readonly ProjectRow[]): ProjectStageHistory[] {
  return projects.map((p) => {
    const reached: ProjectStageHistory['reached'] = {};
    for (const s of [...PIPELINE_STAGES, 'producing'] as const) if (p.actual[s]) reached[s] = fractionalYear(p.actual[s]!);
    if (reached.producing === undefined && p.actual.full) reached.producing = fractionalYear(p.actual.full);
    return { reached };
  });
}

export const metricHasProject = (metric: MetricDefinition, p: ProjectRow) =>
  (!metric.projectDomains || metric.projectDomains.includes(p.domain)) && (!metric.projectZones || metric.projectZones.includes(p.zone));

/** The pipeline as of the cut-off: each project's latest stage reached by then, if it has not produced yet. */
export function pipelineAsOf(projects: readonly ProjectRow[], metric: MetricDefinition, cutoff: number): ForecastProject[] {
  const out: ForecastProject[] = [];
  const history = stageHistory(projects);
  projects.forEach((p, i) => {
    if (!metricHasProject(metric, p) || p.fullOutput <= 0) return;
    const reached = history[i]!.reached;
    if (reached.producing !== undefined && reached.producing <= cutoff) return;
    let stage: PipelineStage | null = null;
    for (const s of PIPELINE_STAGES) if (reached[s] !== undefined && reached[s]! <= cutoff) stage = s;
    if (!stage) return;
    out.push({ key: p.code, name: p.name, domain: p.domain, zone: p.zone, stage, reachedOn: reached[stage]!, fullOutput: p.fullOutput });
  });
  return out;
}

export function buildSimulationInput(args: {
  rows: readonly EnterpriseYearRow[];
  projects: readonly ProjectRow[];
  metric: MetricDefinition;
  asOf: { year: number; month: number };
  runs: number;
  seed: number;
}): SimulationInput {
  const { asOf } = args;
  const cutoff = asOf.year + asOf.month / 12;
  const lastComplete = asOf.month === 12 ? asOf.year : asOf.year - 1;
  return {
    asOf,
    enterprises: enterprisesAsOf(args.rows, asOf),
    projects: pipelineAsOf(args.projects, args.metric, cutoff),
    pipeline: estimatePipeline(stageHistory(args.projects), cutoff),
    ramp: DEFAULT_PIPELINE_PRIOR.ramp,
    goals: args.metric.goals.map((g) => ({ key: g.key, year: g.year, target: g.targetWan })),
    actuals: actualsUntil(args.rows, lastComplete),
    runs: args.runs,
    seed: args.seed,
  };
}
