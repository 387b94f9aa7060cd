import type { FastifyInstance } from 'fastify';
import { parsePeriod } from '../../../../contracts/indicators.ts';
import { analysisReportListSchema, analysisReportSchema, forecastQuerySchema, forecastSchema, gapAnalysisSchema, gapQuerySchema, generateAnalysisReportSchema } from '../../../../contracts/forecast.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition } from '../../lib/spreadsheet.ts';
import { auditActorOf } from '../audit/index.ts';
import { computeForecast } from '../forecast/index.ts';
import { monthCloseRule } from '../statistics/index.ts';
import { generateAndArchive } from './analysis-report-archive.service.ts';
import { presentArchivedReport } from './analysis-report.presenter.ts';
import { reportArchiveScopeOf, zoneToGenerate } from './analysis-report.policy.ts';
import { findArchivedReport, listArchivedReports, readArchivedContent } from './analysis-report.repository.ts';
import { computeGapAnalysis } from './gap-analysis.service.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Forecast (issue 11 §2), 事后分析 (§3) and the archive of monthly analysis reports (§4). */
export function registerAnalysisRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['analysis'];
  const db = () => deps.database.db;

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/forecast',
    access: 'forecast.read',
    summary: 'P(goal met), 10/50/90 % bands, tornado, pipeline estimates and backtest, as of the latest closed month',
    tags,
    query: forecastQuerySchema,
    responses: { 200: forecastSchema },
    handler: async ({ query }) => computeForecast(db(), { runs: query.runs, seed: query.seed, close: monthCloseRule(deps.clock(), deps.config.statsMonthCloseDay) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/analysis/gap',
    access: 'forecast.read',
    summary: '事后分析: the gap of a goal metric against its goal or milestone, by zone, domain and enterprise group',
    tags,
    query: gapQuerySchema,
    responses: { 200: gapAnalysisSchema },
    handler: async ({ query }) => computeGapAnalysis(db(), { metric: query.metric, period: parsePeriod(query.period)! }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/analysis-reports',
    access: 'analysis-report.read',
    summary: 'The archive of monthly analysis reports (a park: its own zone’s)',
    tags,
    responses: { 200: analysisReportListSchema },
    handler: async ({ actor }) => ({ items: (await listArchivedReports(db(), await reportArchiveScopeOf(db(), actor!))).map(presentArchivedReport) }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/analysis-reports',
    access: 'analysis-report.generate',
    summary: 'Generates (or regenerates) the monthly analysis report of a period for the district or a zone, and archives it',
    tags,
    body: generateAnalysisReportSchema,
    responses: { 200: analysisReportSchema },
    rateLimitPerMinute: 6,
    handler: async ({ actor, origin, body }) => {
      const scope = await reportArchiveScopeOf(db(), actor!);
      const zoneCode = zoneToGenerate(scope, body.zone);
      const row = await generateAndArchive(db(), { period: parsePeriod(body.period)!, zoneCode, source: 'manual', userId: actor!.userId, now: deps.clock() }, (tx, stored) =>
        deps.audit.inTransaction(tx, auditActorOf(actor!), origin, {
          action: 'analysis-report.generate',
          objectType: 'analysis-report',
          objectId: stored.id,
          details: { period: stored.period, zone: stored.zoneCode, version: stored.version, size: stored.size },
        }),
      );
      return presentArchivedReport(row);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/analysis-reports/:id/download',
    access: 'analysis-report.read',
    summary: 'Downloads an archived monthly analysis report (.docx)',
    tags,
    params: idParamSchema,
    handler: async ({ actor, origin, params, reply }) => {
      const scope = await reportArchiveScopeOf(db(), actor!);
      const found = await readArchivedContent(db(), scope, params.id);
      if (!found) throw errors.notFound('报告', 'report');
      await deps.audit.standalone(auditActorOf(actor!), origin, { action: 'analysis-report.download', objectType: 'analysis-report', objectId: params.id, details: { period: found.row.period, zone: found.row.zoneCode } });
      reply.header('content-type', DOCX_MIME).header('content-disposition', attachmentDisposition(found.row.fileName));
      return reply.send(found.content);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/analysis-reports/:id/regenerate',
    access: 'analysis-report.generate',
    summary: 'Regenerates an archived report from the current data (same period and scope; the version goes up)',
    tags,
    params: idParamSchema,
    responses: { 200: analysisReportSchema },
    rateLimitPerMinute: 6,
    handler: async ({ actor, origin, params }) => {
      const scope = await reportArchiveScopeOf(db(), actor!);
      const existing = await findArchivedReport(db(), scope, params.id);
      if (!existing) throw errors.notFound('报告', 'report');
      const args = { period: parsePeriod(existing.period)!, zoneCode: existing.zoneCode, source: 'manual' as const, userId: actor!.userId, now: deps.clock() };
      const row = await generateAndArchive(db(), args, (tx, stored) =>
        deps.audit.inTransaction(tx, auditActorOf(actor!), origin, {
          action: 'analysis-report.generate',
          objectType: 'analysis-report',
          objectId: stored.id,
          details: { period: stored.period, zone: stored.zoneCode, version: stored.version, size: stored.size, regenerate: true },
        }),
      );
      return presentArchivedReport(row);
    },
  });
}
