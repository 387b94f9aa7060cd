/** What other features may use of `experts`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerExpertRoutes } from './expert.routes.ts';
export { canSeeExpertContacts, expertAccess, expertScope, expertWriteScope } from './expert.policy.ts';

export { auditViewOfExpert, commissionOnlyExperts, conflictsOf, expertValuesOf, insertExpert, listExperts, notFoundExpert, storedExpertView, unsafeFindExperts, updateExpertRow, type ExpertRow } from './expert.service.ts';
export { EXPERT_PERSONAL } from './expert.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const expertsFeature = defineFeature({
  name: 'experts',
  routes: registerExpertRoutes,
  permissions: permissionsNamed('expert'),
  auditActions: auditActionsNamed('expert', 'experts'),
  navigation: ['experts'],
});
