/** Policy matching and 免申即享 (issue 14 §4). Other features use these entry points only. */
import './policy-application.attachments.ts';
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerPolicyMatchRoutes } from './policy-match.routes.ts';
import { registerPolicyOperationsRoutes } from './policy-operations.routes.ts';

export { policyEligibility } from './policy-match.service.ts';
export { policyApplicationAccess } from './policy-application.policy.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesPoliciesFeature = defineFeature({
  name: 'services-policies',
  routes: (app, deps) => {
    registerPolicyMatchRoutes(app, deps);
    registerPolicyOperationsRoutes(app, deps);
  },
  permissions: permissionsNamed('policy-match', 'policy-award', 'policy-application', 'policy-funds'),
  auditActions: auditActionsNamed('policy-award', 'policy-application'),
});
