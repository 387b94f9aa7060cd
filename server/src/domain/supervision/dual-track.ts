/**
 * The dual track (issue 12 §5): a task's progress as reported against the outcome indicators it should move.
 * Outcome completion = (actual − baseline) / (target − baseline); it is behind ("red") when it trails the
 * year's time progress by more than the tolerance, or when the indicator is flat or falling (actual ≤
 * baseline) after the first quarter. The task track is on schedule when none of its items is yellow or red.
 * A flag marks the mismatches: "green task, red outcome" (reports on schedule while the indicator lags) and
 * the reverse. Pure: no I/O.
 */
import type { StatusColour } from './status.ts';

export const OUTCOME_TOLERANCE = 0.1;

export interface OutcomeFacts {
  metric: string;
  baseline: number;
  target: number;
  actual: number;
}

export interface OutcomeTrack extends OutcomeFacts {
  completion: number;
  timeProgress: number;
  status: 'green' | 'red';
}

export type DualTrackFlag = 'green-task-red-outcome' | 'red-task-green-outcome' | null;

/** Share of the year gone by on `asOf` (day of year / days in year). */
export function yearTimeProgress(year: number, asOf: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const at = Date.parse(`${asOf}T00:00:00Z`);
  return Math.max(0, Math.min(1, (at - start) / (end - start)));
}

export function evaluateOutcome(facts: OutcomeFacts, timeProgress: number, tolerance = OUTCOME_TOLERANCE): OutcomeTrack {
  const span = facts.target - facts.baseline;
  const completion = span !== 0 ? (facts.actual - facts.baseline) / span : facts.actual >= facts.target ? 1 : 0;
  const flatOrFalling = span > 0 && facts.actual <= facts.baseline && timeProgress > 0.25;
  const behind = completion < timeProgress - tolerance || flatOrFalling;
  return { ...facts, completion, timeProgress, status: behind ? 'red' : 'green' };
}

export function taskTrackColour(itemColours: readonly StatusColour[]): 'green' | 'red' {
  return itemColours.some((c) => c === 'yellow' || c === 'red') ? 'red' : 'green';
}

export function dualTrackFlag(task: 'green' | 'red', outcomes: readonly OutcomeTrack[]): DualTrackFlag {
  if (!outcomes.length) return null;
  const outcomeRed = outcomes.some((o) => o.status === 'red');
  if (task === 'green' && outcomeRed) return 'green-task-red-outcome';
  if (task === 'red' && !outcomeRed) return 'red-task-green-outcome';
  return null;
}
