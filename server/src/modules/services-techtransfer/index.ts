/** Technology transfer 成果转化 (issue 14 §3). Other features use these entry points only. */
export { registerTechTransferRoutes } from './techtransfer.routes.ts';
export { dealAccess, evaluationAccess, introductionAccess, listingAccess } from './techtransfer.policy.ts';
export { pushChallenge } from './challenge.service.ts';
