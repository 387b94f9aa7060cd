import { indicatorCodeSchema, parsePeriod } from '../../../../contracts/indicators.ts';
import { statDimensionSchema, type BreakdownRowView } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import { rebuildRollups } from '../../modules/statistics/rollup.repository.ts';
import { computeStatsBreakdown } from '../../modules/statistics/stats-query.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

/**
 * `stats query` output row (SPEC §11): amounts in 万元, yoy fractions, contribution fractions, pull in pp; `key`
 * is the group's Chinese name, `code` its code (domain, zone, enterprise id …), `enterprises` the size of the
 * comparable set and `nominalYtd` / `nominalBase` the sums over every reporting enterprise behind `nominalYoy`.
 */
export function statsQueryRow(r: BreakdownRowView) {
  return {
    key: r.key,
    month: r.month,
    ytd: r.ytd,
    base: r.base,
    yoy: r.yoy,
    nominalYoy: r.nominalYoy,
    contribution: r.contribution,
    pull: r.pull,
    code: r.code,
    enterprises: r.enterprises,
    nominalYtd: r.nominalYtd,
    nominalBase: r.nominalBase,
  };
}

const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);
const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });

export async function runStatsQuery({ values, out }: CommandArgs): Promise<void> {
  const indicator = indicatorCodeSchema.safeParse(values.indicator);
  if (!indicator.success) throw new CliError(`--indicator 须为 ${indicatorCodeSchema.options.join('|')} / unknown indicator: ${String(values.indicator)}`, 2);
  const period = parsePeriod(String(values.period ?? ''));
  if (!period) throw new CliError(`--period 须为 YYYY-MM / --period must be YYYY-MM: ${String(values.period)}`, 2);
  const by = statDimensionSchema.safeParse(values.by ?? 'domain');
  if (!by.success) throw new CliError(`--by 须为 ${statDimensionSchema.options.join('|')} / unknown dimension: ${String(values.by)}`, 2);
  await withDatabase(out, async (database) => {
    // The console operator reads the whole district (it already holds the database files).
    const view = await computeStatsBreakdown(database.db, { kind: 'district' }, by.data, { indicator: indicator.data, ...period });
    const lines = [
      `${view.indicator} ${view.period} by ${view.by} (${view.unit}; yoy = comparable 同口径, nominal = all enterprises)`,
      ['key', 'month', 'ytd', 'base', 'yoy', 'nominalYoy', 'contribution', 'pull(pp)'].join('\t'),
      ...[...view.rows, view.total].map((r) =>
        [r.key, num(r.month), num(r.ytd), num(r.base), pct(r.yoy, 2), pct(r.nominalYoy, 2), pct(r.contribution), r.pull === null ? '—' : r.pull.toFixed(2)].join('\t'),
      ),
    ];
    out.result(lines.join('\n'), { rows: view.rows.map(statsQueryRow), total: statsQueryRow(view.total) });
  });
}

export async function runStatsRebuild({ out }: CommandArgs): Promise<void> {
  await withDatabase(out, async (database) => {
    const started = Date.now();
    const result = await database.db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    const ms = Date.now() - started;
    out.result(`统计汇总已重建 / rollups rebuilt: ${result.enterpriseYears} enterprise-years, ${result.groupCells} group cells (${ms} ms)`, { ...result, ms });
  });
}
