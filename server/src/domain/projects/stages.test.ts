import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransition, checkTransition, daysBetween, isOverdue, PROJECT_STAGES, stageStatuses, type StageDates } from './stages.ts';

const dates = (entries: Partial<Record<(typeof PROJECT_STAGES)[number], [string | null, string | null]>>): StageDates[] =>
  PROJECT_STAGES.map((stage) => ({ stage, plannedOn: entries[stage]?.[0] ?? null, actualOn: entries[stage]?.[1] ?? null }));

describe('stage transitions', () => {
  const base = dates({ lead: ['2024-01-01', '2024-01-05'], negotiating: ['2024-03-01', '2024-02-20'], signed: ['2024-06-01', null] });

  it('advances one stage with a date only', () => {
    expect(checkTransition({ from: 'negotiating', to: 'signed', occurredOn: '2024-05-30', today: '2024-06-10' }, base)).toEqual({ ok: true, kind: 'advance', skipped: [] });
  });

  it('needs a reason to skip a stage or to move back', () => {
    expect(checkTransition({ from: 'negotiating', to: 'started', occurredOn: '2024-05-30', today: '2024-06-10' }, base)).toMatchObject({ ok: false, code: 'reason-required' });
    expect(checkTransition({ from: 'negotiating', to: 'started', occurredOn: '2024-05-30', reason: '签约与开工同日', today: '2024-06-10' }, base)).toEqual({
      ok: true,
      kind: 'skip',
      skipped: ['signed'],
    });
    expect(checkTransition({ from: 'negotiating', to: 'lead', occurredOn: '2024-05-30', reason: ' ', today: '2024-06-10' }, base)).toMatchObject({ ok: false, code: 'reason-required' });
  });

  it('refuses future dates, dates before the current stage was reached, and the same stage', () => {
    expect(checkTransition({ from: 'negotiating', to: 'signed', occurredOn: '2024-07-01', today: '2024-06-10' }, base)).toMatchObject({ ok: false, code: 'future-date' });
    expect(checkTransition({ from: 'negotiating', to: 'signed', occurredOn: '2024-02-01', today: '2024-06-10' }, base)).toMatchObject({ ok: false, code: 'before-previous' });
    expect(checkTransition({ from: 'signed', to: 'signed', occurredOn: '2024-06-01', today: '2024-06-10' }, base)).toMatchObject({ ok: false, code: 'same-stage' });
  });

  it('sets the actual date of the target, keeps planned dates, and clears later actual dates when moving back', () => {
    const after = applyTransition(base, 'signed', '2024-05-30');
    expect(after.find((d) => d.stage === 'signed')).toEqual({ stage: 'signed', plannedOn: '2024-06-01', actualOn: '2024-05-30' });
    const back = applyTransition(after, 'negotiating', '2024-06-05');
    expect(back.find((d) => d.stage === 'signed')!.actualOn).toBeNull();
    expect(back.find((d) => d.stage === 'negotiating')!.actualOn).toBe('2024-06-05');
    expect(back.map((d) => d.plannedOn)).toEqual(base.map((d) => d.plannedOn));
  });

  it('planned dates never change and stages before the target keep their actual dates (property)', () => {
    const iso = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(iso), fc.option(iso)), { minLength: 7, maxLength: 7 }), fc.constantFrom(...PROJECT_STAGES), iso, (pairs, to, on) => {
        const before = PROJECT_STAGES.map((stage, i) => ({ stage, plannedOn: pairs[i]![0], actualOn: pairs[i]![1] }));
        const after = applyTransition(before, to, on);
        const t = PROJECT_STAGES.indexOf(to);
        return after.every((d, i) => d.plannedOn === before[i]!.plannedOn && (i < t ? d.actualOn === before[i]!.actualOn : i === t ? d.actualOn === on : d.actualOn === null));
      }),
    );
  });
});

describe('overdue stages', () => {
  it('marks a stage not reached whose planned date has passed, counting days to today', () => {
    const d = dates({ lead: ['2024-01-01', '2024-01-01'], negotiating: ['2024-02-01', '2024-02-10'], signed: ['2024-05-01', null], started: ['2024-09-01', null] });
    const views = stageStatuses('negotiating', d, '2024-06-10');
    expect(views.map((v) => v.status)).toEqual(['done', 'done-late', 'overdue', 'pending', 'pending', 'pending', 'pending']);
    expect(views[1]!.daysLate).toBe(9);
    expect(views[2]!.daysLate).toBe(40);
    expect(isOverdue('negotiating', d, '2024-06-10')).toBe(true);
    expect(isOverdue('negotiating', d, '2024-05-01')).toBe(false);
  });

  it('shows skipped stages and the current stage', () => {
    const d = dates({ lead: ['2024-01-01', '2024-01-01'], started: ['2024-05-01', '2024-04-01'] });
    expect(stageStatuses('started', d, '2024-06-10').map((v) => v.status)).toEqual(['done', 'skipped', 'skipped', 'current', 'pending', 'pending', 'pending']);
  });

  it('counts calendar days across months and leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-12-31', '2024-12-31')).toBe(366);
  });
});
