import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { checkSubmission, validateReport, type ReportValidationInput } from './report-validation.ts';

/** A March report that passes every rule; each test changes one thing. */
const clean = (): ReportValidationInput => ({
  year: 2024,
  month: 3,
  values: { output: 100, sales: 110, revenue: 105, profit: -5, employees: 50 },
  previousYtd: { output: 200, sales: 210 },
  reportedYtd: { output: 300, sales: 320 },
  lastYear: { month: { output: 90 }, ytd: { output: 280 } },
  history: { output: [95, 100, 105, 98], employees: [48, 49, 50] },
});
const codes = (input: ReportValidationInput) => validateReport(input).map((i) => `${i.indicator}:${i.code}:${i.severity}`);

describe('validateReport — one rule at a time', () => {
  it('passes a clean report (a negative profit is a loss, not an error)', () => {
    expect(validateReport(clean())).toEqual([]);
  });

  it('non-negative amounts', () => {
    const r = clean();
    r.values.output = -1;
    r.values.rd = -0.0001;
    expect(codes(r)).toEqual(expect.arrayContaining(['output:negative-value:error', 'rd:negative-value:error']));
    const y = clean();
    y.reportedYtd = { output: -300 };
    expect(validateReport(y).find((i) => i.code === 'negative-value')).toMatchObject({ indicator: 'output', params: { basis: 'ytd' } });
  });

  it('sales ≤ output × 1.2, exact at the boundary', () => {
    const at = clean();
    at.values.sales = 120; // exactly 1.2 × 100
    expect(codes(at)).not.toContain('sales:sales-exceeds-output:error');
    const over = clean();
    over.values.sales = 120.0001; // 1 元 over
    const issue = validateReport(over).find((i) => i.code === 'sales-exceeds-output');
    expect(issue).toMatchObject({ indicator: 'sales', severity: 'error', params: { sales: 120.0001, output: 100, basis: 'month' } });
    expect(issue!.messageZh).toContain('工业销售产值');
    expect(issue!.messageEn).toContain('1.2');
    const ytd = clean();
    ytd.reportedYtd = { output: 300, sales: 360.0001 };
    ytd.values.sales = 150.0001; // keeps the YTD consistent: 210 + 150.0001
    expect(validateReport(ytd).filter((i) => i.code === 'sales-exceeds-output').map((i) => i.params['basis'])).toEqual(['month', 'ytd']);
    const noOutput = clean();
    delete noOutput.values.output;
    noOutput.values.sales = 1e6;
    expect(codes(noOutput)).not.toContain('sales:sales-exceeds-output:error'); // nothing to compare with
  });

  it('YTD never decreases within a year (profit excepted)', () => {
    const r = clean();
    r.reportedYtd = { output: 190 };
    expect(validateReport(r).filter((i) => i.code.startsWith('ytd-'))).toMatchObject([
      { indicator: 'output', code: 'ytd-decreased', severity: 'error', params: { ytd: 190, previousYtd: 200 } },
    ]);
    const p = clean();
    p.values.profit = -5;
    p.previousYtd = { profit: 20 };
    p.reportedYtd = { profit: 15 };
    expect(validateReport(p)).toEqual([]);
    const jan = clean();
    jan.month = 1;
    jan.reportedYtd = { output: 100 };
    jan.lastYear = {};
    expect(codes(jan)).toEqual([]); // previous YTD of another year is ignored in January
  });

  it('YTD must equal last month’s YTD plus this month', () => {
    const r = clean();
    r.reportedYtd = { output: 300.0001 };
    expect(validateReport(r).find((i) => i.code === 'ytd-inconsistent')).toMatchObject({
      indicator: 'output',
      params: { ytd: 300.0001, previousYtd: 200, value: 100, expected: 300 },
    });
  });

  it('a YoY swing beyond ±50% needs an explanation, on the YTD and on the month', () => {
    const r = clean();
    r.lastYear = { ytd: { output: 150 }, month: { output: 60 } }; // +100% and +66.7%
    const swings = validateReport(r).filter((i) => i.code === 'yoy-swing');
    expect(swings.map((i) => [i.indicator, i.severity, i.params['basis']])).toEqual([
      ['output', 'needs-explanation', 'ytd'],
      ['output', 'needs-explanation', 'month'],
    ]);
    expect(swings[0]!.params['growth']).toBeCloseTo(1, 12);
    expect(swings[0]!.messageZh).toContain('100.0%');
    const exactly = clean();
    exactly.lastYear = { ytd: { output: 600 }, month: { output: 200 } }; // exactly −50%
    expect(codes(exactly)).not.toContain('output:yoy-swing:needs-explanation');
    const beyond = clean();
    beyond.lastYear = { ytd: { output: 600.0001 } };
    expect(codes(beyond)).toContain('output:yoy-swing:needs-explanation');
    const fromZero = clean();
    fromZero.lastYear = { ytd: { output: 0 }, month: { output: 0 } };
    expect(codes(fromZero)).toEqual([]); // growth from nothing is not a swing
  });

  it('the YTD for the swing is derived from last month’s YTD when the form has none', () => {
    const r = clean();
    delete r.reportedYtd;
    r.lastYear = { ytd: { output: 150 } }; // 200 + 100 = 300 → +100%
    expect(validateReport(r).find((i) => i.code === 'yoy-swing')?.params).toMatchObject({ basis: 'ytd', current: 300 });
    const jan = { ...clean(), month: 1, reportedYtd: undefined, lastYear: { ytd: { output: 50 }, month: { output: 50 } } };
    expect(validateReport(jan).filter((i) => i.code === 'yoy-swing').map((i) => i.params['basis'])).toEqual(['ytd']);
  });

  it('a month beyond 3× the enterprise’s median needs an explanation', () => {
    const r = clean();
    r.history = { revenue: [10, 20, 30] };
    r.values.revenue = 60; // exactly 3×
    expect(codes(r)).toEqual([]);
    r.values.revenue = 60.0001;
    expect(validateReport(r)).toMatchObject([
      { indicator: 'revenue', code: 'above-median', severity: 'needs-explanation', params: { median: 20, multiple: 3 } },
    ]);
    r.history = { revenue: [10, 20] }; // too little history to judge
    expect(codes(r)).toEqual([]);
  });

  it('catches a value 10 000× off (元 typed as 万元, or 亿元) and suggests the correction', () => {
    const r = clean();
    r.values.output = 1_000_000;
    r.reportedYtd = undefined;
    const issues = validateReport(r).filter((i) => i.indicator === 'output');
    expect(issues).toHaveLength(1); // the slip, not also the median and swing messages it causes
    expect(issues[0]).toMatchObject({ code: 'unit-slip', severity: 'error', params: { median: 99, direction: 'too-large', suggestedValue: 100 } });
    expect(issues[0]!.messageZh).toContain('元');
    const small = clean();
    small.values.output = 0.01;
    small.reportedYtd = undefined;
    expect(validateReport(small).find((i) => i.code === 'unit-slip')).toMatchObject({ params: { direction: 'too-small', suggestedValue: 100 } });
    const staff = clean();
    staff.values.employees = 500_000;
    const slip = validateReport(staff).find((i) => i.code === 'unit-slip');
    expect(slip?.indicator).toBe('employees');
    expect(slip?.params['suggestedValue']).toBeUndefined(); // persons have no money unit to correct
  });

  it('reports unusable input instead of throwing', () => {
    const r = clean();
    r.values.output = NaN;
    r.values.sales = Infinity;
    r.values.revenue = 1e12;
    r.values.tax = null;
    expect(codes(r)).toEqual(['output:not-a-number:error', 'sales:not-a-number:error', 'revenue:out-of-range:error']);
    expect(validateReport({ ...clean(), month: 13 })).toMatchObject([{ indicator: null, code: 'invalid-period', severity: 'error' }]);
  });
});

describe('checkSubmission', () => {
  const swing = () => {
    const r = clean();
    r.lastYear = { ytd: { output: 150 } };
    return validateReport(r);
  };
  it('needs a non-blank explanation for needs-explanation issues', () => {
    expect(checkSubmission(swing(), '  ')).toEqual({ canSubmit: false, errors: 0, needsExplanation: 1, missingExplanation: true });
    expect(checkSubmission(swing(), '新产线三月投产，产值翻番').canSubmit).toBe(true);
    expect(checkSubmission([], undefined).canSubmit).toBe(true);
  });
  it('never lets an error through, explained or not', () => {
    const r = clean();
    r.values.output = -1;
    expect(checkSubmission(validateReport(r), '已说明').canSubmit).toBe(false);
  });
});

describe('validateReport — properties', () => {
  const amount = fc.integer({ min: -(10 ** 9), max: 10 ** 10 }).map((y) => y / 10_000);
  const maybe = fc.option(fc.oneof(amount, fc.double(), fc.constantFrom(NaN, Infinity, -0, 1e300)), { nil: undefined });
  const bag = fc.record(Object.fromEntries(INDICATOR_CODES.map((c) => [c, maybe])) as Record<(typeof INDICATOR_CODES)[number], typeof maybe>);

  it('never throws and always explains itself in both languages', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1990, max: 2040 }),
          month: fc.integer({ min: -1, max: 14 }),
          values: bag,
          reportedYtd: bag,
          previousYtd: bag,
          lastYear: fc.record({ month: bag, ytd: bag }),
          history: fc.record({ output: fc.array(fc.double()), revenue: fc.array(amount) }),
        }),
        (input) => {
          for (const issue of validateReport(input)) {
            expect(issue.messageZh.length).toBeGreaterThan(0);
            expect(issue.messageEn.length).toBeGreaterThan(0);
            expect(issue.messageZh + issue.messageEn).not.toMatch(/NaN|undefined/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sales and negativity rules agree with an integer reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 10 }), fc.integer({ min: 0, max: 10 ** 10 }), (salesYuan, outputYuan) => {
        const issues = validateReport({ year: 2024, month: 5, values: { sales: salesYuan / 10_000, output: outputYuan / 10_000 } });
        const has = (code: string) => issues.some((i) => i.code === code);
        expect(has('sales-exceeds-output')).toBe(salesYuan * 10 > outputYuan * 12);
        expect(has('negative-value')).toBe(salesYuan < 0);
      }),
      { numRuns: 500 },
    );
  });

  it('sales exactly at output × 1.2 pass and 1 元 more fails, for any output (no float boundary noise)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), (k) => {
        const output = (5 * k) / 10_000;
        const at = validateReport({ year: 2024, month: 5, values: { output, sales: (6 * k) / 10_000 } });
        const over = validateReport({ year: 2024, month: 5, values: { output, sales: (6 * k + 1) / 10_000 } });
        expect(at.some((i) => i.code === 'sales-exceeds-output')).toBe(false);
        expect(over.some((i) => i.code === 'sales-exceeds-output')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
