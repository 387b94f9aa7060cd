/**
 * The department board's quantified appraisal (issue 12 §4, after Yichang's 量化考核). Per unit:
 *   onTimeRate     = reports submitted by their deadline / reports owed (1 when none owed yet);
 *   milestoneRate  = weight of milestones due so far that are done / weight of milestones due so far (1 if none);
 *   acceptRate     = reports accepted at their first submission / reports reviewed (1 if none reviewed);
 *   score          = 40·onTimeRate + 40·milestoneRate + 20·acceptRate − 5 per overdue (red) item, within 0..100.
 * The weights are documented in docs/decisions/0021-supervision.md. Pure: no I/O.
 */
export const SCORE_WEIGHTS = { onTime: 40, milestones: 40, quality: 20, perOverdue: 5 } as const;

export interface UnitFacts {
  name: string;
  reportsOwed: number;
  reportsOnTime: number;
  milestoneWeightDue: number;
  milestoneWeightDone: number;
  reportsReviewed: number;
  reportsAcceptedFirstTime: number;
  overdueItems: number;
}

export interface UnitScore {
  name: string;
  onTimeRate: number;
  milestoneRate: number;
  acceptRate: number;
  overdue: number;
  score: number;
  rank: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : 1);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function scoreUnit(f: UnitFacts): Omit<UnitScore, 'rank'> {
  const onTimeRate = ratio(f.reportsOnTime, f.reportsOwed);
  const milestoneRate = ratio(f.milestoneWeightDone, f.milestoneWeightDue);
  const acceptRate = ratio(f.reportsAcceptedFirstTime, f.reportsReviewed);
  const raw = SCORE_WEIGHTS.onTime * onTimeRate + SCORE_WEIGHTS.milestones * milestoneRate + SCORE_WEIGHTS.quality * acceptRate - SCORE_WEIGHTS.perOverdue * f.overdueItems;
  return { name: f.name, onTimeRate: round(onTimeRate, 4), milestoneRate: round(milestoneRate, 4), acceptRate: round(acceptRate, 4), overdue: f.overdueItems, score: round(Math.max(0, Math.min(100, raw)), 1) };
}

/** Scores ranked best first; equal scores share a rank (1, 2, 2, 4), ties ordered by name. */
export function rankUnits(units: readonly UnitFacts[]): UnitScore[] {
  const scored = units.map(scoreUnit).sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
  return scored.map((u) => ({ ...u, rank: scored.findIndex((v) => v.score === u.score) + 1 }));
}
