/**
 * The warnings feature 预警 (issue 11 §1). Other features use only this entry point:
 * - monthly reports call `evaluateAfterReportChange` after an approval or import;
 * - the monthly analysis report calls `warningCountsForPeriod` (counts by colour, new and open, per scope);
 * - supervision and enterprise services feed their hook rules through `applyHookFindings`.
 */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerWarningRoutes } from './warning.routes.ts';
import { warningEvaluationJob, warningEscalationJob } from './warning.jobs.ts';

export { evaluateWarnings, evaluateAfterReportChange, applyHookFindings, type EvaluationDeps } from './warning-evaluation.service.ts';
export { warningCountsForPeriod, type WarningPeriodCounts } from './warning-report-counts.ts';
export { warningsForReport, type WarningForReport } from './warning-report-list.ts';
export type { Finding as WarningFinding } from '../../domain/warnings/index.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const warningsFeature = defineFeature({
  name: 'warnings',
  routes: registerWarningRoutes,
  permissions: permissionsNamed('warning'),
  jobs: [warningEvaluationJob, warningEscalationJob],
  auditActions: auditActionsNamed('warning'),
  navigation: ['warnings'],
});
