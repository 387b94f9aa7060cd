import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import {
  assertPeriod,
  hasApprovedValue,
  indexApprovedFacts,
  monthYuan,
  ytdYuan,
  type FactIndex,
  type MonthlyFact,
} from './facts.ts';
import { addYuan, fromYuan, growthRate } from './money.ts';

/**
 * Comparable-basis (同口径) growth, SPEC §4.
 *
 * The statistics bureaus compare the *current-period enterprise set*: C_I = enterprises whose approved report
 * for month M of year y has a value for indicator I (an enterprise that reported output only is not in the
 * revenue set). Their own YTD of year y−1 is the base (a month they did not report counts 0), so an
 * enterprise that closed or moved away drops out of the base instead of showing up as a fall, and a newcomer
 * adds to both sides of the comparison only what it actually had last year. The nominal change of the totals
 * (every enterprise with approved figures in each period) is computed beside it and labelled `nominal…`.
 */

/** One enterprise's figures for (indicator, year, month), all in integer 元 (1/10 000 of the unit). */
export interface EnterpriseFiguresYuan {
  enterpriseId: string;
  /** Member of C_I: the approved report for month M of year y has a value for the indicator (0 counts). */
  inComparableSet: boolean;
  /** Month M of year y. */
  monthYuan: number;
  /** YTD(y, M). */
  ytdYuan: number;
  /** YTD(y−1, M), the enterprise's own figures of the same months last year. */
  previousYtdYuan: number;
}

export function enterpriseFiguresYuan(
  index: FactIndex,
  indicator: IndicatorCode,
  year: number,
  month: number,
): EnterpriseFiguresYuan[] {
  assertPeriod(year, month);
  const figures: EnterpriseFiguresYuan[] = [];
  for (const enterpriseId of index.keys()) {
    figures.push({
      enterpriseId,
      inComparableSet: hasApprovedValue(index, enterpriseId, indicator, year, month),
      monthYuan: monthYuan(index, enterpriseId, indicator, year, month),
      ytdYuan: ytdYuan(index, enterpriseId, indicator, year, month),
      previousYtdYuan: ytdYuan(index, enterpriseId, indicator, year - 1, month),
    });
  }
  return figures;
}

/** Running integer sums for a set of enterprises; kept in 元 until the very end so totals are exact. */
export interface GrowthSumsYuan {
  monthYuan: number;
  ytdYuan: number;
  baseYuan: number;
  nominalYtdYuan: number;
  nominalBaseYuan: number;
  enterprises: number;
}

export function emptyGrowthSums(): GrowthSumsYuan {
  return { monthYuan: 0, ytdYuan: 0, baseYuan: 0, nominalYtdYuan: 0, nominalBaseYuan: 0, enterprises: 0 };
}

/** Adds one enterprise into the sums (mutates `sums`, which is local to the caller's loop). */
export function accumulate(sums: GrowthSumsYuan, f: EnterpriseFiguresYuan): void {
  // Nominal: every enterprise counts in the period it has figures for, whether or not it reported month M.
  sums.nominalYtdYuan = addYuan(sums.nominalYtdYuan, f.ytdYuan);
  sums.nominalBaseYuan = addYuan(sums.nominalBaseYuan, f.previousYtdYuan);
  if (!f.inComparableSet) return;
  sums.monthYuan = addYuan(sums.monthYuan, f.monthYuan);
  sums.ytdYuan = addYuan(sums.ytdYuan, f.ytdYuan);
  sums.baseYuan = addYuan(sums.baseYuan, f.previousYtdYuan);
  sums.enterprises += 1;
}

/** Figures of a set of enterprises, amounts back in the indicator's unit (万元 for money). */
export interface GrowthFigures {
  /** Σ_C month M value. */
  month: number;
  /** Σ_C YTD(y, M). */
  ytd: number;
  /** Comparable base: Σ_C YTD(y−1, M). */
  base: number;
  /** Comparable YoY growth as a fraction (0.12 = 12%); null when the base is 0. */
  yoy: number | null;
  /** Σ over all enterprises with approved figures of YTD(y, M). */
  nominalYtd: number;
  /** Σ over all enterprises with approved figures of YTD(y−1, M). */
  nominalBase: number;
  /** Nominal change of the totals — NOT the official comparable growth; null when the nominal base is 0. */
  nominalYoy: number | null;
  /** Number of enterprises in the comparable set C. */
  enterprises: number;
}

/**
 * Growth as a fraction. Note for 利润总额: with a negative base (a loss last year) the formula still holds
 * arithmetically (and keeps pulls additive), but its sign does not read as "better/worse"; presenters should
 * describe such cases as 扭亏/减亏 rather than print the percentage.
 */
export function growthFigures(sums: GrowthSumsYuan): GrowthFigures {
  return {
    month: fromYuan(sums.monthYuan),
    ytd: fromYuan(sums.ytdYuan),
    base: fromYuan(sums.baseYuan),
    yoy: growthRate(sums.ytdYuan, sums.baseYuan),
    nominalYtd: fromYuan(sums.nominalYtdYuan),
    nominalBase: fromYuan(sums.nominalBaseYuan),
    nominalYoy: growthRate(sums.nominalYtdYuan, sums.nominalBaseYuan),
    enterprises: sums.enterprises,
  };
}

export interface ComparableGrowthInput {
  facts: readonly MonthlyFact[];
  indicator: IndicatorCode;
  year: number;
  month: number;
  /** Restricts the population (e.g. the enterprises of one goal metric); all enterprises when absent. */
  include?: (enterpriseId: string) => boolean;
}

/** Comparable and nominal YTD growth of one population for (indicator, year, month). */
export function computeComparableGrowth(input: ComparableGrowthInput): GrowthFigures {
  const index = indexApprovedFacts(input.facts);
  const sums = emptyGrowthSums();
  for (const f of enterpriseFiguresYuan(index, input.indicator, input.year, input.month)) {
    if (!input.include || input.include(f.enterpriseId)) accumulate(sums, f);
  }
  return growthFigures(sums);
}
