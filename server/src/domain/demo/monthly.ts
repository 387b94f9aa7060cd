/**
 * Monthly reports (SPEC §4) generated one enterprise at a time from the model: expected revenue × a persistent
 * (AR(1)) business-cycle term × independent monthly noise, with the other indicators derived from revenue
 * through the firm's own ratios. Each enterprise draws from its own PRNG stream, so the streamed and the
 * in-memory variants give identical rows and memory stays O(1) per row when streaming.
 */
import { dayNumber, fromMonthIndex, isoDate, periodOf } from './calendar.ts';
import { expectedRevenue, trendRevenue, type EnterpriseModel, type ResolvedOptions } from './model.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoMonthlyReport, ReportStatus } from './types.ts';

/** Persistence of the business-cycle term: a good month tends to be followed by another. */
const AR_RHO = 0.6;
/** The reporting deadline: the 10th of the following month (SPEC §5). */
export const REPORT_DEADLINE_DAY = 10;

const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;
const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Status of the latest month's report before dates are checked against `today`. */
function latestTarget(rng: Rng): ReportStatus | 'missing' {
  return rng.weighted(['approved', 'park-reviewed', 'submitted', 'draft', 'missing'] as const, [0.73, 0.08, 0.07, 0.05, 0.07]);
}

interface Workflow {
  status: ReportStatus;
  submittedOn: string | null;
  parkReviewedOn: string | null;
  approvedOn: string | null;
  isLate: boolean;
}

/**
 * Submission, park review and approval dates. Anything that would fall after `today` has not happened yet,
 * so the status falls back to the last step that has (a report cannot be approved tomorrow).
 */
function workflow(rng: Rng, t: number, target: ReportStatus, late: boolean, todayDay: number): Workflow {
  const next = fromMonthIndex(t + 1);
  const submitted = dayNumber(next.year, next.month, late ? rng.int(REPORT_DEADLINE_DAY + 1, 25) : rng.int(2, REPORT_DEADLINE_DAY));
  const reviewed = submitted + rng.int(1, 3);
  const approved = reviewed + rng.int(1, 4);
  const reached = (day: number) => day <= todayDay;
  let status = target;
  if (status === 'approved' && !reached(approved)) status = 'park-reviewed';
  if (status === 'park-reviewed' && !reached(reviewed)) status = 'submitted';
  if ((status === 'submitted' || status === 'returned') && !reached(submitted)) status = 'draft';
  const rank = { draft: 0, submitted: 1, returned: 1, 'park-reviewed': 2, approved: 3 }[status];
  return {
    status,
    submittedOn: rank >= 1 ? isoDate(submitted) : null,
    parkReviewedOn: rank >= 2 ? isoDate(reviewed) : null,
    approvedOn: rank >= 3 ? isoDate(approved) : null,
    isLate: rank >= 1 && late,
  };
}

/** All reports of one enterprise, oldest first; the latest month may be missing (not reported). */
export function* enterpriseReports(m: EnterpriseModel, opts: ResolvedOptions): Generator<DemoMonthlyReport> {
  const rng = createRng(opts.seed, 'monthly', m.index);
  const e = m.enterprise;
  const arSd = m.noiseSd * 0.6;
  const arVar = (arSd * arSd) / (1 - AR_RHO * AR_RHO);
  let ar = rng.normal(0, Math.sqrt(arVar)); // start in the stationary distribution
  let staffDrift = 0;
  const last = Math.min(opts.asOfIndex, m.endMonth);
  const lateShare = m.sloppy ? 0.15 : 0.003;

  for (let t = m.startMonth; t <= last; t++) {
    ar = AR_RHO * ar + rng.normal(0, arSd);
    staffDrift = 0.9 * staffDrift + rng.normal(0, 0.015);
    const revenue = expectedRevenue(m, t) * Math.exp(ar - arVar / 2) * rng.noise(m.noiseSd);
    let output = 0;
    let sales = 0;
    let exported = 0;
    if (m.revenuePerOutput) {
      output = (revenue / m.revenuePerOutput) * rng.noise(0.02);
      sales = output * Math.min(1.08, Math.max(0.88, rng.normal(0.965, 0.025)));
      exported = m.exportShare > 0 ? Math.min(sales, sales * m.exportShare * rng.noise(0.15)) : 0;
    }
    const profit = revenue * (m.margin + rng.normal(0, 0.015));
    const tax = revenue * m.taxRate * rng.noise(0.1);
    const rd = revenue * m.rdRate * rng.noise(0.15);
    const energy = (output > 0 ? output : revenue * 0.3) * m.energyIntensity * rng.noise(0.05);
    const employees = Math.max(3, Math.round(((trendRevenue(m, t) * 12) / m.productivity) * Math.exp(staffDrift)));

    const isLatest = t === opts.asOfIndex;
    let target: ReportStatus | 'missing' = isLatest ? latestTarget(rng) : 'approved';
    let explanation: string | null = null;
    let returnReason: string | null = null;
    let anomaly: DemoMonthlyReport['anomaly'] = null;
    let moneyFactor = 1;
    if (m.shock && m.shock.month === t) {
      explanation = m.shock.explanation;
      anomaly = 'swing';
    }
    if (isLatest && m.latestAnomaly === 'unit-slip') {
      // Typed in 元 instead of 万元; submitted and waiting for the park's review to catch it.
      target = 'submitted';
      moneyFactor = 10_000;
      anomaly = 'unit-slip';
    }
    if (isLatest && m.latestAnomaly === 'sales-over-output') {
      target = 'returned';
      sales = output * rng.float(1.28, 1.4);
      returnReason = '工业销售产值超过工业总产值的1.2倍，请核实产销数据后重新上报。';
      anomaly = 'sales-over-output';
    }
    if (target === 'missing') continue;
    const flow = workflow(rng, t, target, rng.chance(lateShare), opts.todayDay);
    const { year, month } = fromMonthIndex(t);
    yield {
      enterpriseId: e.id,
      uscc: e.uscc,
      period: periodOf(t),
      year,
      month,
      output: round4(output * moneyFactor),
      sales: round4(sales * moneyFactor),
      export: round4(exported * moneyFactor),
      revenue: round4(revenue * moneyFactor),
      profit: round4(profit * moneyFactor),
      tax: round4(tax * moneyFactor),
      rd: round4(rd * moneyFactor),
      energy: round2(energy),
      employees,
      ...flow,
      explanation,
      returnReason,
      anomaly,
    };
  }
}

/** Every report of every model, enterprise by enterprise. */
export function* reportsOfModels(models: readonly EnterpriseModel[], opts: ResolvedOptions): Generator<DemoMonthlyReport> {
  for (const m of models) yield* enterpriseReports(m, opts);
}
