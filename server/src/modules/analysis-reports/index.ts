/** What other features may use of `analysis-reports`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerAnalysisRoutes } from './analysis-report.routes.ts';
import { monthlyAnalysisReportJob } from './analysis-report.job.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const analysisReportsFeature = defineFeature({
  name: 'analysis-reports',
  routes: registerAnalysisRoutes,
  permissions: permissionsNamed('forecast', 'analysis-report'),
  jobs: [monthlyAnalysisReportJob],
  auditActions: auditActionsNamed('analysis-report'),
  navigation: ['forecast', 'analysisReports'],
});
