import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParamSchema } from '../../../../contracts/common.ts';
import { carrierDetailSchema, carrierInputSchema, carrierListQuerySchema, carrierPageSchema, carrierUpdateSchema, occupantInputSchema, occupantUpdateSchema } from '../../../../contracts/carriers.ts';
import { historyPageSchema, softDeleteResultSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf, todayIso } from '../registry-common/index.ts';
import { carrierScope } from './carrier.policy.ts';
import { listCarriers, occupantsOf } from './carrier.repository.ts';
import { createCarrierService, presentCarrier } from './carrier.service.ts';

const occupantParamSchema = z.object({ id: z.string().uuid(), occupantId: z.string().uuid() });

/** Carriers (孵化器 / 加速器 / 产业园 / 公共平台) with occupants and occupancy. */
export function registerCarrierRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['carriers'];
  const service = createCarrierService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carriers',
    access: 'carrier.read',
    summary: 'List carriers in the caller’s scope with occupancy',
    tags,
    query: carrierListQuerySchema,
    responses: { 200: carrierPageSchema },
    handler: async ({ actor, query }) => {
      const today = todayIso(deps.clock());
      const db = deps.database.db;
      const { items, total } = await listCarriers(db, carrierScope(actor!), query, query.page, query.pageSize, today);
      const occupants = await occupantsOf(db, items.map((i) => i.row.id));
      return { items: items.map((i) => presentCarrier(i, occupants, today)), total, page: query.page, pageSize: query.pageSize };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carriers/:id',
    access: 'carrier.read',
    summary: 'One carrier with its occupants (404 outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: carrierDetailSchema },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carriers/:id/history',
    access: 'carrier.read',
    summary: 'Change history of one carrier',
    tags,
    params: idParamSchema,
    responses: { 200: historyPageSchema },
    handler: async ({ actor, origin, params }) => service.history(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/carriers',
    access: 'carrier.write',
    summary: 'Record a carrier (a park committee: in its zone)',
    tags,
    body: carrierInputSchema,
    responses: { 201: carrierDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/carriers/:id',
    access: 'carrier.write',
    summary: 'Update a carrier (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: carrierUpdateSchema,
    responses: { 200: carrierDetailSchema },
    handler: async ({ actor, origin, params, body }) => {
      const { version, ...input } = body;
      return service.update(callerOf(actor!, origin), params.id, version, input);
    },
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/carriers/:id',
    access: 'carrier.delete',
    summary: 'Soft-delete a carrier (undo with restore)',
    tags,
    params: idParamSchema,
    responses: { 200: softDeleteResultSchema },
    handler: async ({ actor, origin, params }) => service.remove(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/carriers/:id/restore',
    access: 'carrier.delete',
    summary: 'Undo the deletion of a carrier',
    tags,
    params: idParamSchema,
    responses: { 200: carrierDetailSchema },
    handler: async ({ actor, origin, params }) => service.restore(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/carriers/:id/occupants',
    access: 'carrier.write',
    summary: 'Record an enterprise moving into a carrier (leased area, move-in date)',
    tags,
    params: idParamSchema,
    body: occupantInputSchema,
    responses: { 200: carrierDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.addOccupant(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/carriers/:id/occupants/:occupantId',
    access: 'carrier.write',
    summary: 'Update an occupancy (move-out date, leased area)',
    tags,
    params: occupantParamSchema,
    body: occupantUpdateSchema,
    responses: { 200: carrierDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.updateOccupant(callerOf(actor!, origin), params.id, params.occupantId, body),
  });
}
