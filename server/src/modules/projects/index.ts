/** What other features may use of `projects`: they import it only through this file (app/module-boundaries.test.ts). */
export { initialStageDates, refusedHandOver, refusedOtherDepartment, stageAfterEdit } from './project-stage-edit.ts';
export { canAssignProjectDepartment, projectAccess, projectScope, projectWriteScope } from './project.policy.ts';
export { auditViewOfProject } from './project.presenter.ts';
export { findProjectRow, listProjects, unsafeEnterpriseIdsByUscc, unsafeFindProjectsByCode, type ProjectRow } from './project.repository.ts';
export { registerProjectRoutes } from './project.routes.ts';
export { auditView, generateProjectCode, insertProject, notFoundProject, projectValuesOf, updateProjectRow } from './project.service.ts';
