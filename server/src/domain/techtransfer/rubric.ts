/**
 * The evaluation rubric's arithmetic (issue 14 §3): pure, no I/O. An expert scores each criterion 0–10; the
 * total is the weighted mean scaled to 0–100, so weights need not add up to 100 (a criterion added later
 * does not force the others to change), and a score keeps the weight it was given under.
 */
export interface CriterionScore {
  criterion: string;
  weight: number;
  score: number;
}

export type RubricProblem = { kind: 'missing'; criterion: string } | { kind: 'unknown'; criterion: string } | { kind: 'range'; criterion: string };

/** What is wrong with a score sheet against the rubric's criteria (every criterion once, each 0–10, integers). */
export function rubricProblems(criteria: readonly string[], scores: readonly { criterion: string; score: number }[]): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const given = new Map(scores.map((s) => [s.criterion, s.score]));
  for (const c of criteria) if (!given.has(c)) problems.push({ kind: 'missing', criterion: c });
  for (const s of scores) {
    if (!criteria.includes(s.criterion)) problems.push({ kind: 'unknown', criterion: s.criterion });
    else if (!Number.isInteger(s.score) || s.score < 0 || s.score > 10) problems.push({ kind: 'range', criterion: s.criterion });
  }
  return problems;
}

/** Σ weight × score / Σ weight × 10, rounded to two decimals; null for an empty sheet. */
export function rubricTotal(scores: readonly CriterionScore[]): number | null {
  const weights = scores.reduce((sum, s) => sum + s.weight, 0);
  if (scores.length === 0 || weights <= 0) return null;
  const weighted = scores.reduce((sum, s) => sum + s.weight * s.score, 0);
  // integer arithmetic first (weights and scores are integers), then one division: no drift from summing floats
  return Math.round((weighted * 1000) / weights) / 100;
}

export interface EvaluationSummary {
  submitted: number;
  pending: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** The commission's view of one listing's evaluations: how many are in, and the spread of their totals. */
export function summariseEvaluations(rows: readonly { status: 'assigned' | 'submitted'; total: number | null }[]): EvaluationSummary {
  const totals = rows.filter((r) => r.status === 'submitted' && r.total !== null).map((r) => r.total!);
  const pending = rows.filter((r) => r.status === 'assigned').length;
  if (totals.length === 0) return { submitted: 0, pending, mean: null, min: null, max: null };
  const mean = Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
  return { submitted: totals.length, pending, mean, min: Math.min(...totals), max: Math.max(...totals) };
}
