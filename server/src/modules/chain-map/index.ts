/** Entry point of the chain-map feature (issue 13). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerChainMapRoutes } from './chain-map.routes.ts';

export { computeChainMap, computeNodeLists, setNodeImportance } from './chain-map.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const chainMapFeature = defineFeature({
  name: 'chain-map',
  routes: registerChainMapRoutes,
  permissions: permissionsNamed('chainmap'),
  auditActions: auditActionsNamed('chain-map'),
  navigation: ['chainMap'],
});
