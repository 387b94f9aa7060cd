import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { accumulate, emptyGrowthSums, enterpriseFiguresYuan } from './comparable-growth.ts';
import { indexApprovedFacts, monthRangeYuan, type MonthlyFact } from './facts.ts';
import { estimateYearEnd, type MaybeNumber } from './goal-progress.ts';
import { addYuan, fromYuan, growthRate, roundWan } from './money.ts';

export interface YearEndEstimateFromFacts {
  /** Σ YTD(y, M) over the population (every enterprise with approved figures: the year's total so far). */
  ytd: number;
  /** Σ months M+1..12 of year y−1 over the same population. */
  lastYearRemainder: number;
  /** Comparable (同口径) YTD growth used for the extrapolation. */
  growth: number | null;
  /** The estimate rounded to 1 元, or null with the reason. */
  estimate: MaybeNumber;
}

/**
 * The SPEC §4 year-end estimate computed from facts, for a goal metric's population (e.g. the enterprises whose
 * output counts towards 制造业产值). The running total is the nominal YTD — a goal year's value is the calendar
 * year's total of all enterprises — while the growth applied to the rest of the year is the comparable one,
 * because it measures how the same enterprises are doing, unaffected by entries and exits.
 */
export function estimateYearEndFromFacts(input: {
  facts: readonly MonthlyFact[];
  indicator: IndicatorCode;
  year: number;
  month: number;
  include?: (enterpriseId: string) => boolean;
}): YearEndEstimateFromFacts {
  const index = indexApprovedFacts(input.facts);
  const sums = emptyGrowthSums();
  let remainderYuan = 0;
  for (const f of enterpriseFiguresYuan(index, input.indicator, input.year, input.month)) {
    if (input.include && !input.include(f.enterpriseId)) continue;
    accumulate(sums, f);
    remainderYuan = addYuan(
      remainderYuan,
      monthRangeYuan(index, f.enterpriseId, input.indicator, input.year - 1, input.month + 1, 12),
    );
  }
  const ytd = fromYuan(sums.nominalYtdYuan);
  const lastYearRemainder = fromYuan(remainderYuan);
  const growth = growthRate(sums.ytdYuan, sums.baseYuan);
  // A level (employees) has no "rest of the year" to add: the estimate is defined for flow indicators only.
  if (INDICATOR_BY_CODE[input.indicator].kind === 'stock') {
    return { ytd, lastYearRemainder, growth, estimate: { value: null, reason: 'stock-indicator' } };
  }
  const raw = estimateYearEnd({ ytd, lastYearRemainder, growth, month: input.month });
  const estimate = raw.value === null ? raw : { value: roundWan(raw.value), reason: null };
  return { ytd, lastYearRemainder, growth, estimate };
}
