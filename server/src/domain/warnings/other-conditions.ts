import type { RuleParams } from '../../../../contracts/warnings.ts';
import { enterpriseYtd } from './enterprise-conditions.ts';
import { periodKey, shiftMonth, type EvaluationFacts, type Finding, type GroupRef, type Period } from './facts.ts';
import { projectTrend, requiredGrowth, trendGrowth } from './trend.ts';

/** Report, project, zone/domain and goal rules (issue 11 §1). */

/** The default deadline of a month's report: the 10th of the next month (SPEC §5). */
export function reportDeadline(year: number, month: number): string {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-10`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const todayPeriod = (today: string): Period => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });

/**
 * A report not submitted (missing, draft or returned) past its deadline plus grace days, for the months of the
 * look-back window. Who owes a report: an enterprise that had an approved report in the twelve months before.
 */
export function reportLate(params: RuleParams<'report-late'>, facts: EvaluationFacts): Finding[] {
  const reports = new Map(facts.reports.map((r) => [`${r.enterpriseId}|${periodKey(r.year, r.month)}`, r]));
  const now = todayPeriod(facts.today);
  const out: Finding[] = [];
  for (let i = 1; i <= params.lookbackMonths; i++) {
    const p = shiftMonth(now, i);
    const period = periodKey(p.year, p.month);
    for (const e of facts.enterprises) {
      const report = reports.get(`${e.id}|${period}`);
      const deadline = report?.deadline ?? reportDeadline(p.year, p.month);
      if (!(addDays(deadline, params.graceDays) < facts.today)) continue;
      if (report && !['draft', 'returned', 'missing'].includes(report.status)) continue;
      let reported = false;
      for (let k = 1; k <= 12 && !reported; k++) {
        const q = shiftMonth(p, k);
        reported = e.months.has(periodKey(q.year, q.month));
      }
      if (!reported) continue;
      const status = report?.status ?? 'missing';
      out.push({
        subjectKey: `${e.uscc}:${period}`,
        subjectLabel: `${e.name} ${period}`,
        level: null,
        period,
        explanationZh: `${e.name} ${period} 月报${status === 'missing' ? '未填报' : status === 'returned' ? '退回后未重新提交' : '未提交'}，已过截止日 ${deadline}`,
        explanationEn: `${e.name}: the ${period} report is ${status === 'missing' ? 'missing' : status === 'returned' ? 'returned and not resubmitted' : 'not submitted'}, past its deadline ${deadline}`,
        facts: { status, deadline },
        refs: { zoneId: e.zoneId, domainId: e.domainId, enterpriseId: e.id },
      });
    }
  }
  return out;
}

/** An approved report carrying a 说明 (the form asks for one on an abnormal change), in the look-back window. */
export function reportExplainedAbnormal(params: RuleParams<'report-explained-abnormal'>, facts: EvaluationFacts): Finding[] {
  if (!facts.asOf) return [];
  const from = shiftMonth(facts.asOf, params.lookbackMonths - 1);
  const fromKey = periodKey(from.year, from.month);
  const toKey = periodKey(facts.asOf.year, facts.asOf.month);
  const byId = new Map(facts.enterprises.map((e) => [e.id, e]));
  const out: Finding[] = [];
  for (const r of facts.reports) {
    const period = periodKey(r.year, r.month);
    if (r.status !== 'approved' || !r.explanation?.trim() || period < fromKey || period > toKey) continue;
    const e = byId.get(r.enterpriseId);
    if (!e) continue;
    out.push({
      subjectKey: `${e.uscc}:${period}`,
      subjectLabel: `${e.name} ${period}`,
      level: null,
      period,
      explanationZh: `${e.name} ${period} 月报数据异常变动，已附说明并通过审核：${r.explanation.trim().slice(0, 200)}`,
      explanationEn: `${e.name}: the approved ${period} report explains an abnormal change: ${r.explanation.trim().slice(0, 200)}`,
      facts: { explanation: r.explanation.trim().slice(0, 500) },
      refs: { zoneId: e.zoneId, domainId: e.domainId, enterpriseId: e.id },
    });
  }
  return out;
}

const STAGE_ORDER = ['lead', 'negotiating', 'signed', 'started', 'completed', 'producing', 'full'];
const STAGE_ZH: Record<string, string> = { lead: '线索', negotiating: '洽谈', signed: '签约', started: '开工', completed: '竣工', producing: '投产', full: '达产' };

/** The project's next stage has a planned date more than `graceDays` ago and has not been reached. */
export function projectStageOverdue(params: RuleParams<'project-stage-overdue'>, facts: EvaluationFacts): Finding[] {
  const out: Finding[] = [];
  for (const p of facts.projects) {
    const next = STAGE_ORDER[STAGE_ORDER.indexOf(p.stage) + 1];
    if (!next) continue;
    const planned = p.stages.find((s) => s.stage === next);
    if (!planned?.plannedOn || planned.actualOn) continue;
    if (!(addDays(planned.plannedOn, params.graceDays) < facts.today)) continue;
    out.push({
      subjectKey: p.code,
      subjectLabel: p.name,
      level: null,
      period: null,
      explanationZh: `${p.name} 计划于 ${planned.plannedOn} ${STAGE_ZH[next]}，至今仍处于${STAGE_ZH[p.stage] ?? p.stage}阶段`,
      explanationEn: `${p.name} was planned to reach ${next} on ${planned.plannedOn} and is still at ${p.stage}`,
      facts: { stage: p.stage, nextStage: next, plannedOn: planned.plannedOn },
      refs: { zoneId: p.zoneId, domainId: p.domainId, departmentId: p.departmentId, projectId: p.id },
    });
  }
  return out;
}

/** The planned 达产 date has passed and the investor enterprise reported no output in the look-back months. */
export function projectFullNoOutput(params: RuleParams<'project-full-no-output'>, facts: EvaluationFacts): Finding[] {
  const byId = new Map(facts.enterprises.map((e) => [e.id, e]));
  const out: Finding[] = [];
  for (const p of facts.projects) {
    const full = p.stages.find((s) => s.stage === 'full');
    if (!full?.plannedOn || !(addDays(full.plannedOn, params.graceDays) < facts.today)) continue;
    const investor = p.investorEnterpriseId ? byId.get(p.investorEnterpriseId) : undefined;
    let output = 0;
    if (investor && facts.asOf) {
      for (let i = 0; i < params.lookbackMonths; i++) {
        const q = shiftMonth(facts.asOf, i);
        output += investor.months.get(periodKey(q.year, q.month))?.output ?? 0;
      }
    }
    if (output > 0) continue;
    out.push({
      subjectKey: p.code,
      subjectLabel: p.name,
      level: null,
      period: null,
      explanationZh: `${p.name} 计划达产日 ${full.plannedOn} 已过，近 ${params.lookbackMonths} 个月${investor ? '投资企业无产值' : '未关联报送产值的企业'}`,
      explanationEn: `${p.name}: its planned full-production date ${full.plannedOn} has passed and ${investor ? 'its enterprise reported no output' : 'no reporting enterprise is linked'} in the last ${params.lookbackMonths} months`,
      facts: { plannedFullOn: full.plannedOn, investorLinked: Boolean(investor), output },
      refs: { zoneId: p.zoneId, domainId: p.domainId, departmentId: p.departmentId, projectId: p.id },
    });
  }
  return out;
}

/**
 * Pull 拉动 of each group on the district's comparable YTD growth for month `p` (SPEC §4): over the enterprises
 * with an approved report for the month, ΔYTD of the group's members / the total base × 100 (pp).
 */
export function groupPulls(facts: EvaluationFacts, p: Period, indicator: 'output' | 'revenue', groupOf: (e: EvaluationFacts['enterprises'][number]) => string | null): Map<string, number> {
  let baseTotal = 0;
  const delta = new Map<string, number>();
  for (const e of facts.enterprises) {
    if (!e.months.has(periodKey(p.year, p.month))) continue;
    const base = enterpriseYtd(e, p.year - 1, p.month, indicator);
    baseTotal += base;
    const g = groupOf(e);
    if (g) delta.set(g, (delta.get(g) ?? 0) + enterpriseYtd(e, p.year, p.month, indicator) - base);
  }
  const pulls = new Map<string, number>();
  if (baseTotal <= 0) return pulls;
  for (const [g, d] of delta) pulls.set(g, (d / baseTotal) * 100);
  return pulls;
}

function negativePull(kind: 'zone' | 'domain', params: RuleParams<'zone-negative-pull'>, facts: EvaluationFacts): Finding[] {
  if (!facts.asOf) return [];
  const groups: readonly GroupRef[] = kind === 'zone' ? facts.zones : facts.domains;
  const series = Array.from({ length: params.months }, (_, i) => {
    const p = shiftMonth(facts.asOf!, params.months - 1 - i);
    return { period: periodKey(p.year, p.month), pulls: groupPulls(facts, p, params.indicator, (e) => (kind === 'zone' ? e.zoneId : e.domainId)) };
  });
  const out: Finding[] = [];
  for (const g of groups) {
    const values = series.map((s) => ({ period: s.period, pullPp: s.pulls.get(g.id) }));
    if (!values.every((v) => v.pullPp !== undefined && v.pullPp < 0)) continue;
    const word = kind === 'zone' ? { zh: '功能区', en: 'zone' } : { zh: '领域', en: 'domain' };
    out.push({
      subjectKey: g.code,
      subjectLabel: g.nameZh,
      level: null,
      period: series.at(-1)!.period,
      explanationZh: `${word.zh}${g.nameZh}连续 ${params.months} 个月对全区${params.indicator === 'output' ? '产值' : '营收'}增速负拉动（${values.map((v) => `${v.period} ${v.pullPp!.toFixed(2)}pp`).join('，')}）`,
      explanationEn: `The ${word.en} ${g.code} pulled the district's ${params.indicator} growth down for ${params.months} consecutive months (${values.map((v) => `${v.period} ${v.pullPp!.toFixed(2)} pp`).join(', ')})`,
      facts: { indicator: params.indicator, pulls: values },
      refs: kind === 'zone' ? { zoneId: g.id } : { domainId: g.id },
    });
  }
  return out;
}

export const zoneNegativePull = (params: RuleParams<'zone-negative-pull'>, facts: EvaluationFacts) => negativePull('zone', params, facts);
export const domainNegativePull = (params: RuleParams<'domain-negative-pull'>, facts: EvaluationFacts) => negativePull('domain', params, facts);

/** This year's completion behind time progress by more than yellowPp (yellow) or redPp (red) points. */
export function goalBehindProgress(params: RuleParams<'goal-behind-progress'>, facts: EvaluationFacts): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const g of facts.goals) {
    if (g.completion === null || g.timeProgress === null || seen.has(g.metric)) continue;
    seen.add(g.metric);
    const gapPp = (g.timeProgress - g.completion) * 100;
    const level = gapPp > params.redPp ? 'red' : gapPp > params.yellowPp ? 'yellow' : null;
    if (!level) continue;
    out.push({
      subjectKey: g.key,
      subjectLabel: `${g.metric} ${g.targetYear}`,
      level,
      period: g.period,
      explanationZh: `${g.metric} ${g.period} 完成率 ${(g.completion * 100).toFixed(1)}%，落后时序进度 ${(g.timeProgress * 100).toFixed(1)}% 共 ${gapPp.toFixed(1)} 个百分点`,
      explanationEn: `${g.metric}: completion ${(g.completion * 100).toFixed(1)}% in ${g.period}, ${gapPp.toFixed(1)} pp behind time progress ${(g.timeProgress * 100).toFixed(1)}%`,
      facts: { completion: g.completion, timeProgress: g.timeProgress, gapPp },
      refs: {},
    });
  }
  return out;
}

/**
 * The growth a goal needs from the latest complete year exceeds the achievable growth, estimated for now by
 * a deterministic log-linear trend of the annual actuals (trend.ts) rather than the Monte-Carlo forecast.
 */
export function goalCagrUnreachable(params: RuleParams<'goal-cagr-unreachable'>, facts: EvaluationFacts): Finding[] {
  const out: Finding[] = [];
  for (const g of facts.goals) {
    const actuals = g.actuals.filter((a) => a.value > 0);
    if (actuals.length < params.minYears) continue;
    const latest = actuals.at(-1)!;
    if (latest.year >= g.targetYear) continue;
    const required = requiredGrowth(latest, { year: g.targetYear, value: g.target });
    const achievable = trendGrowth(actuals);
    const projected = projectTrend(actuals, g.targetYear);
    if (required === null || achievable === null || projected === null) continue;
    if (!((required - achievable) * 100 > params.marginPp)) continue;
    out.push({
      subjectKey: g.key,
      subjectLabel: `${g.metric} ${g.targetYear}`,
      level: null,
      period: String(latest.year),
      explanationZh: `${g.metric} ${g.targetYear} 年目标需年均增长 ${(required * 100).toFixed(1)}%，按趋势可达 ${(achievable * 100).toFixed(1)}%，预计 ${g.targetYear} 年为目标的 ${((projected / g.target) * 100).toFixed(0)}%`,
      explanationEn: `${g.metric} ${g.targetYear}: the goal needs ${(required * 100).toFixed(1)}% a year, the trend gives ${(achievable * 100).toFixed(1)}%; projected at ${((projected / g.target) * 100).toFixed(0)}% of the goal`,
      facts: { requiredCagr: required, trendCagr: achievable, projected, target: g.target, fromYear: latest.year },
      refs: {},
    });
  }
  return out;
}
