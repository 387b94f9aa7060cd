import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { accumulate, emptyGrowthSums, enterpriseFiguresYuan } from './comparable-growth.ts';
import { indexApprovedFacts, monthRangeYuan, reportedInPeriod, type MonthlyFact } from './facts.ts';
import { estimateYearEnd, type MaybeNumber } from './goal-progress.ts';
import { addYuan, fromYuan, growthRate, roundWan } from './money.ts';

/** Largest estimate (万元) still exact at 1 元 resolution (2^53 元 ≈ 9.007 × 10^11 万元). */
const MAX_ESTIMATE_WAN = 9e11;

export interface YearEndEstimateFromFacts {
  /** Σ YTD(y, M) over the population (every enterprise with approved figures: the year's total so far). */
  ytd: number;
  /** Σ months M+1..12 of year y−1 over the enterprises that reported in year y (months 1..M). */
  lastYearRemainder: number;
  /** Comparable (同口径) YTD growth used for the extrapolation; null when the comparable base is not positive. */
  growth: number | null;
  /** The estimate rounded to 1 元, or null with the reason. */
  estimate: MaybeNumber;
}

/**
 * The SPEC §4 year-end estimate computed from facts, for a goal metric's population (e.g. the enterprises whose
 * output counts towards 制造业产值). The running total is the nominal YTD — a goal year's value is the calendar
 * year's total of all enterprises — while the growth applied to the rest of the year is the comparable one,
 * because it measures how the same enterprises are doing, unaffected by entries and exits.
 *
 * Last year's remaining months are taken only from enterprises with approved figures this year: one that left
 * (closed, moved away) will not produce them again, while one that is merely late with month M still counts.
 * A newcomer has no last-year months, so its rest of the year is not extrapolated (a conservative estimate).
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
    if (!reportedInPeriod(index, f.enterpriseId, input.year, input.month)) continue;
    remainderYuan = addYuan(
      remainderYuan,
      monthRangeYuan(index, f.enterpriseId, input.indicator, input.year - 1, input.month + 1, 12),
    );
  }
  const ytd = fromYuan(sums.nominalYtdYuan);
  const lastYearRemainder = fromYuan(remainderYuan);
  // With a zero or negative base (利润总额 after a loss year) the ratio says nothing about the coming months and
  // can be arbitrarily large, so it is not extrapolated.
  const growth = sums.baseYuan > 0 ? growthRate(sums.ytdYuan, sums.baseYuan) : null;
  // A level (employees) has no "rest of the year" to add: the estimate is defined for flow indicators only.
  if (INDICATOR_BY_CODE[input.indicator].kind === 'stock') {
    return { ytd, lastYearRemainder, growth, estimate: { value: null, reason: 'stock-indicator' } };
  }
  const raw = estimateYearEnd({ ytd, lastYearRemainder, growth, month: input.month });
  // A tiny base (1 元 last year) can extrapolate to absurd sizes; beyond the exactly storable range say so.
  const estimate: MaybeNumber =
    raw.value === null
      ? raw
      : Math.abs(raw.value) < MAX_ESTIMATE_WAN
        ? { value: roundWan(raw.value), reason: null }
        : { value: null, reason: 'out-of-range' };
  return { ytd, lastYearRemainder, growth, estimate };
}
