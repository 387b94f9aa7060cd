import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  boardQuerySchema,
  boardSchema,
  bulletinInputSchema,
  bulletinListSchema,
  bulletinViewSchema,
  confirmWorkPlanSchema,
  consolidateInputSchema,
  dualTrackSchema,
  itemDetailSchema,
  itemListQuerySchema,
  itemListSchema,
  outcomeLinkInputSchema,
  reportInputSchema,
  reportViewSchema,
  reviewInputSchema,
  ruleCodeParamSchema,
  statusRuleInputSchema,
  statusRuleListSchema,
  statusRuleViewSchema,
  syncResultSchema,
  taskKeyParamSchema,
  workPlanImportResultSchema,
  workPlanInputSchema,
  yearSchema,
} from '../../../../contracts/supervision.ts';
import type { AppDeps } from '../../app/deps.ts';
import { inTransaction } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { callerOf } from '../registry-common/index.ts';
import { findBulletin, generateBulletin, listBulletins } from './supervision-bulletin.ts';
import { createSupervisionSettingsService } from './supervision-outcomes.ts';
import { createSupervisionService, currentYear } from './supervision.service.ts';
import { exportWorkPlan, importWorkPlan } from './supervision-work-plan-io.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const yearQuerySchema = z.object({ year: yearSchema.optional() }).strict();

/** 督办 (issue 12): thin handlers; scope in supervision.policy.ts, rules in the services. */
export function registerSupervisionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createSupervisionService(deps);
  const settings = createSupervisionSettingsService(deps);
  const tags = ['supervision'];
  if (!app.hasContentTypeParser(XLSX_MIME)) {
    app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes }, (_request, body, done) => done(null, body));
  }

  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/items', access: 'supervision.read', tags, summary: 'Supervision items of a year with their colours (caller’s scope)',
    query: itemListQuerySchema, responses: { 200: itemListSchema },
    handler: ({ actor, origin, query }) => service.list(callerOf(actor!, origin), query),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/items/:id', access: 'supervision.read', tags, summary: 'One item: milestones, sub-items, reports with their history',
    params: idParamSchema, query: yearQuerySchema, responses: { 200: itemDetailSchema },
    handler: ({ actor, origin, params, query }) => service.get(callerOf(actor!, origin), params.id, query.year),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/supervision/items/:id/work-plan', access: 'supervision.plan', tags, summary: 'Set a year’s milestones (the commission: confirmed; the lead unit: proposed)',
    params: idParamSchema, body: workPlanInputSchema, responses: { 200: itemDetailSchema },
    handler: ({ actor, origin, params, body }) => service.setWorkPlan(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/items/:id/work-plan/confirm', access: 'supervision.review', tags, summary: 'Confirm the milestones a lead unit proposed',
    params: idParamSchema, body: confirmWorkPlanSchema, responses: { 200: itemDetailSchema },
    handler: ({ actor, origin, params, body }) => service.confirmWorkPlan(callerOf(actor!, origin), params.id, body.year, body.version),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/items/:id/reports', access: 'supervision.report', tags, summary: 'Submit (or resubmit) the progress report of a period; late reports are kept and marked',
    params: idParamSchema, body: reportInputSchema, responses: { 200: reportViewSchema },
    handler: ({ actor, origin, params, body }) => service.submitReport(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/reports/:id/consolidate', access: 'supervision.report', tags, summary: 'The lead unit consolidates a co-unit’s report',
    params: idParamSchema, body: consolidateInputSchema, responses: { 200: reportViewSchema },
    handler: ({ actor, origin, params, body }) => service.consolidate(callerOf(actor!, origin), params.id, body.version),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/reports/:id/review', access: 'supervision.review', tags, summary: 'Accept a report, or return it with a reason',
    params: idParamSchema, body: reviewInputSchema, responses: { 200: reportViewSchema },
    handler: ({ actor, origin, params, body }) => service.review(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/board', access: 'supervision.read', tags, summary: 'Department board (scores, ranking) and the tasks × units matrix',
    query: boardQuerySchema, responses: { 200: boardSchema },
    handler: ({ actor, origin, query }) => service.board(callerOf(actor!, origin), query.year),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/dual-track', access: 'supervision.read', tags, summary: 'Task progress against the linked outcome indicators, with mismatch flags',
    query: yearQuerySchema, responses: { 200: dualTrackSchema },
    handler: ({ actor, origin, query }) => settings.dualTrack(callerOf(actor!, origin), query.year),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/supervision/outcome-links/:taskKey', access: 'supervision.manage', tags, summary: 'Link a task to outcome indicators with the year’s baseline and target',
    params: taskKeyParamSchema, body: outcomeLinkInputSchema, responses: { 200: dualTrackSchema },
    handler: ({ actor, origin, params, body }) => settings.setOutcomeLinks(callerOf(actor!, origin), params.taskKey, body),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/rules', access: 'supervision.read', tags, summary: 'The colour rules and their parameters',
    responses: { 200: statusRuleListSchema },
    handler: () => settings.rules(),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/supervision/rules/:code', access: 'supervision.manage', tags, summary: 'Enable, disable or tune a colour rule (the board follows at once)',
    params: ruleCodeParamSchema, body: statusRuleInputSchema, responses: { 200: statusRuleViewSchema },
    handler: ({ actor, origin, params, body }) => settings.updateRule(callerOf(actor!, origin), params.code, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/sync', access: 'supervision.manage', tags, summary: 'Derive the items from the active plan version (idempotent)',
    responses: { 200: syncResultSchema },
    handler: ({ actor, origin }) => service.sync(callerOf(actor!, origin)),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/work-plan/export', access: 'supervision.read', tags, summary: 'The year’s work plan as .xlsx (caller’s scope; also the import template)',
    query: yearQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const caller = callerOf(actor!, origin);
      const year = query.year ?? currentYear(deps.clock());
      const file = await exportWorkPlan(deps, caller, year);
      await deps.audit.standalone(caller.audit, origin, { action: 'supervision.work-plan-export', objectType: 'supervision', details: { year, rows: file.rows } });
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`督办节点计划-${year}.xlsx`));
      return reply.send(file.body);
    },
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/work-plan/import', access: 'supervision.manage', tags, summary: 'Import milestones from the work-plan workbook; rejections located by row and column',
    responses: { 200: workPlanImportResultSchema }, rateLimitPerMinute: 20,
    handler: async ({ actor, origin, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请上传 Excel 工作簿(.xlsx)', 'Upload an Excel workbook (.xlsx)');
      const caller = callerOf(actor!, origin);
      const result = await importWorkPlan(deps, caller, request.body);
      await deps.audit.standalone(caller.audit, origin, { action: 'supervision.work-plan-import', objectType: 'supervision', details: { imported: result.imported, updated: result.updated, rejected: result.rejected.length } });
      return result;
    },
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/bulletins', access: 'supervision.bulletin', tags, summary: 'Archived 督办通报',
    responses: { 200: bulletinListSchema },
    handler: async () => ({ items: await listBulletins(deps.database.db) }),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/supervision/bulletins', access: 'supervision.manage', tags, summary: 'Generate and archive the bulletin of a month',
    body: bulletinInputSchema, responses: { 200: bulletinViewSchema },
    handler: ({ actor, origin, body }) =>
      inTransaction(deps, async (tx) => {
        const caller = callerOf(actor!, origin);
        const at = deps.clock();
        const made = await generateBulletin(tx, body.period, at, caller.audit.username ?? caller.actor.username);
        await deps.audit.inTransaction(tx, caller.audit, origin, { action: 'supervision.bulletin-generate', objectType: 'supervision-bulletin', objectId: made.id, after: { period: body.period } });
        return { id: made.id, period: body.period, fileName: made.fileName, size: made.content.length, generatedBy: caller.audit.username ?? caller.actor.username, createdAt: at.toISOString(), summary: made.summary as unknown as Record<string, unknown> };
      }),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/supervision/bulletins/:id/file', access: 'supervision.bulletin', tags, summary: 'Download an archived bulletin (.docx)',
    params: idParamSchema,
    handler: async ({ params, reply }) => {
      const row = await findBulletin(deps.database.db, params.id);
      if (!row) throw errors.notFound('督办通报', 'bulletin');
      reply.header('content-type', DOCX_MIME).header('content-disposition', attachmentDisposition(row.fileName));
      return reply.send(row.content);
    },
  });
}
