import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { fromYuan, toYuan } from './money.ts';

/**
 * Year-to-date → monthly conversion (SPEC §4). Bureau files and some forms carry "本年1—本月" cumulative values;
 * the platform stores monthly values, so monthly(M) = YTD(M) − YTD(M−1) of the same year and January = YTD(1).
 * Subtractions are done in integer 元 so 1234.5678 − 1000.1234 is exactly 234.4444.
 *
 * A decreasing YTD of a non-negative flow indicator is an error in the source (a monthly value cannot be
 * negative), reported rather than turned into a negative month. 利润总额 may decrease (a loss month). A stock
 * indicator has no YTD: its "cumulative" column is the period-end level itself.
 */

export interface YtdEntry {
  month: number;
  ytd: number;
}

export interface MonthlyEntry {
  month: number;
  value: number;
}

export type YtdConversionErrorCode = 'ytd-decreased' | 'missing-previous-month' | 'invalid-month' | 'duplicate-month' | 'not-a-number';

export interface YtdConversionError {
  month: number;
  code: YtdConversionErrorCode;
  messageZh: string;
  messageEn: string;
  params: Record<string, number>;
}

export interface YtdConversion {
  /** Months whose value could be derived, ascending. */
  monthly: MonthlyEntry[];
  errors: YtdConversionError[];
}

/** The monthly value for one month from this month's and last month's YTD; `previousYtd` is ignored in January. */
export function monthlyFromYtd(
  indicator: IndicatorCode,
  month: number,
  ytd: number,
  previousYtd: number | null,
): { ok: true; value: number } | { ok: false; error: YtdConversionError } {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    return { ok: false, error: err(month, 'invalid-month', `月份 ${month} 无效`, `invalid month ${month}`, {}) };
  }
  if (!Number.isFinite(ytd) || (month > 1 && previousYtd !== null && !Number.isFinite(previousYtd))) {
    return { ok: false, error: err(month, 'not-a-number', `${month}月累计值不是有效数字`, `month ${month}: cumulative value is not a number`, {}) };
  }
  const def = INDICATOR_BY_CODE[indicator];
  if (def.kind === 'stock' || month === 1) return { ok: true, value: fromYuan(toYuan(ytd)) };
  if (previousYtd === null) {
    return {
      ok: false,
      error: err(
        month,
        'missing-previous-month',
        `缺少${month - 1}月的累计值，无法推算${month}月当月值`,
        `the year-to-date value of month ${month - 1} is missing, so month ${month} cannot be derived`,
        {},
      ),
    };
  }
  const deltaYuan = toYuan(ytd) - toYuan(previousYtd);
  if (deltaYuan < 0 && !def.allowsNegative) {
    return {
      ok: false,
      error: err(
        month,
        'ytd-decreased',
        `${def.nameZh}${month}月累计值（${ytd}）小于${month - 1}月累计值（${previousYtd}）`,
        `${def.nameEn}: year-to-date value of month ${month} (${ytd}) is below that of month ${month - 1} (${previousYtd})`,
        { ytd, previousYtd },
      ),
    };
  }
  return { ok: true, value: fromYuan(deltaYuan) };
}

/**
 * Converts a year's series of YTD values into monthly values. A month whose predecessor is absent cannot be
 * derived — the difference would lump two months together — and is reported instead. A month given twice is
 * ambiguous, so it is dropped (and reported), which also leaves its successor underivable.
 */
export function monthlySeriesFromYtd(indicator: IndicatorCode, entries: readonly YtdEntry[]): YtdConversion {
  const monthly: MonthlyEntry[] = [];
  const errors: YtdConversionError[] = [];
  const byMonth = new Map<number, number>();
  const duplicated = new Set<number>();
  for (const e of entries) {
    if (byMonth.has(e.month)) duplicated.add(e.month);
    byMonth.set(e.month, e.ytd);
  }
  for (const month of duplicated) {
    byMonth.delete(month);
    errors.push(err(month, 'duplicate-month', `${month}月出现多个累计值`, `month ${month} appears more than once`, {}));
  }
  for (const month of [...byMonth.keys()].sort((a, b) => a - b)) {
    const previous = byMonth.get(month - 1);
    const result = monthlyFromYtd(indicator, month, byMonth.get(month)!, previous ?? null);
    if (result.ok) monthly.push({ month, value: result.value });
    else errors.push(result.error);
  }
  return { monthly, errors };
}

function err(
  month: number,
  code: YtdConversionErrorCode,
  messageZh: string,
  messageEn: string,
  params: Record<string, number>,
): YtdConversionError {
  return { month, code, messageZh, messageEn, params: { month, ...params } };
}
