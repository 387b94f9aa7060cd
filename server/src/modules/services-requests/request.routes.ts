import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  requestAcceptSchema,
  requestCategoriesSchema,
  requestDetailSchema,
  requestListQuerySchema,
  requestPageSchema,
  requestRateSchema,
  requestReplySchema,
  requestSubmitSchema,
} from '../../../../contracts/services.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { requestScope } from './request.policy.ts';
import { presentRequest } from './request.presenter.ts';
import { listCategories, listRequests } from './request.repository.ts';
import { createRequestService } from './request.service.ts';
import { recurringThemes } from './request-themes.service.ts';
import { requestThemesSchema } from '../../../../contracts/services-operations.ts';

/** Enterprise requests 企业诉求 (issue 14 §5). */
export function registerServiceRequestRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const service = createRequestService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/request-themes',
    access: 'service-request.themes',
    summary: 'Recurring request themes per chain node (≥ 3 requests from ≥ 2 enterprises in 12 months), as proposals for task or policy revision',
    tags,
    responses: { 200: requestThemesSchema },
    handler: async ({ actor }) => recurringThemes(deps.database.db, actor!, deps.clock()),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/request-categories',
    access: 'service-request.read',
    summary: 'Request categories and where each is routed (routing rules are data)',
    tags,
    responses: { 200: requestCategoriesSchema },
    handler: async () => ({ items: await listCategories(deps.database.db) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/requests',
    access: 'service-request.read',
    summary: 'Requests in the caller’s scope (an enterprise its own, a handler those routed to it), newest first',
    tags,
    query: requestListQuerySchema,
    responses: { 200: requestPageSchema },
    handler: async ({ actor, query }) => {
      const now = deps.clock();
      const overdue = query.overdue === undefined ? undefined : query.overdue === 'true';
      const { items, total } = await listRequests(deps.database.db, requestScope(actor!), { status: query.status, overdue }, query.page, query.pageSize, now);
      return { items: items.map((i) => presentRequest(i, now)), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/requests/:id',
    access: 'service-request.read',
    summary: 'One request with its SLA clocks and history (404 outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: requestDetailSchema },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/requests',
    access: 'service-request.submit',
    summary: 'An enterprise submits a request; it is routed by its category and its SLA clocks start',
    tags,
    body: requestSubmitSchema,
    responses: { 201: requestDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.submit(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/requests/:id/accept',
    access: 'service-request.handle',
    summary: 'The handler acknowledges a request (with its plan)',
    tags,
    params: idParamSchema,
    body: requestAcceptSchema,
    responses: { 200: requestDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.accept(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/requests/:id/reply',
    access: 'service-request.handle',
    summary: 'The handler answers an accepted request',
    tags,
    params: idParamSchema,
    body: requestReplySchema,
    responses: { 200: requestDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.reply(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/requests/:id/rate',
    access: 'service-request.submit',
    summary: 'The enterprise rates the answer; below 3 of 5 reopens the case',
    tags,
    params: idParamSchema,
    body: requestRateSchema,
    responses: { 200: requestDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.rate(callerOf(actor!, origin), params.id, body),
  });
}
