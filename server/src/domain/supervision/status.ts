/**
 * The three-colour status of a supervision item and of its milestones (issue 12 §3; Suqian's 三色督办单):
 *   red    — a milestone past its date and not done (milestone-overdue), or the last ended period's report
 *            missing after its deadline (report-missing);
 *   yellow — reported progress behind the time-phased schedule 序时进度 by more than the tolerance
 *            (behind-schedule), or the last report returned (report-returned);
 *   blue   — a milestone or a report due within n days (deadline-near);
 *   green  — none of these, and always when every milestone is done.
 * The rules are data (supervision_status_rules: enabled, parameters): a disabled rule never fires, so
 * editing a rule recomputes every colour on the next read. Pure: no I/O; days are Shanghai YYYY-MM-DD.
 */
import { addDays, daysBetween, owedPeriods, reportDueOn, type Cycle } from './periods.ts';

export const STATUS_COLOURS = ['green', 'blue', 'yellow', 'red'] as const;
export type StatusColour = (typeof STATUS_COLOURS)[number];
export const MILESTONE_PROGRESS = ['not-started', 'in-progress', 'done', 'blocked'] as const;
export type MilestoneProgress = (typeof MILESTONE_PROGRESS)[number];
export type ReportState = 'submitted' | 'consolidated' | 'accepted' | 'returned';

export type StatusRuleCode = 'milestone-overdue' | 'report-missing' | 'behind-schedule' | 'report-returned' | 'deadline-near';
export interface StatusRule {
  code: StatusRuleCode;
  enabled: boolean;
  params: Record<string, number>;
}

/** The rules as shipped (migration 0020 inserts the same rows). */
export const DEFAULT_STATUS_RULES: readonly StatusRule[] = [
  { code: 'milestone-overdue', enabled: true, params: {} },
  { code: 'report-missing', enabled: true, params: { dueDays: 10 } },
  { code: 'behind-schedule', enabled: true, params: { tolerancePp: 10 } },
  { code: 'report-returned', enabled: true, params: {} },
  { code: 'deadline-near', enabled: true, params: { days: 15 } },
];

export const RULE_COLOUR: Record<StatusRuleCode, Exclude<StatusColour, 'green'>> = {
  'milestone-overdue': 'red',
  'report-missing': 'red',
  'behind-schedule': 'yellow',
  'report-returned': 'yellow',
  'deadline-near': 'blue',
};

export interface MilestoneFacts {
  id: string;
  title: string;
  dueOn: string;
  weight: number;
  /** The status in the unit's latest report ('not-started' when never reported). */
  progress: MilestoneProgress;
}

export interface ReportFacts {
  period: string;
  status: ReportState;
  percent: number;
}

export interface ItemFacts {
  year: number;
  cycle: Cycle;
  /** The Shanghai day the year's work plan was set: reports are owed from its period on (null: no plan). */
  planSetOn: string | null;
  milestones: readonly MilestoneFacts[];
  reports: readonly ReportFacts[];
}

export interface StatusReason {
  rule: StatusRuleCode;
  colour: Exclude<StatusColour, 'green'>;
  zh: string;
  en: string;
}

export interface ItemStatus {
  status: StatusColour;
  reasons: StatusReason[];
  /** The next date that matters: the earliest milestone not done (overdue ones included), else null. */
  due: string | null;
  /** Reported percent (latest report) and the time-phased expectation, 0..100. */
  percent: number;
  expectedPercent: number;
  milestones: { id: string; status: StatusColour }[];
}

const RANK: Record<StatusColour, number> = { green: 0, blue: 1, yellow: 2, red: 3 };
export const worstColour = (colours: readonly StatusColour[]): StatusColour =>
  colours.reduce<StatusColour>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'green');

function ruleOf(rules: readonly StatusRule[], code: StatusRuleCode): StatusRule | null {
  const rule = rules.find((r) => r.code === code);
  return rule && rule.enabled ? rule : null;
}

const param = (rule: StatusRule, name: string, fallback: number) => (Number.isFinite(rule.params[name]) ? rule.params[name]! : fallback);

/** 序时进度: the weight share of milestones due on or before `asOf`, in percent. */
export function expectedPercentOf(milestones: readonly MilestoneFacts[], asOf: string): number {
  const total = milestones.reduce((s, m) => s + m.weight, 0);
  if (total <= 0) return 0;
  const due = milestones.filter((m) => m.dueOn <= asOf).reduce((s, m) => s + m.weight, 0);
  return (due / total) * 100;
}

export function evaluateItemStatus(facts: ItemFacts, rules: readonly StatusRule[], asOf: string): ItemStatus {
  const open = facts.milestones.filter((m) => m.progress !== 'done');
  const due = open.length ? open.map((m) => m.dueOn).sort()[0]! : null;
  const latest = [...facts.reports].sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  const percent = latest?.percent ?? 0;
  const expectedPercent = expectedPercentOf(facts.milestones, asOf);
  const nearRule = ruleOf(rules, 'deadline-near');
  const nearDays = nearRule ? param(nearRule, 'days', 15) : -1;
  const overdueRule = ruleOf(rules, 'milestone-overdue');

  const milestones = facts.milestones.map((m) => {
    let status: StatusColour = 'green';
    if (m.progress !== 'done') {
      if (overdueRule && m.dueOn < asOf) status = 'red';
      else if (m.progress === 'blocked') status = 'yellow';
      else if (nearRule && m.dueOn >= asOf && daysBetween(asOf, m.dueOn) <= nearDays) status = 'blue';
    }
    return { id: m.id, status };
  });

  // Done items are green whatever else holds (issue 12 §3).
  if (facts.milestones.length > 0 && open.length === 0) return { status: 'green', reasons: [], due: null, percent, expectedPercent, milestones };

  const reasons: StatusReason[] = [];
  const add = (rule: StatusRuleCode, zh: string, en: string) => reasons.push({ rule, colour: RULE_COLOUR[rule], zh, en });

  if (overdueRule) {
    const overdue = open.filter((m) => m.dueOn < asOf);
    if (overdue.length) {
      const first = overdue.sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0]!;
      add('milestone-overdue', `节点“${first.title}”已于 ${first.dueOn} 到期未完成${overdue.length > 1 ? `(共 ${overdue.length} 个节点逾期)` : ''}`, `Milestone "${first.title}" was due on ${first.dueOn} and is not done${overdue.length > 1 ? ` (${overdue.length} milestones overdue)` : ''}`);
    }
  }

  const missingRule = ruleOf(rules, 'report-missing');
  // The deadline's offset is the rule's parameter even when the rule is off: the blue rule still needs it.
  const missingParams = rules.find((r) => r.code === 'report-missing');
  const dueDays = missingParams ? param(missingParams, 'dueDays', 10) : 10;
  const owed = facts.planSetOn ? owedPeriods(facts.year, facts.cycle, facts.planSetOn, asOf) : [];
  const reported = new Set(facts.reports.map((r) => r.period));
  const lastOwed = owed[owed.length - 1];
  if (missingRule && lastOwed && !reported.has(lastOwed) && reportDueOn(lastOwed, dueDays) < asOf) {
    add('report-missing', `${lastOwed} 进展未在 ${reportDueOn(lastOwed, dueDays)} 前报送`, `Progress report ${lastOwed} was not submitted by ${reportDueOn(lastOwed, dueDays)}`);
  }

  const behindRule = ruleOf(rules, 'behind-schedule');
  if (behindRule) {
    const tolerance = param(behindRule, 'tolerancePp', 10);
    if (percent < expectedPercent - tolerance) {
      add('behind-schedule', `进度 ${percent.toFixed(0)}% 落后序时进度 ${expectedPercent.toFixed(0)}%`, `Progress ${percent.toFixed(0)}% is behind the time-phased schedule (${expectedPercent.toFixed(0)}%)`);
    }
  }
  if (ruleOf(rules, 'report-returned') && latest?.status === 'returned') {
    add('report-returned', `${latest.period} 进展报告被退回`, `The ${latest.period} progress report was returned`);
  }

  if (nearRule) {
    const soon = open.filter((m) => m.dueOn >= asOf && daysBetween(asOf, m.dueOn) <= nearDays).sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
    if (soon) add('deadline-near', `节点“${soon.title}”将于 ${soon.dueOn} 到期`, `Milestone "${soon.title}" is due on ${soon.dueOn}`);
    else if (lastOwed && !reported.has(lastOwed)) {
      const reportDue = reportDueOn(lastOwed, dueDays);
      if (reportDue >= asOf && reportDue <= addDays(asOf, nearDays)) add('deadline-near', `${lastOwed} 进展报告将于 ${reportDue} 截止`, `Progress report ${lastOwed} is due on ${reportDue}`);
    }
  }

  return { status: worstColour(reasons.map((r) => r.colour)), reasons, due, percent, expectedPercent, milestones };
}
