/** What other features may use of `projects`: they import it only through this file (app/module-boundaries.test.ts). */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerProjectRoutes } from './project.routes.ts';
export { initialStageDates, refusedHandOver, refusedOtherDepartment, stageAfterEdit } from './project-stage-edit.ts';
export { canAssignProjectDepartment, projectAccess, projectScope, projectWriteScope } from './project.policy.ts';
export { auditViewOfProject } from './project.presenter.ts';
export { findProjectRow, listProjects, unsafeEnterpriseIdsByUscc, unsafeFindProjectsByCode, type ProjectRow } from './project.repository.ts';

export { auditView, generateProjectCode, insertProject, notFoundProject, projectValuesOf, updateProjectRow } from './project.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const projectsFeature = defineFeature({
  name: 'projects',
  routes: registerProjectRoutes,
  permissions: permissionsNamed('project'),
  auditActions: auditActionsNamed('project', 'projects'),
  navigation: ['projects'],
});
