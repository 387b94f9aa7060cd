import type { JobDefinition } from '../modules/jobs/index.ts';
import { FEATURES } from './feature-routes.ts';

/**
 * Every feature's scheduled and on-request jobs, from the manifests of feature-routes.ts. A feature lists its
 * jobs in its manifest (`jobs` in modules/<feature>/index.ts), not here (docs/ARCHITECTURE.md).
 */
export function featureJobs(): JobDefinition[] {
  return FEATURES.flatMap((feature) => feature.jobs ?? []);
}
