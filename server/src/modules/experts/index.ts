/** What other features may use of `experts`: they import it only through this file (app/module-boundaries.test.ts). */
export { canSeeExpertContacts, expertAccess, expertScope, expertWriteScope } from './expert.policy.ts';
export { registerExpertRoutes } from './expert.routes.ts';
export { auditViewOfExpert, commissionOnlyExperts, conflictsOf, expertValuesOf, insertExpert, listExperts, notFoundExpert, storedExpertView, unsafeFindExperts, updateExpertRow, type ExpertRow } from './expert.service.ts';
export { EXPERT_PERSONAL } from './expert.service.ts';
