import { PROJECT_STAGES, type ProjectInput, type ProjectStage } from '../../../../contracts/projects.ts';
import { AppError, errors } from '../../app/errors.ts';
import { applyTransition, stageIndex, type StageDates } from '../../domain/projects/stages.ts';
import { todayIso } from '../registry-common/index.ts';

/**
 * What a project form and an import row do to a project's stage and dates — one place for both, so a file
 * and the form cannot disagree — and the refusals they share.
 */

const outOfScope = (zh: string, en: string) => new AppError(403, 'OUT_OF_SCOPE', zh, en);
export const refusedOtherDepartment = () => outOfScope('只能登记本单位负责的项目', 'You can only register projects your department is responsible for');
export const refusedHandOver = () => outOfScope('不能把项目移交给其他责任单位；请联系区经委', 'You cannot hand a project over to another department; ask the commission');

/** Merges the dates given in the input into the stored ones (stages not listed keep theirs). */
export function mergeStageDates(stored: readonly StageDates[], given: ProjectInput['stages']): StageDates[] {
  return PROJECT_STAGES.map((stage) => {
    const s = stored.find((x) => x.stage === stage) ?? { stage, plannedOn: null, actualOn: null };
    const g = given.find((x) => x.stage === stage);
    return g ? { stage, plannedOn: g.plannedOn ?? null, actualOn: g.actualOn ?? null } : { ...s };
  });
}

/** A new project's dates: the input's, its current stage reached today unless the input dates it. */
export function initialStageDates(input: Pick<ProjectInput, 'stage' | 'stages'>, now: Date): { dates: StageDates[]; reachedOn: string } {
  const dates = mergeStageDates([], input.stages);
  const current = dates[stageIndex(input.stage)]!;
  if (!current.actualOn) current.actualOn = todayIso(now);
  return { dates, reachedOn: current.actualOn };
}

export interface StageTransition {
  fromStage: ProjectStage;
  toStage: ProjectStage;
  occurredOn: string;
}

/**
 * A stored project's stage and dates after an edit: the stage itself changes only through a transition (an
 * import that brings another stage records one, reached on that stage's actual date or today); an actual
 * date on a stage not reached yet is refused.
 */
export function stageAfterEdit(
  storedStage: ProjectStage,
  storedDates: readonly StageDates[],
  input: { stage?: ProjectStage | undefined; stages: ProjectInput['stages'] },
  now: Date,
): { stage: ProjectStage; dates: StageDates[]; transition: StageTransition | null } | AppError {
  let stage = storedStage;
  let dates = mergeStageDates(storedDates, input.stages);
  let transition: StageTransition | null = null;
  if (input.stage && input.stage !== stage) {
    const reached = dates[stageIndex(input.stage)]!.actualOn ?? todayIso(now);
    dates = applyTransition(dates, input.stage, reached);
    transition = { fromStage: stage, toStage: input.stage, occurredOn: reached };
    stage = input.stage;
  }
  if (dates.some((d, i) => d.actualOn && i > stageIndex(stage))) {
    return errors.validation([{ path: `body.stages`, rule: 'stage', message: '尚未到达的阶段不能填写实际日期', messageEn: 'A stage not reached yet has no actual date' }]);
  }
  return { stage, dates, transition };
}
