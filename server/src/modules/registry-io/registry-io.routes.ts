import type { FastifyInstance } from 'fastify';
import { exportFormatQuerySchema, importQuerySchema, importResultSchema, reportParamSchema, type ImportResultView } from '../../../../contracts/registry-io.ts';
import type { AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { answerImport } from '../../app/import-stream.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { callerOf, todayIso, loadReferenceIndex } from '../registry-common/index.ts';
import { REGISTRY_ENTITIES } from './entities.ts';
import type { RegistryEntity } from './entity.ts';
import { buildErrorReport } from './error-report.ts';
import { runExport } from './export.ts';
import { publicRejected, runImport, type ImportProgress, type ImportResult } from './import.ts';
import { findImportReport, storeImportReport } from './import-reports.ts';
import { buildTemplate } from './template.ts';

function fileNameHeader(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return decodeURIComponent(value).slice(0, 200);
  } catch {
    return null;
  }
}

export function presentImportResult(result: ImportResult, reportId: string | null): ImportResultView {
  return { ...result, rejected: publicRejected(result.rejected), reportId };
}

/**
 * Template, import, error report and export routes for every entity of REGISTRY_ENTITIES. Uploads are the
 * raw .xlsx bytes (Content-Type of .xlsx, size-limited by the parser below before anything is buffered
 * beyond the cap); the checks of upload-check.ts run before exceljs sees a byte.
 *
 * Progress: a client that sends `Accept: application/x-ndjson` gets a streamed response — progress lines,
 * then the result — produced by the import loop itself, so it keeps flowing while the single write
 * transaction holds the embedded database (a polled job endpoint would wait behind that transaction).
 * Any other client gets the result as one JSON document.
 */
export function registerRegistryIoRoutes(app: FastifyInstance, deps: AppDeps): void {
  if (!app.hasContentTypeParser(XLSX_MIME)) {
    app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes }, (_request, body, done) => done(null, body));
  }
  for (const entity of REGISTRY_ENTITIES) registerEntityIo(app, deps, entity);
}

function registerEntityIo(app: FastifyInstance, deps: AppDeps, entity: RegistryEntity<never>): void {
  const tags = ['registry-io'];
  const base = `/api/${entity.name}`;

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/template`,
    access: entity.permissions.import,
    summary: `Excel import template of ${entity.labelEn} (headers, 填写说明 sheet, drop-down lists)`,
    tags,
    handler: async ({ reply }) => {
      const buffer = await buildTemplate(entity, await loadReferenceIndex(deps.database.db));
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`${entity.sheetName}-导入模板.xlsx`));
      return reply.send(buffer);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/import`,
    access: entity.permissions.import,
    summary: `Import ${entity.labelEn} from an .xlsx body (rows outside the caller’s scope are rejected)`,
    tags,
    query: importQuerySchema,
    responses: { 200: importResultSchema },
    rateLimitPerMinute: 20,
    handler: async ({ actor, origin, query, request, reply }) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请上传 Excel 工作簿（.xlsx）', 'Upload an Excel workbook (.xlsx)');
      }
      const caller = callerOf(actor!, origin);
      const fileName = fileNameHeader(request.headers['x-file-name']) ?? query.fileName ?? null;
      const finish = async (result: ImportResult) =>
        presentImportResult(result, result.rejected.length ? await storeImportReport(deps.database, actor!.userId, entity.name, fileName, body, result.rejected) : null);
      const options = { mode: query.mode, duplicates: query.duplicates, fileName };
      const run = async (onProgress?: (p: ImportProgress) => Promise<void> | void) => finish(await runImport(deps, caller, entity, body, { ...options, ...(onProgress ? { onProgress } : {}) }));
      return answerImport(deps, request, reply, run);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/import-reports/:id`,
    access: entity.permissions.import,
    summary: `The uploaded workbook with its errors marked (the uploader only; kept 30 minutes)`,
    tags,
    params: reportParamSchema,
    handler: async ({ actor, params, reply }) => {
      const report = await findImportReport(deps.database, params.id, actor!.userId, entity.name);
      if (!report) throw errors.notFound('错误报告', 'error report');
      const buffer = await buildErrorReport(report.original, entity.sheetName, report.rejected);
      const stem = (report.fileName ?? entity.sheetName).replace(/\.xlsx$/i, '');
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`${stem}-错误报告.xlsx`));
      return reply.send(buffer);
    },
  });

  const exportQuery = entity.exportFilter.extend(exportFormatQuerySchema.shape);
  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/export`,
    access: entity.permissions.export,
    summary: `Export the filtered ${entity.labelEn} list (caller’s scope) as .xlsx or CSV`,
    tags,
    query: exportQuery,
    handler: async ({ actor, origin, query, reply }) => {
      const { format, ...filter } = query as Record<string, unknown> & { format: 'xlsx' | 'csv' };
      const file = await runExport(deps.database.db, actor!, entity, filter, format, todayIso(deps.clock()));
      await deps.audit.standalone(callerOf(actor!, origin).audit, origin, { action: `${entity.name}.export`, objectType: entity.name, details: { filter, format, rows: file.rows } });
      reply.header('content-type', file.contentType).header('content-disposition', attachmentDisposition(file.fileName));
      return reply.send(file.body);
    },
  });
}
