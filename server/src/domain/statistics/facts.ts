import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { addYuan, toYuan } from './money.ts';

/**
 * One enterprise-month of reported figures, as the statistics functions see it. Values are monthly amounts in
 * the indicator's storage unit (万元, tce, persons); for a stock indicator the value is the period-end level.
 * `approved` is true for reports that completed the workflow and for imported bureau figures — only those count.
 */
export interface MonthlyFact {
  enterpriseId: string;
  year: number;
  month: number;
  values: Partial<Record<IndicatorCode, number>>;
  approved: boolean;
}

/** Assigns an enterprise to a group (domain, zone, chain node, or the enterprise itself). */
export type GroupOf = ((enterpriseId: string) => string) | ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Raised for input that no correct caller produces (duplicate approved months, month 13, NaN). */
export class StatisticsInputError extends Error {
  override readonly name = 'StatisticsInputError';
}

/** Group used for enterprises a map does not know, so they are shown rather than silently dropped. */
export const UNGROUPED_KEY = '(未分组)';

export function resolveGroupOf(groupOf: GroupOf): (enterpriseId: string) => string {
  if (typeof groupOf === 'function') return groupOf;
  if (groupOf instanceof Map) return (id) => groupOf.get(id) ?? UNGROUPED_KEY;
  const record = groupOf as Readonly<Record<string, string>>;
  return (id) => (Object.prototype.hasOwnProperty.call(record, id) ? record[id]! : UNGROUPED_KEY);
}

/** Approved facts indexed enterprise → year → month → values. Unapproved facts never enter the index. */
export type FactIndex = Map<string, Map<number, Map<number, Partial<Record<IndicatorCode, number>>>>>;

/**
 * Builds the index of approved facts. Throws StatisticsInputError on a month outside 1..12, a non-integer year,
 * a non-finite value, or two approved facts for the same enterprise-month: the database keeps one approved
 * revision per enterprise-month, so a duplicate means the caller passed revisions, and summing them would
 * double-count silently.
 */
export function indexApprovedFacts(facts: readonly MonthlyFact[]): FactIndex {
  const index: FactIndex = new Map();
  for (const fact of facts) {
    if (!fact.approved) continue;
    if (!Number.isInteger(fact.year) || !Number.isInteger(fact.month) || fact.month < 1 || fact.month > 12) {
      throw new StatisticsInputError(`invalid period ${fact.year}-${fact.month} for enterprise ${fact.enterpriseId}`);
    }
    for (const [code, value] of Object.entries(fact.values)) {
      if (value !== undefined && !Number.isFinite(value)) {
        throw new StatisticsInputError(`non-finite ${code} for enterprise ${fact.enterpriseId} ${fact.year}-${fact.month}`);
      }
    }
    let years = index.get(fact.enterpriseId);
    if (!years) index.set(fact.enterpriseId, (years = new Map()));
    let months = years.get(fact.year);
    if (!months) years.set(fact.year, (months = new Map()));
    if (months.has(fact.month)) {
      throw new StatisticsInputError(
        `two approved reports for enterprise ${fact.enterpriseId} in ${fact.year}-${fact.month}`,
      );
    }
    months.set(fact.month, fact.values);
  }
  return index;
}

/** Whether the enterprise has an approved report for (year, month), whatever it carries. */
export function hasApprovedReport(index: FactIndex, enterpriseId: string, year: number, month: number): boolean {
  return index.get(enterpriseId)?.get(year)?.has(month) ?? false;
}

/**
 * Membership of indicator I's comparable set C_I for (year, month): an approved report for that month with a
 * value for I (0 is a value; an empty cell is not). Per indicator, because a bureau import carries output but no
 * revenue: its enterprise must not join the revenue set with an empty revenue and pull the growth down.
 */
export function hasApprovedValue(index: FactIndex, enterpriseId: string, indicator: IndicatorCode, year: number, month: number): boolean {
  return index.get(enterpriseId)?.get(year)?.get(month)?.[indicator] !== undefined;
}

/** The month's value in integer 元 (or 1/10 000 of the unit); a missing report or value counts 0. */
export function monthYuan(index: FactIndex, enterpriseId: string, indicator: IndicatorCode, year: number, month: number): number {
  const value = index.get(enterpriseId)?.get(year)?.get(month)?.[indicator];
  return value === undefined ? 0 : toYuan(value);
}

/**
 * YTD in integer 元 for one enterprise (SPEC §4): flow = months 1..M of the year summed, a missing month counts 0;
 * stock = month M's value (a level is not additive over time).
 */
export function ytdYuan(index: FactIndex, enterpriseId: string, indicator: IndicatorCode, year: number, month: number): number {
  if (INDICATOR_BY_CODE[indicator].kind === 'stock') return monthYuan(index, enterpriseId, indicator, year, month);
  const months = index.get(enterpriseId)?.get(year);
  if (!months) return 0;
  let total = 0;
  for (const [m, values] of months) {
    const v = values[indicator];
    if (m <= month && v !== undefined) total = addYuan(total, toYuan(v));
  }
  return total;
}

/** Sum of months from..to (inclusive) in integer 元 — e.g. last year's remaining months for a year-end estimate. */
export function monthRangeYuan(
  index: FactIndex,
  enterpriseId: string,
  indicator: IndicatorCode,
  year: number,
  fromMonth: number,
  toMonth: number,
): number {
  const months = index.get(enterpriseId)?.get(year);
  if (!months) return 0;
  let total = 0;
  for (const [m, values] of months) {
    const v = values[indicator];
    if (m >= fromMonth && m <= toMonth && v !== undefined) total = addYuan(total, toYuan(v));
  }
  return total;
}

/** Whether the enterprise has any approved report in months 1..M of the year (it belongs to that period's total). */
export function reportedInPeriod(index: FactIndex, enterpriseId: string, year: number, month: number): boolean {
  const months = index.get(enterpriseId)?.get(year);
  if (!months) return false;
  for (const m of months.keys()) if (m <= month) return true;
  return false;
}

export function assertPeriod(year: number, month: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new StatisticsInputError(`invalid period ${year}-${month}`);
  }
}
