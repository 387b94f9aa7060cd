import { INDICATOR_BY_CODE, type IndicatorCode, type IndicatorUnit } from '../../../../contracts/indicators.ts';
import {
  accumulate,
  emptyGrowthSums,
  enterpriseFiguresYuan,
  growthFigures,
  type GrowthFigures,
  type GrowthSumsYuan,
} from './comparable-growth.ts';
import { indexApprovedFacts, reportedInPeriod, resolveGroupOf, type GroupOf, type MonthlyFact } from './facts.ts';

/**
 * Breakdown of a total by group (domain, zone, chain node, enterprise) with contribution and pull, SPEC §4.
 *
 * Contribution 贡献率 of part k = ΔYTD_k / ΔYTD_total and pull 拉动 = ΔYTD_k / base_total × 100, where
 * Δ = YTD(y,M) − comparable base. Both are on the comparable basis, so the parts' contributions add up to 1 and
 * their pulls add up to the total comparable growth in percentage points. Differences are taken in integer 元,
 * so the only rounding is the final division.
 */

export interface BreakdownRow extends GrowthFigures {
  key: string;
  /** ΔYTD_k / ΔYTD_total as a fraction (groups sum to 1); null when the total change is 0. */
  contribution: number | null;
  /** ΔYTD_k / base_total × 100, in percentage points (groups sum to total yoy × 100); null when base_total is 0. */
  pull: number | null;
}

export interface Breakdown {
  indicator: IndicatorCode;
  unit: IndicatorUnit;
  year: number;
  month: number;
  /** Sorted by YTD descending, then key, so the largest parts come first in tables and exports. */
  rows: BreakdownRow[];
  total: BreakdownRow;
}

export interface BreakdownInput {
  facts: readonly MonthlyFact[];
  indicator: IndicatorCode;
  year: number;
  month: number;
  groupOf: GroupOf;
  /** Restricts the population before grouping (e.g. only the plan's domains); all enterprises when absent. */
  include?: (enterpriseId: string) => boolean;
}

export const TOTAL_KEY = 'total';

export function computeBreakdown(input: BreakdownInput): Breakdown {
  const groupOf = resolveGroupOf(input.groupOf);
  const index = indexApprovedFacts(input.facts);
  const groups = new Map<string, GrowthSumsYuan>();
  const total = emptyGrowthSums();

  for (const f of enterpriseFiguresYuan(index, input.indicator, input.year, input.month)) {
    if (input.include && !input.include(f.enterpriseId)) continue;
    // An enterprise with figures in neither period (e.g. only older years were passed in) would add an all-zero
    // row for its group; it is part of neither total, so it is left out.
    const present =
      reportedInPeriod(index, f.enterpriseId, input.year, input.month) ||
      reportedInPeriod(index, f.enterpriseId, input.year - 1, input.month);
    if (!present) continue;
    const key = groupOf(f.enterpriseId);
    let sums = groups.get(key);
    if (!sums) groups.set(key, (sums = emptyGrowthSums()));
    accumulate(sums, f);
    accumulate(total, f);
  }

  const totalDeltaYuan = total.ytdYuan - total.baseYuan;
  const row = (key: string, sums: GrowthSumsYuan): BreakdownRow => {
    const deltaYuan = sums.ytdYuan - sums.baseYuan;
    return {
      key,
      ...growthFigures(sums),
      contribution: totalDeltaYuan === 0 ? null : deltaYuan / totalDeltaYuan,
      pull: total.baseYuan === 0 ? null : (deltaYuan / total.baseYuan) * 100,
    };
  };

  const rows = [...groups].map(([key, sums]) => row(key, sums));
  rows.sort((a, b) => b.ytd - a.ytd || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    indicator: input.indicator,
    unit: INDICATOR_BY_CODE[input.indicator].unit,
    year: input.year,
    month: input.month,
    rows,
    total: row(TOTAL_KEY, total),
  };
}
