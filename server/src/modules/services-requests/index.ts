/**
 * Enterprise requests 企业诉求 (issue 14 §5). Other features use these entry points only.
 *
 * `listRequestsPastSla` is the hook for the warnings engine: requests past their SLA are a warning kind.
 */
import type { Db } from '../../db/client.ts';
import { unsafeOverdueRequests, type OverdueRequest } from './request.repository.ts';
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerServiceRequestRoutes } from './request.routes.ts';
import { requestSlaJob } from './request-sla.job.ts';

export { providerPlatformOf, requestScope } from './request.policy.ts';
export { platformAccountIds } from './request.repository.ts';
export type { OverdueRequest } from './request.repository.ts';

/**
 * Every open request whose current step (acknowledge or resolve) is past its working-time limit at `now`,
 * with the step, its due instant and the handler it is routed to. Unscoped: the warnings engine evaluates the
 * whole district and scopes the warnings it opens.
 */
export function listRequestsPastSla(db: Db, now: Date): Promise<OverdueRequest[]> {
  return unsafeOverdueRequests(db, now);
}

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesRequestsFeature = defineFeature({
  name: 'services-requests',
  routes: registerServiceRequestRoutes,
  permissions: permissionsNamed('service-request'),
  jobs: [requestSlaJob],
  auditActions: auditActionsNamed('service-request', 'requests'),
  navigation: ['services'],
});
