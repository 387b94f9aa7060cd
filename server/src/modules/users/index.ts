/** What other features may use of `users`: they import it only through this file (app/module-boundaries.test.ts). */
export { createCredentialResetService } from './credential-reset.service.ts';
export { assertNotLastOfAdminRole, assertNotSameAdminRole } from './three-admins.policy.ts';
export { auditViewOfUser, listAdminUsers, presentAdminUserWithLock } from './user-admin.service.ts';
export { provisionUser } from './user-provisioning.ts';
export { presentUser } from './user.presenter.ts';
export { findUserById, findUserByUsername, recentPasswordHashes, scopeExists, type UserRow } from './user.repository.ts';
