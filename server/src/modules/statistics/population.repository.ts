import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import type { GrowthSumsYuan } from '../../domain/statistics/index.ts';
import type { Population } from './stats-query.repository.ts';
import { rowsOf, yuanOfNumeric } from './sql-rows.ts';

export interface PopulationTotals extends GrowthSumsYuan {
  /**
   * Σ of last year's months M+1..12 over the enterprises with approved figures this year (months 1..M): the
   * part of last year the year-end estimate extrapolates (as estimateYearEndFromFacts does).
   */
  remainderYuan: number;
}

export function populationFilter(population: Population): SQL {
  const parts = population.map((p) =>
    p.keys.length === 0
      ? sql`false`
      : sql`g.enterprise_id IN (SELECT enterprise_id FROM stat_enterprise_groups WHERE dim = ${p.dim} AND key IN (${sql.join(
          p.keys.map((k) => sql`${k}`),
          sql`, `,
        )}))`,
  );
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/**
 * Totals of one population (a goal formula's enterprises, within the caller's scope) for (y, M); the comparable
 * sums over the indicator's own comparable set (h_<indicator>: the month's report has that value).
 */
export async function populationTotals(db: Db, population: Population, indicator: IndicatorCode, year: number, month: number): Promise<PopulationTotals> {
  if (!(INDICATOR_CODES as readonly string[]).includes(indicator)) throw new Error(`unknown indicator ${indicator}`);
  const col = (prefix: string) => sql.raw(`${prefix}_${indicator}`);
  const [row] = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`
    SELECT sum(CASE WHEN c.${col('h')} THEN c.${col('m')} ELSE 0 END) AS month_c,
           sum(CASE WHEN c.${col('h')} THEN c.${col('y')} ELSE 0 END) AS ytd_c,
           sum(CASE WHEN c.${col('h')} THEN coalesce(q.${col('y')}, 0) ELSE 0 END) AS base_c,
           sum(coalesce(c.${col('y')}, 0)) AS nominal_ytd,
           sum(coalesce(q.${col('y')}, 0)) AS nominal_base,
           count(*) FILTER (WHERE c.${col('h')})::int AS n_c,
           sum(CASE WHEN c.reports_to_date > 0 THEN coalesce(d.${col('y')}, 0) - coalesce(q.${col('y')}, 0) ELSE 0 END) AS remainder
      FROM stat_enterprise_groups g
      LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = g.enterprise_id AND c.year = ${year} AND c.month = ${month}
      LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = g.enterprise_id AND q.year = ${year - 1} AND q.month = ${month}
      LEFT JOIN stat_enterprise_ytd d ON d.enterprise_id = g.enterprise_id AND d.year = ${year - 1} AND d.month = 12
     WHERE g.dim = 'total' AND ${populationFilter(population)} AND (c.enterprise_id IS NOT NULL OR q.enterprise_id IS NOT NULL)`,
  );
  return {
    monthYuan: yuanOfNumeric(row?.month_c as string),
    ytdYuan: yuanOfNumeric(row?.ytd_c as string),
    baseYuan: yuanOfNumeric(row?.base_c as string),
    nominalYtdYuan: yuanOfNumeric(row?.nominal_ytd as string),
    nominalBaseYuan: yuanOfNumeric(row?.nominal_base as string),
    enterprises: Number(row?.n_c ?? 0),
    remainderYuan: yuanOfNumeric(row?.remainder as string),
  };
}

/**
 * A population's nominal YTD for (y, M) — what goal metrics and milestones need. When the population is the
 * members of some keys of one pre-aggregated dimension (the default goal formulas: the plan's domains, or the
 * manufacturing enterprises), the groups are disjoint and their cells hold exactly these sums, so one read of
 * a few cells replaces a pass over every enterprise; otherwise the enterprise rows are summed.
 */
export async function populationNominalYtd(db: Db, population: Population, indicator: IndicatorCode, year: number, month: number): Promise<number> {
  if (!(INDICATOR_CODES as readonly string[]).includes(indicator)) throw new Error(`unknown indicator ${indicator}`);
  const only = population.length === 1 ? population[0]! : null;
  if (population.length === 0 || (only && (CELL_DIMENSIONS as readonly string[]).includes(only.dim) && only.keys.length > 0)) {
    const [dim, keys] = only ? [only.dim, [...new Set(only.keys)]] : ['total', ['all']];
    const [row] = await rowsOf<{ nominal_ytd: string | null }>(
      db,
      sql`SELECT sum(nominal_ytd) AS nominal_ytd FROM stat_group_cells
           WHERE dim = ${dim} AND indicator = ${indicator} AND year = ${year} AND month = ${month}
             AND key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`,
    );
    return yuanOfNumeric(row?.nominal_ytd as string);
  }
  return (await populationTotals(db, population, indicator, year, month)).nominalYtdYuan;
}

/** Dimensions whose groups partition the enterprises (a tag or a chain node may not: an enterprise has several). */
const CELL_DIMENSIONS = ['domain', 'zone', 'domain-zone', 'stage', 'scale', 'manufacturing', 'carrier'] as const;
