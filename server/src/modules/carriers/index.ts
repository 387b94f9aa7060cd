/** What other features may use of `carriers`: they import it only through this file (app/module-boundaries.test.ts). */
export { canPlaceCarrierInZone, carrierAccess, carrierScope, carrierWriteScope } from './carrier.policy.ts';
export { findCarrier, listCarriers, occupantsOf, unsafeFindCarriers, type CarrierRow } from './carrier.repository.ts';
export { registerCarrierRoutes } from './carrier.routes.ts';
export { auditViewOfCarrier, carrierValuesOf, insertCarrier, notFoundCarrier, outOfZone, presentCarrier, updateCarrierRow } from './carrier.service.ts';
