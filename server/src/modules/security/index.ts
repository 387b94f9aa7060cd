/** What other features may use of `security`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerSecurityRoutes } from './security.routes.ts';
import { rateLimitPruneJob } from './rate-limit-store.ts';
export { databaseRateLimitStore } from './rate-limit-store.ts';
export { createSecuritySettingsService, defaultSecuritySettings, isMfaRequired } from './security-settings.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const securityFeature = defineFeature({
  name: 'security',
  routes: registerSecurityRoutes,
  jobs: [rateLimitPruneJob],
  permissions: permissionsNamed('security'),
  auditActions: auditActionsNamed('security'),
  navigation: ['roles', 'securitySettings'],
});
