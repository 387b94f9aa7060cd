/**
 * The economic model behind the demo figures: options, calibration targets, seasonality, macro shocks and the
 * expected (noise-free) monthly revenue of a firm. Enterprises are calibrated and monthly rows generated from the
 * same function, so the calibrated totals and the generated rows cannot drift apart.
 */
import { dayNumber, fromMonthIndex, isoDate, monthIndex, parseIsoDate, type YearMonth } from './calendar.ts';
import type { DemoEnterprise, DemoOptions, SizeTier } from './types.ts';

export const DEFAULT_ENTERPRISES = 150;
export const DEFAULT_SEED = 20231011;
export const FIRST_REPORT_MONTH = monthIndex({ year: 2019, month: 1 });

/**
 * What the 150-enterprise demo aims at for 2025, in 万元 (1 亿元 = 10 000 万元). The policy's 2025 goals are
 * 500 亿元 industry scale and 300 亿元 manufacturing output; the demo misses them by ~14% so that goal tracking,
 * warnings and forecasts have a story to tell (SPEC §10). Firm-level growth (~9–10%/yr) then leaves the 2030
 * goals (1000 / 800 亿元, 18–26%/yr needed) at risk. Totals scale linearly with the enterprise count.
 */
export const CALIBRATION = {
  year: 2025,
  industryScale: 4_300_000,
  manufacturingOutput: 2_550_000,
  perEnterprises: 150,
} as const;

/** Monthly seasonality, mean one: Spring-Festival dip in February, year-end rush in December. */
export const SEASON: readonly number[] = (() => {
  const raw = [0.97, 0.74, 1.01, 0.99, 1.0, 1.05, 0.98, 0.97, 1.03, 0.98, 1.04, 1.3];
  const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
  return raw.map((v) => v / mean);
})();

/**
 * District-wide shocks every Shanghai statistician remembers: the first COVID-19 wave (early 2020) and the
 * spring 2022 lockdown. They make year-on-year comparisons around those months look the way real ones do.
 */
const MACRO = new Map<number, number>([
  [monthIndex({ year: 2020, month: 1 }), 0.95],
  [monthIndex({ year: 2020, month: 2 }), 0.62],
  [monthIndex({ year: 2020, month: 3 }), 0.86],
  [monthIndex({ year: 2020, month: 4 }), 0.95],
  [monthIndex({ year: 2022, month: 4 }), 0.45],
  [monthIndex({ year: 2022, month: 5 }), 0.62],
  [monthIndex({ year: 2022, month: 6 }), 0.9],
]);
export const macroFactor = (t: number): number => MACRO.get(t) ?? 1;

/** Growth is anchored mid-2025 so that `annualRevenue` is (about) the firm's 2025 revenue at maturity. */
const GROWTH_ANCHOR = monthIndex({ year: CALIBRATION.year, month: 1 }) + 5.5;

export interface EnterpriseModel {
  index: number;
  enterprise: DemoEnterprise;
  tier: SizeTier;
  /** Mature annual revenue at the 2025 anchor, 万元; calibration rescales it. */
  annualRevenue: number;
  /** Annual growth rate of the firm's trend. */
  growth: number;
  /** A recent downturn: from this month on the firm shrinks at `rate` a year instead of growing. */
  decline: { fromMonth: number; rate: number } | null;
  /** Revenue per unit of output for industrial firms (营业收入 includes trade and services); null otherwise. */
  revenuePerOutput: number | null;
  foundedMonth: number;
  /** First and last month with a report (inclusive); `endMonth` is Infinity for firms still active. */
  startMonth: number;
  endMonth: number;
  /** Months from founding to full size: new firms ramp up instead of appearing at full scale. */
  rampMonths: number;
  /** Closing firms shrink over their last months (that is what a warning should catch before they go). */
  fadesOut: boolean;
  exportShare: number;
  margin: number;
  taxRate: number;
  rdRate: number;
  /** tce per 万元 of output (or of revenue for non-industrial firms). */
  energyIntensity: number;
  /** 万元 of annual revenue per employee. */
  productivity: number;
  noiseSd: number;
  /** Submits late more often than others. */
  sloppy: boolean;
  /** One month with a >50% swing, reported with an explanation (说明). */
  shock: { month: number; factor: number; explanation: string } | null;
  /** A deliberate error in the latest month's report. */
  latestAnomaly: 'unit-slip' | 'sales-over-output' | null;
}

/** Expected monthly revenue without seasonality: what employees and capacity follow. */
export function trendRevenue(m: EnterpriseModel, t: number): number {
  if (t < m.startMonth || t > m.endMonth) return 0;
  const ramp = Math.min(1, 0.2 + (0.8 * (t - m.foundedMonth + 1)) / m.rampMonths);
  const left = m.endMonth - t;
  const fade = m.fadesOut && left < 6 ? 0.55 + (0.45 * left) / 6 : 1;
  const turn = m.decline && t > m.decline.fromMonth ? m.decline : null;
  const trend = turn
    ? Math.pow(1 + m.growth, (turn.fromMonth - GROWTH_ANCHOR) / 12) * Math.pow(1 + turn.rate, (t - turn.fromMonth) / 12)
    : Math.pow(1 + m.growth, (t - GROWTH_ANCHOR) / 12);
  return (m.annualRevenue / 12) * trend * ramp * fade;
}

/** Expected (noise-free) revenue of month t in 万元; 0 before the first and after the last report. */
export function expectedRevenue(m: EnterpriseModel, t: number): number {
  const base = trendRevenue(m, t);
  if (base === 0) return 0;
  const shock = m.shock && m.shock.month === t ? m.shock.factor : 1;
  return base * SEASON[t % 12]! * macroFactor(t) * shock;
}

export interface ResolvedOptions {
  enterprises: number;
  seed: number;
  asOf: YearMonth;
  asOfIndex: number;
  today: string;
  todayDay: number;
  includeMonthlyReports: boolean;
}

/** Applies defaults and rejects inputs no caller should pass (the generator must not silently produce nonsense). */
export function resolveOptions(options: DemoOptions): ResolvedOptions {
  const enterprises = options.enterprises ?? DEFAULT_ENTERPRISES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 1_000_000) {
    throw new RangeError(`enterprises must be an integer in 1..1000000, got ${enterprises}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const { year, month } = options.asOf;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`asOf must be a calendar month, got ${year}-${month}`);
  }
  const asOfIndex = monthIndex(options.asOf);
  if (asOfIndex < FIRST_REPORT_MONTH + 12) throw new RangeError('asOf must be 2020-01 or later');
  const next = fromMonthIndex(asOfIndex + 1);
  const todayDay = options.today ? parseIsoDate(options.today) : dayNumber(next.year, next.month, 20);
  if (todayDay < dayNumber(next.year, next.month, 1)) {
    throw new RangeError(`today (${isoDate(todayDay)}) must be after the end of asOf (${year}-${month})`);
  }
  return {
    enterprises,
    seed,
    asOf: { year, month },
    asOfIndex,
    today: isoDate(todayDay),
    todayDay,
    includeMonthlyReports: options.includeMonthlyReports ?? true,
  };
}
