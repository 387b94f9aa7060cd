/** What other features may use of `auth`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature } from '../../app/feature.ts';
import { registerAuthRoutes } from './auth.routes.ts';
export { endUserSessions, insertSession } from './session.repository.ts';
export { accountLockKeys, clearThrottle, lockedUntil } from './throttle.repository.ts';
export type { AuthService } from './auth.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const authFeature = defineFeature({
  name: 'auth',
  routes: (app, deps, host) => registerAuthRoutes(app, deps, host.auth),
  auditActions: auditActionsNamed('auth'),
});
