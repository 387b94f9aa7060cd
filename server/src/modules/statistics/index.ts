/** What other features may use of `statistics`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerStatsRoutes } from './stats.routes.ts';
export { refreshRollups, type EnterpriseYear } from './rollup.repository.ts';
export { LARGE_CHANGE_FROM } from './rollup-refresh.repository.ts';
export { rowsOf } from './sql-rows.ts';
export { computeGoalProgress } from './goal-progress.service.ts';
export { monthCloseRule, statsPeriods } from './stats-period.ts';
export { computeCockpit } from './cockpit.service.ts';
export type { StatsScope } from './stats.policy.ts';
export { statsScopeOf } from './stats.policy.ts';
export { cachedStatsView, currentStatsToken, refreshStatsViews, scheduleStatsViewRefresh, statsViewRefreshSettled } from './stats-cache.ts';
export type { MonthCloseRule } from './stats-period.ts';
export { formulaPopulation, loadPlanGoals, toWan } from './goal-progress.service.ts';
export { populationFilter } from './population.repository.ts';
export type { Population } from './stats-query.repository.ts';
export { yuanOfNumeric } from './sql-rows.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const statisticsFeature = defineFeature({
  name: 'statistics',
  routes: registerStatsRoutes,
  permissions: permissionsNamed('stats'),
  auditActions: auditActionsNamed('stats'),
  navigation: ['cockpit', 'monitoring'],
});
