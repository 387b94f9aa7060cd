import type { JobDefinition } from './job.types.ts';

/** Run history kept on the operations page; older rows are removed by the nightly job below. */
export const JOB_HISTORY_DAYS = 180;

/** The jobs feature's own job: keeps job_runs and job_requests from growing without end. */
export const pruneJobHistoryJob: JobDefinition = {
  name: 'job-history-prune',
  titleZh: '清理过期的任务运行记录',
  titleEn: 'Prune old job run records',
  schedule: '30 3 * * *',
  async run({ database, now }) {
    const before = new Date(now().getTime() - JOB_HISTORY_DAYS * 86_400_000);
    // A one-off request goes with its run (a request that never ran stays until it does).
    const requests = await database.query(
      `DELETE FROM job_requests q WHERE q.run_at < $1 AND EXISTS (SELECT 1 FROM job_runs r WHERE r.job = q.job AND r.slot_key = 'once:' || q.id AND r.status <> 'running') RETURNING id`,
      [before],
    );
    const runs = await database.query(`DELETE FROM job_runs WHERE status <> 'running' AND started_at < $1 RETURNING id`, [before]);
    return { runsDeleted: runs.length, requestsDeleted: requests.length };
  },
};
