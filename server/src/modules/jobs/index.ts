/** The jobs feature (issue 10 §3, docs/decisions/0010-jobs.md): other modules import it through this file. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerJobRoutes } from './job.routes.ts';
import { databaseMaintenanceJob, pruneJobHistoryJob } from './housekeeping.jobs.ts';

export { createScheduler, type Scheduler } from './job.scheduler.ts';
export { vacuumAndAnalyse } from './housekeeping.jobs.ts';
export { createJobService } from './job.service.ts';
export type { JobContext, JobDefinition } from './job.types.ts';
export { presentJobRun } from './job.presenter.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const jobsFeature = defineFeature({
  name: 'jobs',
  routes: (app, deps, host) => registerJobRoutes(app, deps, host.scheduler),
  permissions: permissionsNamed('jobs'),
  jobs: [pruneJobHistoryJob, databaseMaintenanceJob],
  auditActions: auditActionsNamed('job'),
  navigation: ['operations'],
});
