/**
 * The investment-attraction and construction pipeline (SPEC §3): ~80 projects per 150 enterprises spread over
 * all seven stages, each with a planned and (once reached) actual date per stage, and a follow-up log.
 * Some projects are overdue against their plan and some have had no follow-up for more than 60 days, which is
 * what the project warnings of SPEC §5 look for.
 */
import { chainNodes } from '../../seed/reference/index.ts';
import { AVERAGE_DAYS_PER_MONTH, isoDate } from './calendar.ts';
import { DOMAIN_SHARES, ZONE_SHARES } from './enterprises.ts';
import type { EnterpriseModel, ResolvedOptions } from './model.ts';
import { NameRegistry, personName } from './names.ts';
import { createRng, type Rng } from './prng.ts';
import { PROJECT_STAGES, type DemoFollowUp, type DemoProject, type ProjectStage } from './types.ts';

const STAGE_SHARES = [0.15, 0.15, 0.15, 0.18, 0.1, 0.15, 0.12];
/** Planned months from reaching stage i to reaching stage i+1. */
const PLANNED_MONTHS: readonly [number, number][] = [[2, 5], [3, 8], [3, 8], [10, 24], [2, 6], [12, 30]];
const OVERDUE_SHARE = 0.28;
const STALE_SHARE = 0.15;
const INVESTOR_CITIES = ['苏州', '杭州', '北京', '深圳', '南京', '武汉', '成都', '合肥', '宁波', '广州', '天津', '上海'];
const SUFFIXES = ['产业化项目', '生产基地项目', '研发及产业化基地', '扩产项目', '智能制造工厂'];

const LOG: Record<ProjectStage, { note: string; nextStep: string }> = {
  lead: { note: '通过产业链招商对接会获取项目线索，初步了解投资方意向和用地需求。', nextStep: '安排投资方实地考察载体' },
  negotiating: { note: '与投资方就选址、用地、厂房和扶持政策进行洽谈。', nextStep: '提交项目评审材料' },
  signed: { note: '投资协议已签署，协调土地出让、项目备案等前期手续。', nextStep: '推进环评、能评和施工许可' },
  started: { note: '项目施工推进中，协调解决施工用电、用水和审批事项。', nextStep: '跟进主体结构和设备采购进度' },
  completed: { note: '项目已竣工验收，协助办理生产许可和设备调试。', nextStep: '协调试生产和人员招聘' },
  producing: { note: '项目已投产，跟踪产能爬坡和订单情况。', nextStep: '协助申报规上企业入库' },
  full: { note: '项目已达产，开展企业服务回访。', nextStep: '持续跟踪经营情况和二期投资意向' },
};

function departmentFor(rng: Rng, domainCode: string): string {
  if (domainCode === 'bioagri-food' && rng.chance(0.5)) return 'nongye';
  if (domainCode === 'bioenergy-env' && rng.chance(0.4)) return 'fagai';
  return rng.weighted(['touzi', 'jingwei', 'kewei'], [0.6, 0.25, 0.15]);
}

/** Stage counts by share, so every stage is present whatever the seed. */
function stagePlan(count: number, rng: Rng): number[] {
  const plan: number[] = [];
  STAGE_SHARES.forEach((share, stage) => {
    for (let i = 0; i < Math.round(count * share); i++) plan.push(stage);
  });
  while (plan.length < count) plan.push(3);
  plan.length = count;
  return rng.shuffle(plan);
}

const CITY_PREFIX = new RegExp(`^(${INVESTOR_CITIES.join('|')})(金山)?`);
/** 上海澜禾生物医药有限公司 → 澜禾生物医药: the way project names refer to their investor. */
const shortName = (name: string) => name.replace(CITY_PREFIX, '').replace(/\([^)]*\)/, '').replace(/有限公司$/, '');

export function buildProjects(models: readonly EnterpriseModel[], opts: ResolvedOptions): DemoProject[] {
  const count = Math.max(1, Math.round((opts.enterprises * 80) / 150));
  const stages = stagePlan(count, createRng(opts.seed, 'project-stages'));
  const names = new NameRegistry();
  for (const m of models) names.reserve(m.enterprise.name); // an outside investor must not share a local firm's name
  const today = opts.todayDay;
  const activeByDomain = groupByDomain(models.filter((m) => m.enterprise.status === 'active'));
  const projects: DemoProject[] = [];

  for (let j = 0; j < count; j++) {
    const rng = createRng(opts.seed, 'project', j);
    const k = stages[j]!;
    const domainCode = rng.weighted(Object.keys(DOMAIN_SHARES), Object.values(DOMAIN_SHARES));
    const zoneShares = ZONE_SHARES[domainCode]!;
    const zoneCode = rng.weighted(Object.keys(zoneShares), Object.values(zoneShares));
    const nodes = chainNodes.filter((n) => n.domainCode === domainCode && n.kind !== 'service');
    const node = rng.pick(nodes);

    // A quarter are expansions by firms already in the district (增资扩产); the rest come from outside.
    const sameDomain = activeByDomain.get(domainCode) ?? [];
    const expander = sameDomain.length > 0 && rng.chance(0.25) ? rng.pick(sameDomain).enterprise : null;
    const investorName = expander ? expander.name : names.company(rng, domainCode, rng.pick(INVESTOR_CITIES), node.code).name;
    const heavy = domainCode === 'biomaterials' || domainCode === 'bioenergy-env' ? 1.5 : 1;
    const investment = Math.min(600_000, Math.max(2_000, Math.exp(rng.normal(Math.log(20_000), 0.9)) * heavy));
    const totalInvestment = Math.round(investment / 100) * 100;
    const expectedAnnualOutput = Math.round((totalInvestment * rng.float(0.8, 2.0)) / 100) * 100;

    // Timeline: fix the day stage k was reached, then walk back (history) and forward (plan).
    const planned = PLANNED_MONTHS.map(([lo, hi]) => rng.float(lo, hi) * AVERAGE_DAYS_PER_MONTH);
    const overdue = k < 6 && rng.chance(OVERDUE_SHARE);
    const elapsed =
      k === 6 ? rng.float(1, 30) * AVERAGE_DAYS_PER_MONTH : overdue ? planned[k]! + rng.float(1, 9) * AVERAGE_DAYS_PER_MONTH : rng.float(0.05, 0.9) * planned[k]!;
    const actual: number[] = [];
    actual[k] = Math.round(today - elapsed);
    for (let i = k - 1; i >= 0; i--) actual[i] = Math.round(actual[i + 1]! - planned[i]! * rng.float(0.85, 1.5));
    const plannedDay: number[] = [actual[0]!];
    for (let i = 1; i < PROJECT_STAGES.length; i++) {
      // Re-planned from the last actual date, but a plan never puts a later stage before an earlier one.
      const replanned = (i <= k + 1 ? actual[i - 1]! : plannedDay[i - 1]!) + planned[i - 1]!;
      plannedDay[i] = Math.round(Math.max(replanned, plannedDay[i - 1]! + 14));
    }
    const stageEvents = PROJECT_STAGES.map((stage, i) => ({
      stage,
      plannedOn: isoDate(plannedDay[i]!),
      actualOn: i <= k ? isoDate(actual[i]!) : null,
    }));

    const responsibleDepartmentCode = departmentFor(rng, domainCode);
    const stale = k < 6 && rng.chance(STALE_SHARE);
    const followUps = followUpLog(rng, {
      from: actual[0]!,
      last: k === 6 ? Math.min(today, actual[6]! + rng.int(0, 60)) : stale ? today - rng.int(61, 180) : today - rng.int(0, 45),
      max: k === 6 ? 4 : 12,
      stageOn: (day) => PROJECT_STAGES[Math.max(0, actual.findLastIndex((a) => a <= day))]!,
      departmentCode: responsibleDepartmentCode,
    });

    projects.push({
      id: `demo-prj-${String(j + 1).padStart(5, '0')}`,
      name: `${shortName(investorName)}${node.nameZh.replace(/\(.*\)$/, '')}${rng.pick(SUFFIXES)}`,
      investorName,
      investorEnterpriseId: expander?.id ?? null,
      domainCode,
      zoneCode,
      chainNodeCode: node.code,
      totalInvestment,
      expectedAnnualOutput,
      responsibleDepartmentCode,
      stage: PROJECT_STAGES[k]!,
      stages: stageEvents,
      followUps,
    });
  }
  return projects;
}

/** Grouped once: per-project filtering would make 100 000-enterprise benchmarks quadratic. */
export function groupByDomain(models: readonly EnterpriseModel[]): Map<string, EnterpriseModel[]> {
  const groups = new Map<string, EnterpriseModel[]>();
  for (const m of models) {
    const list = groups.get(m.enterprise.domainCode);
    if (list) list.push(m);
    else groups.set(m.enterprise.domainCode, [m]);
  }
  return groups;
}

interface LogSpec {
  from: number;
  last: number;
  max: number;
  stageOn: (day: number) => ProjectStage;
  departmentCode: string;
}

/** Follow-ups every 2–8 weeks walking back from the latest one, never before the lead was recorded. */
function followUpLog(rng: Rng, spec: LogSpec): DemoFollowUp[] {
  const staff = [personName(rng), personName(rng)];
  const log: DemoFollowUp[] = [];
  for (let day = Math.max(spec.last, spec.from); day >= spec.from && log.length < spec.max; day -= rng.int(15, 60)) {
    const text = LOG[spec.stageOn(day)];
    log.push({
      date: isoDate(day),
      kind: rng.weighted(['visit', 'call', 'meeting'] as const, [0.4, 0.35, 0.25]),
      note: text.note,
      nextStep: text.nextStep,
      departmentCode: rng.chance(0.85) ? spec.departmentCode : 'jingwei',
      staffName: rng.pick(staff),
    });
  }
  return log.reverse();
}
