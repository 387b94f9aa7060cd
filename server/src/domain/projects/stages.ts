/**
 * The project pipeline (SPEC §3): 线索 → 在谈 → 签约 → 开工 → 竣工 → 投产 → 达产. Pure: no I/O, no clock
 * (today is a parameter). A stage change is an event; these functions decide whether it is allowed and what
 * it does to the per-stage dates, and which stages are overdue against their plan.
 */
import { PROJECT_STAGES, type ProjectStage } from '../../../../contracts/projects.ts';

export { PROJECT_STAGES, type ProjectStage };

export const stageIndex = (stage: ProjectStage): number => PROJECT_STAGES.indexOf(stage);

export interface StageDates {
  stage: ProjectStage;
  plannedOn: string | null;
  actualOn: string | null;
}

export interface TransitionRequest {
  from: ProjectStage;
  to: ProjectStage;
  occurredOn: string;
  reason?: string | null;
  today: string;
}

export type TransitionKind = 'advance' | 'skip' | 'back';

export type TransitionCheck =
  | { ok: true; kind: TransitionKind; skipped: ProjectStage[] }
  | { ok: false; code: 'same-stage' | 'reason-required' | 'future-date' | 'before-previous'; messageZh: string; messageEn: string };

/**
 * Moving to the next stage needs only a date; skipping stages, or moving back (a signed deal that falls
 * through returns to 在谈), needs a written reason. The date cannot be in the future, nor before the date the
 * project reached its current stage when moving forward.
 */
export function checkTransition(request: TransitionRequest, dates: readonly StageDates[]): TransitionCheck {
  const from = stageIndex(request.from);
  const to = stageIndex(request.to);
  if (from === to) return { ok: false, code: 'same-stage', messageZh: '项目已处于该阶段', messageEn: 'The project is already at this stage' };
  const kind: TransitionKind = to === from + 1 ? 'advance' : to > from ? 'skip' : 'back';
  if (kind !== 'advance' && !request.reason?.trim()) {
    return kind === 'skip'
      ? { ok: false, code: 'reason-required', messageZh: '跳过阶段须填写原因', messageEn: 'Skipping a stage needs a reason' }
      : { ok: false, code: 'reason-required', messageZh: '退回之前的阶段须填写原因', messageEn: 'Moving back needs a reason' };
  }
  if (request.occurredOn > request.today) {
    return { ok: false, code: 'future-date', messageZh: '阶段变更日期不能晚于今天', messageEn: 'The date of a stage change cannot be in the future' };
  }
  if (kind !== 'back') {
    const reachedOn = dates.find((d) => d.stage === request.from)?.actualOn ?? null;
    if (reachedOn && request.occurredOn < reachedOn) {
      return {
        ok: false,
        code: 'before-previous',
        messageZh: `日期早于项目进入当前阶段的日期（${reachedOn}）`,
        messageEn: `The date is before the project reached its current stage (${reachedOn})`,
      };
    }
  }
  const skipped = kind === 'skip' ? PROJECT_STAGES.slice(from + 1, to) : [];
  return { ok: true, kind, skipped };
}

/**
 * The per-stage dates after a transition: the target stage gets the event's date as its actual date;
 * skipped stages stay without one; moving back clears the actual dates of the stages after the target
 * (they are reached again later). Planned dates never change here. The events table keeps the history.
 */
export function applyTransition(dates: readonly StageDates[], to: ProjectStage, occurredOn: string): StageDates[] {
  const target = stageIndex(to);
  return PROJECT_STAGES.map((stage, i) => {
    const current = dates.find((d) => d.stage === stage) ?? { stage, plannedOn: null, actualOn: null };
    if (i === target) return { ...current, actualOn: occurredOn };
    if (i > target) return { ...current, actualOn: null };
    return { ...current };
  });
}

export type StageStatus = 'done' | 'done-late' | 'current' | 'overdue' | 'pending' | 'skipped';

export interface StageView extends StageDates {
  status: StageStatus;
  daysLate: number;
}

const DAY_MS = 86_400_000;
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Status of every stage on `today`:
 * - a stage up to the current one with an actual date is `done` (`done-late` when after its planned date),
 *   and the current stage itself is `current` unless it was reached late;
 * - a stage before the current one without an actual date was `skipped`;
 * - a stage after the current one whose planned date has passed is `overdue` (daysLate counted to today),
 *   otherwise `pending`.
 */
export function stageStatuses(current: ProjectStage, dates: readonly StageDates[], today: string): StageView[] {
  const at = stageIndex(current);
  return PROJECT_STAGES.map((stage, i) => {
    const d = dates.find((x) => x.stage === stage) ?? { stage, plannedOn: null, actualOn: null };
    if (i <= at) {
      if (!d.actualOn) return { ...d, status: i === at ? 'current' : 'skipped', daysLate: 0 };
      const late = d.plannedOn ? Math.max(0, daysBetween(d.plannedOn, d.actualOn)) : 0;
      if (late > 0) return { ...d, status: 'done-late', daysLate: late };
      return { ...d, status: i === at ? 'current' : 'done', daysLate: 0 };
    }
    if (d.plannedOn && d.plannedOn < today) return { ...d, status: 'overdue', daysLate: daysBetween(d.plannedOn, today) };
    return { ...d, status: 'pending', daysLate: 0 };
  });
}

/** True when any stage not yet reached is past its planned date. */
export function isOverdue(current: ProjectStage, dates: readonly StageDates[], today: string): boolean {
  return stageStatuses(current, dates, today).some((s) => s.status === 'overdue');
}
