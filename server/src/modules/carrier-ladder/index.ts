/**
 * The carrier ladder 孵化器 → 加速器 → 产业园 (issue 13 §4). Other features use only this entry point:
 * the warnings feature reads the leases ending soon for its `carrier-lease-expiring` rule.
 */
export { registerCarrierLadderRoutes } from './carrier-ladder.routes.ts';
export { tenancyAccess } from './carrier-ladder.policy.ts';
export { unsafeLeasesEndingBy, type TenancyRow } from './carrier-ladder.repository.ts';
