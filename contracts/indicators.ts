import { z } from 'zod';

/**
 * The monthly-statistics indicator catalogue (SPEC §4) as data, shared by server, web and imports.
 *
 * Storage convention: money is stored at enterprise level in 万元 with 4 decimals (1 元 resolution), energy in
 * tce, employees in persons. Aggregates are shown in 亿元, but every computation stays in 万元 (see
 * server/src/domain/statistics/money.ts for why sums are done in integer 元).
 */

export const INDICATOR_CODES = ['output', 'sales', 'export', 'revenue', 'profit', 'tax', 'rd', 'energy', 'employees'] as const;
export const indicatorCodeSchema = z.enum(INDICATOR_CODES);
export type IndicatorCode = z.infer<typeof indicatorCodeSchema>;

/** flow: a per-month amount, summed over months for YTD; stock: a period-end level, YTD = month M's value. */
export const INDICATOR_KINDS = ['flow', 'stock'] as const;
export const indicatorKindSchema = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof indicatorKindSchema>;

export const INDICATOR_UNITS = ['万元', 'tce', '人'] as const;
export const indicatorUnitSchema = z.enum(INDICATOR_UNITS);
/** The units in English texts (labels, validation messages): the statistical units themselves are Chinese. */
export const INDICATOR_UNITS_EN = { 万元: '10k yuan', tce: 'tce', 人: 'persons' } as const satisfies Record<(typeof INDICATOR_UNITS)[number], string>;
export type IndicatorUnit = z.infer<typeof indicatorUnitSchema>;

export interface IndicatorDefinition {
  code: IndicatorCode;
  nameZh: string;
  nameEn: string;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  isMoney: boolean;
  /**
   * Whether a negative value is legitimate. Only 利润总额 can be negative (a loss); every other indicator is an
   * amount or a count, and a negative one is a data-entry error (SPEC §4 "non-negative amounts").
   */
  allowsNegative: boolean;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  { code: 'output', nameZh: '工业总产值', nameEn: 'Gross industrial output', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'sales', nameZh: '工业销售产值', nameEn: 'Industrial sales output', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'export', nameZh: '出口交货值', nameEn: 'Export delivery value', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'revenue', nameZh: '营业收入', nameEn: 'Operating revenue', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'profit', nameZh: '利润总额', nameEn: 'Total profit', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: true },
  { code: 'tax', nameZh: '税收', nameEn: 'Taxes paid', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'rd', nameZh: '研发费用', nameEn: 'R&D expense', unit: '万元', kind: 'flow', isMoney: true, allowsNegative: false },
  { code: 'energy', nameZh: '综合能源消费量', nameEn: 'Energy use', unit: 'tce', kind: 'flow', isMoney: false, allowsNegative: false },
  { code: 'employees', nameZh: '从业人员期末人数', nameEn: 'Employees at period end', unit: '人', kind: 'stock', isMoney: false, allowsNegative: false },
];

export const INDICATOR_BY_CODE: Readonly<Record<IndicatorCode, IndicatorDefinition>> = Object.fromEntries(
  INDICATORS.map((d) => [d.code, d]),
) as Record<IndicatorCode, IndicatorDefinition>;

export function getIndicator(code: IndicatorCode): IndicatorDefinition {
  return INDICATOR_BY_CODE[code];
}

export function isIndicatorCode(value: unknown): value is IndicatorCode {
  return typeof value === 'string' && (INDICATOR_CODES as readonly string[]).includes(value);
}

/** A month's indicator values; an absent key means "not reported". */
export const indicatorValuesSchema = z.partialRecord(indicatorCodeSchema, z.number());
export type IndicatorValues = Partial<Record<IndicatorCode, number>>;

// ---------------------------------------------------------------------------------------------------------------
// Money units. Imports meet 元 (enterprise ledgers), 千元 (bureau form B204-1), 万元 (storage) and 亿元 (display).
// ---------------------------------------------------------------------------------------------------------------

export const MONEY_UNITS = ['元', '千元', '万元', '亿元'] as const;
export const moneyUnitSchema = z.enum(MONEY_UNITS);
export type MoneyUnit = z.infer<typeof moneyUnitSchema>;

/** Power of ten of one unit in 元: 1 亿元 = 10^8 元. Conversions scale by these exponents, never by float factors. */
export const MONEY_UNIT_EXPONENT: Readonly<Record<MoneyUnit, number>> = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 };

export const MONEY_UNIT_NAME_EN: Readonly<Record<MoneyUnit, string>> = {
  元: 'yuan',
  千元: 'thousand yuan',
  万元: 'ten thousand yuan',
  亿元: 'hundred million yuan',
};

/** Storage unit of money and its resolution: 4 decimals of 万元 = 1 元. */
export const STORAGE_MONEY_UNIT: MoneyUnit = '万元';
export const STORAGE_DECIMALS = 4;

// ---------------------------------------------------------------------------------------------------------------
// Periods. A reporting period is a calendar month written 'YYYY-MM'.
// ---------------------------------------------------------------------------------------------------------------

/** Years a period may name: wide enough for any history and plan horizon, narrow enough for date arithmetic. */
export const PERIOD_YEAR_MIN = 1900;
export const PERIOD_YEAR_MAX = 2200;
export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '期间格式应为 YYYY-MM / period must be YYYY-MM' })
  .refine((v) => Number(v.slice(0, 4)) >= PERIOD_YEAR_MIN && Number(v.slice(0, 4)) <= PERIOD_YEAR_MAX, {
    message: `期间年份应在 ${PERIOD_YEAR_MIN}–${PERIOD_YEAR_MAX} 之间 / the period's year must be between ${PERIOD_YEAR_MIN} and ${PERIOD_YEAR_MAX}`,
  });
export type Period = z.infer<typeof periodSchema>;

export interface YearMonth {
  year: number;
  month: number;
}

export function isValidYearMonth(year: number, month: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999 && Number.isInteger(month) && month >= 1 && month <= 12;
}

/** 'YYYY-MM' → { year, month }; null when the text is not a valid period. */
export function parsePeriod(period: string): YearMonth | null {
  if (!periodSchema.safeParse(period).success) return null;
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

export function formatPeriod(year: number, month: number): Period {
  if (!isValidYearMonth(year, month)) throw new RangeError(`invalid period ${year}-${month}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The period `delta` months after (negative: before) the given one. */
export function shiftPeriod(period: Period, delta: number): Period {
  const ym = parsePeriod(period);
  if (!ym || !Number.isInteger(delta)) throw new RangeError(`invalid period shift ${period} ${delta}`);
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return formatPeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** The same month one year earlier: the comparison period of a YoY figure. */
export function samePeriodLastYear(period: Period): Period {
  return shiftPeriod(period, -12);
}
