import { RULE_PARAM_SCHEMAS, type RuleKind, type WarningLevel, type WarningOwnerRole, type WarningSubjectKind } from '../../../../contracts/warnings.ts';
import { enterpriseConsecutiveDecline, enterpriseSeasonalDrop, enterpriseYoyDrop } from './enterprise-conditions.ts';
import type { EvaluationFacts, Finding } from './facts.ts';
import {
  domainNegativePull,
  goalBehindProgress,
  goalCagrUnreachable,
  projectFullNoOutput,
  projectStageOverdue,
  reportExplainedAbnormal,
  reportLate,
  zoneNegativePull,
} from './other-conditions.ts';

/** A rule as shipped: its code is also its kind here (one rule per kind); the commission edits the rest. */
export interface ShippedRule {
  code: RuleKind;
  subjectKind: WarningSubjectKind;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  level: WarningLevel;
  ownerRole: WarningOwnerRole;
  evaluatedBy: 'warnings' | 'hook';
  enabled: boolean;
  params: Record<string, unknown>;
  escalateAfterDays: number;
}

const rule = (r: ShippedRule) => r;

export const SHIPPED_RULES: readonly ShippedRule[] = [
  rule({ code: 'goal-behind-progress', subjectKind: 'goal', nameZh: '目标完成落后时序进度', nameEn: 'Goal behind time progress',
    descriptionZh: '本年累计完成率低于时序进度（月份/12）超过阈值：黄色/红色', descriptionEn: "This year's completion is behind time progress (month/12) by more than the yellow / red threshold",
    level: 'yellow', ownerRole: 'commission', evaluatedBy: 'warnings', enabled: true, params: { yellowPp: 5, redPp: 10 }, escalateAfterDays: 14 }),
  rule({ code: 'goal-cagr-unreachable', subjectKind: 'goal', nameZh: '目标所需增速高于可达增速', nameEn: 'Required growth above achievable',
    descriptionZh: '实现目标所需年均增速高于按历年实绩对数线性趋势推算的可达增速（暂以确定性趋势外推，待蒙特卡洛预测接入后替换）',
    descriptionEn: 'The growth a goal needs each year exceeds the growth of the log-linear trend of the annual actuals (a deterministic trend projection for now, until the Monte-Carlo forecast is wired in)',
    level: 'red', ownerRole: 'commission', evaluatedBy: 'warnings', enabled: true, params: { minYears: 3, marginPp: 0 }, escalateAfterDays: 30 }),
  rule({ code: 'enterprise-yoy-drop', subjectKind: 'enterprise', nameZh: '企业累计同比大幅下降', nameEn: 'Enterprise YTD down year on year',
    descriptionZh: '企业本年累计产值或营收同比下降超过阈值（重点企业阈值更严）', descriptionEn: "An enterprise's year-to-date output or revenue is down by more than the threshold (tighter for key enterprises)",
    level: 'orange', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { indicators: ['output', 'revenue'], dropPct: 20, keyDropPct: 10, minBaseWan: 100 }, escalateAfterDays: 7 }),
  rule({ code: 'enterprise-consecutive-decline', subjectKind: 'enterprise', nameZh: '企业连续月度下滑', nameEn: 'Enterprise declining for consecutive months',
    descriptionZh: '企业连续 n 个月的当月值低于上年同月', descriptionEn: "An enterprise's monthly value below the same month of last year for n consecutive months",
    level: 'yellow', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { indicator: 'output', months: 3, minBaseWan: 100 }, escalateAfterDays: 10 }),
  rule({ code: 'enterprise-seasonal-drop', subjectKind: 'enterprise', nameZh: '企业低于自身季节规律', nameEn: 'Enterprise below its seasonal profile',
    descriptionZh: '当月值低于按前 12 个月水平与自身历年季节指数推算的预期值超过阈值', descriptionEn: "The month's value is below the expectation from the trailing twelve months and the enterprise's own seasonal index by more than the threshold",
    level: 'yellow', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { indicator: 'output', dropPct: 30, minYears: 2, minBaseWan: 50 }, escalateAfterDays: 10 }),
  rule({ code: 'report-late', subjectKind: 'report', nameZh: '月报逾期未报', nameEn: 'Monthly report late',
    descriptionZh: '截止日（默认次月 10 日）加宽限天数后仍未提交月报', descriptionEn: 'A monthly report not submitted by its deadline (the 10th of the next month by default) plus the grace days',
    level: 'blue', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { graceDays: 0, lookbackMonths: 3 }, escalateAfterDays: 5 }),
  rule({ code: 'report-explained-abnormal', subjectKind: 'report', nameZh: '异常变动附说明通过', nameEn: 'Approved with an explanation of an abnormal change',
    descriptionZh: '已审核通过的月报因数据异常变动附有说明，提示关注', descriptionEn: 'An approved report carries an explanation of an abnormal change; worth a look',
    level: 'blue', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { lookbackMonths: 2 }, escalateAfterDays: 14 }),
  rule({ code: 'project-stage-overdue', subjectKind: 'project', nameZh: '项目节点逾期', nameEn: 'Project stage overdue',
    descriptionZh: '项目下一阶段计划日期已过（含宽限天数）仍未到达', descriptionEn: "A project's next stage is past its planned date (plus grace days) and not reached",
    level: 'orange', ownerRole: 'department', evaluatedBy: 'warnings', enabled: true, params: { graceDays: 60 }, escalateAfterDays: 10 }),
  rule({ code: 'project-full-no-output', subjectKind: 'project', nameZh: '计划达产未见产出', nameEn: 'Planned full production without output',
    descriptionZh: '项目计划达产日期已过，投资企业近几个月无产值', descriptionEn: "A project's planned full-production date has passed and its enterprise reported no output in recent months",
    level: 'red', ownerRole: 'department', evaluatedBy: 'warnings', enabled: true, params: { graceDays: 90, lookbackMonths: 3 }, escalateAfterDays: 10 }),
  rule({ code: 'zone-negative-pull', subjectKind: 'zone', nameZh: '功能区连续负拉动', nameEn: 'Zone pulling growth down',
    descriptionZh: '功能区对全区同口径累计增速的拉动连续 n 个月为负', descriptionEn: "A zone's pull on the district's comparable year-to-date growth negative for n consecutive months",
    level: 'orange', ownerRole: 'park', evaluatedBy: 'warnings', enabled: true, params: { indicator: 'output', months: 3 }, escalateAfterDays: 14 }),
  rule({ code: 'domain-negative-pull', subjectKind: 'domain', nameZh: '领域连续负拉动', nameEn: 'Domain pulling growth down',
    descriptionZh: '产业领域对全区同口径累计增速的拉动连续 n 个月为负', descriptionEn: "A domain's pull on the district's comparable year-to-date growth negative for n consecutive months",
    level: 'orange', ownerRole: 'commission', evaluatedBy: 'warnings', enabled: true, params: { indicator: 'output', months: 3 }, escalateAfterDays: 14 }),
  rule({ code: 'supervision-item-overdue', subjectKind: 'supervision-item', nameZh: '督办事项逾期', nameEn: 'Supervision item overdue',
    descriptionZh: '督办事项亮红灯（节点逾期或进展报告逾期）超过宽限天数；由督办数据评估', descriptionEn: 'A supervision item red (milestone or progress report overdue) beyond the grace days; evaluated on the supervision data',
    level: 'orange', ownerRole: 'department', evaluatedBy: 'hook', enabled: true, params: { graceDays: 0 }, escalateAfterDays: 7 }),
  rule({ code: 'request-past-sla', subjectKind: 'enterprise-request', nameZh: '企业诉求超时未办', nameEn: 'Enterprise request past its SLA',
    descriptionZh: '企业诉求当前环节（受理或办结）超过工作时限及宽限天数；由企业服务数据评估', descriptionEn: "An enterprise request's current step (acknowledge or resolve) past its working-time limit and the grace days; evaluated on the services data",
    level: 'yellow', ownerRole: 'department', evaluatedBy: 'hook', enabled: true, params: { graceDays: 0 }, escalateAfterDays: 5 }),
  rule({ code: 'carrier-lease-expiring', subjectKind: 'carrier-lease', nameZh: '载体租约即将到期', nameEn: 'Carrier lease expiring',
    descriptionZh: '在租企业的载体租约在 n 个月内到期（或已到期仍在租），提示园区续签或安排去向；由载体梯度数据评估', descriptionEn: "A tenant's carrier lease ends within n months (or has ended while the tenant stays); the park renews it or plans the move; evaluated on the carrier ladder data",
    level: 'yellow', ownerRole: 'park', evaluatedBy: 'hook', enabled: true, params: { months: 3 }, escalateAfterDays: 14 }),
];

type Condition = (params: never, facts: EvaluationFacts) => Finding[];
const CONDITIONS: Partial<Record<RuleKind, Condition>> = {
  'goal-behind-progress': goalBehindProgress,
  'goal-cagr-unreachable': goalCagrUnreachable,
  'enterprise-yoy-drop': enterpriseYoyDrop,
  'enterprise-consecutive-decline': enterpriseConsecutiveDecline,
  'enterprise-seasonal-drop': enterpriseSeasonalDrop,
  'report-late': reportLate,
  'report-explained-abnormal': reportExplainedAbnormal,
  'project-stage-overdue': projectStageOverdue,
  'project-full-no-output': projectFullNoOutput,
  'zone-negative-pull': zoneNegativePull,
  'domain-negative-pull': domainNegativePull,
};

export function isRuleKind(kind: string): kind is RuleKind {
  return kind in RULE_PARAM_SCHEMAS;
}

/** Whether a kind is evaluated here (the hooks are fed by their own features). */
export function hasCondition(kind: string): boolean {
  return isRuleKind(kind) && CONDITIONS[kind] !== undefined;
}

export class RuleParamsError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
}

/** Validates a rule's parameters against its kind's schema; the issues carry their path (params.x). */
export function parseRuleParams(kind: string, params: unknown): Record<string, unknown> {
  if (!isRuleKind(kind)) throw new RuleParamsError([{ path: 'kind', message: `未知规则类型 / unknown rule kind: ${kind}` }]);
  const parsed = RULE_PARAM_SCHEMAS[kind].safeParse(params);
  if (!parsed.success) throw new RuleParamsError(parsed.error.issues.map((i) => ({ path: ['params', ...i.path].join('.'), message: i.message })));
  return parsed.data as Record<string, unknown>;
}

/** Runs one rule's condition over the facts. Throws on bad parameters or a failing condition (the caller skips it). */
export function evaluateRule(kind: string, params: unknown, facts: EvaluationFacts): Finding[] {
  const valid = parseRuleParams(kind, params);
  const condition = CONDITIONS[kind as RuleKind];
  if (!condition) return [];
  return condition(valid as never, facts);
}
