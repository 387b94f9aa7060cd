import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { ForecastView } from '../../../../contracts/forecast.ts';
import type { BreakdownRowView, CockpitView, GoalsView } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import { computeCockpit } from '../statistics/index.ts';
import { computeGoalProgress } from '../statistics/index.ts';
import type { StatsScope } from '../statistics/index.ts';
import { computeForecast } from '../forecast/index.ts';
import { reportWarnings, type ReportWarning } from './report-warnings.ts';
import type { GapAnalysisView } from '../../../../contracts/forecast.ts';
import { computeGapAnalysis } from './gap-analysis.service.ts';
import { AppError } from '../../app/errors.ts';
import { signingsThatClosedGaps, type ClosedGapSigning } from '../attraction/index.ts';

/**
 * Everything the monthly analysis report says, gathered from the same services the cockpit and the goals page
 * use for the same period and scope — so every number in the document is the cockpit's (a test compares).
 */
export const REPORT_INDICATOR = 'output' as const;
export const REPORT_FORECAST_RUNS = 10_000;
export const REPORT_FORECAST_SEED = 20231011;

export interface ReportModel {
  period: { year: number; month: number };
  scope: StatsScope;
  zoneName: string | null;
  cockpit: CockpitView;
  goals: GoalsView;
  warnings: ReportWarning[] | null;
  /** District reports only: the goals are the district's. */
  forecast: ForecastView | null;
  /** District reports: the gap of each goal metric to its year-to-date milestone (事后分析). */
  gaps: GapAnalysisView[];
  /** District reports: projects signed in the month on chain nodes, with the node's gap before and after (链式招商). */
  signings: ClosedGapSigning[] | null;
  generatedAt: Date;
}

export async function gatherReport(db: Db, args: { period: { year: number; month: number }; scope: StatsScope; zoneName: string | null; inProcess?: boolean; now?: Date }): Promise<ReportModel> {
  const cockpit = await computeCockpit(db, args.scope, { indicator: REPORT_INDICATOR, period: args.period });
  const goals = await computeGoalProgress(db, args.scope, { period: args.period });
  const warnings = await reportWarnings(db, args.scope, args.period);
  const forecast =
    args.scope.kind === 'district'
      ? await computeForecast(db, { runs: REPORT_FORECAST_RUNS, seed: REPORT_FORECAST_SEED, period: args.period, inProcess: args.inProcess ?? false })
      : null;
  const gaps: GapAnalysisView[] = [];
  if (args.scope.kind === 'district') {
    for (const g of goals.goals) {
      // A year without a milestone (no baseline data) has nothing to decompose; any other failure is an error.
      const gap = await computeGapAnalysis(db, { metric: g.metric, period: args.period }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'GOAL_NO_MILESTONE') return null;
        throw error;
      });
      if (gap) gaps.push(gap);
    }
  }
  const signings = args.scope.kind === 'district' ? await signingsThatClosedGaps(db, args.period, args.now ?? new Date()) : null;
  return { period: args.period, scope: args.scope, zoneName: args.zoneName, cockpit, goals, warnings, forecast, gaps, signings, generatedAt: args.now ?? new Date() };
}

/** 万元 → 亿元 with two decimals: how the report prints every amount. */
export const yi = (wan: number) => (wan / 10_000).toFixed(2);
export const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);
export const pp = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);

/** The summary paragraph, generated from the numbers. */
export function summaryParagraph(m: ReportModel): string {
  const c = m.cockpit;
  const where = m.zoneName ? `${m.zoneName}` : '全区生物制造产业';
  const parts: string[] = [];
  parts.push(
    `${m.period.year}年1—${m.period.month}月，${where}工业总产值累计${yi(c.total.nominalYtd)}亿元，同口径同比${growthWord(c.total.yoy)}。`,
  );
  const manufacturing = m.goals.goals.find((g) => g.formula.indicator === 'output');
  if (manufacturing && manufacturing.current.completion !== null && manufacturing.current.timeProgress !== null) {
    const gap = manufacturing.current.completion - manufacturing.current.timeProgress;
    parts.push(
      `${manufacturing.metric}完成年度目标进度${pct(manufacturing.current.completion)}，时序进度${pct(manufacturing.current.timeProgress)}，${gap >= 0 ? '快于' : '慢于'}时序进度${Math.abs(gap * 100).toFixed(1)}个百分点。`,
    );
  }
  const pulls = [...c.domains].filter((r) => r.pull !== null).sort((a, b) => b.pull! - a.pull!);
  const up = pulls.filter((r) => r.pull! > 0).slice(0, 3);
  const down = pulls.filter((r) => r.pull! < 0).reverse().slice(0, 3);
  if (up.length) parts.push(`拉动较大的领域：${up.map((r) => `${r.key}(拉动${pp(r.pull)}个百分点)`).join('、')}。`);
  if (down.length) parts.push(`拖累较大的领域：${down.map((r) => `${r.key}(拉动${pp(r.pull)}个百分点)`).join('、')}。`);
  const movers = [...c.topContributors.slice(0, 3)];
  if (movers.length) parts.push(`增量贡献居前的企业：${movers.map((r) => `${r.key}(增加${yi(r.ytd - r.base)}亿元)`).join('、')}。`);
  const drags = [...c.topDecliners.slice(0, 3)];
  if (drags.length) parts.push(`降幅较大的企业：${drags.map((r) => `${r.key}(减少${yi(r.base - r.ytd)}亿元)`).join('、')}。`);
  return parts.join('');
}

function growthWord(yoy: number | null): string {
  if (yoy === null) return '无可比基数';
  return yoy >= 0 ? `增长${pct(yoy)}` : `下降${pct(-yoy)}`;
}

export const rowName = (r: BreakdownRowView) => r.key;
export const periodLabel = (p: { year: number; month: number }) => formatPeriod(p.year, p.month);
