/** What other features may use of `chains`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerChainRoutes } from './chain.routes.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const chainsFeature = defineFeature({
  name: 'chains',
  routes: registerChainRoutes,
  permissions: permissionsNamed('chain'),
  auditActions: auditActionsNamed('chain'),
  navigation: ['chains'],
});
