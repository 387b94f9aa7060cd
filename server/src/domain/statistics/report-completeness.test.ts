import { describe, expect, it } from 'vitest';
import { checkCompleteness, monthHasEnded } from './report-completeness.ts';

const full = { output: 95, sales: 93, revenue: 105, employees: 51 };
const aboveScale = { aboveScale: true, manufacturing: true };

describe('an enterprise submission needs a finished month and the required indicators', () => {
  it('a month ends at Shanghai midnight, not UTC midnight', () => {
    // 2026-11-30T16:00Z is 1 December 00:00 in Shanghai.
    expect(monthHasEnded(2026, 11, new Date('2026-11-30T15:59:59Z'))).toBe(false);
    expect(monthHasEnded(2026, 11, new Date('2026-11-30T16:00:00Z'))).toBe(true);
    expect(monthHasEnded(2026, 12, new Date('2026-12-05T02:00:00Z'))).toBe(false);
    expect(monthHasEnded(2025, 12, new Date('2026-01-01T00:00:00Z'))).toBe(true);
  });

  it('refuses a blank December report on 5 December, naming the period and each missing field in both languages', () => {
    const issues = checkCompleteness({ year: 2026, month: 12, values: {}, enterprise: aboveScale, now: new Date('2026-12-05T02:00:00Z') });
    expect(issues.map((i) => [i.indicator, i.code])).toEqual([
      [null, 'period-not-ended'],
      ['output', 'required-missing'],
      ['sales', 'required-missing'],
      ['revenue', 'required-missing'],
      ['employees', 'required-missing'],
    ]);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(issues[1]!.messageZh).toContain('工业总产值');
    expect(issues[4]!.messageEn).toContain('Employees at period end');
    expect(issues[0]!.messageZh).toContain('2026-12');
  });

  it('0 is a value; a blank optional indicator is not an error', () => {
    const now = new Date('2026-12-05T02:00:00Z');
    expect(checkCompleteness({ year: 2026, month: 11, values: { output: 0, sales: 0, revenue: 0, employees: 0 }, enterprise: aboveScale, now })).toEqual([]);
    expect(checkCompleteness({ year: 2026, month: 11, values: { ...full, export: null, tax: null }, enterprise: aboveScale, now })).toEqual([]);
  });

  it('asks output and sales only of an above-scale industrial enterprise', () => {
    const now = new Date('2026-12-05T02:00:00Z');
    const small = checkCompleteness({ year: 2026, month: 11, values: { revenue: 10, employees: 3 }, enterprise: { aboveScale: false, manufacturing: true }, now });
    expect(small).toEqual([]);
    const service = checkCompleteness({ year: 2026, month: 11, values: { revenue: 10, employees: 3 }, enterprise: { aboveScale: true, manufacturing: false }, now });
    expect(service).toEqual([]);
    const big = checkCompleteness({ year: 2026, month: 11, values: { revenue: 10, employees: 3 }, enterprise: aboveScale, now });
    expect(big.map((i) => i.indicator)).toEqual(['output', 'sales']);
  });
});
