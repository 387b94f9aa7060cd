import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import { validateReport } from './report-validation.ts';

/**
 * The unit check (a value 10 000× off its own history) is an error only for indicators that are strictly
 * positive and magnitude-stable (output, sales, revenue, energy, employees) against a stable history. Profit,
 * tax, R&D and export can be near zero or negative month to month: there it is at most a warning that does not
 * reject. Values in the right unit are never rejected as a unit error.
 */

const unitErrors = (indicator: IndicatorCode, value: number, history: number[]) =>
  validateReport({ year: 2024, month: 6, values: { [indicator]: value }, history: { [indicator]: history } }).filter((i) => i.code === 'unit-slip' && i.severity === 'error');

describe('unit suspicion', () => {
  it('accepts a monthly profit of 0.0004 万元 after months of about 2 万元 (the benchmark case), with a warning at most', () => {
    expect(unitErrors('profit', 0.0004, [2.1, 1.8, 2.4, 1.9, 2.2])).toEqual([]);
    const issues = validateReport({ year: 2024, month: 6, values: { profit: 0.0004 }, history: { profit: [2.1, 1.8, 2.4, 1.9, 2.2] } });
    expect(issues.every((i) => i.severity !== 'error')).toBe(true);
  });

  it('still rejects output entered in 元 against a stable history', () => {
    expect(unitErrors('output', 1_000_000, [95, 100, 105, 98])).toHaveLength(1);
    expect(unitErrors('revenue', 0.0105, [95, 100, 105, 98])).toHaveLength(1);
  });

  it('property: values of near-zero or signed indicators are never rejected as a unit error', () => {
    const amount = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.0001, max: 0.01, noNaN: true }));
    fc.assert(
      fc.property(fc.constantFrom<IndicatorCode>('profit', 'tax', 'rd', 'export'), fc.array(amount, { minLength: 0, maxLength: 12 }), amount, (indicator, history, value) => {
        const v = indicator === 'profit' ? value : Math.abs(value);
        const h = indicator === 'profit' ? history : history.map(Math.abs);
        expect(unitErrors(indicator, v, h)).toEqual([]);
      }),
    );
  });

  it('property: stable indicators in the right unit are never rejected as a unit error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IndicatorCode>('output', 'sales', 'revenue', 'energy', 'employees'),
        fc.double({ min: 0.01, max: 1e7, noNaN: true }),
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 3, maxLength: 12 }),
        // A month from a hundredth (a near stop) to a hundred times (a new line) of the usual level.
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (indicator, level, factors, factor) => {
          expect(unitErrors(indicator, level * factor, factors.map((f) => level * f))).toEqual([]);
        },
      ),
    );
  });

  it('property: against an unstable history (months 0, or more than 10× apart) a stable indicator is not rejected either', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IndicatorCode>('output', 'sales', 'revenue', 'energy', 'employees'),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 12 }).filter((h) => h.some((v) => v <= 0) || Math.max(...h) > 10 * Math.min(...h)),
        fc.double({ min: 0.0001, max: 1e9, noNaN: true }),
        (indicator, history, value) => {
          expect(unitErrors(indicator, value, history)).toEqual([]);
        },
      ),
    );
  });
});
