/** Policy matching and 免申即享 (issue 14 §4). Other features use these entry points only. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerPolicyMatchRoutes } from './policy-match.routes.ts';

export { policyEligibility } from './policy-match.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesPoliciesFeature = defineFeature({
  name: 'services-policies',
  routes: registerPolicyMatchRoutes,
  permissions: permissionsNamed('policy-match', 'policy-award'),
  auditActions: auditActionsNamed('policy-award'),
});
