/** What other features may use of `monthly-reports`: they import it only through this file (app/module-boundaries.test.ts). */
export { importMonthlyReports } from './monthly-report.import.ts';
export { reportScope } from './monthly-report.policy.ts';
export { notFoundReport } from './monthly-report.service.ts';
