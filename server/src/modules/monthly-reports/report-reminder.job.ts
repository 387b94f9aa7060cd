import { reminderWindow, shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { enterprisesOwingReport } from './report-reminder.repository.ts';

/** Days before the deadline (the 10th) on which the daily reminder starts. */
export const REMIND_DAYS_BEFORE = 3;

/**
 * Every morning in the reminder window, each enterprise that has not submitted last month's report is
 * reminded in its accounts' inboxes (and by e-mail for those who asked). Safe to run twice a day: notify()
 * sends each enterprise's reminder once per day.
 */
export const reportDeadlineReminderJob: JobDefinition = {
  name: 'report-deadline-reminders',
  titleZh: '月报截止前提醒未报送企业',
  titleEn: 'Remind enterprises of monthly reports due soon',
  schedule: '0 9 * * *',
  async run({ database, config, now }) {
    const day = shanghaiDay(now());
    const window = reminderWindow(day, REMIND_DAYS_BEFORE);
    if (!window) return { day, reminded: 0, inWindow: false };
    const period = `${window.year}-${String(window.month).padStart(2, '0')}`;
    const owing = await enterprisesOwingReport(database, window.year, window.month);
    let created = 0;
    let emailed = 0;
    for (const enterprise of owing) {
      const left = window.daysLeft === 0 ? '今天截止' : `还剩 ${window.daysLeft} 天`;
      const leftEn = window.daysLeft === 0 ? 'due today' : `${window.daysLeft} day(s) left`;
      const result = await notify(
        { database, config, now },
        {
          kind: 'report.deadline-reminder',
          object: { kind: 'monthly-report', id: `${enterprise.id}:${period}` },
          recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: enterprise.id } },
          titleZh: `${period} 月报请于 ${window.deadline} 前报送(${left})`,
          titleEn: `Monthly report ${period} is due on ${window.deadline} (${leftEn})`,
          bodyZh: `${enterprise.name}:${period} 的月度统计报表尚未提交,截止日期为 ${window.deadline}。请登录平台填报并提交。`,
          bodyEn: `${enterprise.name}: the monthly statistics report for ${period} has not been submitted; it is due on ${window.deadline}. Please sign in to fill it in and submit it.`,
          link: '/reports',
        },
      );
      created += result.created;
      emailed += result.emailed;
    }
    return { day, period, enterprises: owing.length, created, emailed };
  },
};
