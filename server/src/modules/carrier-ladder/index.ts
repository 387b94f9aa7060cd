/**
 * The carrier ladder 孵化器 → 加速器 → 产业园 (issue 13 §4). Other features use only this entry point:
 * the warnings feature reads the leases ending soon for its `carrier-lease-expiring` rule.
 */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerCarrierLadderRoutes } from './carrier-ladder.routes.ts';

export { tenancyAccess } from './carrier-ladder.policy.ts';
export { unsafeLeasesEndingBy, type TenancyRow } from './carrier-ladder.repository.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const carrierLadderFeature = defineFeature({
  name: 'carrier-ladder',
  routes: registerCarrierLadderRoutes,
  permissions: permissionsNamed('carrier-move', 'carrier-ladder'),
  auditActions: auditActionsNamed('carrier-ladder'),
});
