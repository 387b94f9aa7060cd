import type { FastifyInstance } from 'fastify';
import { INDICATOR_BY_CODE, parsePeriod } from '../../../../contracts/indicators.ts';
import {
  breakdownQuerySchema,
  breakdownSchema,
  cockpitQuerySchema,
  cockpitSchema,
  drillQuerySchema,
  drillSchema,
  enterpriseStatsQuerySchema,
  enterpriseStatsSchema,
  goalsQuerySchema,
  goalsSchema,
  type BreakdownRowView,
} from '../../../../contracts/statistics.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, buildXlsx, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { auditActorOf } from '../audit/index.ts';
import { computeCockpit } from './cockpit.service.ts';
import { computeGoalProgress } from './goal-progress.service.ts';
import { computeDrill, computeStatsBreakdown } from './stats-query.service.ts';
import { statsScopeOf } from './stats.policy.ts';
import { monthCloseRule } from './stats-period.ts';
import { computeEnterpriseStats } from './enterprise-stats.service.ts';
import { idParamSchema } from '../../../../contracts/common.ts';

/** Analytics (SPEC §4, §5 analysis): cockpit, goals, breakdowns, drill-down and the monitoring export. */
export function registerStatsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['statistics'];
  const db = () => deps.database.db;
  const periodOf = (period: string) => parsePeriod(period)!;

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/cockpit',
    access: 'stats.read',
    summary: 'The cockpit: totals, trend, domain × zone, zones, top movers (a park: its own zone)',
    tags,
    query: cockpitQuerySchema,
    responses: { 200: cockpitSchema },
    handler: async ({ actor, query }) =>
      computeCockpit(db(), await statsScopeOf(db(), actor!), {
        indicator: query.indicator,
        ...(query.period ? { period: periodOf(query.period) } : {}),
        close: monthCloseRule(deps.clock(), deps.config.statsMonthCloseDay),
      }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/goals',
    access: 'stats.read',
    summary: 'Goal progress: yearly values, milestones, required and actual CAGR, completion vs time progress, year-end estimate',
    tags,
    query: goalsQuerySchema,
    responses: { 200: goalsSchema },
    handler: async ({ actor, query }) =>
      computeGoalProgress(db(), await statsScopeOf(db(), actor!), {
        ...(query.period ? { period: periodOf(query.period) } : {}),
        ...(query.baselineYear ? { baselineYear: query.baselineYear } : {}),
        close: monthCloseRule(deps.clock(), deps.config.statsMonthCloseDay),
      }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/breakdown',
    access: 'stats.read',
    summary: 'One indicator and period by a dimension: month, YTD, comparable base and YoY, nominal YoY, contribution, pull',
    tags,
    query: breakdownQuerySchema,
    responses: { 200: breakdownSchema },
    handler: async ({ actor, query }) =>
      computeStatsBreakdown(db(), await statsScopeOf(db(), actor!), query.by, { indicator: query.indicator, ...periodOf(query.period) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/drill',
    access: 'stats.read',
    summary: 'The enterprises behind one figure (a group of a dimension), within the caller’s scope',
    tags,
    query: drillQuerySchema,
    responses: { 200: drillSchema },
    handler: async ({ actor, query }) =>
      computeDrill(db(), await statsScopeOf(db(), actor!), { indicator: query.indicator, ...periodOf(query.period), dim: query.by, key: query.key, limit: query.limit }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/enterprises/:id',
    access: 'report.read',
    summary: 'One enterprise’s statistics: its series, YoY and rank in its domain (peers anonymised); 404 outside the report scope',
    tags,
    params: idParamSchema,
    query: enterpriseStatsQuerySchema,
    responses: { 200: enterpriseStatsSchema },
    handler: async ({ actor, params, query }) => computeEnterpriseStats(db(), actor!, params.id, query.indicator, query.period ? periodOf(query.period) : undefined),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/statistics/breakdown/export',
    access: 'stats.read',
    summary: 'The breakdown as an Excel workbook (monitoring page)',
    tags,
    query: breakdownQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const view = await computeStatsBreakdown(db(), await statsScopeOf(db(), actor!), query.by, { indicator: query.indicator, ...periodOf(query.period) });
      const unit = view.unit;
      const pct = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e4);
      const buffer = await buildXlsx(
        `${INDICATOR_BY_CODE[query.indicator].nameZh}${view.period}`,
        [
          { header: '分组', width: 28, value: (r: BreakdownRowView) => r.key },
          { header: `当月（${unit}）`, value: (r) => r.month },
          { header: `1—本月累计（${unit}）`, width: 20, value: (r) => r.ytd },
          { header: `同口径上年同期（${unit}）`, width: 22, value: (r) => r.base },
          { header: '同口径增速（%）', value: (r) => pct(r.yoy) },
          { header: '名义增速（%）', value: (r) => pct(r.nominalYoy) },
          { header: '贡献率（%）', value: (r) => pct(r.contribution) },
          { header: '拉动（百分点）', value: (r) => (r.pull === null ? null : Math.round(r.pull * 1e4) / 1e4) },
          { header: '企业数', value: (r) => r.enterprises },
        ],
        [...view.rows, view.total],
      );
      await deps.audit.standalone(auditActorOf(actor!), origin, { action: 'stats.export', details: { ...query, rows: view.rows.length } });
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`统计分析-${query.indicator}-${view.period}-${query.by}.xlsx`));
      return reply.send(buffer);
    },
  });
}
