/**
 * Goal metrics (SPEC §4): annual milestones, CAGR, time progress, completion, status and the year-end estimate.
 *
 * These feed the cockpit and the "goal behind time progress" warning, so an empty district, a zero baseline or
 * a month outside 1..12 must never produce NaN or Infinity on a dashboard: every function returns `value: null`
 * with a machine-readable `reason` instead.
 */

export type GoalNullReason =
  | 'not-finite'
  | 'non-positive-start'
  | 'non-positive-end'
  | 'end-year-not-after-start'
  | 'year-outside-plan'
  | 'invalid-month'
  | 'no-milestone'
  | 'no-comparable-growth'
  | 'stock-indicator'
  | 'out-of-range';

export interface MaybeNumber {
  value: number | null;
  /** Why `value` is null; null when it is not. */
  reason: GoalNullReason | null;
}

export interface GoalAnchor {
  year: number;
  value: number;
}

const some = (value: number): MaybeNumber => ({ value, reason: null });
const none = (reason: GoalNullReason): MaybeNumber => ({ value: null, reason });

/** (end/start)^(1/years) − 1 — defined only for positive values and a later end year. */
function cagr(start: GoalAnchor, end: GoalAnchor): MaybeNumber {
  if (![start.year, start.value, end.year, end.value].every(Number.isFinite)) return none('not-finite');
  if (end.year <= start.year) return none('end-year-not-after-start');
  if (start.value <= 0) return none('non-positive-start');
  if (end.value <= 0) return none('non-positive-end');
  return some((end.value / start.value) ** (1 / (end.year - start.year)) - 1);
}

/** The compound annual growth needed to go from a baseline to a goal (2020: 100 → 2025: 200 gives 14.87%). */
export function requiredCagr(baseline: GoalAnchor, goal: GoalAnchor): MaybeNumber {
  return cagr(baseline, goal);
}

/** The compound annual growth actually achieved between two years' values. */
export function actualCagr(from: GoalAnchor, to: GoalAnchor): MaybeNumber {
  return cagr(from, to);
}

export interface Milestone {
  year: number;
  value: number;
  kind: 'baseline' | 'interpolated' | 'goal';
}

export interface MilestonePlan {
  milestones: Milestone[];
  /** One segment per goal: from the baseline (or the previous goal) to the goal, with its required CAGR. */
  segments: { from: GoalAnchor; to: GoalAnchor; requiredCagr: number }[];
  reason: GoalNullReason | null;
}

/**
 * Annual milestones by geometric interpolation, v_t = v0 · (vT/v0)^((t−t0)/(T−t0)). With several goals
 * (500 亿元 by 2025, 1000 亿元 by 2030) each segment starts from the previous goal, because that is the level
 * the plan expects to stand on — not from the baseline. Goal years carry the goal value exactly rather than a
 * pow() result that may differ in the last bit.
 */
export function annualMilestones(baseline: GoalAnchor, goals: readonly GoalAnchor[]): MilestonePlan {
  const sorted = [...goals].sort((a, b) => a.year - b.year);
  const milestones: Milestone[] = [{ year: baseline.year, value: baseline.value, kind: 'baseline' }];
  const segments: MilestonePlan['segments'] = [];
  let from = baseline;
  for (const to of sorted) {
    const rate = cagr(from, to);
    if (rate.value === null || !Number.isInteger(from.year) || !Number.isInteger(to.year)) {
      return { milestones: [], segments: [], reason: rate.reason ?? 'not-finite' };
    }
    segments.push({ from, to, requiredCagr: rate.value });
    const span = to.year - from.year;
    for (let t = from.year + 1; t < to.year; t++) {
      milestones.push({ year: t, value: from.value * (to.value / from.value) ** ((t - from.year) / span), kind: 'interpolated' });
    }
    milestones.push({ year: to.year, value: to.value, kind: 'goal' });
    from = to;
  }
  return { milestones, segments, reason: null };
}

/** The milestone of one year; null outside the plan's years (before the baseline or after the last goal). */
export function milestoneFor(year: number, baseline: GoalAnchor, goals: readonly GoalAnchor[]): MaybeNumber {
  const plan = annualMilestones(baseline, goals);
  if (plan.reason) return none(plan.reason);
  const m = plan.milestones.find((x) => x.year === year);
  return m ? some(m.value) : none('year-outside-plan');
}

/** 时序进度: M/12. */
export function timeProgress(month: number): MaybeNumber {
  if (!Number.isInteger(month) || month < 1 || month > 12) return none('invalid-month');
  return some(month / 12);
}

/** 完成率: YTD / the year's milestone (a fraction). */
export function completionRate(ytd: number, milestone: number | null): MaybeNumber {
  if (milestone === null) return none('no-milestone');
  if (!Number.isFinite(ytd) || !Number.isFinite(milestone)) return none('not-finite');
  if (milestone <= 0) return none('no-milestone');
  return some(ytd / milestone);
}

export type GoalStatus = 'on-track' | 'yellow' | 'red';

export interface StatusTolerances {
  /** Percentage points behind time progress that turn a goal yellow. Default 5. */
  yellowPp?: number;
  /** Percentage points behind time progress that turn a goal red. Default 10. */
  redPp?: number;
}

/** Float noise in pp (0.5 − 0.45 = 0.04999…) must not flip a status exactly at a tolerance boundary. */
const PP_EPSILON = 1e-9;

/**
 * Behind when completion < time progress − tolerance (SPEC §4). Exactly at the boundary counts as not behind.
 * `gapPp` = (time progress − completion) × 100: positive means behind.
 */
export function goalStatus(
  completion: number,
  progress: number,
  tolerances: StatusTolerances = {},
): { status: GoalStatus; gapPp: number } {
  const yellow = tolerances.yellowPp ?? 5;
  const red = tolerances.redPp ?? 10;
  const gapPp = (progress - completion) * 100;
  const status: GoalStatus = gapPp > red + PP_EPSILON ? 'red' : gapPp > yellow + PP_EPSILON ? 'yellow' : 'on-track';
  return { status, gapPp };
}

export interface GoalAssessment {
  timeProgress: number | null;
  completion: number | null;
  gapPp: number | null;
  status: GoalStatus | null;
  reason: GoalNullReason | null;
}

/** Time progress, completion and status of a goal metric for month M in one call. */
export function assessGoalProgress(input: {
  ytd: number;
  milestone: number | null;
  month: number;
  tolerances?: StatusTolerances;
}): GoalAssessment {
  const progress = timeProgress(input.month);
  const completion = completionRate(input.ytd, input.milestone);
  if (progress.value === null || completion.value === null) {
    return {
      timeProgress: progress.value,
      completion: completion.value,
      gapPp: null,
      status: null,
      reason: progress.reason ?? completion.reason,
    };
  }
  const { status, gapPp } = goalStatus(completion.value, progress.value, input.tolerances);
  return { timeProgress: progress.value, completion: completion.value, gapPp, status, reason: null };
}

/**
 * Year-end estimate (SPEC §4): YTD + last year's remaining months (M+1..12) × (1 + comparable YTD growth).
 * It assumes the rest of the year grows as the year so far did; in December it is the YTD itself, whatever the
 * growth. Without a comparable growth (zero base) there is nothing to extrapolate with, so the result is null.
 */
export function estimateYearEnd(input: {
  ytd: number;
  /** Σ of months M+1..12 of last year, same population as the YTD. */
  lastYearRemainder: number;
  growth: number | null;
  month: number;
}): MaybeNumber {
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) return none('invalid-month');
  if (!Number.isFinite(input.ytd) || !Number.isFinite(input.lastYearRemainder)) return none('not-finite');
  if (input.month === 12) return some(input.ytd);
  if (input.growth === null) return none('no-comparable-growth');
  if (!Number.isFinite(input.growth)) return none('not-finite');
  return some(input.ytd + input.lastYearRemainder * (1 + input.growth));
}
