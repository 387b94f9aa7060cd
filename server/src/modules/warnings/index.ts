/**
 * The warnings feature 预警 (issue 11 §1). Other features use only this entry point:
 * - monthly reports call `evaluateAfterReportChange` after an approval or import;
 * - the monthly analysis report calls `warningCountsForPeriod` (counts by colour, new and open, per scope);
 * - supervision and enterprise services feed their hook rules through `applyHookFindings`.
 */
export { registerWarningRoutes } from './warning.routes.ts';
export { warningEvaluationJob, warningEscalationJob } from './warning.jobs.ts';
export { evaluateWarnings, evaluateAfterReportChange, applyHookFindings, type EvaluationDeps } from './warning-evaluation.service.ts';
export { warningCountsForPeriod, type WarningPeriodCounts } from './warning-report-counts.ts';
export { warningsForReport, type WarningForReport } from './warning-report-list.ts';
export type { Finding as WarningFinding } from '../../domain/warnings/index.ts';
/** The live-warning rollup as GET /api/warnings/rollup answers it (the cockpit page's combined answer uses it). */
export { warningRollupFor } from './warning.service.ts';
