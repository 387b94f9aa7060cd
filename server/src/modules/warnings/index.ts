/**
 * The warnings feature 预警 (issue 11 §1). Other features use only this entry point:
 * - monthly reports call `evaluateAfterReportChange` after an approval or import;
 * - the monthly analysis report lists `warningsForReport`;
 * - a feature with its own warning kind feeds its findings through `applyHookFindings`;
 * - the command line runs `evaluateWarnings`.
 */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerWarningRoutes } from './warning.routes.ts';
import { warningEvaluationJob, warningEscalationJob } from './warning.jobs.ts';

export { evaluateWarnings, evaluateAfterReportChange, applyHookFindings } from './warning-evaluation.service.ts';
export { warningsForReport } from './warning-report-list.ts';
/** The live-warning rollup as GET /api/warnings/rollup answers it (the cockpit page's combined answer uses it). */
export { warningRollupFor } from './warning.service.ts';
/** Which warnings an actor reads (alias `w`): the chain map counts a node's open warnings through it. */
export { warningReadScope } from './warning.policy.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const warningsFeature = defineFeature({
  name: 'warnings',
  routes: registerWarningRoutes,
  permissions: permissionsNamed('warning'),
  jobs: [warningEvaluationJob, warningEscalationJob],
  auditActions: auditActionsNamed('warning'),
  navigation: ['warnings'],
});
