/** What other features may use of `platforms`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerPlatformRoutes } from './platform.routes.ts';
export { platformAccess, platformScope, platformWriteScope } from './platform.policy.ts';

export { auditViewOfPlatform, commissionOnlyPlatforms, insertPlatform, listPlatforms, notFoundPlatform, platformValuesOf, storedPlatformView, unsafeFindPlatforms, updatePlatformRow, type PlatformRow } from './platform.service.ts';
export { PLATFORM_PERSONAL } from './platform.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const platformsFeature = defineFeature({
  name: 'platforms',
  routes: registerPlatformRoutes,
  permissions: permissionsNamed('platform'),
  auditActions: auditActionsNamed('platform', 'platforms'),
  navigation: ['platforms'],
});
