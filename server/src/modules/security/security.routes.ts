import type { FastifyInstance } from 'fastify';
import {
  adminUserViewSchema,
  approveCredentialResetResponseSchema,
  credentialResetListSchema,
  assignRoleBodySchema,
  roleListSchema,
  scopeOptionListSchema,
  scopeOptionsQuerySchema,
  securitySettingsSchema,
  userListQuerySchema,
  userPageSchema,
} from '../../../../contracts/admin.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import { ROLES, ROLE_LABELS, ROLE_SCOPE_KIND } from '../../../../contracts/roles.ts';
import type { AppDeps } from '../../app/deps.ts';
import { permissionsOfRole } from '../../app/permissions.ts';
import { defineRoute } from '../../app/route.ts';
import { listAdminUsers, presentAdminUserWithLock, createCredentialResetService } from '../users/index.ts';
import { createSecurityService } from './security.service.ts';

export function registerSecurityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createSecurityService(deps);
  const tags = ['security'];

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/users',
    access: 'security.manage',
    summary: 'List accounts with their roles and scopes',
    tags,
    query: userListQuerySchema,
    responses: { 200: userPageSchema },
    handler: async ({ query }) => listAdminUsers(deps, query, query.page, query.pageSize),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/security/users/:id/role',
    access: 'security.manage',
    summary: "Assign an account's role and scope",
    tags,
    params: idParamSchema,
    body: assignRoleBodySchema,
    responses: { 200: adminUserViewSchema },
    handler: async ({ actor, origin, params, body }) =>
      presentAdminUserWithLock(deps.database.db, await service.assignRole(actor!, origin, params.id, body.role, body.scopeId ?? null), deps.clock()),
  });

  const resets = createCredentialResetService(deps);
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/credential-resets',
    access: 'security.manage',
    summary: "Pending requests to reset an administrator account's password or second factor",
    tags,
    responses: { 200: credentialResetListSchema },
    handler: async () => ({ items: await resets.listPending() }),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/security/credential-resets/:id/approve',
    access: 'security.manage',
    summary: 'Approve and carry out a credential reset (a password reset returns the temporary password to the approver)',
    tags,
    params: idParamSchema,
    responses: { 200: approveCredentialResetResponseSchema },
    handler: async ({ actor, origin, params }) => resets.approve(actor!, origin, params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/security/credential-resets/:id/reject',
    access: 'security.manage',
    summary: 'Reject a credential reset request',
    tags,
    params: idParamSchema,
    handler: async ({ actor, origin, params }) => resets.reject(actor!, origin, params.id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/scope-options',
    access: 'security.manage',
    summary: 'Departments, zones or enterprises to choose a scope from (ids and names only)',
    tags,
    query: scopeOptionsQuerySchema,
    responses: { 200: scopeOptionListSchema },
    handler: async ({ query }) => ({ items: await service.scopeOptions(query.kind, query.q) }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/roles',
    access: 'security.manage',
    summary: 'Roles and the permissions each holds',
    tags,
    responses: { 200: roleListSchema },
    handler: async () => ({
      items: ROLES.map((role) => ({ role, nameZh: ROLE_LABELS[role].zh, nameEn: ROLE_LABELS[role].en, scopeKind: ROLE_SCOPE_KIND[role], permissions: permissionsOfRole(role) })),
    }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/security/settings',
    access: 'security.manage',
    summary: 'Security settings (password policy, lockout, sessions, second factor)',
    tags,
    responses: { 200: securitySettingsSchema },
    handler: async () => deps.settings.get(),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/security/settings',
    access: 'security.manage',
    summary: 'Change security settings',
    tags,
    body: securitySettingsSchema,
    responses: { 200: securitySettingsSchema },
    handler: async ({ actor, origin, body }) => service.saveSettings(actor!, origin, body),
  });
}
