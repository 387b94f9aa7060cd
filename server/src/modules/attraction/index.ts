/** Entry point of the attraction feature (issue 13 §3): candidates, targets, conversion, zone fit. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerAttractionRoutes } from './attraction.routes.ts';

export { candidateAccess, candidateScope, targetAccess, targetScope } from './attraction.policy.ts';
export { auditViewOfCandidate, insertCandidate, updateCandidateRow } from './candidate.service.ts';
export { listCandidates, findCandidate, unsafeFindCandidatesByCode } from './candidate.repository.ts';
export { computeZoneFit } from './zone-fit.service.ts';
export { signingsThatClosedGaps, type ClosedGapSigning } from './attraction-report.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
// The candidates' Excel routes (template, import, export) come from the registries' entity list (registry-io).
export const attractionFeature = defineFeature({
  name: 'attraction',
  routes: registerAttractionRoutes,
  permissions: permissionsNamed('candidate', 'attraction'),
  auditActions: auditActionsNamed('candidate', 'candidates', 'attraction'),
  navigation: ['attraction'],
});
