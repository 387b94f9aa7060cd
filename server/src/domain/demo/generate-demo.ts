/**
 * The deterministic demo data set (SPEC §10): pure, no I/O, no clock, no Math.random. The same options give a
 * deep-equal result on every run; the seeder (elsewhere) writes it to the database and labels it 演示数据.
 *
 * Cost is O(enterprises × months) time. For large benchmarks pass `includeMonthlyReports: false` and stream
 * the rows with `iterateMonthlyReports`, which regenerates the same rows one enterprise at a time.
 */
import { buildDemoAccounts, demoAccountEnterprise } from './accounts.ts';
import { periodOf } from './calendar.ts';
import { buildCarrierOccupancy } from './carriers.ts';
import { buildCandidatePool, buildExperts, buildPlatforms } from './catalog.ts';
import { buildEnterpriseModels } from './enterprises.ts';
import { CALIBRATION, FIRST_REPORT_MONTH, resolveOptions } from './model.ts';
import { reportsOfModels } from './monthly.ts';
import { buildProjects } from './projects.ts';
import type { DemoDataset, DemoMonthlyReport, DemoOptions } from './types.ts';

export function generateDemoDataset(options: DemoOptions): DemoDataset {
  const opts = resolveOptions(options);
  const models = buildEnterpriseModels(opts);
  const scale = opts.enterprises / CALIBRATION.perEnterprises;
  // The pool always holds at least 20 experts (catalog.ts); the demo expert account acts for the first.
  const experts = buildExperts(models, opts);
  return {
    meta: {
      isDemo: true,
      labelZh: '演示数据',
      seed: opts.seed,
      enterpriseCount: opts.enterprises,
      asOf: opts.asOf,
      today: opts.today,
      firstPeriod: periodOf(FIRST_REPORT_MONTH),
      lastPeriod: periodOf(opts.asOfIndex),
      calibration: {
        year: CALIBRATION.year,
        industryScaleTarget: CALIBRATION.industryScale * scale,
        manufacturingOutputTarget: CALIBRATION.manufacturingOutput * scale,
      },
    },
    enterprises: models.map((m) => m.enterprise),
    monthlyReports: opts.includeMonthlyReports ? [...reportsOfModels(models, opts)] : [],
    projects: buildProjects(models, opts),
    carriers: buildCarrierOccupancy(models, opts),
    platforms: buildPlatforms(models, opts),
    experts,
    candidatePool: buildCandidatePool(models, opts),
    demoAccounts: buildDemoAccounts(demoAccountEnterprise(models.map((m) => m.enterprise)), experts[0]!),
  };
}

/**
 * The monthly reports of `generateDemoDataset(options)`, in the same order, without holding them in memory:
 * 100 000 enterprises × 120 months can be streamed into the database in batches.
 */
export function* iterateMonthlyReports(options: DemoOptions): Generator<DemoMonthlyReport> {
  const opts = resolveOptions(options);
  yield* reportsOfModels(buildEnterpriseModels(opts), opts);
}

export { DEMO_PASSWORD, DEMO_SCOPES } from './accounts.ts';
export { lastCompleteMonth } from './calendar.ts';
export { CALIBRATION, DEFAULT_ENTERPRISES, DEFAULT_SEED } from './model.ts';
export { REPORT_DEADLINE_DAY } from './monthly.ts';
export type * from './types.ts';
