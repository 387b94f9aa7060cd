import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  enterpriseDetailSchema,
  enterpriseInputSchema,
  enterpriseListQuerySchema,
  enterprisePageSchema,
  enterpriseUpdateSchema,
  mergeBodySchema,
  mergeResultSchema,
  revealedContactsSchema,
  similarEnterprisesSchema,
  similarQuerySchema,
} from '../../../../contracts/enterprises.ts';
import { historyPageSchema, softDeleteResultSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { mergeEnterprises } from './enterprise-merge.ts';
import { enterpriseScope } from './enterprise.policy.ts';
import { presentEnterprise } from './enterprise.presenter.ts';
import { listEnterprises } from './enterprise.repository.ts';
import { createEnterpriseService } from './enterprise.service.ts';

/** Enterprise registry (一企一档). Template, import and export are registered by the registry-io module. */
export function registerEnterpriseRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['enterprises'];
  const service = createEnterpriseService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises',
    access: 'enterprise.read',
    summary: 'List enterprises in the caller’s scope (search, filters, sort, pages)',
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
    url: '/api/enterprises/similar',
    access: 'enterprise.read',
    summary: 'Near-duplicate names among the enterprises in the caller’s scope',
    tags,
    query: similarQuerySchema,
    responses: { 200: similarEnterprisesSchema },
    handler: async ({ actor, origin, query }) => service.similar(callerOf(actor!, origin), query.name, query.excludeId),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises/:id',
    access: 'enterprise.read',
    summary: 'One enterprise’s profile (404 when outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: enterpriseDetailSchema },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/enterprises/:id/contacts/reveal',
    access: 'personal.reveal',
    summary: 'One enterprise’s contacts in the clear (shown masked elsewhere); each reveal is audited',
    tags,
    params: idParamSchema,
    responses: { 200: revealedContactsSchema },
    handler: async ({ actor, origin, params }) => service.revealContacts(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/enterprises/:id/history',
    access: 'enterprise.read',
    summary: 'Change history of one enterprise (its own fields only)',
    tags,
    params: idParamSchema,
    responses: { 200: historyPageSchema },
    handler: async ({ actor, origin, params }) => service.history(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/enterprises',
    access: 'enterprise.write',
    summary: 'Register an enterprise (a park committee: in its own zone)',
    tags,
    body: enterpriseInputSchema,
    responses: { 201: enterpriseDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/enterprises/:id',
    access: 'enterprise.write',
    summary: 'Update an enterprise (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: enterpriseUpdateSchema,
    responses: { 200: enterpriseDetailSchema },
    handler: async ({ actor, origin, params, body }) => {
      const { version, ...input } = body;
      return service.update(callerOf(actor!, origin), params.id, version, input);
    },
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/enterprises/:id',
    access: 'enterprise.delete',
    summary: 'Soft-delete an enterprise (undo with restore)',
    tags,
    params: idParamSchema,
    responses: { 200: softDeleteResultSchema },
    handler: async ({ actor, origin, params }) => service.remove(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/enterprises/:id/restore',
    access: 'enterprise.delete',
    summary: 'Undo the deletion of an enterprise',
    tags,
    params: idParamSchema,
    responses: { 200: enterpriseDetailSchema },
    handler: async ({ actor, origin, params }) => service.restore(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/enterprises/:id/merge',
    access: 'enterprise.merge',
    summary: 'Merge a duplicate record into this one',
    tags,
    params: idParamSchema,
    body: mergeBodySchema,
    responses: { 200: mergeResultSchema },
    handler: async ({ actor, origin, params, body }) => mergeEnterprises(deps, callerOf(actor!, origin), params.id, body.sourceId, body.version),
  });
}

