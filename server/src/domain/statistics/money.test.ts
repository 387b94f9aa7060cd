import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromYuan, growthRate, roundWan, sumWan, toYuan } from './money.ts';

describe('exact money arithmetic', () => {
  it('converts 万元 to integer 元 and back', () => {
    expect(toYuan(1.2345)).toBe(12345);
    expect(toYuan(-1.2345)).toBe(-12345);
    expect(toYuan(0.0001)).toBe(1);
    expect(Object.is(toYuan(-0.00001), 0)).toBe(true); // below 1 元 rounds to zero, never to -0
    expect(fromYuan(12345)).toBe(1.2345);
    expect(roundWan(1.23456)).toBe(1.2346);
  });

  it('refuses what cannot be summed exactly', () => {
    expect(() => toYuan(NaN)).toThrow(RangeError);
    expect(() => toYuan(1e12)).toThrow(RangeError);
    expect(() => fromYuan(0.5)).toThrow(RangeError);
  });

  it('sums to the exact decimal where a float loop drifts', () => {
    const values = Array.from({ length: 10 }, () => 0.1);
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(sumWan(values)).toBe(1);
    expect(sumWan([])).toBe(0);
  });

  it('property: sumWan equals a BigInt sum over the decimal strings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(10 ** 11), max: 10 ** 11 }), { maxLength: 200 }), (yuan) => {
        const values = yuan.map((y) => y / 10_000);
        const reference = values.reduce((acc, v) => acc + BigInt(v.toFixed(4).replace('.', '')), 0n);
        expect(toYuan(sumWan(values))).toBe(Number(reference));
      }),
    );
  });

  it('growth is null on a zero base', () => {
    expect(growthRate(120, 100)).toBeCloseTo(0.2, 12);
    expect(growthRate(5, 0)).toBeNull();
  });
});
