import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestCase } from './backtest.ts';
import { DEFAULT_PIPELINE_PRIOR, estimatePipeline, projectOutputInYear } from './pipeline.ts';
import { simulateForecast } from './simulate.ts';
import { generateSynthetic, syntheticInput, type SyntheticOptions } from './synthetic.ts';

const OPTIONS: SyntheticOptions = { enterprises: 300, projects: 0, firstYear: 2016, lastYear: 2024, growth: 0.08, districtSd: 0.02, firmSd: 0.1, seed: 11 };

describe('Monte-Carlo forecast on a generated data set with known growth', () => {
  const data = generateSynthetic(OPTIONS);
  const base = data.totals.get(2024)!;
  const expected2029 = base * 1.08 ** 5;

  it('recovers the known growth: the median of the goal year is the known path, P is high below it and low above', () => {
    const goals = [
      { key: 'below', year: 2029, target: expected2029 * 0.85 },
      { key: 'above', year: 2029, target: expected2029 * 1.2 },
    ];
    const result = simulateForecast(syntheticInput(data, OPTIONS, goals, 4000, 1));
    const below = result.goals.find((g) => g.key === 'below')!;
    const above = result.goals.find((g) => g.key === 'above')!;
    expect(Math.abs(below.p50 / expected2029 - 1)).toBeLessThan(0.05);
    expect(below.p).toBeGreaterThan(0.9);
    expect(above.p).toBeLessThan(0.1);
    // The band widens with the horizon and brackets the median.
    const bands = result.years.filter((y) => !y.actual);
    for (const b of bands) expect(b.p10).toBeLessThan(b.p50), expect(b.p50).toBeLessThan(b.p90);
    expect(bands.at(-1)!.p90 - bands.at(-1)!.p10).toBeGreaterThan(bands[0]!.p90 - bands[0]!.p10);
  });

  it('is reproducible: the same seed gives the same numbers, another seed other numbers', () => {
    const goals = [{ key: 'g', year: 2027, target: base * 1.25 }];
    const a = simulateForecast(syntheticInput(data, OPTIONS, goals, 500, 42));
    const b = simulateForecast(syntheticInput(data, OPTIONS, goals, 500, 42));
    const c = simulateForecast(syntheticInput(data, OPTIONS, goals, 500, 43));
    expect(b).toEqual(a);
    expect(c.goals[0]!.p50).not.toBe(a.goals[0]!.p50);
  });

  it('a closed goal year is decided by its actual value', () => {
    const result = simulateForecast(syntheticInput(data, OPTIONS, [{ key: 'past', year: 2023, target: data.totals.get(2023)! + 1 }], 100, 1));
    expect(result.goals[0]).toMatchObject({ p: 0, p50: data.totals.get(2023)! });
  });

  it('backtest: one year ahead from the year before, the median is close and the 80 % band covers about 80 %', () => {
    const cases: BacktestCase[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const o = { ...OPTIONS, enterprises: 120, seed, lastYear: 2023 };
      const d = generateSynthetic(o, 1);
      const actual = [...d.future.values()].reduce((s, v) => s + v[0]!, 0);
      cases.push({ metric: 'x', year: 2024, input: syntheticInput(d, o, [], 1000, seed), actual, partActuals: [] });
    }
    const result = runBacktest(cases);
    expect(result.medianAbsError).toBeLessThan(0.04);
    expect(result.coverage).toBeGreaterThanOrEqual(0.6);
    expect(result.coverage).toBeLessThanOrEqual(0.97);
  });
});

describe('pipeline', () => {
  it('estimates each stage from the history with the prior, leaving recent open projects out', () => {
    const history = [
      { reached: { signed: 2018, started: 2018.5, producing: 2020 } },
      { reached: { signed: 2019, started: 2019.5, completed: 2020.5, producing: 2021 } },
      { reached: { signed: 2019 } }, // mature, never started: a failure of 'signed'
      { reached: { signed: 2024.5 } }, // still open at the cut-off 2025
    ];
    const model = estimatePipeline(history, 2025);
    const a = DEFAULT_PIPELINE_PRIOR.strength;
    expect(model.signed).toMatchObject({ successes: 2, failures: 1, open: 1 });
    expect(model.signed.p).toBeCloseTo((2 + a * 0.6) / (3 + a), 12);
    expect(model.signed.delays.slice(0, 2)).toEqual([2, 2]);
    expect(model.completed).toMatchObject({ successes: 1, failures: 0, priorDominates: true });
    // Nothing known: the prior alone.
    expect(estimatePipeline([], 2025).started.p).toBeCloseTo(0.85, 12);
  });

  it('ramps output up 30 / 70 / 100 % over production years, pro rata within a year', () => {
    const ramp = DEFAULT_PIPELINE_PRIOR.ramp;
    expect(projectOutputInYear(100, 2026, 2026, 2025, ramp)).toBeCloseTo(30, 9);
    expect(projectOutputInYear(100, 2026, 2027, 2025, ramp)).toBeCloseTo(70, 9);
    expect(projectOutputInYear(100, 2026, 2028, 2025, ramp)).toBeCloseTo(100, 9);
    expect(projectOutputInYear(100, 2026.5, 2026, 2025, ramp)).toBeCloseTo(15, 9);
    expect(projectOutputInYear(100, 2026.5, 2027, 2025, ramp)).toBeCloseTo(50, 9);
    // Months already observed are in the data, not in the forecast.
    expect(projectOutputInYear(100, 2026, 2026, 2026.5, ramp)).toBeCloseTo(15, 9);
  });

  it('a project worth more than the rest of the uncertainty tops the tornado', () => {
    const o = { ...OPTIONS, enterprises: 60, projects: 10 };
    const d = generateSynthetic(o);
    d.projects[3] = { ...d.projects[3]!, fullOutput: d.totals.get(2024)! * 0.5, stage: 'signed' };
    const target = d.totals.get(2024)! * 1.08 ** 3 * 1.15;
    const result = simulateForecast(syntheticInput(d, o, [{ key: 'g', year: 2027, target }], 2000, 5));
    const top = result.goals[0]!.sensitivity.filter((r) => r.kind === 'project' || r.kind === 'enterprise')[0]!;
    expect(top).toMatchObject({ kind: 'project', key: 'p3' });
    expect(top.high).toBeGreaterThan(top.low);
  });

  it('a partial year keeps the known months and grows only the rest', () => {
    const o = { ...OPTIONS, enterprises: 1, districtSd: 0, firmSd: 0 };
    const d = generateSynthetic(o);
    const e = d.enterprises[0]!;
    // 2025 so far (Jan–Oct): 1000; last year's Nov–Dec: 200; the firm grows 8 % every year.
    const input = { ...syntheticInput(d, o, [{ key: 'g', year: 2025, target: 0 }], 50, 1), asOf: { year: 2025, month: 10 } };
    input.enterprises = [{ ...e, ytd: 1000, restOfBaseYear: 200 }];
    const result = simulateForecast(input);
    expect(result.goals[0]!.p50).toBeCloseTo(1000 + 200 * 1.08, 6);
  });
});
