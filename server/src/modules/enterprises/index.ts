/**
 * What other features may use of the enterprises registry: its access rules, credit-code lookups within a
 * scope, the clear contacts of a stored row (they are stored sealed; see enterprise-contacts.ts) and the
 * pieces the registry import/export shares with the routes.
 */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerEnterpriseRoutes } from './enterprise.routes.ts';
export { canPlaceEnterpriseInZone, enterpriseAccess, enterpriseScope, enterpriseWriteScope } from './enterprise.policy.ts';
export { sealedContactColumns } from './enterprise-contacts.ts';
export { auditViewOfEnterprise, contactsOf } from './enterprise.presenter.ts';
export { chainNodesOf, enterpriseIdsByUsccInScope, findEnterpriseRow, listEnterprises, namesInScope, unsafeFindEnterprisesByUscc, type EnterpriseRow } from './enterprise.repository.ts';
export { insertEnterprise, nodeCodesOf, notFoundEnterprise, outOfScope, resolveEnterpriseInput, updateEnterpriseRow, usccTaken, type ResolvedEnterprise } from './enterprise.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const enterprisesFeature = defineFeature({
  name: 'enterprises',
  routes: registerEnterpriseRoutes,
  permissions: permissionsNamed('enterprise', 'personal'),
  auditActions: auditActionsNamed('enterprise', 'enterprises', 'personal'),
  navigation: ['enterprises'],
});
