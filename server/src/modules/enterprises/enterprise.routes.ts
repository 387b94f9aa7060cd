import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import { enterpriseListItemSchema, enterpriseListQuerySchema, enterprisePageSchema } from '../../../../contracts/enterprises.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, buildXlsx, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import { enterpriseScope } from './enterprise.policy.ts';
import { presentEnterprise } from './enterprise.presenter.ts';
import { findEnterprise, iterateEnterprises, listEnterprises, type EnterpriseListRow } from './enterprise.repository.ts';

const STAGE_ZH: Record<string, string> = { incubating: '孵化', accelerating: '加速', industrialized: '产业化' };

export function registerEnterpriseRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['enterprises'];
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises',
    access: 'enterprise.read',
    summary: 'List enterprises in the caller’s scope',
    tags,
    query: enterpriseListQuerySchema,
    responses: { 200: enterprisePageSchema },
    handler: async ({ actor, query }) => {
      const { items, total } = await listEnterprises(deps.database.db, enterpriseScope(actor!), query, query.page, query.pageSize);
      return { items: items.map(presentEnterprise), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises/:id',
    access: 'enterprise.read',
    summary: 'One enterprise (404 when outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: enterpriseListItemSchema },
    handler: async ({ actor, origin, params }) => {
      const row = await findEnterprise(deps.database.db, enterpriseScope(actor!), params.id);
      if (!row) {
        // Same answer for "does not exist" and "not yours", so ids cannot be probed; the attempt is logged.
        await deps.audit.standalone(auditActorOf(actor), origin, { action: 'enterprise.read', outcome: 'denied', objectType: 'enterprise', objectId: params.id });
        throw errors.notFound('企业', 'enterprise');
      }
      return presentEnterprise(row);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises/export',
    access: 'enterprise.export',
    summary: 'Export the filtered list (caller’s scope) as Excel',
    tags,
    query: enterpriseListQuerySchema.omit({ page: true, pageSize: true }),
    handler: async ({ actor, origin, query, reply }) => {
      const rows: EnterpriseListRow[] = [];
      for await (const row of iterateEnterprises(deps.database.db, enterpriseScope(actor!), query)) rows.push(row);
      const buffer = await buildXlsx(
        '企业名录',
        [
          { header: '统一社会信用代码', width: 22, value: (r: EnterpriseListRow) => r.uscc },
          { header: '企业名称', width: 36, value: (r) => r.name },
          { header: '重点领域', value: (r) => r.domainName },
          { header: '功能区', value: (r) => r.zoneName },
          { header: '发展阶段', value: (r) => STAGE_ZH[r.stage] ?? r.stage },
          { header: '规上企业', value: (r) => (r.isAboveScale ? '是' : '否') },
          { header: '演示数据', value: (r) => (r.isDemo ? '是' : '否') },
        ],
        rows,
      );
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'enterprise.export', objectType: 'enterprise', details: { filter: query, rows: rows.length } });
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`企业名录-${new Date().toISOString().slice(0, 10)}.xlsx`));
      return reply.send(buffer);
    },
  });
}
