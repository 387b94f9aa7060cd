import type { FastifyInstance } from 'fastify';
import { parsePeriod } from '../../../../contracts/indicators.ts';
import { cockpitPageQuerySchema, cockpitPageSchema, type CockpitPageView } from '../../../../contracts/cockpit-page.ts';
import type { AppDeps } from '../../app/deps.ts';
import { roleHasPermission } from '../../app/permissions.ts';
import { defineRoute } from '../../app/route.ts';
import { computeCockpit, computeGoalProgress, monthCloseRule, statsScopeOf } from '../statistics/index.ts';
import { warningRollupFor } from '../warnings/index.ts';

/**
 * GET /api/cockpit-page: the cockpit page's three answers in one request, so a full reload of the page waits
 * for one round trip instead of three. Nothing is computed here: each part comes from the same service and
 * the same scope function as its own endpoint (stats.policy for the figures, warning.policy for the rollup).
 */
export function registerCockpitPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = () => deps.database.db;
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/cockpit-page',
    access: 'stats.read',
    summary: 'The cockpit page in one answer: cockpit, goal progress and the live-warning rollup (each as its own endpoint answers it)',
    tags: ['statistics'],
    query: cockpitPageQuerySchema,
    responses: { 200: cockpitPageSchema },
    handler: async ({ actor, query }): Promise<CockpitPageView> => {
      const scope = await statsScopeOf(db(), actor!);
      const close = monthCloseRule(deps.clock(), deps.config.statsMonthCloseDay);
      const period = query.period ? { period: parsePeriod(query.period)! } : {};
      // One after the other: the embedded database runs one query at a time anyway.
      const cockpit = await computeCockpit(db(), scope, { indicator: query.indicator, ...period, close });
      const goals = await computeGoalProgress(db(), scope, { ...period, close });
      const warnings = roleHasPermission(actor!.role, 'warning.read') ? await warningRollupFor(deps, actor!) : null;
      return { cockpit, goals, warnings };
    },
  });
}
