/** What other features may use of `forecast`: they import it only through this file (app/module-boundaries.test.ts). */
export { computeForecast } from './forecast.service.ts';
export { fractionalYear, metricHasProject } from './forecast-input.ts';
export { wanTo } from './forecast.presenter.ts';
export { loadEnterpriseYears, loadMetricDefinitions, loadPartNames, loadProjects } from './forecast.repository.ts';
export type { EnterpriseYearRow } from './forecast.repository.ts';
