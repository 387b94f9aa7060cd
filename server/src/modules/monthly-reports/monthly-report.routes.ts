import { evaluateAfterReportChange } from '../warnings/index.ts';
import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  approvalSchema,
  createReportSchema,
  monthlyImportQuerySchema,
  monthlyImportResultSchema,
  reportDetailSchema,
  reportExportQuerySchema,
  reportListQuerySchema,
  reportPageSchema,
  reviewSchema,
  revisionListSchema,
  transitionSchema,
  updateReportSchema,
} from '../../../../contracts/monthly-reports.ts';
import { reportParamSchema } from '../../../../contracts/registry-io.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { errors } from '../../app/errors.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { importMonthlyReports, type MonthlyImportProgress } from './monthly-report.import.ts';
import { answerImport } from '../../app/import-stream.ts';
import { callerOf } from '../registry-common/index.ts';
import { findImportReport, storeImportReport } from '../registry-io/index.ts';
import { buildMonthlyErrorReport, type LocatedRejection } from './monthly-report.error-report.ts';
import { exportMonthlyReports } from './monthly-report.export.ts';
import { presentImportResult } from './monthly-report.presenter.ts';
import { buildMonthlyReportTemplate, MONTHLY_TEMPLATE_FILE_NAME } from './monthly-report.template.ts';
import { createMonthlyReportService } from './monthly-report.service.ts';

/** The uploaded file's name (sent URI-encoded); a malformed header is ignored rather than failing the import. */
function fileNameHeader(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return decodeURIComponent(value).slice(0, 200);
  } catch {
    return null;
  }
}

/** The bureau import's marked workbooks share the registries' short-lived store under this name. */
const IMPORT_REPORT_KIND = 'monthly-reports';

/** Monthly reports (月报): the enterprise's form, the park's review, the commission's approval, history, export. */
export function registerMonthlyReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['monthly-reports'];
  const service = createMonthlyReportService(deps);
  if (!app.hasContentTypeParser(XLSX_MIME)) {
    app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes }, (_request, body, done) => done(null, body));
  }

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/import',
    access: 'report.import',
    summary:
      'Import the bureau’s monthly file (raw .xlsx body: flat template or B204-1); conflicts listed, nothing wrong stored. ' +
      'With `Accept: application/x-ndjson` the answer streams progress lines (check, parse, validate, write, rollups) and then the result, or an error line',
    tags,
    query: monthlyImportQuerySchema,
    responses: { 200: monthlyImportResultSchema },
    handler: async ({ actor, origin, query, request, reply }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw errors.validation([{ path: 'body', rule: 'xlsx', message: '请上传 .xlsx 文件', messageEn: 'Upload an .xlsx file' }]);
      const fileName = fileNameHeader(request.headers['x-file-name']) ?? query.fileName ?? null;
      const run = async (onProgress?: (p: MonthlyImportProgress) => Promise<void> | void) => {
        const result = await importMonthlyReports(deps, callerOf(actor!, origin), body, {
          mode: query.mode,
          onConflict: query.onConflict,
          fileName,
          ...(onProgress ? { onProgress } : {}),
          afterCommit: (ids) => evaluateAfterReportChange(deps, ids),
        });
        const reportId = result.rejected.length ? await storeImportReport(deps.database, actor!.userId, IMPORT_REPORT_KIND, fileName, body, result.rejected) : null;
        return presentImportResult(result, query.onConflict, reportId);
      };
      return answerImport(deps, request, reply, run);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/import-reports/:id',
    access: 'report.import',
    summary: 'The uploaded bureau file with its errors marked (red cells with comments, a 错误说明 sheet; the uploader only, kept 30 minutes)',
    tags,
    params: reportParamSchema,
    handler: async ({ actor, params, reply }) => {
      const report = await findImportReport<LocatedRejection>(deps.database, params.id, actor!.userId, IMPORT_REPORT_KIND);
      if (!report) throw errors.notFound('错误报告', 'error report');
      const buffer = await buildMonthlyErrorReport(report.original, report.rejected);
      const stem = (report.fileName ?? '月报导入').replace(/\.xlsx$/i, '');
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`${stem}-错误报告.xlsx`));
      return reply.send(buffer);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/template',
    access: 'report.import',
    summary: 'The flat import template: one row per enterprise × month, one column per indicator, a 填写说明 sheet',
    tags,
    handler: async ({ reply }) => {
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(MONTHLY_TEMPLATE_FILE_NAME));
      return reply.send(await buildMonthlyReportTemplate());
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports',
    access: 'report.read',
    summary: 'Monthly reports in the caller’s scope (queues: filter by period and status)',
    tags,
    query: reportListQuerySchema,
    responses: { 200: reportPageSchema },
    handler: async ({ actor, origin, query }) => service.list(callerOf(actor!, origin), query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/export',
    access: 'report.export',
    summary: 'Export the monthly reports in the caller’s scope (one row per enterprise × month, amounts in 万元)',
    tags,
    query: reportExportQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const file = await exportMonthlyReports(deps, callerOf(actor!, origin), query);
      reply
        .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', attachmentDisposition(`月报-${deps.clock().toISOString().slice(0, 10)}.${query.format}`));
      return reply.send(file.body);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/:id',
    access: 'report.read',
    summary: 'One report with its validation (404 outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: reportDetailSchema },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/:id/revisions',
    access: 'report.read',
    summary: 'Every revision of one report (immutable)',
    tags,
    params: idParamSchema,
    responses: { 200: revisionListSchema },
    handler: async ({ actor, origin, params }) => service.revisions(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports',
    access: 'report.submit',
    summary: 'Start the enterprise’s report for a month (a draft; 409 when one exists)',
    tags,
    body: createReportSchema,
    responses: { 201: reportDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/monthly-reports/:id',
    access: 'report.submit',
    summary: 'Save a draft or returned report (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: updateReportSchema,
    responses: { 200: reportDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.update(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/:id/submit',
    access: 'report.submit',
    summary: 'Submit a report for review (validation per SPEC §4; a 说明 where needed)',
    tags,
    params: idParamSchema,
    body: transitionSchema,
    responses: { 200: reportDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.submit(callerOf(actor!, origin), params.id, body.version),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/:id/review',
    access: 'report.review',
    summary: 'The park’s review: pass on to the commission, or return with a reason',
    tags,
    params: idParamSchema,
    body: reviewSchema,
    responses: { 200: reportDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.review(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/:id/approve',
    access: 'report.approve',
    summary: 'The commission’s approval (updates the statistics), or a return with a reason',
    tags,
    params: idParamSchema,
    body: approvalSchema,
    responses: { 200: reportDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.approve(callerOf(actor!, origin), params.id, body),
  });
}
