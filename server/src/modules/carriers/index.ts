/** What other features may use of `carriers`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerCarrierRoutes } from './carrier.routes.ts';
export { canPlaceCarrierInZone, carrierAccess, carrierScope, carrierWriteScope } from './carrier.policy.ts';
export { findCarrier, listCarriers, occupantsOf, unsafeFindCarriers, type CarrierRow } from './carrier.repository.ts';

export { auditViewOfCarrier, carrierValuesOf, insertCarrier, notFoundCarrier, outOfZone, presentCarrier, updateCarrierRow } from './carrier.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const carriersFeature = defineFeature({
  name: 'carriers',
  routes: registerCarrierRoutes,
  permissions: permissionsNamed('carrier'),
  auditActions: auditActionsNamed('carrier', 'carriers'),
  navigation: ['carriers'],
});
