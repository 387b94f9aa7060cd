/** What other features may use of `departments`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerDepartmentRoutes } from './department.routes.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const departmentsFeature = defineFeature({
  name: 'departments',
  routes: registerDepartmentRoutes,
  permissions: permissionsNamed('department'),
  auditActions: auditActionsNamed('department'),
  navigation: ['departments'],
});
