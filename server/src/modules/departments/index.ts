/** What other features may use of `departments`: they import it only through this file (app/module-boundaries.test.ts). */
export { registerDepartmentRoutes } from './department.routes.ts';
