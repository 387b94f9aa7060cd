/**
 * The project pipeline's chance and delay of reaching production (投产), per stage, estimated from the
 * district's own stage history with a stated prior (SPEC §5; decision 0019).
 *
 * For a stage s, the cohort is every project that reached s before the cut-off. Those that went on to 投产 are
 * successes and give delays (years from reaching s to 投产). Those that reached s at least `maturityYears`
 * before the cut-off and have not produced count as failures; younger ones are still open and count for
 * neither (they would bias the chance down only because they have not had the time).
 * p_s = (successes + a·p0_s) / (successes + failures + a); delays are drawn from the observed delays together
 * with the prior's pseudo-observations, so a thin history leans on the prior and a rich one on the data.
 */

export const PIPELINE_STAGES = ['signed', 'started', 'completed'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface StagePrior {
  /** Prior chance of reaching 投产 from this stage. */
  p: number;
  /** Prior delays (years from reaching the stage to 投产), each one pseudo-observation. */
  delays: number[];
}

export interface PipelinePrior {
  stages: Record<PipelineStage, StagePrior>;
  /** a: how many projects' worth of evidence the prior chance is. */
  strength: number;
  maturityYears: number;
  /** Share of 达产产值 in production years 1, 2, 3 and after (SPEC §5 default 30 / 70 / 100 %). */
  ramp: [number, number, number];
}

/**
 * Investment-promotion practice in Shanghai's suburban parks: a signed project that breaks ground typically
 * produces two to three years after signing, construction takes one to two years, and a completed plant starts
 * production within a year; a share of signed projects never starts.
 */
export const DEFAULT_PIPELINE_PRIOR: PipelinePrior = {
  stages: {
    signed: { p: 0.6, delays: [1.5, 2, 2.5, 3, 3.5] },
    started: { p: 0.85, delays: [0.75, 1, 1.5, 2, 2.5] },
    completed: { p: 0.95, delays: [0.25, 0.5, 0.5, 0.75, 1] },
  },
  strength: 5,
  maturityYears: 3,
  ramp: [0.3, 0.7, 1],
};

/** A project's stage dates as fractional years (2024.5 = 1 July 2024); absent = not reached (by the cut-off). */
export interface ProjectStageHistory {
  reached: Partial<Record<'signed' | 'started' | 'completed' | 'producing', number>>;
}

export interface StageEstimate {
  stage: PipelineStage;
  p: number;
  delays: number[];
  successes: number;
  failures: number;
  open: number;
  /** True when the estimate rests on fewer observed outcomes than the prior's strength. */
  priorDominates: boolean;
}

export type PipelineModel = Record<PipelineStage, StageEstimate>;

export function estimatePipeline(history: readonly ProjectStageHistory[], cutoff: number, prior: PipelinePrior = DEFAULT_PIPELINE_PRIOR): PipelineModel {
  const model = {} as PipelineModel;
  for (const stage of PIPELINE_STAGES) {
    let successes = 0;
    let failures = 0;
    let open = 0;
    const delays: number[] = [];
    for (const h of history) {
      const at = h.reached[stage];
      if (at === undefined || at > cutoff) continue;
      const producing = h.reached.producing;
      if (producing !== undefined && producing <= cutoff) {
        successes++;
        delays.push(Math.max(0, producing - at));
      } else if (cutoff - at >= prior.maturityYears) failures++;
      else open++;
    }
    const p0 = prior.stages[stage];
    model[stage] = {
      stage,
      p: (successes + prior.strength * p0.p) / (successes + failures + prior.strength),
      delays: [...delays, ...p0.delays],
      successes,
      failures,
      open,
      priorDominates: successes + failures < prior.strength,
    };
  }
  return model;
}

/**
 * Output of a project in calendar year `year` (covering [year, year + 1)) when it starts producing at `start`,
 * counting only time after `from` (the months already observed are in the data): 达产产值 × the integral of the
 * ramp over the year.
 */
export function projectOutputInYear(full: number, start: number, year: number, from: number, ramp: readonly [number, number, number]): number {
  const lo = Math.max(year, start, from);
  const hi = year + 1;
  if (hi <= lo) return 0;
  // Overlap of [lo, hi) with each ramp step: [start, start+1), [start+1, start+2), [start+2, ∞). No arrays:
  // the simulation calls this millions of times.
  const s1 = start + 1;
  const s2 = start + 2;
  const first = Math.max(0, Math.min(s1, hi) - lo);
  const second = Math.max(0, Math.min(s2, hi) - Math.max(s1, lo));
  const rest = Math.max(0, hi - Math.max(s2, lo));
  return full * (first * ramp[0] + second * ramp[1] + rest * ramp[2]);
}
