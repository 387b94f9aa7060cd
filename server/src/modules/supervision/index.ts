/**
 * 督办 (issue 12): supervision of the plan's tasks. Other features use this entry point: the warning centre's
 * rule reads listOverdueSupervisionItems; the jobs are registered in app/feature-jobs.ts.
 */
import './supervision.attachments.ts';
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerSupervisionRoutes } from './supervision.routes.ts';
import { supervisionReminderJob, supervisionBulletinJob } from './supervision-reminder.job.ts';

export { listOverdueSupervisionItems, type OverdueSupervisionItem } from './supervision-overdue.ts';
export { dualTrack } from './supervision-outcomes.ts';

export { syncItemsFromPlan } from './supervision-sync.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const supervisionFeature = defineFeature({
  name: 'supervision',
  routes: registerSupervisionRoutes,
  permissions: permissionsNamed('supervision'),
  jobs: [supervisionReminderJob, supervisionBulletinJob],
  auditActions: auditActionsNamed('supervision'),
  navigation: ['supervision'],
});
