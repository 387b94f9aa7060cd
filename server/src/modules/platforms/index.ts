/** What other features may use of `platforms`: they import it only through this file (app/module-boundaries.test.ts). */
export { platformAccess, platformScope, platformWriteScope } from './platform.policy.ts';
export { registerPlatformRoutes } from './platform.routes.ts';
export { auditViewOfPlatform, commissionOnlyPlatforms, insertPlatform, listPlatforms, notFoundPlatform, platformValuesOf, storedPlatformView, unsafeFindPlatforms, updatePlatformRow, type PlatformRow } from './platform.service.ts';
export { PLATFORM_PERSONAL } from './platform.service.ts';
