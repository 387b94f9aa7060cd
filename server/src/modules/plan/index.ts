/** What other features may use of `plan`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerPlanRoutes } from './plan.routes.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const planFeature = defineFeature({
  name: 'plan',
  routes: registerPlanRoutes,
  permissions: permissionsNamed('plan'),
  auditActions: auditActionsNamed('plan'),
  navigation: ['plan'],
});
