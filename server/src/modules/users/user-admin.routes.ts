import type { FastifyInstance } from 'fastify';
import {
  adminUserViewSchema,
  createUserBodySchema,
  createUserResponseSchema,
  pendingCredentialResetSchema,
  resetPasswordResponseSchema,
  userListQuerySchema,
  userPageSchema,
} from '../../../../contracts/admin.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { createUserAdminService, listAdminUsers, presentAdminUserWithLock } from './user-admin.service.ts';

export function registerUserAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createUserAdminService(deps);
  const tags = ['administration'];

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/admin/users',
    access: 'user.manage',
    summary: 'List accounts',
    tags,
    query: userListQuerySchema,
    responses: { 200: userPageSchema },
    handler: async ({ query }) => listAdminUsers(deps, query, query.page, query.pageSize),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/admin/users',
    access: 'user.manage',
    summary: 'Create an account with a temporary password (the role is assigned by the security administrator)',
    tags,
    body: createUserBodySchema,
    responses: { 201: createUserResponseSchema },
    handler: async ({ actor, origin, body, reply }) => {
      reply.code(201);
      return service.create(actor!, origin, body);
    },
  });

  const simpleActions = [
    ['disable', 'Disable an account and end its sessions (never one of the same administrator role, never the last of an administrator role)', service.disable],
    ['enable', 'Enable an account', service.enable],
    ['unlock', 'Lift a sign-in lockout', service.unlock],
  ] as const;
  for (const [name, summary, action] of simpleActions) {
    defineRoute(app, deps, {
      method: 'POST',
      url: `/api/admin/users/:id/${name}`,
      access: 'user.manage',
      summary,
      tags,
      params: idParamSchema,
      responses: { 200: adminUserViewSchema },
      handler: async ({ actor, origin, params }) => presentAdminUserWithLock(deps.database.db, await action(actor!, origin, params.id), deps.clock()),
    });
  }

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/admin/users/:id/reset-mfa',
    access: 'user.manage',
    summary: 'Remove the second factor so the user enrols again (an administrator account: a request for the security administrator to approve, 202)',
    tags,
    params: idParamSchema,
    responses: { 200: adminUserViewSchema, 202: pendingCredentialResetSchema },
    handler: async ({ actor, origin, params, reply }) => {
      const result = await service.resetMfa(actor!, origin, params.id);
      if (result.pending) return reply.code(202).send(result.pending);
      return presentAdminUserWithLock(deps.database.db, result.row!, deps.clock());
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/admin/users/:id/reset-password',
    access: 'user.manage',
    summary: 'Reset a password to a temporary one that must be changed at next sign-in (an administrator account: a request for the security administrator to approve, 202)',
    tags,
    params: idParamSchema,
    responses: { 200: resetPasswordResponseSchema, 202: pendingCredentialResetSchema },
    handler: async ({ actor, origin, params, reply }) => {
      const result = await service.resetPassword(actor!, origin, params.id);
      if (result.pending) return reply.code(202).send(result.pending);
      return { status: 'reset' as const, temporaryPassword: result.temporaryPassword! };
    },
  });
}

