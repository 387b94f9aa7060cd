import type { FastifyInstance } from 'fastify';
import { jobListSchema, jobNameParamSchema, jobRunListSchema, jobRunsQuerySchema, jobRunViewSchema } from '../../../../contracts/jobs.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import type { Scheduler } from './job.scheduler.ts';
import { createJobService } from './job.service.ts';

/** The operations page's jobs: the commission sees every job and its runs and may run one now. */
export function registerJobRoutes(app: FastifyInstance, deps: AppDeps, scheduler: Scheduler): void {
  const service = createJobService(deps, scheduler);
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/jobs',
    access: 'jobs.read',
    summary: 'Scheduled jobs with their next slot and last run',
    tags: ['jobs'],
    responses: { 200: jobListSchema },
    handler: async () => ({ items: await service.listJobs() }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/jobs/runs',
    access: 'jobs.read',
    summary: 'Recent job runs, newest first (start, end, outcome, error)',
    tags: ['jobs'],
    query: jobRunsQuerySchema,
    responses: { 200: jobRunListSchema },
    handler: async ({ query }) => ({ items: await service.listRuns(query) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/jobs/:name/run',
    access: 'jobs.run',
    summary: 'Run a job now (answers at once with the started run)',
    tags: ['jobs'],
    params: jobNameParamSchema,
    responses: { 202: jobRunViewSchema },
    handler: async ({ params, actor, origin, reply }) => {
      const run = await service.runJob(actor!, origin, params.name);
      reply.code(202);
      return run;
    },
  });
}
