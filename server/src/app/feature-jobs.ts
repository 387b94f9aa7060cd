import { pruneJobHistoryJob, type JobDefinition } from '../modules/jobs/index.ts';

/** Every feature's scheduled and on-request jobs. A feature adds its jobs here (docs/ARCHITECTURE.md). */
export function featureJobs(): JobDefinition[] {
  return [pruneJobHistoryJob];
}
