/** The jobs feature (issue 10 §3, docs/decisions/0010-jobs.md): other modules import it through this file. */
export { registerJobRoutes } from './job.routes.ts';
export { createScheduler, UnknownJobError, INTERRUPTED_ERROR, type Scheduler } from './job.scheduler.ts';
export { createJobService } from './job.service.ts';
export { insertRequest as requestOneOffJob } from './job.repository.ts';
export type { JobContext, JobDefinition } from './job.types.ts';
export { presentJobRun } from './job.presenter.ts';
export { pruneJobHistoryJob } from './housekeeping.jobs.ts';
