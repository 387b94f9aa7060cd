import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingHours, addWorkingMinutes, isWorkingDay, slaPhase } from './working-time.ts';

// Shanghai local time → instant (UTC+8).
const sh = (local: string) => new Date(`${local}+08:00`);
const calendar = new Map<string, boolean>([
  ['2026-10-01', false], ['2026-10-02', false], ['2026-10-05', false], ['2026-10-06', false], ['2026-10-07', false],
  ['2026-10-10', true], // 调休: a Saturday that is a working day
]);
const none = new Map<string, boolean>();

describe('working time in the Shanghai calendar', () => {
  it('counts 09:00–17:00 on working days only', () => {
    // Friday 16:00 + 2 h → Monday 10:00
    expect(addWorkingHours(sh('2026-12-04T16:00:00'), 2, none)).toEqual(sh('2026-12-07T10:00:00'));
    // filed on a Saturday night: the clock starts on Monday morning
    expect(addWorkingHours(sh('2026-12-05T22:00:00'), 8, none)).toEqual(sh('2026-12-07T17:00:00'));
    // filed at 07:30: starts at 09:00
    expect(addWorkingHours(sh('2026-12-07T07:30:00'), 1, none)).toEqual(sh('2026-12-07T10:00:00'));
  });

  it('ends exactly at 17:00 when the limit uses up the day, not the next morning', () => {
    expect(addWorkingHours(sh('2026-12-07T09:00:00'), 8, none)).toEqual(sh('2026-12-07T17:00:00'));
    expect(addWorkingHours(sh('2026-12-07T09:00:00'), 56, none)).toEqual(sh('2026-12-15T17:00:00'));
  });

  it('skips public holidays and works 调休 weekends', () => {
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-11', calendar)).toBe(false);
    // Wednesday 30 Sep 16:00 + 8 h: 1 h on the 30th, then holidays 1–7 Oct (with the weekend), 7 h on Thursday 8 Oct
    expect(addWorkingHours(sh('2026-09-30T16:00:00'), 8, calendar)).toEqual(sh('2026-10-08T16:00:00'));
    // Friday 9 Oct 16:00 + 2 h: the 调休 Saturday 10 Oct counts
    expect(addWorkingHours(sh('2026-10-09T16:00:00'), 2, calendar)).toEqual(sh('2026-10-10T10:00:00'));
  });

  it('is additive: a + b working minutes = a then b (property)', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (s, a, b) => {
        const both = addWorkingMinutes(s, a + b, calendar).getTime();
        const stepwise = addWorkingMinutes(addWorkingMinutes(s, a, calendar), b, calendar).getTime();
        expect(stepwise).toBe(both);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SLA phase at the boundaries', () => {
  const started = sh('2026-12-07T09:00:00'); // Monday; 8 h limit → due Monday 17:00; reminder at 75 % → 15:00
  it('on time before the reminder share, due soon from it, overdue only strictly after the due instant', () => {
    expect(slaPhase(sh('2026-12-07T14:59:59'), started, 8, 0.75, none)).toBe('on-time');
    expect(slaPhase(sh('2026-12-07T15:00:00'), started, 8, 0.75, none)).toBe('due-soon');
    expect(slaPhase(sh('2026-12-07T17:00:00'), started, 8, 0.75, none)).toBe('due-soon');
    expect(slaPhase(new Date(sh('2026-12-07T17:00:00').getTime() + 1), started, 8, 0.75, none)).toBe('overdue');
  });
});
