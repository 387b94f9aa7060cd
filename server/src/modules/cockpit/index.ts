/** Entry point of the cockpit page's combined answer (issue 17, first load). */
import { defineFeature } from '../../app/feature.ts';
import { registerCockpitPageRoutes } from './cockpit-page.routes.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature"). It
// declares no permission of its own: the combined answer asks each part's own permission (stats, warnings).
export const cockpitFeature = defineFeature({
  name: 'cockpit',
  routes: registerCockpitPageRoutes,
});
