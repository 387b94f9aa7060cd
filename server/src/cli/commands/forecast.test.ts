import { describe, expect, it } from 'vitest';
import { runBiomfg } from '../../../../test/cli-runner.ts';

/** Bad input is refused with a located message before any database is opened (SPEC §11). */
describe('forecast and report monthly: arguments', () => {
  it('forecast refuses runs out of range and a non-numeric seed, naming the flag', async () => {
    const runs = await runBiomfg({}, ['forecast', '--runs', '5']);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain('--runs');
    const seed = await runBiomfg({}, ['forecast', '--seed', 'abc']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed');
  });

  it('report monthly needs a YYYY-MM period and a .docx output', async () => {
    const period = await runBiomfg({}, ['report', 'monthly', '--period', '2025-13', '--out', 'x.docx']);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('--period');
    const out = await runBiomfg({}, ['report', 'monthly', '--period', '2025-12', '--out', 'x.pdf']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--out');
  });
});
