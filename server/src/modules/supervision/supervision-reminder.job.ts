import type { JobDefinition } from '../jobs/index.ts';
import { notify, type Notice } from '../notifications/index.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { daysBetween, owedPeriods, periodOf, reportDueOn } from '../../domain/supervision/periods.ts';
import { loadYearState, type ComputedItem } from './supervision-state.ts';
import { currentYear } from './supervision.service.ts';
import { generateBulletin } from './supervision-bulletin.ts';

/** Days before a milestone or report deadline on which the unit is reminded (and on the day itself). */
export const REMIND_DAYS = [3, 1, 0] as const;

function unitRecipients(item: ComputedItem): Notice['recipients'] | null {
  if (item.row.departmentId) return { roles: ['department'], scope: { kind: 'department', id: item.row.departmentId } };
  if (item.row.zoneId) return { roles: ['park'], scope: { kind: 'zone', id: item.row.zoneId } };
  return null;
}

/**
 * Every morning: each unit is reminded of milestones and reports falling due in 3 days, tomorrow and today;
 * each red item is escalated to the unit's accounts and the commission (once a day, notify() de-duplicates).
 */
export const supervisionReminderJob: JobDefinition = {
  name: 'supervision-reminders',
  titleZh: '督办事项节点与报送提醒、逾期升级',
  titleEn: 'Supervision reminders before deadlines and escalation of overdue items',
  schedule: '30 9 * * *',
  async run({ database, config, now }) {
    const at = now();
    const today = shanghaiDay(at);
    const state = await loadYearState(database.db, currentYear(at), at);
    const deps = { database, config, now };
    let reminders = 0;
    let escalations = 0;
    for (const item of state.items) {
      const to = unitRecipients(item);
      if (!to || !item.workPlan) continue;
      const link = `/supervision/items/${item.row.id}`;
      const label = `${item.clause.task} ${item.clause.measureTitle}`;
      for (const m of item.milestones) {
        if (item.progress.get(m.id) === 'done') continue;
        const left = daysBetween(today, m.dueOn);
        if (!(REMIND_DAYS as readonly number[]).includes(left)) continue;
        const r = await notify(deps, {
          kind: 'supervision.reminder', object: { kind: 'supervision-milestone', id: `${item.row.id}:${m.id}` }, recipients: to, link,
          titleZh: `督办节点“${m.title}”${left === 0 ? '今天到期' : `还有 ${left} 天到期`}`, titleEn: `Milestone "${m.title}" ${left === 0 ? 'is due today' : `is due in ${left} day(s)`}`,
          bodyZh: `${item.row.unitName}:${label} 的节点“${m.title}”完成时限为 ${m.dueOn},请按时完成并在进展报告中提供佐证材料。`, bodyEn: `${item.row.unitName}: milestone "${m.title}" of ${label} is due on ${m.dueOn}; please complete it and attach the evidence to your progress report.`,
        });
        reminders += r.created;
      }
      const owed = owedPeriods(state.year, item.row.cycle, shanghaiDay(item.workPlan.createdAt), today);
      const period = owed[owed.length - 1];
      if (period && !item.reports.some((r) => r.period === period)) {
        const due = reportDueOn(period, state.dueDays);
        const left = daysBetween(today, due);
        if ((REMIND_DAYS as readonly number[]).includes(left)) {
          const r = await notify(deps, {
            kind: 'supervision.reminder', object: { kind: 'supervision-report', id: `${item.row.id}:${period}` }, recipients: to, link,
            titleZh: `${period} 督办进展报告${left === 0 ? '今天截止' : `还有 ${left} 天截止`}`, titleEn: `Progress report ${period} ${left === 0 ? 'is due today' : `is due in ${left} day(s)`}`,
            bodyZh: `${item.row.unitName}:${label} 的 ${period} 进展报告截止日期为 ${due}。`, bodyEn: `${item.row.unitName}: the ${period} progress report on ${label} is due on ${due}.`,
          });
          reminders += r.created;
        }
      }
      if (item.status.status === 'red') {
        const reason = item.status.reasons.filter((x) => x.colour === 'red');
        const notice = {
          kind: 'supervision.overdue' as const, object: { kind: 'supervision-item', id: item.row.id }, link,
          titleZh: `红色督办:${label}(${item.row.unitName})`, titleEn: `Red supervision item: ${label} (${item.row.unitName})`,
          bodyZh: reason.map((x) => x.zh).join(';'), bodyEn: reason.map((x) => x.en).join('; '),
        };
        escalations += (await notify(deps, { ...notice, recipients: to })).created;
        escalations += (await notify(deps, { ...notice, recipients: { roles: ['commission'] } })).created;
      }
    }
    return { day: today, period: periodOf(today, 'monthly'), items: state.items.length, reminders, escalations };
  },
};

/** On the 1st of each month the previous month's bulletin is generated and archived. */
export const supervisionBulletinJob: JobDefinition = {
  name: 'supervision-bulletin',
  titleZh: '生成上月督办通报',
  titleEn: 'Generate last month’s supervision bulletin',
  schedule: '0 8 1 * *',
  async run({ database, now }) {
    const at = now();
    const [y, m] = shanghaiDay(at).split('-').map(Number) as [number, number];
    const period = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const made = await database.db.transaction((tx) => generateBulletin(tx as never, period, at, 'job:supervision-bulletin'));
    return { period, id: made.id, bytes: made.content.length };
  },
};
