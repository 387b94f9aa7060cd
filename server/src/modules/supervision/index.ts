/**
 * 督办 (issue 12): supervision of the plan's tasks. Other features use this entry point: the warning centre's
 * rule reads listOverdueSupervisionItems; the jobs are registered in app/feature-jobs.ts.
 */
import './supervision.attachments.ts';
export { registerSupervisionRoutes } from './supervision.routes.ts';
export { listOverdueSupervisionItems, type OverdueSupervisionItem } from './supervision-overdue.ts';
export { dualTrack } from './supervision-outcomes.ts';
export { supervisionReminderJob, supervisionBulletinJob } from './supervision-reminder.job.ts';
export { syncItemsFromPlan } from './supervision-sync.ts';
