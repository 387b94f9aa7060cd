/** Policy matching and 免申即享 (issue 14 §4). Other features use these entry points only. */
import './policy-application.attachments.ts';
export { registerPolicyMatchRoutes } from './policy-match.routes.ts';
export { policyEligibility } from './policy-match.service.ts';
export { registerPolicyOperationsRoutes } from './policy-operations.routes.ts';
export { policyApplicationAccess } from './policy-application.policy.ts';
