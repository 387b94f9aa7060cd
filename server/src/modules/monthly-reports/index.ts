/** What other features may use of `monthly-reports`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerMonthlyReportRoutes } from './monthly-report.routes.ts';
import { registerReportChasingRoutes } from './report-chasing.routes.ts';
import { reportDeadlineReminderJob } from './report-reminder.job.ts';
export { importMonthlyReports } from './monthly-report.import.ts';
export { reportScope } from './monthly-report.policy.ts';
export { createMonthlyReportService, notFoundReport } from './monthly-report.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const monthlyReportsFeature = defineFeature({
  name: 'monthly-reports',
  routes: (app, deps) => {
    registerMonthlyReportRoutes(app, deps);
    registerReportChasingRoutes(app, deps);
  },
  permissions: permissionsNamed('report'),
  jobs: [reportDeadlineReminderJob],
  auditActions: auditActionsNamed('monthly-report'),
  navigation: ['reports'],
});
