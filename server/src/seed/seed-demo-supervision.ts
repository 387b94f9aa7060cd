import type { Db } from '../db/client.ts';
import { supervisionMilestones, supervisionOutcomeLinks, supervisionReportRevisions, supervisionReports, supervisionWorkPlans } from '../db/schema/index.ts';
import { shanghaiDay } from '../domain/notifications/report-reminder.ts';
import { owedPeriods, periodEnd, reportDueOn, addDays } from '../domain/supervision/periods.ts';
import { listAllItems } from '../modules/supervision/supervision.repository.ts';
import { syncItemsFromPlan } from '../modules/supervision/index.ts';
import { outcomeActuals } from '../modules/supervision/supervision-outcomes.ts';

/**
 * 演示数据 for 督办 (issue 12): the current year's work plan of every measure, with three milestones each, and a
 * year of quarterly progress reports from the plan's real units — mostly on time and accepted, with the
 * stories a supervision office meets: a safeguard whose units stopped reporting (red), a returned report not
 * yet resubmitted (yellow), late reports, a milestone missed, and a return that was corrected. Task 六(一)
 * (链式招商) is linked to signed projects with a target it lags, so the dual track has something to flag.
 * Deterministic for a given seed and day.
 */
const DUE_DAYS = 10;

function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Units whose story the demo tells (by the names the policy uses). */
const SILENT_UNITS = new Set(['区应急管理局', '区规划资源局']); // stopped reporting after Q1 → red
const RETURNED_UNITS = new Set(['区市场监管局']); // latest report returned → yellow
const LATE_UNITS = new Set(['区卫健委', '区人社局']);
const SLIPPING_CLAUSES = new Set(['task-05-m1', 'task-09-m2']); // a milestone missed → red

const NARRATIVE = {
  done: ['已制定年度工作方案并报区推进工作专班', '召开专题推进会 2 次,梳理重点企业与项目清单', '完成阶段性目标,形成工作台账', '与重点企业开展走访对接 12 家次', '配合牵头单位完成政策梳理与宣讲'],
  problems: ['部分项目前期手续办理周期较长', '专业人才储备不足', '用地指标紧张', '暂无'],
  next: ['加快推进在谈项目签约落地', '按节点计划推进下一阶段工作', '做好年度目标收尾与总结'],
  help: ['', '', '需区规划资源局协调用地指标', '需区财政局(金融办)支持专项资金拨付'],
};

export async function seedDemoSupervision(tx: Db, now: Date, seed = 20231011): Promise<{ items: number; reports: number }> {
  const rnd = random(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  await syncItemsFromPlan(tx, now);
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const planSetOn = `${year}-01-15`;
  const planAt = new Date(Date.parse(`${planSetOn}T02:00:00Z`));
  const items = (await listAllItems(tx)).filter((i) => i.isActive);
  const milestonesOf = new Map<string, { id: string; dueOn: string }[]>();
  for (const item of items.filter((i) => i.role === 'lead')) {
    const [plan] = await tx.insert(supervisionWorkPlans).values({ itemId: item.id, year, confirmedAt: planAt, createdAt: planAt, updatedAt: planAt }).onConflictDoNothing().returning();
    if (!plan) continue;
    const late = rnd() < 0.3;
    const defs = [
      { title: '制定年度工作方案,明确责任分工', dueOn: `${year}-03-31`, evidenceExpected: '工作方案、分工表', weight: '20' },
      { title: '完成阶段性推进目标,形成工作台账', dueOn: `${year}-0${SLIPPING_CLAUSES.has(item.clauseKey) ? 9 : 6}-30`, evidenceExpected: '推进台账、会议纪要', weight: '30' },
      { title: '完成年度目标并总结评估', dueOn: `${year}-12-${late ? '15' : '31'}`, evidenceExpected: '年度总结、成果清单', weight: '50' },
    ];
    const rows = await tx.insert(supervisionMilestones).values(defs.map((d, i) => ({ workPlanId: plan.id, ordinal: i + 1, ...d }))).returning();
    milestonesOf.set(item.id, rows.map((r) => ({ id: r.id, dueOn: r.dueOn })));
  }
  let reports = 0;
  for (const item of items) {
    const milestones = milestonesOf.get(item.parentId ?? item.id) ?? [];
    if (!milestones.length) continue;
    const owed = owedPeriods(year, item.cycle, planSetOn, today);
    for (const [index, period] of owed.entries()) {
      const end = periodEnd(period);
      const dueOn = reportDueOn(period, DUE_DAYS);
      const isLast = index === owed.length - 1;
      if (SILENT_UNITS.has(item.unitName) && index > 0) continue;
      // The running reporting window: about a third of the units have not reported yet.
      if (dueOn >= today && rnd() < 0.35) continue;
      const isLate = LATE_UNITS.has(item.unitName) && rnd() < 0.6;
      const submittedDay = isLate ? addDays(dueOn, 2 + Math.floor(rnd() * 8)) : addDays(end, 1 + Math.floor(rnd() * 9));
      if (submittedDay > today) continue;
      const submittedAt = new Date(Date.parse(`${submittedDay}T02:30:00Z`));
      const slipping = SLIPPING_CLAUSES.has(item.parentId ? (items.find((i) => i.id === item.parentId)?.clauseKey ?? '') : item.clauseKey);
      const progress = milestones.map((m) => ({ milestoneId: m.id, status: m.dueOn <= end && !(slipping && m.dueOn.endsWith('-09-30')) ? 'done' : m.dueOn <= addDays(end, 100) ? 'in-progress' : 'not-started' }));
      const percent = Math.min(100, Math.round(progress.reduce((s, p, i) => s + (p.status === 'done' ? [20, 30, 50][i]! : p.status === 'in-progress' ? [20, 30, 50][i]! * 0.4 : 0), 0)));
      const returned = isLast && RETURNED_UNITS.has(item.unitName);
      const corrected = !returned && rnd() < 0.08;
      const reviewed = dueOn < today || rnd() < 0.5;
      const status = returned ? 'returned' : !reviewed ? (item.role === 'co' ? 'consolidated' : 'submitted') : 'accepted';
      const text = { doneText: `${pick(NARRATIVE.done)};${item.role === 'co' ? '配合' : '牵头'}推进“${item.clauseKey}”相关工作。`, problems: pick(NARRATIVE.problems), nextSteps: pick(NARRATIVE.next), helpNeeded: pick(NARRATIVE.help) };
      const reviewedAt = new Date(submittedAt.getTime() + 3 * 86_400_000);
      const [row] = await tx
        .insert(supervisionReports)
        .values({
          itemId: item.id, period, status, revision: corrected ? 2 : 1, percent: String(percent), milestones: progress, ...text, dueOn, isLate,
          firstSubmittedAt: submittedAt, submittedAt: corrected ? new Date(reviewedAt.getTime() + 86_400_000) : submittedAt,
          returnReason: returned ? '佐证材料不全,请补充会议纪要和项目清单' : null, reviewedAt: status === 'accepted' || returned ? reviewedAt : null,
          consolidatedAt: item.role === 'co' ? new Date(submittedAt.getTime() + 86_400_000) : null, isDemo: true,
        })
        .returning();
      const snapshot = { period, percent, milestones: progress, ...text, isLate };
      const events: { revision: number; event: string; reason: string | null; at: Date; actor: string }[] = [{ revision: 1, event: 'submitted', reason: null, at: submittedAt, actor: item.unitName }];
      if (corrected) {
        events.push({ revision: 1, event: 'returned', reason: '进度描述不具体,请补充量化数据', at: reviewedAt, actor: '区经委' });
        events.push({ revision: 2, event: 'resubmitted', reason: null, at: new Date(reviewedAt.getTime() + 86_400_000), actor: item.unitName });
      }
      if (item.role === 'co') events.push({ revision: corrected ? 2 : 1, event: 'consolidated', reason: null, at: new Date(submittedAt.getTime() + 86_400_000), actor: '牵头单位' });
      if (status === 'accepted') events.push({ revision: corrected ? 2 : 1, event: 'accepted', reason: null, at: new Date(reviewedAt.getTime() + (corrected ? 2 : 0) * 86_400_000), actor: '区经委' });
      if (returned) events.push({ revision: 1, event: 'returned', reason: '佐证材料不全,请补充会议纪要和项目清单', at: reviewedAt, actor: '区经委' });
      await tx.insert(supervisionReportRevisions).values(events.map((e) => ({ reportId: row!.id, revision: e.revision, event: e.event, snapshot: { ...snapshot, status: e.event }, reason: e.reason, actorName: e.actor, at: e.at })));
      reports++;
    }
  }
  // The dual track: outcome links of the main tasks, baselines and targets set around this year's figures.
  const actual = await outcomeActuals(tx, year);
  const links: { taskKey: string; metric: string; baseline: number; target: number }[] = [
    { taskKey: 'task-01', metric: 'projects-signed', baseline: 0, target: Math.max(8, Math.ceil(actual['projects-signed'] * 2.2)) },
    { taskKey: 'task-01', metric: 'projects-signed-investment', baseline: 0, target: Math.max(20, Math.ceil(actual['projects-signed-investment'] * 2)) },
    { taskKey: 'task-02', metric: 'platforms', baseline: Math.max(0, actual.platforms - 2), target: actual.platforms + 1 },
    { taskKey: 'task-03', metric: 'carrier-occupancy', baseline: Math.max(0, Math.round(actual['carrier-occupancy']) - 6), target: Math.round(actual['carrier-occupancy']) + 2 },
    { taskKey: 'task-03', metric: 'enterprises-accelerating-or-later', baseline: Math.max(0, actual['enterprises-accelerating-or-later'] - 4), target: actual['enterprises-accelerating-or-later'] + 2 },
    { taskKey: 'task-06', metric: 'above-scale-enterprises', baseline: actual['above-scale-enterprises'], target: actual['above-scale-enterprises'] + 5 },
    { taskKey: 'task-06', metric: 'industry-scale', baseline: Math.round(actual['industry-scale'] * 0.8), target: Math.round(actual['industry-scale'] * 1.35) },
  ];
  await tx.insert(supervisionOutcomeLinks).values(links.map((l) => ({ ...l, year, baseline: String(l.baseline), target: String(l.target), updatedAt: now }))).onConflictDoNothing();
  return { items: items.length, reports };
}
