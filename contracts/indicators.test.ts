import { describe, expect, it } from 'vitest';
import {
  INDICATOR_BY_CODE,
  INDICATOR_CODES,
  INDICATORS,
  formatPeriod,
  indicatorCodeSchema,
  isIndicatorCode,
  moneyUnitSchema,
  parsePeriod,
  periodSchema,
  samePeriodLastYear,
  shiftPeriod,
} from './indicators.ts';

describe('indicator catalogue (SPEC §4)', () => {
  it('lists the nine indicators with their units and kinds', () => {
    expect(INDICATORS.map((d) => d.code)).toEqual([...INDICATOR_CODES]);
    expect(INDICATORS.filter((d) => d.kind === 'stock').map((d) => d.code)).toEqual(['employees']);
    expect(INDICATORS.filter((d) => d.isMoney).every((d) => d.unit === '万元')).toBe(true);
    expect(INDICATOR_BY_CODE.energy).toMatchObject({ unit: 'tce', isMoney: false, nameZh: '综合能源消费量' });
    expect(INDICATOR_BY_CODE.employees).toMatchObject({ unit: '人', isMoney: false });
    expect(INDICATORS.filter((d) => d.allowsNegative).map((d) => d.code)).toEqual(['profit']);
  });

  it('validates codes and units', () => {
    expect(indicatorCodeSchema.safeParse('output').success).toBe(true);
    expect(indicatorCodeSchema.safeParse('gdp').success).toBe(false);
    expect(isIndicatorCode('rd')).toBe(true);
    expect(isIndicatorCode('toString')).toBe(false);
    expect(moneyUnitSchema.safeParse('千元').success).toBe(true);
    expect(moneyUnitSchema.safeParse('美元').success).toBe(false);
  });
});

describe('periods', () => {
  it('accepts only YYYY-MM with a real month', () => {
    for (const ok of ['2024-01', '2024-12', '1999-09']) expect(periodSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['2024-13', '2024-00', '2024-1', '24-01', '2024/01', '2024-01-01', ' 2024-01', '0000-01', '1899-12', '9999-12']) {
      expect(periodSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('parses, formats and shifts', () => {
    expect(parsePeriod('2024-03')).toEqual({ year: 2024, month: 3 });
    expect(parsePeriod('2024-3')).toBeNull();
    expect(formatPeriod(2024, 3)).toBe('2024-03');
    expect(() => formatPeriod(2024, 13)).toThrow(RangeError);
    expect(shiftPeriod('2024-01', -1)).toBe('2023-12');
    expect(shiftPeriod('2023-12', 1)).toBe('2024-01');
    expect(shiftPeriod('2024-03', -27)).toBe('2021-12');
    expect(samePeriodLastYear('2024-02')).toBe('2023-02');
  });
});
