import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actualCagr,
  annualMilestones,
  assessGoalProgress,
  completionRate,
  estimateYearEnd,
  goalStatus,
  milestoneFor,
  requiredCagr,
  timeProgress,
} from './goal-progress.ts';

describe('milestones and CAGR (hand-computed)', () => {
  it('2020 → 2025 from 100 to 200 needs 14.87% a year', () => {
    const r = requiredCagr({ year: 2020, value: 100 }, { year: 2025, value: 200 });
    expect(r.reason).toBeNull();
    expect(r.value).toBeCloseTo(0.148698355, 9);
    expect((r.value! * 100).toFixed(2)).toBe('14.87');
  });

  it('interpolates geometrically: 100 · 2^((t−2020)/5)', () => {
    const plan = annualMilestones({ year: 2020, value: 100 }, [{ year: 2025, value: 200 }]);
    expect(plan.reason).toBeNull();
    expect(plan.milestones.map((m) => m.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(plan.milestones.map((m) => m.kind)).toEqual(['baseline', 'interpolated', 'interpolated', 'interpolated', 'interpolated', 'goal']);
    const expected = [100, 114.8698355, 131.9507911, 151.5716567, 174.1101127, 200];
    plan.milestones.forEach((m, i) => expect(m.value).toBeCloseTo(expected[i]!, 6));
    expect(plan.milestones.at(-1)!.value).toBe(200); // the goal itself, not a pow() result
  });

  it('chains several goals: 2022 300 → 2025 500 → 2030 1000 (the policy shape)', () => {
    const plan = annualMilestones({ year: 2022, value: 300 }, [{ year: 2030, value: 1000 }, { year: 2025, value: 500 }]);
    expect(plan.segments.map((s) => s.to.year)).toEqual([2025, 2030]);
    expect(plan.segments[0]!.requiredCagr).toBeCloseTo(Math.cbrt(5 / 3) - 1, 12); // 18.56%
    expect(plan.segments[1]!.requiredCagr).toBeCloseTo(2 ** 0.2 - 1, 12); // 14.87%
    expect(milestoneFor(2025, { year: 2022, value: 300 }, [{ year: 2025, value: 500 }, { year: 2030, value: 1000 }]).value).toBe(500);
    expect(milestoneFor(2027, { year: 2022, value: 300 }, [{ year: 2025, value: 500 }, { year: 2030, value: 1000 }]).value).toBeCloseTo(
      500 * 2 ** 0.4,
      9,
    );
    expect(milestoneFor(2031, { year: 2022, value: 300 }, [{ year: 2030, value: 1000 }])).toEqual({ value: null, reason: 'year-outside-plan' });
  });

  it('says why instead of returning NaN', () => {
    expect(requiredCagr({ year: 2020, value: 0 }, { year: 2025, value: 200 })).toEqual({ value: null, reason: 'non-positive-start' });
    expect(requiredCagr({ year: 2020, value: 100 }, { year: 2025, value: 0 })).toEqual({ value: null, reason: 'non-positive-end' });
    expect(requiredCagr({ year: 2025, value: 100 }, { year: 2025, value: 200 })).toEqual({ value: null, reason: 'end-year-not-after-start' });
    expect(actualCagr({ year: 2020, value: NaN }, { year: 2025, value: 1 })).toEqual({ value: null, reason: 'not-finite' });
    const plan = annualMilestones({ year: 2020, value: 0 }, [{ year: 2025, value: 500 }]);
    expect(plan).toEqual({ milestones: [], segments: [], reason: 'non-positive-start' });
  });

  it('actual CAGR between two years: 1045 (2020) → 1200 (2023)', () => {
    expect(actualCagr({ year: 2020, value: 1045 }, { year: 2023, value: 1200 }).value).toBeCloseTo((1200 / 1045) ** (1 / 3) - 1, 12);
    expect(actualCagr({ year: 2020, value: 100 }, { year: 2022, value: 81 }).value).toBeCloseTo(-0.1, 12);
  });

  it('property: milestones grow by the required CAGR each year (reference: repeated multiplication)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2030 }),
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (t0, span, v0, vT) => {
          const plan = annualMilestones({ year: t0, value: v0 }, [{ year: t0 + span, value: vT }]);
          const rate = requiredCagr({ year: t0, value: v0 }, { year: t0 + span, value: vT }).value!;
          let expected = v0;
          plan.milestones.forEach((m, i) => {
            expect(m.year).toBe(t0 + i);
            expect(Math.abs(m.value - expected)).toBeLessThanOrEqual(1e-9 * expected);
            expected *= 1 + rate;
          });
          expect(plan.milestones).toHaveLength(span + 1);
        },
      ),
    );
  });
});

describe('time progress, completion, status (hand-computed)', () => {
  it('time progress is M/12', () => {
    expect(timeProgress(6).value).toBe(0.5);
    expect(timeProgress(12).value).toBe(1);
    expect(timeProgress(0)).toEqual({ value: null, reason: 'invalid-month' });
    expect(timeProgress(13)).toEqual({ value: null, reason: 'invalid-month' });
  });

  it('completion is YTD / milestone', () => {
    expect(completionRate(87.05, 174.1)).toEqual({ value: 0.5, reason: null });
    expect(completionRate(10, 0)).toEqual({ value: null, reason: 'no-milestone' });
    expect(completionRate(10, null)).toEqual({ value: null, reason: 'no-milestone' });
    expect(completionRate(NaN, 10)).toEqual({ value: null, reason: 'not-finite' });
  });

  it('June, milestone 174.11: YTD 80 on track, 75 yellow, 65 red', () => {
    const at = (ytd: number) => assessGoalProgress({ ytd, milestone: 174.1101127, month: 6 });
    expect(at(80).status).toBe('on-track'); // 45.95% vs 50%: 4.05 pp behind
    expect(at(75).status).toBe('yellow'); // 43.08%: 6.92 pp behind
    expect(at(65).status).toBe('red'); // 37.33%: 12.67 pp behind
    expect(at(65).gapPp).toBeCloseTo(50 - (65 / 174.1101127) * 100, 9);
    expect(at(200).status).toBe('on-track'); // ahead
  });

  it('exactly at a tolerance is not behind; just past it is', () => {
    const at = (ytd: number) => assessGoalProgress({ ytd, milestone: 100, month: 6 }).status;
    expect(at(45)).toBe('on-track'); // completion 45% = 50% − 5 pp
    expect(at(44.99)).toBe('yellow');
    expect(at(40)).toBe('yellow'); // = 50% − 10 pp
    expect(at(39.99)).toBe('red');
    // Month 7: 7/12 − 0.05 is not a round float; the boundary still holds.
    const m7 = (7 / 12 - 0.05) * 100;
    expect(goalStatus(m7 / 100, 7 / 12).status).toBe('on-track');
  });

  it('honours configured tolerances', () => {
    expect(goalStatus(0.47, 0.5, { yellowPp: 2, redPp: 4 }).status).toBe('yellow');
    expect(goalStatus(0.45, 0.5, { yellowPp: 2, redPp: 4 }).status).toBe('red');
  });

  it('returns nulls with a reason when a goal has no milestone', () => {
    expect(assessGoalProgress({ ytd: 10, milestone: null, month: 3 })).toEqual({
      timeProgress: 0.25,
      completion: null,
      gapPp: null,
      status: null,
      reason: 'no-milestone',
    });
    expect(assessGoalProgress({ ytd: 10, milestone: 100, month: 0 }).reason).toBe('invalid-month');
  });

  it('status matches the SPEC inequality, exhaustively over every month and YTD in 0.1 steps (boundaries included)', () => {
    const milestone = 120;
    for (let month = 1; month <= 12; month++) {
      for (let ytdTenths = 0; ytdTenths <= 2000; ytdTenths++) {
        const r = assessGoalProgress({ ytd: ytdTenths / 10, milestone, month });
        // Independent, in exact integers: progress × 1200 = month × 100, completion × 1200 = ytdTenths, and
        // 1 pp = 12 of these units; behind by more than 5 pp ⇔ difference > 60.
        const behindBy = month * 100 - ytdTenths;
        const expected = behindBy > 120 ? 'red' : behindBy > 60 ? 'yellow' : 'on-track';
        if (r.status !== expected) expect({ month, ytdTenths, status: r.status }).toEqual({ month, ytdTenths, status: expected });
      }
    }
  });
});

describe('year-end estimate (hand-computed)', () => {
  it('YTD + last year’s remaining months × (1 + g)', () => {
    expect(estimateYearEnd({ ytd: 600, lastYearRemainder: 700, growth: 0.1, month: 6 }).value).toBeCloseTo(1370, 9);
    expect(estimateYearEnd({ ytd: 600, lastYearRemainder: 700, growth: -0.2, month: 6 }).value).toBeCloseTo(1160, 9);
  });

  it('is the YTD itself in December, whatever the growth', () => {
    expect(estimateYearEnd({ ytd: 1234.5678, lastYearRemainder: 0, growth: null, month: 12 })).toEqual({ value: 1234.5678, reason: null });
  });

  it('is null with a reason when there is no comparable growth or the month is invalid', () => {
    expect(estimateYearEnd({ ytd: 600, lastYearRemainder: 700, growth: null, month: 6 })).toEqual({
      value: null,
      reason: 'no-comparable-growth',
    });
    expect(estimateYearEnd({ ytd: 600, lastYearRemainder: 700, growth: 0, month: 13 }).reason).toBe('invalid-month');
    expect(estimateYearEnd({ ytd: NaN, lastYearRemainder: 700, growth: 0, month: 3 }).reason).toBe('not-finite');
  });
});
