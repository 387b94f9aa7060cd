import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { idParamSchema } from '../../../../contracts/common.ts';
import { historyPageSchema, softDeleteResultSchema } from '../../../../contracts/registry-common.ts';
import type { Actor } from '../../app/actor.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { Permission } from '../../app/permissions.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf, type Caller } from './caller.ts';

/**
 * The seven routes every simple registry has (list, one, history, create, update, delete, restore), with
 * the same shape and order as the enterprise and project routes. The service decides scope; routes stay thin.
 */
export interface CrudSpec<Input, View> {
  base: string;
  tag: string;
  label: string;
  permissions: { read: Permission; write: Permission; delete: Permission };
  listQuery: z.ZodObject<z.ZodRawShape>;
  page: z.ZodType;
  view: z.ZodType;
  input: z.ZodType<Input>;
  update: z.ZodType<Input & { version: number }>;
  list: (actor: Actor, query: Record<string, unknown> & { page: number; pageSize: number }) => Promise<{ items: View[]; total: number }>;
  service: {
    get(caller: Caller, id: string): Promise<View>;
    history(caller: Caller, id: string): Promise<unknown>;
    create(caller: Caller, input: Input): Promise<View>;
    update(caller: Caller, id: string, version: number, input: Input): Promise<View>;
    remove(caller: Caller, id: string): Promise<unknown>;
    restore(caller: Caller, id: string): Promise<unknown>;
  };
}

export function registerCrudRoutes<Input, View>(app: FastifyInstance, deps: AppDeps, spec: CrudSpec<Input, View>): void {
  const tags = [spec.tag];
  const { base, permissions, service } = spec;
  defineRoute(app, deps, {
    method: 'GET',
    url: base,
    access: permissions.read,
    summary: `List ${spec.label} (search, filters, sort, pages)`,
    tags,
    query: spec.listQuery,
    responses: { 200: spec.page },
    handler: async ({ actor, query }) => {
      const q = query as Record<string, unknown> & { page: number; pageSize: number };
      const { items, total } = await spec.list(actor!, q);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/:id`,
    access: permissions.read,
    summary: `One ${spec.label} record`,
    tags,
    params: idParamSchema,
    responses: { 200: spec.view },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/:id/history`,
    access: permissions.read,
    summary: `Change history of one ${spec.label} record`,
    tags,
    params: idParamSchema,
    responses: { 200: historyPageSchema },
    handler: async ({ actor, origin, params }) => service.history(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: base,
    access: permissions.write,
    summary: `Record a ${spec.label} entry`,
    tags,
    body: spec.input,
    responses: { 201: spec.view },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body as Input);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: `${base}/:id`,
    access: permissions.write,
    summary: `Update a ${spec.label} entry (409 when the version is stale)`,
    tags,
    params: idParamSchema,
    body: spec.update,
    responses: { 200: spec.view },
    handler: async ({ actor, origin, params, body }) => {
      const { version, ...input } = body as Input & { version: number };
      return service.update(callerOf(actor!, origin), params.id, version, input as Input);
    },
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: `${base}/:id`,
    access: permissions.delete,
    summary: `Soft-delete a ${spec.label} entry (undo with restore)`,
    tags,
    params: idParamSchema,
    responses: { 200: softDeleteResultSchema },
    handler: async ({ actor, origin, params }) => service.remove(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/:id/restore`,
    access: permissions.delete,
    summary: `Undo the deletion of a ${spec.label} entry`,
    tags,
    params: idParamSchema,
    responses: { 200: spec.view },
    handler: async ({ actor, origin, params }) => service.restore(callerOf(actor!, origin), params.id),
  });
}
