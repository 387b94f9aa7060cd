/** What other features may use of `users`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerUserAdminRoutes } from './user-admin.routes.ts';
export { createCredentialResetService } from './credential-reset.service.ts';
export { assertNotLastOfAdminRole, assertNotSameAdminRole } from './three-admins.policy.ts';
export { auditViewOfUser, listAdminUsers, presentAdminUserWithLock } from './user-admin.service.ts';
export { provisionUser } from './user-provisioning.ts';
export { presentUser } from './user.presenter.ts';
export { findUserById, findUserByUsername, recentPasswordHashes, unsafeScopeExists, type UserRow } from './user.repository.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const usersFeature = defineFeature({
  name: 'users',
  routes: registerUserAdminRoutes,
  permissions: permissionsNamed('user'),
  auditActions: auditActionsNamed('user'),
  navigation: ['users'],
});
