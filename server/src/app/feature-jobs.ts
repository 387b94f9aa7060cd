import { pruneJobHistoryJob, type JobDefinition } from '../modules/jobs/index.ts';
import { reportDeadlineReminderJob } from '../modules/monthly-reports/report-reminder.job.ts';
import { supervisionBulletinJob, supervisionReminderJob } from '../modules/supervision/index.ts';

/** Every feature's scheduled and on-request jobs. A feature adds its jobs here (docs/ARCHITECTURE.md). */
export function featureJobs(): JobDefinition[] {
  return [pruneJobHistoryJob, reportDeadlineReminderJob, supervisionReminderJob, supervisionBulletinJob];
}
