import { runForecastBench, type ForecastBenchResult } from '../../modules/forecast/forecast-bench.ts';
import { runStatsBench, type BenchResult } from '../../modules/statistics/stats-bench.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

const ms = (v: number) => `${v.toFixed(1)} ms`;

const pair = (a: number, b: number) => `${a.toFixed(1)} / ${b.toFixed(1)}`;

/** The bench's line of the city-scale table in docs/benchmarks.md, in its format (the command is the table's own). */
function benchmarksRow(r: BenchResult): string {
  const duck = r.duckdb ? `${pair(r.duckdb.p50, r.duckdb.p95)} (×${(r.duckdb.p95 / r.cockpitAfterApproval.p95).toFixed(2)} p95 after an approval)` : 'not run';
  return [
    '',
    `${r.enterprises.toLocaleString('en-US')} × 10 years, ${r.engine}`,
    `${r.loadAverage.min.toFixed(1)}–${r.loadAverage.max.toFixed(1)}`,
    `${Math.round(r.seedRowsPerSecond)} rows/s (${r.rawRows - r.importRows} rows)`,
    `${(r.rebuildMs / 1000).toFixed(1)} s`,
    `${Math.round(r.importRowsPerSecond)} rows/s (${r.importRows} rows, ${r.importMonths === 12 ? 'a year' : r.importMonths === 1 ? 'a month' : `${r.importMonths} months`})`,
    pair(r.cockpitCold.p50, r.cockpitCold.p95),
    pair(r.cockpitAfterApproval.p50, r.cockpitAfterApproval.p95),
    pair(r.cockpit.p50, r.cockpit.p95),
    duck,
    `${r.queriesPerRequest.cached} / ${r.queriesPerRequest.computed}`,
    '',
  ].join(' | ').trim();
}

function table(r: BenchResult & { forecast: ForecastBenchResult }): string {
  const lines = [
    `engine ${r.engine}: ${r.enterprises} enterprises, ${r.rawRows} monthly rows (10 years)`,
    `  bulk seeding           ${Math.round(r.seedRowsPerSecond)} rows/s`,
    `  rollup rebuild         ${(r.rebuildMs / 1000).toFixed(1)} s`,
    `  import (validated)     ${Math.round(r.importRowsPerSecond)} rows/s (${r.importRows} rows)`,
    `  cockpit API, computed  p50 ${ms(r.cockpitCold.p50)}  p95 ${ms(r.cockpitCold.p95)}  (${r.cockpitCold.requests} requests, view cache emptied before each)`,
    `  cockpit API, cached    p50 ${ms(r.cockpit.p50)}  p95 ${ms(r.cockpit.p95)}  (${r.cockpit.requests} requests)`,
    `  cockpit API, first request after an approval  p50 ${ms(r.cockpitAfterApproval.p50)}  p95 ${ms(r.cockpitAfterApproval.p95)}  (${r.cockpitAfterApproval.requests} approvals; the approval itself p50 ${ms(r.cockpitAfterApproval.approvalP50)} p95 ${ms(r.cockpitAfterApproval.approvalP95)}; the views recomputed in the background after it p50 ${ms(r.cockpitAfterApproval.refreshP50)} p95 ${ms(r.cockpitAfterApproval.refreshP95)})`,
    `  queries per cockpit request  ${r.queriesPerRequest.cached} served from the cache, ${r.queriesPerRequest.computed} computed (session check included; independent of N)`,
  ];
  if (r.duckdb) {
    lines.push(`  DuckDB raw-row scan    p50 ${ms(r.duckdb.p50)}  p95 ${ms(r.duckdb.p95)}  (load ${(r.duckdb.loadMs / 1000).toFixed(1)} s)`);
    lines.push(`  ratio DuckDB/computed  p50 ×${(r.duckdb.p50 / r.cockpitCold.p50).toFixed(2)}  p95 ×${(r.duckdb.p95 / r.cockpitCold.p95).toFixed(2)}  numbers match: ${r.duckdbMatches ? 'yes' : 'NO'}`);
    lines.push(`  ratio DuckDB/cached    p50 ×${(r.duckdb.p50 / r.cockpit.p50).toFixed(2)}  p95 ×${(r.duckdb.p95 / r.cockpit.p95).toFixed(2)}`);
    lines.push(`  ratio DuckDB/after an approval  p50 ×${(r.duckdb.p50 / r.cockpitAfterApproval.p50).toFixed(2)}  p95 ×${(r.duckdb.p95 / r.cockpitAfterApproval.p95).toFixed(2)}`);
  } else lines.push('  DuckDB baseline        not run (@duckdb/node-api missing)');
  const f = r.forecast;
  lines.push(`  row for docs/benchmarks.md:`, `  ${benchmarksRow(r)}`);
  lines.push(`  forecast Monte Carlo   ${ms(f.ms)} wall, ${ms(f.cpuMs)} CPU  (${f.runs} runs × ${f.enterprises} enterprises × ${f.projects} projects × ${f.years} years; target ≤ 1000 ms)`);
  return lines.join('\n');
}

export async function runBench({ values, out }: CommandArgs): Promise<void> {
  const n = Number(values.enterprises ?? 1000);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--enterprises 须为正整数 / --enterprises must be a positive integer: ${String(values.enterprises)}`, 2);
  // A fresh embedded database in a temporary folder, or a fresh database on the DATABASE_URL server.
  // The forecast first: pure arithmetic on a generated data set, measured before the database work heats up.
  out.info('forecast: 10000 runs × 1000 enterprises × 200 projects …');
  const forecast = runForecastBench();
  out.info(`forecast: ${ms(forecast.ms)} wall, ${ms(forecast.cpuMs)} CPU`);
  const stats = await runStatsBench({ enterprises: n, databaseUrl: process.env.DATABASE_URL || undefined, log: (line) => out.info(line) });
  const result = { ...stats, forecast };
  out.result(table(result), result);
}
