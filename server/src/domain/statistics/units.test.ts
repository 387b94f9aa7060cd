import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MONEY_UNITS, type MoneyUnit } from '../../../../contracts/indicators.ts';
import { convertMoney, detectUnitSlip, median, parseDecimal, toStorageWan } from './units.ts';

describe('convertMoney (exact, hand-computed)', () => {
  it('shifts the decimal point instead of multiplying floats', () => {
    expect(1.15 * 0.1).not.toBe(0.115); // what a float conversion would store: 0.11499999999999999
    expect(convertMoney('1.15', '千元', '万元')).toBe('0.115');
    expect(convertMoney(1.15, '千元', '万元')).toBe('0.115');
    expect(convertMoney('123.45', '千元', '万元')).toBe('12.345');
    expect(convertMoney('1', '亿元', '万元')).toBe('10000');
    expect(convertMoney('1', '元', '亿元')).toBe('0.00000001');
    expect(convertMoney('-0.0001', '万元', '元')).toBe('-1');
    expect(convertMoney('0012.500', '万元', '万元')).toBe('12.5');
    expect(convertMoney('1.5e3', '千元', '万元')).toBe('150');
    expect(convertMoney(1e21, '元', '亿元')).toBe('10000000000000');
    expect(convertMoney('-0', '元', '万元')).toBe('0');
    expect(convertMoney('55.7', '亿元', '万元')).toBe('557000'); // 湾区生物医药港 plan for 2022
  });

  it('rejects what is not a plain decimal number', () => {
    for (const bad of ['', ' ', '.', '-', '1,234', '12万', 'abc', '1e', '--1']) expect(convertMoney(bad, '元', '万元'), bad).toBeNull();
    expect(convertMoney(NaN, '元', '万元')).toBeNull();
    expect(convertMoney(Infinity, '元', '万元')).toBeNull();
    expect(parseDecimal(' 7 ')).toEqual({ mantissa: 7n, exponent: 0 });
  });

  it('property: the result denotes exactly value × 10^(e_from − e_to) (checked by integer cross-multiplication)', () => {
    const exp: Record<MoneyUnit, number> = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 };
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...MONEY_UNITS),
        fc.constantFrom(...MONEY_UNITS),
        (digits, decimals, from, to) => {
          const abs = (digits < 0n ? -digits : digits).toString().padStart(decimals + 1, '0');
          const input = `${digits < 0n ? '-' : ''}${abs.slice(0, abs.length - decimals)}${decimals ? '.' + abs.slice(abs.length - decimals) : ''}`;
          const out = convertMoney(input, from, to)!;
          // input = digits / 10^decimals (from); out = outDigits / 10^outDecimals (to).
          const [i, f = ''] = out.replace('-', '').split('.');
          const outDigits = BigInt(i! + f) * (out.startsWith('-') ? -1n : 1n);
          // digits · 10^(e_from) · 10^(f.length) == outDigits · 10^(e_to) · 10^(decimals)
          const lhs = digits * 10n ** BigInt(exp[from] + f.length);
          const rhs = outDigits * 10n ** BigInt(exp[to] + decimals);
          expect(lhs).toBe(rhs);
          expect(convertMoney(out, to, from)).toBe(convertMoney(input, from, from));
        },
      ),
    );
  });
});

describe('toStorageWan', () => {
  it('stores 4 decimals of 万元 (1 元), rounding half away from zero, and says when it rounded', () => {
    expect(toStorageWan('12345.67', '元')).toEqual({ wan: 1.2346, text: '1.2346', rounded: true });
    expect(toStorageWan('12345', '元')).toEqual({ wan: 1.2345, text: '1.2345', rounded: false });
    expect(toStorageWan('0.5', '元')).toEqual({ wan: 0.0001, text: '0.0001', rounded: true });
    expect(toStorageWan('-0.5', '元')).toEqual({ wan: -0.0001, text: '-0.0001', rounded: true });
    expect(toStorageWan('0.49', '元')).toEqual({ wan: 0, text: '0', rounded: true });
    expect(toStorageWan('8123.4', '千元')).toEqual({ wan: 812.34, text: '812.34', rounded: false });
    expect(toStorageWan('12.5', '亿元')).toEqual({ wan: 125000, text: '125000', rounded: false });
    expect(toStorageWan('x', '元')).toBeNull();
  });

  it('property: a number cell in 万元 gives what its text gives (the fast path agrees with the exact one)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e15, max: 1e15, noNaN: true }),
          fc.integer({ min: -(10 ** 12), max: 10 ** 12 }).map((n) => n / 10_000),
          fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((n) => n / 100),
          fc.constantFrom(0, -0, 1e-7, 123.45, 0.00005, 99999999.99995),
        ),
        (n) => {
          expect(toStorageWan(n, '万元')).toEqual(toStorageWan(String(n).replace(/^-0$/, '0'), '万元'));
        },
      ),
    );
  });

  it('property: B204-1 values in 千元 convert to the double nearest the exact 万元 value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (thousandsTimes1000) => {
        // A 千元 value with 3 decimals (= 1 元): thousandsTimes1000 元.
        const text = (thousandsTimes1000 / 1000).toFixed(3);
        const stored = toStorageWan(text, '千元')!;
        expect(stored.rounded).toBe(false);
        expect(stored.wan).toBe(thousandsTimes1000 / 10_000); // one correctly rounded division of exact integers
      }),
    );
  });
});

describe('median and detectUnitSlip', () => {
  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  const history = [100, 120, 110, 90, 0];
  it('catches a value typed in 元 into a 万元 field (10 000×) and suggests the correction', () => {
    const r = detectUnitSlip(1_050_000, history);
    expect(r).toMatchObject({ judged: true, suspected: true, median: 105, direction: 'too-large', suggestedValue: 105 });
  });

  it('catches a value typed in 亿元 (1/10 000)', () => {
    expect(detectUnitSlip(0.0105, history)).toMatchObject({ judged: true, suspected: true, direction: 'too-small', suggestedValue: 105 });
  });

  it('leaves ordinary variation alone, even a tenfold month', () => {
    expect(detectUnitSlip(1050, history)).toMatchObject({ judged: true, suspected: false, direction: null, suggestedValue: null });
    expect(detectUnitSlip(10.5, history)).toMatchObject({ judged: true, suspected: false });
  });

  it('does not judge without enough positive history, or a zero value', () => {
    expect(detectUnitSlip(1e9, [0, 0, 5, 6])).toEqual({ judged: false, reason: 'not-enough-history', median: 5.5 });
    expect(detectUnitSlip(1e9, [])).toEqual({ judged: false, reason: 'not-enough-history', median: null });
    expect(detectUnitSlip(0, history)).toMatchObject({ judged: false, reason: 'zero-or-negative-value' });
  });

  it('property: a slip of exactly 10 000× against a steady history is always caught, a 3× month never', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 ** 9 }), { minLength: 3, maxLength: 24 }), fc.double({ min: 0.5, max: 3, noNaN: true }), (yuan, k) => {
        const h = yuan.map((y) => y / 10_000);
        const med = median(h)!;
        expect(detectUnitSlip(med * k * 10_000, h)).toMatchObject({ suspected: true, direction: 'too-large' });
        expect(detectUnitSlip(med * k, h)).toMatchObject({ suspected: false });
      }),
    );
  });
});
