import { pruneJobHistoryJob, type JobDefinition } from '../modules/jobs/index.ts';
import { warningEscalationJob, warningEvaluationJob } from '../modules/warnings/index.ts';
import { requestSlaJob } from '../modules/services-requests/index.ts';
import { bookingCompletionJob, waitlistOfferJob } from '../modules/services-instruments/index.ts';
import { reportDeadlineReminderJob } from '../modules/monthly-reports/report-reminder.job.ts';
import { monthlyAnalysisReportJob } from '../modules/analysis-reports/analysis-report.job.ts';
import { supervisionBulletinJob, supervisionReminderJob } from '../modules/supervision/index.ts';

/** Every feature's scheduled and on-request jobs. A feature adds its jobs here (docs/ARCHITECTURE.md). */
export function featureJobs(): JobDefinition[] {
  return [
    pruneJobHistoryJob,
    reportDeadlineReminderJob,
    warningEvaluationJob,
    warningEscalationJob,
    monthlyAnalysisReportJob,
    supervisionReminderJob,
    supervisionBulletinJob,
    requestSlaJob,
    bookingCompletionJob,
    waitlistOfferJob,
  ];
}
