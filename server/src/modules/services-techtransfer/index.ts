/** Technology transfer 成果转化 (issue 14 §3). Other features use these entry points only. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerTechTransferRoutes } from './techtransfer.routes.ts';

export { dealAccess, evaluationAccess, introductionAccess, listingAccess } from './techtransfer.policy.ts';
export { pushChallenge } from './challenge.service.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesTechTransferFeature = defineFeature({
  name: 'services-techtransfer',
  routes: registerTechTransferRoutes,
  permissions: permissionsNamed('techtransfer'),
  auditActions: auditActionsNamed('tech-listing', 'tech-introduction', 'tech-challenge', 'tech-evaluation', 'tech-deal'),
  navigation: ['techTransfer'],
});
