/** Entry point of the attraction feature (issue 13 §3): candidates, targets, conversion, zone fit. */
export { registerAttractionRoutes } from './attraction.routes.ts';
export { candidateAccess, candidateScope, targetAccess, targetScope } from './attraction.policy.ts';
export { auditViewOfCandidate, insertCandidate, updateCandidateRow } from './candidate.service.ts';
export { listCandidates, findCandidate, unsafeFindCandidatesByCode } from './candidate.repository.ts';
export { computeZoneFit } from './zone-fit.service.ts';
export { signingsThatClosedGaps, type ClosedGapSigning } from './attraction-report.ts';
