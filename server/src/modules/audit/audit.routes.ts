import type { FastifyInstance } from 'fastify';
import { auditFilterSchema, auditPageSchema, auditQuerySchema, auditVerifyResultSchema } from '../../../../contracts/audit.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, buildXlsx, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { auditActorOf } from './audit.service.ts';
import { iterateAuditRecords, listAuditRecords, type AuditRow } from './audit.repository.ts';
import { KeyMissingError, verifyAuditLog } from './audit.verify.ts';
import { AppError } from '../../app/errors.ts';

function present(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    actorRole: row.actorRole,
    ip: row.ip,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    outcome: row.outcome as 'success' | 'failure' | 'denied',
    before: row.before,
    after: row.after,
    details: row.details,
  };
}

const EXPORT_LIMIT = 100_000;

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['audit'];
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/audit/events',
    access: 'audit.read',
    summary: 'Search the audit log',
    tags,
    query: auditQuerySchema,
    responses: { 200: auditPageSchema },
    handler: async ({ query }) => {
      const { items, total } = await listAuditRecords(deps.database.db, query, query.page, query.pageSize);
      return { items: items.map(present), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/audit/verify',
    access: 'audit.read',
    summary: 'Verify the hash chain; names the first broken record',
    tags,
    responses: { 200: auditVerifyResultSchema },
    handler: async ({ actor, origin }) => {
      const result = await verifyAuditLog(deps.database.db).catch((error: unknown) => {
        if (error instanceof KeyMissingError) {
          throw new AppError(503, 'AUDIT_KEY_MISSING', '审计密钥缺失，无法校验审计日志', 'The audit key is missing; the audit log cannot be verified');
        }
        throw error;
      });
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', details: result });
      return result;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/audit/export',
    access: 'audit.export',
    summary: 'Export the filtered audit log as an Excel workbook',
    tags,
    query: auditFilterSchema,
    handler: async ({ actor, origin, query, reply }) => {
      const rows: AuditRow[] = [];
      for await (const row of iterateAuditRecords(deps.database.db, query)) {
        rows.push(row);
        if (rows.length >= EXPORT_LIMIT) break;
      }
      const buffer = await buildXlsx(
        '审计日志',
        [
          { header: '序号', width: 8, value: (r: AuditRow) => r.seq },
          { header: '时间', width: 22, value: (r) => r.at.toISOString() },
          { header: '用户', value: (r) => r.actorUsername },
          { header: '角色', value: (r) => r.actorRole },
          { header: 'IP', value: (r) => r.ip },
          { header: '操作', width: 24, value: (r) => r.action },
          { header: '对象类型', value: (r) => r.objectType },
          { header: '对象', width: 38, value: (r) => r.objectId },
          { header: '结果', value: (r) => r.outcome },
          { header: '变更前', width: 40, value: (r) => (r.before == null ? null : JSON.stringify(r.before)) },
          { header: '变更后', width: 40, value: (r) => (r.after == null ? null : JSON.stringify(r.after)) },
          { header: '详情', width: 40, value: (r) => (r.details == null ? null : JSON.stringify(r.details)) },
          { header: '哈希', width: 20, value: (r) => r.hash },
        ],
        rows,
      );
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'audit.export', details: { filter: query, rows: rows.length } });
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`));
      return reply.send(buffer);
    },
  });
}
