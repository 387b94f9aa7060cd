import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { GapAnalysisView } from '../../../../contracts/forecast.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../app/errors.ts';
import { decomposeGap, type EnterpriseGroup, type GapEnterprise, type GapPart, type SlippedProject } from '../../domain/forecast/gap-decomposition.ts';
import { DEFAULT_PIPELINE_PRIOR, projectOutputInYear } from '../../domain/forecast/pipeline.ts';
import { fractionalYear, metricHasProject } from '../forecast/index.ts';
import { wanTo } from '../forecast/index.ts';
import { loadEnterpriseYears, loadMetricDefinitions, loadPartNames, loadProjects, type EnterpriseYearRow } from '../forecast/index.ts';
import { computeGoalProgress } from '../statistics/index.ts';
import { reportWarnings } from './report-warnings.ts';

/**
 * 事后分析 (issue 11 §3): the gap between a goal metric's target for a period (the goal itself in a goal year,
 * else the year's milestone; for a month before December the share months/12 of it, as the cockpit's
 * milestone line) and the actual YTD, decomposed by zone, domain and enterprise group with the slipped
 * projects named (domain/forecast/gap-decomposition.ts: the parts add up to the gap exactly).
 */

const unknownMetric = (metric: string) => new AppError(404, 'GOAL_METRIC_NOT_FOUND', `没有名为 ${metric} 的目标指标或其没有计算公式`, `No goal metric ${metric} with a formula`);
const noMilestone = () => new AppError(409, 'GOAL_NO_MILESTONE', '该年份没有目标里程碑', 'The goal has no milestone for that year');

function groupOf(r: { status: string; exitedOn: string | null; previous: number; current: number }, periodEnd: string): EnterpriseGroup {
  if (r.status === 'closed' && r.exitedOn !== null && r.exitedOn <= periodEnd) return 'exited';
  if (r.status === 'moved-away' && r.exitedOn !== null && r.exitedOn <= periodEnd) return 'relocated';
  if (r.previous === 0 && r.current > 0) return 'new';
  if (r.current === 0 && r.previous > 0) return 'unreported';
  return 'existing';
}

const GROUP_NAMES: Record<string, { zh: string; en: string }> = {
  existing: { zh: '存量企业增长', en: 'Existing firms' },
  new: { zh: '新进入企业', en: 'New entrants' },
  exited: { zh: '退出企业', en: 'Exits' },
  relocated: { zh: '迁出企业', en: 'Relocated out' },
  unreported: { zh: '本期未报企业', en: 'Not reported' },
  'slipped-projects': { zh: '延期未投产项目', en: 'Slipped projects' },
};

export async function computeGapAnalysis(db: Db, args: { metric: string; period: { year: number; month: number } }): Promise<GapAnalysisView> {
  const { year, month } = args.period;
  const defs = await loadMetricDefinitions(db);
  const metric = defs.metrics.find((m) => m.metric === args.metric);
  if (!metric) throw unknownMetric(args.metric);
  const progress = (await computeGoalProgress(db, { kind: 'district' }, { period: args.period })).goals.find((g) => g.metric === metric.metric);
  // A goal year measures against the goal itself (known even when the baseline has no data for milestones).
  const goal = metric.goals.find((g) => g.year === year);
  const yearTarget = goal?.targetWan ?? progress?.milestones.find((m) => m.year === year)?.value;
  if (yearTarget === undefined) throw noMilestone();
  const target = (yearTarget * month) / 12;
  const periodEnd = `${year}-${String(month).padStart(2, '0')}-31`;

  const rows = await loadEnterpriseYears(db, metric.population, metric.indicator, args.period);
  const at = (r: EnterpriseYearRow, y: number) => r.year === y && r.month === month;
  const byId = new Map<string, { row: EnterpriseYearRow; previous: number; current: number }>();
  for (const r of rows) {
    if (!at(r, year) && !at(r, year - 1)) continue;
    const e = byId.get(r.enterpriseId) ?? { row: r, previous: 0, current: 0 };
    if (at(r, year)) e.current = r.ytd;
    else e.previous = r.ytd;
    byId.set(r.enterpriseId, e);
  }
  const enterprises: GapEnterprise[] = [...byId.entries()].map(([key, e]) => ({
    key,
    name: e.row.name,
    domain: e.row.domain,
    zone: e.row.zone,
    group: groupOf({ status: e.row.status, exitedOn: e.row.exitedOn, previous: e.previous, current: e.current }, periodEnd),
    previous: e.previous,
    current: e.current,
  }));

  // Projects planned to produce by the end of the period in this year that had not produced by then.
  const cutoff = year + month / 12;
  const slipped: SlippedProject[] = [];
  for (const p of await loadProjects(db)) {
    const planned = p.planned.producing;
    if (!planned || !metricHasProject(metric, p) || p.fullOutput <= 0) continue;
    const start = fractionalYear(planned);
    const produced = p.actual.producing ?? p.actual.full;
    if (start >= cutoff || start < year || (produced && fractionalYear(produced) <= cutoff)) continue;
    const ramp = DEFAULT_PIPELINE_PRIOR.ramp;
    const plannedOutput = projectOutputInYear(p.fullOutput, start, year, year, ramp) - projectOutputInYear(p.fullOutput, start, year, cutoff, ramp);
    slipped.push({ key: p.code, name: p.name, domain: p.domain, zone: p.zone, plannedOn: planned, plannedOutput: Math.round(plannedOutput * 10_000) / 10_000 });
  }

  const d = decomposeGap({ target, enterprises, slipped });
  const names = await loadPartNames(db);
  const unit = metric.goals[0]!.unit;
  const to = (v: number) => wanTo(unit, v);
  const part = (kind: string) => (p: GapPart) => ({
    key: p.key,
    name: kind === 'group' ? (GROUP_NAMES[p.key] ?? { zh: p.key, en: p.key }) : (names.get(`${kind}:${p.key}`) ?? { zh: p.key, en: p.key }),
    previous: to(p.previous),
    current: to(p.current),
    expected: to(p.expected),
    gap: to(p.gap),
  });
  const firm = (p: GapPart & { name: string }) => ({ key: p.key, name: { zh: p.name, en: p.name }, previous: to(p.previous), current: to(p.current), expected: to(p.expected), gap: to(p.gap) });
  const warnings = (await reportWarnings(db, { kind: 'district' }, args.period)) ?? [];
  return {
    metric: metric.metric,
    period: formatPeriod(year, month),
    unit,
    against: metric.goals.some((g) => g.year === year) ? 'goal' : 'milestone',
    target: to(d.target),
    previous: to(d.previous),
    actual: to(d.actual),
    gap: to(d.gap),
    requiredChange: to(d.requiredChange),
    actualChange: to(d.actualChange),
    byZone: d.byZone.map(part('zone')),
    byDomain: d.byDomain.map(part('domain')),
    byGroup: d.byGroup.map(part('group')),
    enterprisesShort: d.enterprisesShort.map(firm),
    enterprisesAhead: d.enterprisesAhead.map(firm),
    slippedProjects: slipped.map((s) => ({ code: s.key, name: s.name, zone: s.zone, domain: s.domain, plannedOn: s.plannedOn, plannedOutput: to(s.plannedOutput) })),
    warnings: warnings.map((w) => ({ level: w.level, title: w.title, subject: w.subject })),
  };
}
