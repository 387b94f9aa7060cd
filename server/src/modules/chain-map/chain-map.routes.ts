import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chainMapQuerySchema, chainMapSchema, chainNodeImportanceSchema, chainNodeListsSchema } from '../../../../contracts/chain-map.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { auditActorOf } from '../audit/index.ts';
import { callerOf } from '../registry-common/index.ts';
import { buildChainMapWorkbook } from './chain-map.export.ts';
import { computeChainMap, computeNodeLists, setNodeImportance } from './chain-map.service.ts';

const exportQuerySchema = chainMapQuerySchema.extend({ node: z.string().uuid().optional() });

/** The chain map (issue 13): per-domain chain with strength and gap per node, the N lists, the weights. */
export function registerChainMapRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['chain-map'];
  const db = () => deps.database.db;
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chain-map',
    access: 'chainmap.read',
    summary: 'The chain of each domain with strength, importance and gap per node, and the gaps ranked (zone filter)',
    tags,
    query: chainMapQuerySchema,
    responses: { 200: chainMapSchema },
    handler: async ({ actor, query }) => computeChainMap(db(), actor!, query, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chain-map/nodes/:id',
    access: 'chainmap.read',
    summary: 'One node: its score with the formula inputs and its lists (leading, suppliers, pipeline, experts, targets)',
    tags,
    params: idParamSchema,
    query: chainMapQuerySchema,
    responses: { 200: chainNodeListsSchema },
    handler: async ({ actor, params, query }) => computeNodeLists(db(), actor!, params.id, query, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/chain-map/nodes/:id/importance',
    access: 'chainmap.weight',
    summary: 'Set a node’s importance weight (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: chainNodeImportanceSchema,
    responses: { 200: z.object({ nodeId: z.string(), importance: z.number(), version: z.number().int() }) },
    handler: async ({ actor, origin, params, body }) => setNodeImportance(deps, callerOf(actor!, origin), params.id, body, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chain-map/export',
    access: 'chainmap.read',
    summary: 'The N lists (gaps, leading, suppliers, pipeline, targets) as an Excel workbook',
    tags,
    query: exportQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const { buffer, rows } = await buildChainMapWorkbook(db(), actor!, query, deps.clock());
      await deps.audit.standalone(auditActorOf(actor!), origin, { action: 'chain-map.export', details: { ...query, nodes: rows } });
      const name = `产业链清单-${query.domain ?? '全部'}${query.zone ? `-${query.zone}` : ''}.xlsx`;
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(name));
      return reply.send(buffer);
    },
  });
}
