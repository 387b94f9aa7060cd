import { forecastQuerySchema } from '../../../../contracts/forecast.ts';
import { computeForecast, refusalMessage } from '../../modules/forecast/forecast.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export async function runForecast({ values, out }: CommandArgs): Promise<void> {
  const query = forecastQuerySchema.safeParse({ runs: values.runs ?? undefined, seed: values.seed ?? undefined });
  if (!query.success) {
    const issue = query.error.issues[0]!;
    throw new CliError(`--${String(issue.path[0])}: ${issue.message} (runs 100–50000, seed 0–2147483647)`, 2);
  }
  await withDatabase(out, async (database) => {
    // The console blocks nobody: the simulations run in this process.
    const view = await computeForecast(database.db, { ...query.data, inProcess: true });
    const refusal = refusalMessage(view.refused);
    if (refusal) out.info(refusal);
    const goals = view.goals.map((g) => ({ key: g.key, year: g.year, target: g.target, unit: g.unit, p: g.p, p10: g.p10, p50: g.p50, p90: g.p90 }));
    const lines = [
      `预测 / forecast as of ${view.asOf}, ${view.runs} runs, seed ${view.seed}`,
      ['goal', 'year', 'target', 'P(met)', 'p10', 'p50', 'p90'].join('\t'),
      ...view.goals.map((g) => [g.key, g.year, `${g.target} ${g.unit}`, pct(g.p), g.p10.toFixed(2), g.p50.toFixed(2), g.p90.toFixed(2)].join('\t')),
      `backtest: median |error| ${pct(view.backtest.medianAbsError)}, 80% band coverage ${pct(view.backtest.coverage)} (${view.backtest.cells} cells)`,
    ];
    out.result(lines.join('\n'), { asOf: view.asOf, runs: view.runs, goals });
  });
}
