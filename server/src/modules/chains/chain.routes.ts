import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import { chainNodeInputSchema, chainNodeMembersSchema, chainNodeUpdateSchema, chainTemplateListSchema, chainTemplateUpdateSchema } from '../../../../contracts/chains.ts';
import { historyPageSchema, softDeleteResultSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { createChainService } from './chain.service.ts';

/** Industry-chain templates (one per domain) and their nodes; enterprises and projects map onto nodes. */
export function registerChainRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['chains'];
  const service = createChainService(deps);
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chains',
    access: 'chain.read',
    summary: 'Chain templates with nodes and, per node, the mapped enterprises/projects the caller may see',
    tags,
    responses: { 200: chainTemplateListSchema },
    handler: async ({ actor, origin }) => service.list(callerOf(actor!, origin)),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chains/nodes/:id',
    access: 'chain.read',
    summary: 'One node with the enterprises and projects mapped onto it (within the caller’s scopes)',
    tags,
    params: idParamSchema,
    responses: { 200: chainNodeMembersSchema },
    handler: async ({ actor, origin, params }) => service.members(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/chains/nodes/:id/history',
    access: 'chain.read',
    summary: 'Change history of one chain node',
    tags,
    params: idParamSchema,
    responses: { 200: historyPageSchema },
    handler: async ({ actor, origin, params }) => service.nodeHistory(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/chains/:id',
    access: 'chain.write',
    summary: 'Rename a chain template (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: chainTemplateUpdateSchema,
    responses: { 200: chainTemplateListSchema },
    handler: async ({ actor, origin, params, body }) => service.updateTemplate(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/chains/:id/nodes',
    access: 'chain.write',
    summary: 'Add a node to a chain template',
    tags,
    params: idParamSchema,
    body: chainNodeInputSchema,
    responses: { 200: chainTemplateListSchema },
    handler: async ({ actor, origin, params, body }) => service.addNode(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/chains/nodes/:id',
    access: 'chain.write',
    summary: 'Edit a chain node (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: chainNodeUpdateSchema,
    responses: { 200: chainTemplateListSchema },
    handler: async ({ actor, origin, params, body }) => service.updateNode(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/chains/nodes/:id',
    access: 'chain.write',
    summary: 'Remove a node from its template (soft)',
    tags,
    params: idParamSchema,
    responses: { 200: softDeleteResultSchema },
    handler: async ({ actor, origin, params }) => service.removeNode(callerOf(actor!, origin), params.id),
  });
}
