/** What other features may use of `reference`: they import it only through this file (app/module-boundaries.test.ts). */
import { defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerReferenceRoutes } from './reference.routes.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const referenceFeature = defineFeature({
  name: 'reference',
  routes: registerReferenceRoutes,
  permissions: permissionsNamed('reference'),
});
