import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyFromYtd, monthlySeriesFromYtd } from './report-conversion.ts';

describe('YTD → monthly (hand-computed)', () => {
  it('January is the YTD; later months are differences, exact to 1 元', () => {
    expect(100.0001 - 100).not.toBe(0.0001); // the float difference drifts: 0.00010000000000331966
    const r = monthlySeriesFromYtd('output', [
      { month: 1, ytd: 100 },
      { month: 2, ytd: 100.0001 },
      { month: 3, ytd: 400.1234 },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.monthly).toEqual([
      { month: 1, value: 100 },
      { month: 2, value: 0.0001 },
      { month: 3, value: 300.1233 },
    ]);
  });

  it('reports a decreasing YTD instead of producing a negative month', () => {
    const r = monthlySeriesFromYtd('sales', [
      { month: 1, ytd: 100 },
      { month: 2, ytd: 250 },
      { month: 3, ytd: 240 },
      { month: 4, ytd: 300 },
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ month: 3, code: 'ytd-decreased', params: { month: 3, ytd: 240, previousYtd: 250 } });
    expect(r.errors[0]!.messageZh).toContain('工业销售产值');
    // April is still derivable from March's (given) YTD.
    expect(r.monthly).toEqual([
      { month: 1, value: 100 },
      { month: 2, value: 150 },
      { month: 4, value: 60 },
    ]);
  });

  it('allows a decreasing YTD for profit (a loss month)', () => {
    const r = monthlySeriesFromYtd('profit', [
      { month: 1, ytd: 50 },
      { month: 2, ytd: 20 },
    ]);
    expect(r).toEqual({ monthly: [{ month: 1, value: 50 }, { month: 2, value: -30 }], errors: [] });
  });

  it('takes a stock indicator’s cumulative column as the level itself', () => {
    const r = monthlySeriesFromYtd('employees', [
      { month: 1, ytd: 120 },
      { month: 2, ytd: 110 },
    ]);
    expect(r).toEqual({ monthly: [{ month: 1, value: 120 }, { month: 2, value: 110 }], errors: [] });
  });

  it('cannot derive a month whose predecessor is missing or given twice', () => {
    const r = monthlySeriesFromYtd('output', [
      { month: 1, ytd: 10 },
      { month: 3, ytd: 30 },
      { month: 5, ytd: 50 },
      { month: 5, ytd: 51 },
      { month: 6, ytd: 60 },
    ]);
    expect(r.monthly).toEqual([{ month: 1, value: 10 }]);
    expect(r.errors.map((e) => [e.month, e.code]).sort()).toEqual(
      [
        [3, 'missing-previous-month'],
        [5, 'duplicate-month'],
        [6, 'missing-previous-month'],
      ].sort(),
    );
  });

  it('single-month form: January ignores the previous YTD; later months need it', () => {
    expect(monthlyFromYtd('output', 1, 12.3456, 999)).toEqual({ ok: true, value: 12.3456 });
    expect(monthlyFromYtd('output', 2, 12.3456, null)).toMatchObject({ ok: false, error: { code: 'missing-previous-month' } });
    expect(monthlyFromYtd('output', 13, 1, 0)).toMatchObject({ ok: false, error: { code: 'invalid-month' } });
    expect(monthlyFromYtd('output', 2, NaN, 0)).toMatchObject({ ok: false, error: { code: 'not-a-number' } });
  });
});

describe('YTD → monthly (property)', () => {
  it('recovers the monthly values from their running totals exactly (reference: BigInt cumulative sums)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 * 10 ** 10 }), { minLength: 12, maxLength: 12 }), (yuan) => {
        let running = 0n;
        const entries = yuan.map((y, i) => {
          running += BigInt(y);
          return { month: i + 1, ytd: Number(running) / 10_000 };
        });
        const r = monthlySeriesFromYtd('revenue', entries);
        expect(r.errors).toEqual([]);
        expect(r.monthly).toEqual(yuan.map((y, i) => ({ month: i + 1, value: y / 10_000 })));
      }),
    );
  });

  it('flags exactly the months where the running total goes down', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 8 }), { minLength: 1, maxLength: 12 }), (ytdYuan) => {
        const entries = ytdYuan.map((y, i) => ({ month: i + 1, ytd: y / 10_000 }));
        const r = monthlySeriesFromYtd('output', entries);
        const expectedBad = ytdYuan.flatMap((y, i) => (i > 0 && y < ytdYuan[i - 1]! ? [i + 1] : []));
        expect(r.errors.map((e) => e.month)).toEqual(expectedBad);
        expect(r.monthly.length + r.errors.length).toBe(ytdYuan.length);
      }),
    );
  });
});
