import type { JobRunView, JobView } from '../../../../contracts/jobs.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { auditActorOf } from '../audit/index.ts';
import { lastRunOfEachJob, listRuns } from './job.repository.ts';
import { presentJob, presentJobRun } from './job.presenter.ts';
import type { Scheduler } from './job.scheduler.ts';

/** What the operations page and the command line read and do with jobs. */
export function createJobService(deps: Pick<AppDeps, 'database' | 'clock' | 'audit'>, scheduler: Scheduler) {
  return {
    async listJobs(): Promise<JobView[]> {
      const last = new Map((await lastRunOfEachJob(deps.database)).map((r) => [r.job, r]));
      return scheduler.jobs.map((job) => presentJob(job, last.get(job.name), deps.clock()));
    },
    async listRuns(filter: { job?: string | undefined; limit: number }): Promise<JobRunView[]> {
      return (await listRuns(deps.database, filter)).map(presentJobRun);
    },
    /** Starts a manual run (audited) and answers without waiting for its end. */
    async runJob(actor: Actor, origin: RequestOrigin, name: string): Promise<JobRunView> {
      if (!scheduler.jobs.some((j) => j.name === name)) throw errors.notFound('任务', 'job');
      const { run } = await scheduler.runNow(name, actor.userId);
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'job.run', outcome: 'success', objectType: 'job', objectId: name, details: { runId: Number(run.id) } });
      return presentJobRun(run);
    },
  };
}
